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
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from upon.accounts import roles
from upon.accounts.models import SecondFactorReset, User
from upon.service.mail import send_templated

VERIFIED_KEY = "second_factor_epoch"
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


def pending_app(*, user: User) -> TOTPDevice:
    """The authenticator app being set up: one unconfirmed device, kept while the person
    reloads the page (so the QR code they scanned stays right)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def secret_in_text(device: TOTPDevice) -> str:
    """The key as an app asks for it when typed: base32, in groups of 4."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The set-up address as an inline SVG image, named for screen readers."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4, border=4, omitsize=False)
    return svg.replace(
        "<svg ",
        '<svg role="img" aria-label="QR code to scan with your authenticator app" ',
        1,
    )


def normalise(code: str) -> str:
    """What the person typed, without spaces or dashes, in lower case."""
    return "".join(code.split()).replace("-", "").lower()


def confirm_app(*, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with its current code: it replaces any earlier app, new recovery codes
    replace any earlier ones. The codes to show the person once, or None if the code is wrong."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if not device.verify_token(normalise(code)):
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
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
