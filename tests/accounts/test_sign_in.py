import pytest
from django.core.cache import cache

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many attempts to sign in. Wait 15 minutes and try again"
WRONG = "Enter the email address and password for your account"


@pytest.fixture
def person(db):
    return UserFactory(email="sam@example.org")


def sign_in(client, email, password, ip="192.0.2.1", **extra):
    return client.post(
        "/account/sign-in/", {"email": email, "password": password, **extra}, REMOTE_ADDR=ip
    )


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_sign_in_with_any_case_goes_home(client, person):
    response = sign_in(client, "Sam@EXAMPLE.org", PASSWORD)
    assert response.url == "/account/"
    assert signed_in_user_id(client) == str(person.pk)


def test_sign_in_page_renders_for_anonymous(client):
    response = client.get("/account/sign-in/")
    content = response.content.decode()
    assert "<title>Sign in – Upon</title>" in content
    assert 'href="/account/password-reset/"' in content
    assert 'href="/account/create/"' in content


def test_wrong_password_and_unknown_email_get_the_same_answer(client, person):
    wrong = sign_in(client, "sam@example.org", "not the password")
    unknown = sign_in(client, "nobody@example.org", "not the password")

    for response in (wrong, unknown):
        assert response.status_code == 200
        assert response.context["form"].errors == {"email": [WRONG]}
        assert "<title>Error: Sign in – Upon</title>" in response.content.decode()
    assert signed_in_user_id(client) is None
    # The email address typed is kept, and the summary links to its box.
    content = unknown.content.decode()
    assert 'value="nobody@example.org"' in content
    assert f'<a href="#id_email">{WRONG}</a>' in content


def test_blank_answers_get_govuk_errors(client):
    response = sign_in(client, "", "")
    assert response.context["form"].errors == {
        "email": ["Enter your email address"],
        "password": ["Enter your password"],
    }


def test_inactive_person_cannot_sign_in(client):
    UserFactory(email="gone@example.org", is_active=False)
    response = sign_in(client, "gone@example.org", PASSWORD)
    assert response.context["form"].errors == {"email": [WRONG]}


def test_next_is_honoured_for_a_path_on_this_site(client, person):
    response = sign_in(client, "sam@example.org", PASSWORD, next="/applications/")
    assert response.url == "/applications/"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example/path",
        "http://testserver.evil/",
        # Not a path: `redirect` would take these for URL names and fail after signing in.
        "home",
        "accounts:home",
        "applications/",
    ],
)
def test_next_to_another_site_is_ignored(client, person, target):
    response = sign_in(client, "sam@example.org", PASSWORD, next=target)
    assert response.status_code == 302
    assert response.url == "/account/"
    assert signed_in_user_id(client) == str(person.pk)


def test_a_signed_in_person_with_a_next_that_is_not_a_path_goes_home(client, person):
    client.force_login(person)
    assert client.get("/account/sign-in/?next=home").url == "/account/"


def test_the_next_address_is_carried_through_the_form(client):
    content = client.get("/account/sign-in/?next=/team/intakes/").content.decode()
    assert '<input type="hidden" name="next" value="/team/intakes/">' in content


def test_signed_in_person_visiting_sign_in_goes_on(client, person):
    client.force_login(person)
    assert client.get("/account/sign-in/?next=/applications/").url == "/applications/"


def test_sixth_attempt_for_an_email_is_refused_even_with_the_right_password(client, person):
    for attempt in range(5):
        response = sign_in(client, "sam@example.org", "wrong", ip=f"192.0.2.{attempt + 10}")
        assert response.context["form"].errors == {"email": [WRONG]}

    # Another IP address, another case: still the same email address.
    response = sign_in(client, "SAM@example.org", PASSWORD, ip="198.51.100.7")

    assert response.status_code == 200
    assert response.context["form"].errors == {"email": [TOO_MANY]}
    assert signed_in_user_id(client) is None


def test_after_the_window_the_right_password_works_again(client, person):
    for _ in range(5):
        sign_in(client, "sam@example.org", "wrong")
    assert sign_in(client, "sam@example.org", PASSWORD).context["form"].errors == {
        "email": [TOO_MANY]
    }

    cache.clear()  # the window's counts expire with their cache entries

    assert sign_in(client, "sam@example.org", PASSWORD).url == "/account/"
    assert signed_in_user_id(client) == str(person.pk)


def test_sixth_attempt_from_one_ip_address_is_refused_for_any_email(client, person):
    for attempt in range(5):
        sign_in(client, f"guess{attempt}@example.org", "wrong", ip="203.0.113.9")

    refused = sign_in(client, "sam@example.org", PASSWORD, ip="203.0.113.9")
    assert refused.context["form"].errors == {"email": [TOO_MANY]}

    elsewhere = sign_in(client, "sam@example.org", PASSWORD, ip="203.0.113.10")
    assert elsewhere.url == "/account/"


def test_limits_come_from_settings(client, person, settings):
    settings.SIGN_IN_ATTEMPTS = 2
    settings.SIGN_IN_WINDOW_SECONDS = 60 * 60
    sign_in(client, "sam@example.org", "wrong")
    sign_in(client, "sam@example.org", "wrong")
    response = sign_in(client, "sam@example.org", PASSWORD)
    assert response.context["form"].errors == {
        "email": ["Too many attempts to sign in. Wait 60 minutes and try again"]
    }


def test_five_failures_are_allowed(client, person):
    for _ in range(4):
        sign_in(client, "sam@example.org", "wrong")
    assert sign_in(client, "sam@example.org", PASSWORD).url == "/account/"


def test_a_right_password_resets_the_count_for_that_email(client, person):
    for _ in range(4):
        sign_in(client, "sam@example.org", "wrong", ip="192.0.2.1")
    sign_in(client, "sam@example.org", PASSWORD, ip="192.0.2.1")
    client.logout()
    for _ in range(4):
        sign_in(client, "sam@example.org", "wrong", ip="192.0.2.2")
    assert sign_in(client, "sam@example.org", PASSWORD, ip="192.0.2.2").url == "/account/"


def test_behind_the_proxy_the_last_forwarded_address_counts(client, person, settings):
    settings.HTTPS = True
    for attempt in range(5):
        # The client can forge the first entries; the proxy appends the real one.
        client.post(
            "/account/sign-in/",
            {"email": f"guess{attempt}@example.org", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}, 203.0.113.50",
            secure=True,
        )
    response = client.post(
        "/account/sign-in/",
        {"email": "sam@example.org", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.50",
        secure=True,
    )
    assert response.context["form"].errors == {"email": [TOO_MANY]}


def test_sign_out_is_post_only(client, person):
    client.force_login(person)
    assert client.get("/account/sign-out/").status_code == 405
    assert signed_in_user_id(client) == str(person.pk)

    response = client.post("/account/sign-out/")

    assert response.url == "/"
    assert signed_in_user_id(client) is None
