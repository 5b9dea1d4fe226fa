import pytest

from tests.accounts.conftest import link_in
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW = "a brand new passphrase"


@pytest.fixture
def person(db):
    return UserFactory(email="sam@example.org", full_name="Sam Smith")


def test_reset_sends_a_link_built_from_site_url(client, person, mailoutbox):
    response = client.post("/account/password-reset/", {"email": "SAM@example.org"})

    assert response.url == "/account/password-reset/sent/"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["sam@example.org"]
    assert message.subject == "Reset your password for Upon"
    assert message.body.startswith("Dear Sam Smith,\n")
    assert "expires after 2 hours" in message.body
    link_in(message, "/account/password-reset/")


def test_reset_for_an_unknown_email_shows_the_same_page_and_sends_nothing(client, mailoutbox):
    response = client.post("/account/password-reset/", {"email": "nobody@example.org"})
    assert response.url == "/account/password-reset/sent/"
    assert mailoutbox == []


def test_reset_needs_a_well_formed_email(client):
    response = client.post("/account/password-reset/", {"email": "sam"})
    assert response.context["form"].errors == {
        "email": ["Enter an email address in the correct format, like name@example.com"]
    }


def test_following_the_reset_link_sets_a_new_password_once(client, person, mailoutbox):
    client.post("/account/password-reset/", {"email": "sam@example.org"})
    link = link_in(mailoutbox[0], "/account/password-reset/")

    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    assert "Choose a new password" in form_page.content.decode()

    weak = client.post(set_url, {"new_password1": "short", "new_password2": "short"})
    assert weak.context["form"].errors == {
        "new_password1": ["Your password must be 10 characters or more"]
    }

    response = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})

    assert response.url == "/account/password-reset/complete/"
    person.refresh_from_db()
    assert person.check_password(NEW)
    used = client.get(link, follow=True)
    assert "This link has expired or has already been used" in used.content.decode()


def test_change_password_needs_the_current_one(client, person):
    client.force_login(person)

    wrong = client.post(
        "/account/password/",
        {"old_password": "nope", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.context["form"].errors == {
        "old_password": ["Your current password is not correct"]
    }

    mismatch = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW + "x"},
    )
    assert mismatch.context["form"].errors == {"new_password2": ["The passwords do not match"]}

    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.url == "/account/password/changed/"
    person.refresh_from_db()
    assert person.check_password(NEW)
    # Still signed in: the session hash was updated.
    assert client.get("/account/").status_code == 200


def test_change_password_asks_anonymous_people_to_sign_in(client):
    assert client.get("/account/password/").url == "/account/sign-in/?next=/account/password/"
