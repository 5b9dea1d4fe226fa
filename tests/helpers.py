"""Helpers for tests in any app."""

import contextlib
import re
import uuid

from django.db import connections

WRITE = re.compile(
    r"^\s*(?:/\*.*?\*/\s*)*(INSERT|UPDATE|DELETE|REPLACE|MERGE|TRUNCATE|CREATE|DROP|ALTER)\b",
    re.IGNORECASE | re.DOTALL,
)


@contextlib.contextmanager
def assert_no_writes():
    """Fail if the block writes anything to any database.

    Every statement run inside the block is checked, on every configured connection; the
    failure lists each write. Nothing is exempt, not even the session table: a GET by a signed
    in person reads their session and saves it only when something changed it, so a page that
    writes the session on GET is doing something it should not (sign in before the block).
    """
    writes: list[str] = []

    def watch(execute, sql, params, many, context):
        if WRITE.match(sql):
            writes.append(sql)
        return execute(sql, params, many, context)

    with contextlib.ExitStack() as stack:
        for connection in connections.all():
            stack.enter_context(connection.execute_wrapper(watch))
        yield writes
    assert not writes, f"{len(writes)} database write(s):\n" + "\n".join(writes)


def assert_saved_once(client, url, data, queryset, *, times: int = 10, files=None):
    """Post the same form (one submission token) `times` times: exactly one thing is saved,
    and every answer sends the person to the same place. Returns the answers."""
    token = str(uuid.uuid4())
    before = queryset.count()
    answers = []
    for _ in range(times):
        posted = {**data, "submission": token}
        for name, make in (files or {}).items():
            posted[name] = make()  # an upload is read once, so each post gets its own
        answers.append(client.post(url, posted))
    assert [answer.status_code for answer in answers] == [302] * times
    assert queryset.count() == before + 1
    assert len({answer.url for answer in answers}) == 1
    return answers


def give_authenticator_app(user, *, key: str | None = None):
    """The person has set up an authenticator app (a confirmed TOTP device, with `key` in hex
    if given), as `second_factor.confirm_app` leaves them, without spending a code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from upon.accounts.models import User

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        extra = {"key": key} if key else {}
        device = TOTPDevice.objects.create(
            user=user, name="Authenticator app", confirmed=True, **extra
        )
        User.objects.filter(pk=user.pk).update(second_factor_on=True)
        user.second_factor_on = True
    return device


def pass_second_factor(client, user):
    """What entering a right code does (django_otp.login and the verified mark): this test
    client's session, already signed in as `user`, is past the second factor. Gives the person
    an authenticator app first if they have none."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from upon.accounts.models import User
    from upon.accounts.second_factor import VERIFIED_KEY

    device = give_authenticator_app(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[VERIFIED_KEY] = User.objects.values_list("second_factor_epoch", flat=True).get(
        pk=user.pk
    )
    session.save()


def current_code(device, *, after_last_used: bool = True) -> str:
    """The code the person's app shows now; if that time step was used already (a code works
    once), the next step's code, which the device still accepts (tolerance 1)."""
    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if after_last_used and totp.t() <= device.last_t:
        totp.drift += device.last_t + 1 - totp.t()
    return f"{totp.token():0{device.digits}d}"
