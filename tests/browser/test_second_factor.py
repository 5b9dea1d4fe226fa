"""Browser journeys: a team member sets up an authenticator app, signs out, signs in with a
code, then with a recovery code; the lead resets a person's second factor. axe-core and the Nu
Html Checker on every page."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, error_summary, set_up_authenticator_app
from tests.factories import PASSWORD, ProgrammeFactory, RoleAssignmentFactory
from tests.helpers import current_code, give_authenticator_app
from upon.accounts.models import Role

pytestmark = pytest.mark.django_db(transaction=True)

CODE_LABEL = "Enter the code from your authenticator app"


def password_step(page, email):
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    click_and_wait(page, page.get_by_role("button", name="Sign in"))


def test_a_team_member_sets_up_then_signs_in_with_a_code_and_a_recovery_code(page):
    person = RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM, user__full_name="Tess Team", user__email="tess@example.org"
    ).user

    password_step(page, "tess@example.org")
    assert page.url.endswith("/account/second-factor/set-up/")
    assert page.get_by_role("img", name="QR code to scan with your authenticator app").is_visible()
    assert_accessible(page)
    page.get_by_label("Code from your authenticator app").fill("000000")
    click_and_wait(page, page.get_by_role("button", name="Continue"))
    assert error_summary(page) == [
        ("Enter the code your authenticator app shows now for Upon", "#id_code")
    ]
    codes = set_up_authenticator_app(page)
    assert len(codes) == 10
    assert page.url.endswith("/account/")
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    # With the app's code.
    password_step(page, "tess@example.org")
    assert page.url.endswith("/account/sign-in/code/")
    assert_accessible(page)
    page.get_by_label(CODE_LABEL).fill("123456")
    click_and_wait(page, page.get_by_role("button", name="Continue"))
    assert error_summary(page) == [
        (
            "Enter the current code from your authenticator app, or an unused recovery code",
            "#id_code",
        )
    ]
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=person)
    page.get_by_label(CODE_LABEL).fill(current_code(device))
    click_and_wait(page, page.get_by_role("button", name="Continue"))
    assert page.url.endswith("/account/")
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    # With a recovery code, as if the device were lost.
    password_step(page, "tess@example.org")
    page.get_by_label(CODE_LABEL).fill(codes[0])
    click_and_wait(page, page.get_by_role("button", name="Continue"))
    assert page.url.endswith("/account/")
    assert "You used a recovery code. You have 9 left" in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto("/account/second-factor/")
    assert_accessible(page)


def test_the_lead_resets_a_persons_second_factor(page):

    programme = ProgrammeFactory(name="Aspiring Directors North")
    lead = RoleAssignmentFactory(
        role=Role.PROGRAMME_LEAD, programme=programme, user__email="lee@example.org"
    ).user
    coach = RoleAssignmentFactory(
        role=Role.COACH, programme=programme, user__full_name="Cal Coach"
    ).user
    give_authenticator_app(coach)

    sign_in(page, lead.email, PASSWORD)
    page.goto("/account/team/people/")
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Reset second factor of Cal Coach"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Reset second factor"))

    assert page.url.endswith("/account/team/people/")
    assert_accessible(page)
    coach.refresh_from_db()
    assert coach.second_factor_on is False
