"""The second factor: a code from an authenticator app (TOTP), or a single-use recovery code.

Required for the roles in `roles.SECOND_FACTOR_ROLES` (the team, its lead, reviewers, coaches);
anyone else may turn it on from their account page, and then must use it too.

A session is verified when `VERIFIED_KEY` in it holds the person's `second_factor_epoch`: set
by `mark_verified` once a code is accepted, read by `SecondFactorMiddleware` from the session
and the user row the request loads anyway, so a verified request costs no query. A reset by the
programme lead raises the epoch, so every session verified before it signs out.

Devices are django-otp's: one confirmed `TOTPDevice` (the app) and one `StaticDevice` whose
tokens are the recovery codes (each deleted when used). `User.second_factor_on` says whether
the confirmed app exists, so the middleware need not look.
"""

import secrets
from base64 import b32encode
from urllib.parse import urlencode

import django_otp
import segno
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from upon.accounts import roles
from upon.accounts.models import SecondFactorReset, User
from upon.service.mail import send_templated

VERIFIED_KEY = "second_factor_epoch"
SET_UP_SALT = "upon.accounts.second_factor.set_up"
SET_UP_MAX_AGE = 60 * 60  # a set-up page left open longer starts again with a new key
RECOVERY_CODE_COUNT = 10
APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
# Lower-case letters and digits without the ones read as each other (0/o, 1/l/i).
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


# --- what a session needs ---------------------------------------------------------------------

VERIFIED = "verified"
NOT_NEEDED = "not needed"
MUST_VERIFY = "must verify"
MUST_SET_UP = "must set up"
STALE = "stale"  # verified before a reset: sign out


def session_state(request) -> str:
    """Where this signed-in session stands on the second factor (see the module's docstring)."""
    user = request.user
    verified_at = request.session.get(VERIFIED_KEY)
    if verified_at is not None and verified_at != user.second_factor_epoch:
        return STALE
    if verified_at is not None and user.second_factor_on:
        return VERIFIED
    if user.second_factor_on:
        return MUST_VERIFY
    if roles.needs_second_factor(user):
        # Also a session verified before its person turned the app off and then was given
        # a role that needs one.
        return MUST_SET_UP
    return VERIFIED if verified_at is not None else NOT_NEEDED


NEXT_STEP = {
    MUST_VERIFY: "accounts:second_factor_verify",
    MUST_SET_UP: "accounts:second_factor_set_up",
}


def next_step_url(state: str, next_url: str = "") -> str:
    """The page a session in this state goes to (to enter a code, or to set up the app),
    carrying on to `next_url` afterwards."""
    url = reverse(NEXT_STEP[state])
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def mark_verified(request, device) -> None:
    """The person has given a right code: the session is verified, under a new key."""
    request.session.cycle_key()
    django_otp.login(request, device)
    request.session[VERIFIED_KEY] = request.user.second_factor_epoch


# --- setting up -------------------------------------------------------------------------------


def new_app_key() -> str:
    """A new secret for an authenticator app (hex, as django-otp keeps it). Nothing is saved
    until the person confirms it with a code: the set-up page carries it, signed, in its form."""
    return default_key()


def sign_app_key(*, user: User, key: str) -> str:
    return signing.dumps({"user": user.pk, "key": key}, salt=SET_UP_SALT)


def unsign_app_key(*, user: User, signed: str) -> str | None:
    """The key a set-up page for this person showed, if the form is theirs and recent."""
    try:
        data = signing.loads(signed, salt=SET_UP_SALT, max_age=SET_UP_MAX_AGE)
    except signing.BadSignature:
        return None
    return data["key"] if data.get("user") == user.pk else None


def _unsaved_app(*, user: User, key: str) -> TOTPDevice:
    return TOTPDevice(user=user, name=APP_NAME, key=key, confirmed=True)


def secret_in_text(*, user: User, key: str) -> str:
    """The key as an app asks for it when typed: base32, in groups of 4."""
    text = b32encode(_unsaved_app(user=user, key=key).bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_code_svg(*, user: User, key: str) -> str:
    """The set-up address as an inline SVG image, named for screen readers."""
    address = _unsaved_app(user=user, key=key).config_url
    svg = segno.make(address, error="m").svg_inline(scale=4, border=4, omitsize=False)
    return svg.replace(
        "<svg ", '<svg role="img" aria-label="QR code to scan with your authenticator app" ', 1
    )


def normalise(code: str) -> str:
    """What the person typed, without spaces or dashes, in lower case."""
    return "".join(code.split()).replace("-", "").lower()


def confirm_app(*, user: User, key: str, code: str) -> list[str] | None:
    """Confirm the app with its current code: it replaces any earlier app, and new recovery
    codes replace any earlier ones. The codes to show the person once; None if the code is
    wrong (nothing is saved then)."""
    device = _unsaved_app(user=user, key=key)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    code = normalise(code)
    if not (code.isdigit() and totp.verify(int(code), tolerance=device.tolerance)):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device.last_t = totp.t()  # the code just used does not work again
        device.drift = totp.drift
        device.save()
        codes = new_recovery_codes(user=user)
        User.objects.filter(pk=user.pk).update(second_factor_on=True)
        user.second_factor_on = True
    return codes


def _recovery_code() -> str:
    return "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))


def show_recovery_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def new_recovery_codes(*, user: User) -> list[str]:
    """Ten new single-use codes, replacing any earlier ones. Returned as shown to the person."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
        codes = [_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [show_recovery_code(code) for code in codes]


def recovery_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user).count()


# --- signing in -------------------------------------------------------------------------------


def check_code(*, user: User, code: str):
    """The device that accepts this code (the app's current code, or an unused recovery code,
    which is then spent), or None."""
    code = normalise(code)
    if not code:
        return None
    with transaction.atomic():
        if code.isdigit():
            devices = TOTPDevice.objects.filter(user=user, confirmed=True)
        else:
            devices = StaticDevice.objects.filter(user=user, confirmed=True)
        for device in devices.select_for_update():
            if device.verify_token(code):
                return device
    return None


# --- turning off and resetting ----------------------------------------------------------------


def _remove_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def turn_off(*, user: User) -> None:
    """A person who does not need a second factor stops using it (from their account page)."""
    if roles.needs_second_factor(user):
        raise ValueError("Staff must keep their second factor")
    with transaction.atomic():
        _remove_devices(user)
        User.objects.filter(pk=user.pk).update(second_factor_on=False)
    user.second_factor_on = False


def reset(*, user: User, by: User, programme) -> SecondFactorReset:
    """The lead resets a person's second factor (their app and recovery codes are lost): the
    devices go, every session they have signs out, they are emailed, and they set it up again
    at their next sign-in. Recorded with who and when."""
    with transaction.atomic():
        _remove_devices(user)
        User.objects.filter(pk=user.pk).update(
            second_factor_on=False, second_factor_epoch=user.second_factor_epoch + 1
        )
        user.refresh_from_db(fields=["second_factor_on", "second_factor_epoch"])
        record = SecondFactorReset.objects.create(
            user=user, reset_by=by, programme=programme, reset_at=timezone.now()
        )
    send_templated(
        to=user.email,
        template="accounts/emails/second_factor_reset.txt",
        context={"user": user, "by": by, "programme": programme},
    )
    return record
