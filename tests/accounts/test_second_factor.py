"""The second factor: who must have one, setting it up, signing in with a code or a recovery
code, throttling, and the lead's reset (upon/accounts/second_factor.py)."""

import re
from base64 import b32decode

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import (
    PASSWORD,
    IntakeFactory,
    ProgrammeFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from tests.helpers import current_code, give_authenticator_app
from upon.accounts import second_factor
from upon.accounts.models import Role, SecondFactorReset, User

SET_UP = "/account/second-factor/set-up/"
VERIFY = "/account/sign-in/code/"
KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key, in hex
pytestmark = pytest.mark.django_db

MOMENT = "2026-11-03 09:00:00+00:00"


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(MOMENT, tick=False)


def sign_in_with_password(client, user, next_url=""):
    data = {"email": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/account/sign-in/", data)


def code_for(key_hex: str, *, steps_ahead: int = 0) -> str:
    totp = TOTP(bytes.fromhex(key_hex), drift=steps_ahead)
    return f"{totp.token():06d}"


def key_on_page(response) -> str:
    """The secret the set-up page shows in text, back in hex."""
    text = re.search(r'<code id="secret-key">([A-Z2-7 ]+)</code>', response.content.decode())[1]

    return b32decode(text.replace(" ", "")).hex()


def holder(role):
    intake = IntakeFactory() if role in (Role.REVIEWER, Role.PARTICIPANT) else None
    programme = intake.programme if intake else ProgrammeFactory()
    return RoleAssignmentFactory(role=role, programme=programme, intake=intake).user


@pytest.mark.parametrize(
    "role", [Role.PROGRAMME_TEAM, Role.PROGRAMME_LEAD, Role.REVIEWER, Role.COACH]
)
def test_staff_without_an_app_are_sent_to_set_it_up_and_reach_nothing_else(client, role):
    user = holder(role)

    response = sign_in_with_password(client, user, next_url="/account/invitations/")

    assert response.url == SET_UP + "?next=%2Faccount%2Finvitations%2F"
    assert client.get("/account/").url == SET_UP + "?next=%2Faccount%2F"
    assert client.get("/team/").url == SET_UP + "?next=%2Fteam%2F"
    assert client.post("/account/password/").url == SET_UP  # a POST is not carried on
    assert client.get(VERIFY).url == SET_UP
    assert client.get(SET_UP).status_code == 200
    assert client.post("/account/sign-out/").url == "/"


@pytest.mark.parametrize("role", [Role.PARTICIPANT, None])
def test_others_sign_in_with_a_password_alone(client, role):
    user = holder(role) if role else UserFactory()  # None: an applicant, who holds no role

    response = sign_in_with_password(client, user)

    assert response.url == "/account/"
    assert client.get("/account/").status_code == 200
    assert client.get(VERIFY).url == "/account/"


def test_setting_up_the_app_then_recovery_codes_shown_once(client):
    user = holder(Role.COACH)
    sign_in_with_password(client, user, next_url="/account/")
    session_before = client.session.session_key

    page = client.get(SET_UP + "?next=%2Faccount%2F")
    content = page.content.decode()
    key = key_on_page(page)
    assert '<svg role="img" aria-label="QR code to scan with your authenticator app"' in content
    assert TOTPDevice.objects.count() == 0  # showing the page saves nothing
    signed = page.context["form"].signed_key

    wrong = client.post(SET_UP, {"key": signed, "code": "000000", "next": "/account/"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors == {
        "code": ["Enter the code your authenticator app shows now for Upon"]
    }
    assert key_on_page(wrong) == key  # the key the person scanned stays
    assert TOTPDevice.objects.count() == 0

    right = client.post(SET_UP, {"key": signed, "code": code_for(key), "next": "/account/"})

    assert right.url == "/account/second-factor/recovery-codes/?next=%2Faccount%2F"
    device = TOTPDevice.objects.get()
    assert (device.user, device.key, device.confirmed) == (user, key, True)
    user.refresh_from_db()
    assert user.second_factor_on is True
    assert client.session.session_key != session_before  # the session key rotates
    codes_page = client.get(right.url)
    codes = re.findall(
        r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", codes_page.content.decode()
    )
    assert len(set(codes)) == 10
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(
        code.replace("-", "") for code in codes
    )
    assert 'href="/account/"' in codes_page.content.decode()
    assert client.get("/account/second-factor/recovery-codes/").url == "/account/second-factor/"
    assert client.get("/account/").status_code == 200


def test_a_set_up_form_signed_for_someone_else_gets_a_new_key(client):
    user, other = holder(Role.COACH), UserFactory()
    other_signed = second_factor.sign_app_key(user=other, key=KEY)
    sign_in_with_password(client, user)

    response = client.post(SET_UP, {"key": other_signed, "code": code_for(KEY)})

    assert response.status_code == 200
    assert key_on_page(response) != KEY
    assert TOTPDevice.objects.count() == 0


def test_a_person_with_an_app_enters_its_code(client):
    user = holder(Role.PROGRAMME_TEAM)
    give_authenticator_app(user, key=KEY)

    response = sign_in_with_password(client, user, next_url="/team/")
    assert response.url == VERIFY + "?next=%2Fteam%2F"
    assert client.get("/account/").url == VERIFY + "?next=%2Faccount%2F"
    assert client.get(SET_UP).url == VERIFY  # no second app without the first one's code

    wrong = client.post(VERIFY, {"code": "123456", "next": "/team/"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors == {
        "code": ["Enter the current code from your authenticator app, or an unused recovery code"]
    }
    assert "<title>Error: Enter the code from your authenticator app" in wrong.content.decode()
    assert client.get("/account/").url == VERIFY + "?next=%2Faccount%2F"
    blank = client.post(VERIFY, {"code": ""})
    assert blank.context["form"].errors == {"code": ["Enter the code from your authenticator app"]}

    session_before = client.session.session_key
    right = client.post(VERIFY, {"code": code_for(KEY), "next": "/team/"})

    assert right.url == "/team/"
    assert client.session.session_key != session_before
    assert client.get("/account/").status_code == 200


def test_a_code_works_once(client):
    user = holder(Role.REVIEWER)
    give_authenticator_app(user, key=KEY)
    sign_in_with_password(client, user)
    client.post(VERIFY, {"code": code_for(KEY)})
    client.post("/account/sign-out/")

    sign_in_with_password(client, user)
    again = client.post(VERIFY, {"code": code_for(KEY)})

    assert again.status_code == 200
    assert client.post(VERIFY, {"code": code_for(KEY, steps_ahead=1)}).url == "/account/"


def test_a_participant_with_an_app_must_enter_its_code_too(client):
    user = holder(Role.PARTICIPANT)
    give_authenticator_app(user, key=KEY)

    assert sign_in_with_password(client, user).url == VERIFY
    assert client.get("/account/").url == VERIFY + "?next=%2Faccount%2F"


def test_codes_are_throttled_like_passwords(client, settings, time_machine):
    user = holder(Role.PROGRAMME_LEAD)
    give_authenticator_app(user, key=KEY)
    sign_in_with_password(client, user)
    for _ in range(settings.SIGN_IN_ATTEMPTS):
        client.post(VERIFY, {"code": "000000"})

    refused = client.post(VERIFY, {"code": code_for(KEY)})

    assert refused.context["form"].errors == {
        "code": ["Too many attempts to sign in. Wait 1 second and try again"]
    }
    assert client.get("/account/").url == VERIFY + "?next=%2Faccount%2F"
    time_machine.shift(2)
    assert client.post(VERIFY, {"code": code_for(KEY)}).url == "/account/"


def test_a_recovery_code_works_once(client):
    user = holder(Role.COACH)
    give_authenticator_app(user, key=KEY)
    codes = second_factor.new_recovery_codes(user=user)
    sign_in_with_password(client, user)

    used = client.post(VERIFY, {"code": codes[3].upper().replace("-", " ")}, follow=True)

    assert used.redirect_chain == [("/account/", 302)]
    assert "You used a recovery code. You have 9 left" in used.content.decode()
    assert second_factor.recovery_codes_left(user=user) == 9
    client.post("/account/sign-out/")
    sign_in_with_password(client, user)
    assert client.post(VERIFY, {"code": codes[3]}).status_code == 200
    assert client.post(VERIFY, {"code": codes[4]}).url == "/account/"


def test_anyone_may_turn_it_on_and_off_but_staff_keep_it(client):
    participant = holder(Role.PARTICIPANT)
    client.force_login(participant)
    page = client.get("/account/second-factor/")
    assert "Set up an authenticator app" in page.content.decode()
    signed = client.get(SET_UP).context["form"].signed_key
    key = second_factor.unsign_app_key(user=participant, signed=signed)
    client.post(SET_UP, {"key": signed, "code": code_for(key)})
    participant.refresh_from_db()
    assert participant.second_factor_on is True

    assert client.post("/account/second-factor/turn-off/").url == "/account/second-factor/"
    participant.refresh_from_db()
    assert participant.second_factor_on is False
    assert TOTPDevice.objects.filter(user=participant).count() == 0
    assert StaticToken.objects.filter(device__user=participant).count() == 0

    coach = holder(Role.COACH)
    client.force_login(coach)
    client.post("/account/second-factor/turn-off/")
    coach.refresh_from_db()
    assert coach.second_factor_on is True


def test_new_recovery_codes_replace_the_old(client):
    user = holder(Role.PROGRAMME_TEAM)
    client.force_login(user)
    old = second_factor.new_recovery_codes(user=user)

    shown = client.post("/account/second-factor/recovery-codes/new/", follow=True)

    new = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", shown.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert second_factor.recovery_codes_left(user=user) == 10


# --- the lead's reset -------------------------------------------------------------------------


@pytest.fixture
def person_role(programme):
    """A coach of the programme, signed in elsewhere with their app (which they then lose)."""
    role = RoleAssignmentFactory(role=Role.COACH, programme=programme, user__full_name="Cal Coach")
    give_authenticator_app(role.user, key=KEY)
    second_factor.new_recovery_codes(user=role.user)
    return role


def reset_url(role):
    return f"/account/team/roles/{role.pk}/reset-second-factor/"


def test_the_lead_resets_a_persons_second_factor(client, programme, person_role, lead):
    person = person_role.user
    their_browser = client.__class__()
    their_browser.force_login(person)
    assert their_browser.get("/account/").status_code == 200
    client.force_login(lead)

    page = client.get(reset_url(person_role))
    assert page.context["person"] == person
    assert "their authenticator app and recovery codes will stop working" in page.content.decode()
    response = client.post(reset_url(person_role))

    assert response.url == "/account/team/people/"
    person.refresh_from_db()
    assert (person.second_factor_on, person.second_factor_epoch) == (False, 1)
    assert TOTPDevice.objects.filter(user=person).count() == 0
    assert StaticToken.objects.filter(device__user=person).count() == 0
    record = SecondFactorReset.objects.get()
    assert (record.user, record.reset_by, record.programme, record.reset_at) == (
        person,
        lead,
        programme,
        timezone.now(),
    )
    [email] = mail.outbox
    assert email.to == [person.email]
    assert email.subject == "Your second factor on Upon has been reset"
    assert "Lee Lead, the lead of Aspiring Directors North" in email.body
    # Their session, verified before, is signed out; signing in again means setting it up.
    assert their_browser.get("/account/").url == "/account/sign-in/"
    assert "_auth_user_id" not in their_browser.session
    assert sign_in_with_password(their_browser, person).url == SET_UP


def test_only_the_programmes_lead_may_reset(client, programme, person_role, team, outsider):
    other_lead = RoleAssignmentFactory(role=Role.PROGRAMME_LEAD).user
    reviewer = holder(Role.REVIEWER)
    for user, status in ((team, 403), (other_lead, 404), (outsider, 403), (reviewer, 403)):
        client.force_login(user)
        assert client.get(reset_url(person_role)).status_code == status, user
        assert client.post(reset_url(person_role)).status_code == status, user
    assert SecondFactorReset.objects.count() == 0
    assert User.objects.get(pk=person_role.user.pk).second_factor_on is True
    client.logout()
    assert client.get(reset_url(person_role)).url.startswith("/account/sign-in/")


def test_people_shows_who_has_a_second_factor_and_the_leads_links(
    client, programme, person_role, lead, team
):
    client.force_login(team)
    as_team = client.get("/account/team/people/").content.decode()
    client.force_login(lead)
    as_lead = client.get("/account/team/people/").content.decode()

    assert "Cal Coach" in as_team and "Cal Coach" in as_lead
    assert reset_url(person_role) not in as_team
    assert reset_url(person_role) in as_lead


@pytest.mark.parametrize("count", [1, 3])
def test_people_list_queries_do_not_grow(client, programme, lead, count, django_assert_num_queries):
    for _ in range(count):
        RoleAssignmentFactory(role=Role.COACH, programme=programme)
    client.force_login(lead)  # on the team and its lead: two roles of its own
    with django_assert_num_queries(5):
        response = client.get("/account/team/people/")
    assert len(response.context["page"].object_list) == count + 2


def test_current_code_helper_skips_a_used_step(db):
    user = UserFactory()
    device = give_authenticator_app(user, key=KEY)
    assert device.verify_token(current_code(device))
    assert device.verify_token(current_code(device))  # the next step's code
