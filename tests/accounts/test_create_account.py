import pytest
from django.core import mail

from tests.accounts.conftest import link_in
from tests.factories import PASSWORD, UserFactory
from upon.accounts.models import EmailConfirmation, User
from upon.accounts.tokens import hash_token

pytestmark = pytest.mark.django_db

GOOD = {
    "full_name": "Ada Lovelace",
    "email": "Ada.Lovelace@Example.ORG",
    "password1": "a long unusual passphrase",
    "password2": "a long unusual passphrase",
}


def test_create_account_stores_lower_case_email_unconfirmed_and_sends_link(client, mailoutbox):
    response = client.post("/account/create/", GOOD)

    assert response.status_code == 302
    assert response.url == "/account/create/check-your-email/"
    user = User.objects.get()
    assert (user.email, user.full_name, user.email_confirmed_at) == (
        "ada.lovelace@example.org",
        "Ada Lovelace",
        None,
    )
    assert user.check_password("a long unusual passphrase")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ada.lovelace@example.org"]
    assert message.subject == "Confirm your email address for Upon"
    assert "Dear Ada Lovelace," in message.body
    assert "expires after 3 days" in message.body
    token = link_in(message, "/account/confirm/").split("/")[3]
    confirmation = EmailConfirmation.objects.get()
    # Only the hash is stored, never the token itself.
    assert confirmation.token_hash == hash_token(token)
    assert token not in confirmation.token_hash
    assert (confirmation.expires_at - confirmation.created_at).days == 3


def test_check_your_email_page_names_the_address(client):
    client.post("/account/create/", GOOD)
    response = client.get("/account/create/check-your-email/")
    assert response.status_code == 200
    assert "We have sent an email to <strong>ada.lovelace@example.org</strong>" in (
        response.content.decode()
    )


def test_check_your_email_without_creating_goes_to_create(client):
    response = client.get("/account/create/check-your-email/")
    assert response.url == "/account/create/"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "", "Enter your full name"),
        ("email", "", "Enter your email address"),
        (
            "email",
            "not-an-email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        ("password1", "", "Enter a password"),
        ("password2", "", "Confirm your password"),
    ],
)
def test_missing_or_wrong_answers_get_govuk_errors(client, mailoutbox, field, value, message):
    response = client.post("/account/create/", {**GOOD, field: value})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field] == [message]
    assert User.objects.count() == 0
    assert mailoutbox == []
    content = response.content.decode()
    assert "<title>Error: Create an account – Upon</title>" in content
    assert f'<a href="#id_{field}">{message}</a>' in content


@pytest.mark.parametrize(
    ("password", "messages"),
    [
        ("short1x", ["Your password must be 10 characters or more"]),
        ("password123", ["Your password is too easy to guess. Choose a different one"]),
        (
            "12345678901234",
            ["Your password must not be only numbers"],
        ),
        ("ada.lovelace@example", ["Your password must not be like your name or email address"]),
    ],
)
def test_password_validators_speak_govuk(client, password, messages):
    response = client.post(
        "/account/create/", {**GOOD, "password1": password, "password2": password}
    )
    assert response.context["form"].errors["password1"] == messages


def test_passwords_that_do_not_match(client):
    response = client.post("/account/create/", {**GOOD, "password2": "something else entirely"})
    assert response.context["form"].errors == {"password2": ["The passwords do not match"]}


def test_bad_input_keeps_what_was_typed_except_passwords(client):
    response = client.post("/account/create/", {**GOOD, "password2": "different passphrase!"})
    content = response.content.decode()
    assert 'value="Ada Lovelace"' in content
    assert 'value="Ada.Lovelace@Example.ORG"' in content
    assert "a long unusual passphrase" not in content


def test_existing_email_in_any_case_gets_the_same_page_and_an_email_to_its_owner(
    client, mailoutbox
):
    owner = UserFactory(email="ada.lovelace@example.org", full_name="The Real Ada")

    response = client.post("/account/create/", GOOD)

    # Same redirect as a new account: the page does not reveal the address has an account.
    assert response.url == "/account/create/check-your-email/"
    assert User.objects.count() == 1
    owner.refresh_from_db()
    assert owner.full_name == "The Real Ada"
    assert owner.check_password(PASSWORD)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ada.lovelace@example.org"]
    assert mailoutbox[0].subject == "You already have an account on Upon"
    assert "http://testserver/account/sign-in/" in mailoutbox[0].body
    assert "http://testserver/account/password-reset/" in mailoutbox[0].body
    assert EmailConfirmation.objects.count() == 0


def test_signed_in_people_are_sent_home(client):
    client.force_login(UserFactory())
    assert client.get("/account/create/").url == "/account/"


def test_new_account_can_sign_in_before_confirming(client):
    client.post("/account/create/", GOOD)
    mail.outbox.clear()
    response = client.post(
        "/account/sign-in/",
        {"email": "ADA.LOVELACE@example.org", "password": "a long unusual passphrase"},
    )
    assert response.url == "/account/"
    home = client.get("/account/").content.decode()
    assert "Confirm your email address" in home
    assert "You cannot submit an application until you select it" in home
