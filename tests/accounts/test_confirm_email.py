import datetime

import pytest
from django.utils import timezone

from tests.accounts.conftest import link_in
from tests.factories import UserFactory
from upon.accounts import services
from upon.accounts.models import EmailConfirmation

LIFETIME_3_DAYS = datetime.timedelta(days=3)

pytestmark = pytest.mark.django_db


@pytest.fixture
def unconfirmed(db):
    return UserFactory(email="new@example.org", full_name="New Person", email_confirmed_at=None)


@pytest.fixture
def link(unconfirmed, mailoutbox):
    services.send_confirmation(user=unconfirmed)
    return link_in(mailoutbox[-1], "/account/confirm/")


def test_the_link_shows_a_button_and_does_not_confirm_on_get(client, unconfirmed, link):
    # Mail scanners follow links; only the POST from the button spends it.
    response = client.get(link)
    assert response.status_code == 200
    assert "Confirm email address</button>" in response.content.decode()
    unconfirmed.refresh_from_db()
    assert unconfirmed.email_confirmed_at is None


def test_posting_the_link_confirms_and_sends_to_sign_in(client, unconfirmed, link):
    before = timezone.now()
    response = client.post(link)

    assert response.url == "/account/sign-in/"
    unconfirmed.refresh_from_db()
    assert before <= unconfirmed.email_confirmed_at <= timezone.now()
    confirmation = EmailConfirmation.objects.get()
    assert confirmation.used_at == unconfirmed.email_confirmed_at
    page = client.get(response.url).content.decode()
    assert "Your email address is confirmed" in page


def test_signed_in_person_confirming_goes_home_without_the_banner(client, unconfirmed, link):
    client.force_login(unconfirmed)
    assert "Send a new link" in client.get("/account/").content.decode()

    response = client.post(link)

    assert response.url == "/account/"
    assert "Send a new link" not in client.get("/account/").content.decode()


def test_the_link_works_once(client, unconfirmed, link):
    client.post(link)
    first_confirmed = EmailConfirmation.objects.get().used_at

    for method in (client.get, client.post):
        response = method(link)
        assert response.status_code == 410
        assert "This link has already been used" in response.content.decode()
    assert EmailConfirmation.objects.get().used_at == first_confirmed


def test_the_link_expires_after_three_days(client, unconfirmed, link):
    EmailConfirmation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.post(link)

    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    unconfirmed.refresh_from_db()
    assert unconfirmed.email_confirmed_at is None


def test_expiry_is_three_days_from_sending(unconfirmed, link):
    confirmation = EmailConfirmation.objects.get()
    assert confirmation.expires_at == confirmation.created_at + LIFETIME_3_DAYS
    token = link.split("/")[3]
    just_before = confirmation.expires_at - datetime.timedelta(seconds=1)
    assert services.find_confirmation(token=token, now=just_before) == confirmation
    with pytest.raises(services.ExpiredLink):
        services.find_confirmation(token=token, now=confirmation.expires_at)


def test_an_unknown_link_is_404(client, unconfirmed, link):
    response = client.post("/account/confirm/not-a-real-token/")
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


def test_resend_sends_a_new_working_link(client, unconfirmed, link, mailoutbox):
    client.force_login(unconfirmed)

    response = client.post("/account/confirm/resend/")

    assert response.url == "/account/"
    assert len(mailoutbox) == 2
    new_link = link_in(mailoutbox[1], "/account/confirm/")
    assert new_link != link
    assert mailoutbox[1].to == ["new@example.org"]
    assert EmailConfirmation.objects.count() == 2
    assert "We have sent a new link to new@example.org" in client.get("/account/").content.decode()
    client.post(new_link)
    unconfirmed.refresh_from_db()
    assert unconfirmed.email_confirmed_at is not None


def test_resend_when_confirmed_sends_nothing(client, mailoutbox):
    client.force_login(UserFactory())
    response = client.post("/account/confirm/resend/")
    assert response.url == "/account/"
    assert mailoutbox == []


def test_resend_is_post_only_and_for_signed_in_people(client, unconfirmed):
    assert client.post("/account/confirm/resend/").url == (
        "/account/sign-in/?next=/account/confirm/resend/"
    )
    client.force_login(unconfirmed)
    assert client.get("/account/confirm/resend/").status_code == 405
