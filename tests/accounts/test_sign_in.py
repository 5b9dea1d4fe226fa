import pytest

from tests.factories import PASSWORD, UserFactory
from upon.accounts import throttle

pytestmark = pytest.mark.django_db

WAIT = "Too many attempts to sign in. Wait %s and try again"
NETWORK = "Too many attempts to sign in from your network. Wait %s and try again"
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


def fail(client, times, email="sam@example.org", ip="192.0.2.1"):
    for _ in range(times):
        response = sign_in(client, email, "wrong", ip=ip)
        assert response.context["form"].errors == {"email": [WRONG]}


def test_five_failures_are_free(client, person, stopped_clock):
    fail(client, 4)
    assert sign_in(client, "sam@example.org", PASSWORD).url == "/account/"


def test_after_five_failures_the_next_attempt_waits_a_second_even_with_the_right_password(
    client, person, stopped_clock, time_machine
):
    fail(client, 5)

    # Another IP address, another case: still the same account.
    response = sign_in(client, "SAM@example.org", PASSWORD, ip="198.51.100.7")
    assert response.status_code == 200
    assert response.context["form"].errors == {"email": [WAIT % "1 second"]}
    assert signed_in_user_id(client) is None

    time_machine.shift(1.5)
    assert sign_in(client, "sam@example.org", PASSWORD).url == "/account/"
    assert signed_in_user_id(client) == str(person.pk)


def test_each_further_failure_doubles_the_wait_up_to_the_maximum(
    client, person, stopped_clock, time_machine
):
    fail(client, 5)
    waits = []
    for _ in range(8):
        time_machine.shift(120)  # past any wait
        fail(client, 1)
        waits.append(sign_in(client, "sam@example.org", PASSWORD).context["form"].errors)
    assert [w["email"][0] for w in waits] == [
        WAIT % "2 seconds",
        WAIT % "4 seconds",
        WAIT % "8 seconds",
        WAIT % "16 seconds",
        WAIT % "32 seconds",
        WAIT % "60 seconds",  # settings.SIGN_IN_MAX_DELAY_SECONDS
        WAIT % "60 seconds",
        WAIT % "60 seconds",
    ]
    # Never a lock: after the longest wait the right password works.
    time_machine.shift(61)
    assert sign_in(client, "sam@example.org", PASSWORD).url == "/account/"


def test_a_right_password_clears_the_count(client, person, stopped_clock, time_machine):
    fail(client, 5)
    time_machine.shift(2)
    sign_in(client, "sam@example.org", PASSWORD)
    client.logout()
    fail(client, 4)
    assert sign_in(client, "sam@example.org", PASSWORD).url == "/account/"


def test_a_few_typos_in_a_busy_office_do_not_shut_the_office_out(client, person, stopped_clock):
    office = "203.0.113.9"
    for n in range(20):  # twenty colleagues, one typo each
        fail(client, 1, email=f"colleague{n}@example.org", ip=office)
    assert sign_in(client, "sam@example.org", PASSWORD, ip=office).url == "/account/"


def test_one_address_trying_many_accounts_is_stopped_at_its_limit(
    client, person, settings, stopped_clock, time_machine
):
    settings.SIGN_IN_ADDRESS_ATTEMPTS = 10
    for n in range(10):
        fail(client, 1, email=f"guess{n}@example.org", ip="203.0.113.9")
    refused = sign_in(client, "sam@example.org", PASSWORD, ip="203.0.113.9")
    assert refused.context["form"].errors == {"email": [NETWORK % "15 minutes"]}
    assert sign_in(client, "sam@example.org", PASSWORD, ip="203.0.113.10").url == "/account/"
    client.logout()
    time_machine.shift(15 * 60 + 1)  # the window has passed
    assert sign_in(client, "sam@example.org", PASSWORD, ip="203.0.113.9").url == "/account/"


def test_limits_come_from_settings(client, person, settings, stopped_clock):
    settings.SIGN_IN_ATTEMPTS = 1
    settings.SIGN_IN_MAX_DELAY_SECONDS = 1
    fail(client, 1)
    assert sign_in(client, "sam@example.org", PASSWORD).context["form"].errors == {
        "email": [WAIT % "1 second"]
    }


PROXY = "10.0.0.2"


@pytest.mark.parametrize(
    ("trusted", "forwarded", "counted"),
    [
        # No proxy trusted: X-Forwarded-For is the client's own say, ignored.
        ([], "198.51.100.1", PROXY),
        # Through a trusted proxy: the last address it did not add itself.
        ([PROXY], "10.9.9.9, 198.51.100.1", "198.51.100.1"),
        ([PROXY, "172.16.0.0/12"], "198.51.100.1, 172.16.5.5", "198.51.100.1"),
        ([PROXY], "", PROXY),
    ],
)
def test_the_forwarded_address_counts_only_through_a_trusted_proxy(
    rf, settings, trusted, forwarded, counted
):
    settings.TRUSTED_PROXIES = trusted
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert throttle.client_ip(request) == counted


def test_a_forged_forwarded_address_cannot_dodge_the_address_limit(
    client, person, settings, stopped_clock
):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.SIGN_IN_ADDRESS_ATTEMPTS = 5
    for attempt in range(5):
        # The client forges the first entries; the proxy appends the real one.
        client.post(
            "/account/sign-in/",
            {"email": f"guess{attempt}@example.org", "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt + 100}, 203.0.113.50",
        )
    response = client.post(
        "/account/sign-in/",
        {"email": "sam@example.org", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.50",
    )
    assert response.context["form"].errors == {"email": [NETWORK % "15 minutes"]}


def test_sign_out_is_post_only(client, person):
    client.force_login(person)
    assert client.get("/account/sign-out/").status_code == 405
    assert signed_in_user_id(client) == str(person.pk)

    response = client.post("/account/sign-out/")

    assert response.url == "/"
    assert signed_in_user_id(client) is None
