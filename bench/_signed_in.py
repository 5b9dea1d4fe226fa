"""A test client signed in as a person, past the second factor if their roles need one (as a
right code leaves a session: upon/accounts/second_factor.py), so a bench measures the page and
not the redirect to the code page. A staff person with no authenticator app is given one in the
bench's database first. Private (`_`): not a bench of its own."""

from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from upon.accounts import roles
from upon.accounts.models import User
from upon.accounts.second_factor import APP_NAME, VERIFIED_KEY


def signed_in_client(user=None) -> Client:
    client = Client()
    if user is None:
        return client
    client.force_login(user)
    if not (user.second_factor_on or roles.needs_second_factor(user)):
        return client
    if not user.second_factor_on:
        TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": APP_NAME})
        User.objects.filter(pk=user.pk).update(second_factor_on=True)
        user.second_factor_on = True
    session = client.session
    session[VERIFIED_KEY] = User.objects.values_list("second_factor_epoch", flat=True).get(
        pk=user.pk
    )
    session.save()
    return client
