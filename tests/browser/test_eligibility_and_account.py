"""Browser journeys: the public pages, the eligibility check and creating an account.

Each journey runs axe-core on every page it reaches, error pages included.
"""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import (
    active_element,
    assert_accessible_without_js,
    click_and_wait,
    error_summary,
    link_in_email,
    press_and_load,
    tab_to,
    text_of,
)
from tests.factories import PASSWORD, IntakeFactory, UserFactory
from upon.accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True)

YEARS_QUESTION = "How many years of senior leadership and management experience do you have?"
YEARS_TITLE = f"{YEARS_QUESTION} – Check if you can apply – Upon"
SERVICE_NAME = "Apply for the Aspiring Directors of Children's Services programme"


@pytest.fixture
def intake(authorities):
    return IntakeFactory(name="2026 to 2027 intake", slug="2026-to-2027")


@pytest.fixture
def site_url(settings, live_server):
    # Links in emails are built from SITE_URL: point it at the live server.
    settings.SITE_URL = live_server.url
    return live_server.url


def heading(page) -> str:
    return page.locator("h1").inner_text()


def open_eligibility_check(page, intake, check=assert_accessible) -> None:
    """Start page -> the intake's page -> "Check if you can apply" -> the first question.

    `check` runs axe-core: assert_accessible_without_js on a page without JavaScript."""
    page.goto("/")
    assert heading(page) == SERVICE_NAME
    check(page)
    start = page.get_by_role("button", name=re.compile(f"^Start now ?: {intake.name}$"))
    click_and_wait(page, start)
    assert urlparse(page.url).path == f"/intakes/{intake.slug}/"
    assert heading(page) == intake.name
    check(page)
    click_and_wait(page, page.get_by_role("button", name="Check if you can apply"))
    assert urlparse(page.url).path == f"/intakes/{intake.slug}/eligibility/leadership-years/"
    assert heading(page) == YEARS_QUESTION
    assert page.title() == YEARS_TITLE
    check(page)


def answer_radio(page, question: str, answer: str, check=assert_accessible) -> None:
    assert heading(page) == question
    check(page)
    page.get_by_label(answer, exact=True).check()
    click_and_wait(page, page.get_by_role("button", name="Continue"))


def answer_remaining_questions(
    page, role_level: str = "Assistant director or head of service", check=assert_accessible
):
    for question, answer in [
        ("Which sector do you work in?", "Local government children's services"),
        ("What level is your current role?", role_level),
        ("Could you become a director of children's services in three to five years?", "Yes"),
        ("Does your employer support your application?", "Yes"),
    ]:
        answer_radio(page, question, answer, check)


def test_eligible_person_checks_then_creates_an_account_and_signs_in(
    page, intake, site_url, mailoutbox
):
    open_eligibility_check(page, intake)

    # Bad input once: the error names the field, links to it and keeps what was typed.
    years = page.get_by_label(YEARS_QUESTION)
    years.fill("two")
    click_and_wait(page, page.get_by_role("button", name="Continue"))
    assert page.title() == f"Error: {YEARS_TITLE}"
    assert error_summary(page) == [("Years must be a whole number", "#id_leadership_years")]
    assert text_of(page.locator("#id_leadership_years-error")) == (
        "Error: Years must be a whole number"
    )
    assert years.input_value() == "two"
    assert_accessible(page)
    page.get_by_role(
        "link", name="Years must be a whole number"
    ).click()  # an in-page link: no navigation
    assert active_element(page)["id"] == "id_leadership_years"

    years.fill("5")
    click_and_wait(page, page.get_by_role("button", name="Continue"))
    answer_remaining_questions(page)

    assert urlparse(page.url).path == f"/intakes/{intake.slug}/eligibility/result/"
    assert heading(page) == "You can apply"
    assert page.title() == "You can apply – Check if you can apply – Upon"
    assert_accessible(page)
    start = page.get_by_role("button", name="Start your application")
    apply_path = f"/intakes/{intake.slug}/apply/"
    assert start.get_attribute("href") == apply_path

    click_and_wait(page, start)
    # Signed out: to sign in first, carrying on to the application afterwards.
    assert (urlparse(page.url).path, parse_qs(urlparse(page.url).query)) == (
        "/account/sign-in/",
        {"next": [apply_path]},
    )
    assert heading(page) == "Sign in"
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Create an account"))
    assert heading(page) == "Create an account"
    assert_accessible(page)
    page.get_by_label("Full name").fill("Alex Applicant")
    page.get_by_label("Email address").fill("Alex.Applicant@Example.org")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    click_and_wait(page, page.get_by_role("button", name="Create account"))

    assert urlparse(page.url).path == "/account/create/check-your-email/"
    assert heading(page) == "Check your email"
    assert page.locator("main strong").inner_text() == "alex.applicant@example.org"
    assert_accessible(page)
    user = User.objects.get()
    assert (user.email, user.full_name, user.email_confirmed_at) == (
        "alex.applicant@example.org",
        "Alex Applicant",
        None,
    )

    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["alex.applicant@example.org"], "Confirm your email address for Upon")
    ]
    page.goto(link_in_email(mailoutbox[0]))
    assert heading(page) == "Confirm your email address"
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Confirm email address"))

    # Not signed in yet: to sign in, still on the way to the application.
    assert urlparse(page.url).path == "/account/sign-in/"
    assert page.locator(".govuk-notification-banner__heading").inner_text() == (
        "Your email address is confirmed"
    )
    assert_accessible(page)
    user.refresh_from_db()
    assert user.email_confirmed_at is not None

    page.get_by_label("Email address").fill("alex.applicant@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    click_and_wait(page, page.get_by_role("button", name="Sign in"))
    # Lands where they were going, signed in.
    assert urlparse(page.url).path == apply_path
    assert heading(page) == "Before you start your application"
    assert page.get_by_role("button", name="Sign out").is_visible()
    assert page.get_by_role("link", name="Sign in").count() == 0


def test_person_with_one_year_is_told_exactly_why_they_cannot_apply(page, intake):
    open_eligibility_check(page, intake)
    page.get_by_label(YEARS_QUESTION).fill("1")
    click_and_wait(page, page.get_by_role("button", name="Continue"))
    answer_remaining_questions(page)

    assert heading(page) == "You cannot apply to this intake"
    assert page.title() == "You cannot apply to this intake – Check if you can apply – Upon"
    assert page.locator("main ul.govuk-list--bullet li").all_inner_texts() == [
        "You need at least 3 years of senior leadership experience. You told us 1. You could "
        "apply to a future intake, or ask the programme team about other leadership programmes."
    ]
    assert page.get_by_role("button", name="Start your application").count() == 0
    assert_accessible(page)


def test_eligibility_check_by_keyboard_alone(page, intake):
    page.goto("/")
    assert_accessible(page)
    assert tab_to(page, "Skip to main content")["tag"] == "a"
    assert tab_to(page, href=f"/intakes/{intake.slug}/")["text"].startswith("Start now")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/intakes/{intake.slug}/")
    assert_accessible(page)

    tab_to(page, "Check if you can apply")
    page.keyboard.press("Enter")
    page.wait_for_url("**/eligibility/leadership-years/")
    assert_accessible(page)
    assert tab_to(page, YEARS_QUESTION)["id"] == "id_leadership_years"
    page.keyboard.type("two")
    press_and_load(page)
    assert page.title() == f"Error: {YEARS_TITLE}"
    # GOV.UK Frontend moves focus to the error summary; its link leads to the box.
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert_accessible(page)
    tab_to(page, "Years must be a whole number")
    page.keyboard.press("Enter")
    element = active_element(page)
    assert element["id"] == "id_leadership_years"
    assert page.locator("#id_leadership_years").input_value() == "two"
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("4")
    # Past the box to the button and back again, then submit from the box.
    tab_to(page, "Continue")
    tab_to(page, YEARS_QUESTION, backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_url("**/eligibility/sector/")

    # On each page, the answer; then the page Continue leads to. Tab focuses a group's first
    # option and Space selects it; on role level the arrow key moves to the second and selects it.
    for option, next_path in [
        ("Local government children's services", "role-level"),
        (None, "director-potential"),
        ("Yes", "employer-support"),
        ("Yes", "result"),
    ]:
        assert_accessible(page)
        radio = page.evaluate("document.querySelector('input[type=radio]').labels[0].innerText")
        if option is None:
            assert tab_to(page, radio)["type"] == "radio"
            page.keyboard.press("ArrowDown")
            assert active_element(page)["text"] == "Assistant director or head of service"
        else:
            assert radio == option
            tab_to(page, option)
            page.keyboard.press("Space")
            assert page.evaluate("document.activeElement.checked") is True
        tab_to(page, "Continue")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/eligibility/{next_path}/")

    assert page.locator("h1").inner_text() == "You can apply"
    values = page.locator(".govuk-summary-list__value").all_inner_texts()
    assert values == [
        "4",
        "Local government children's services",
        "Assistant director or head of service",
        "Yes",
        "Yes",
    ]
    assert_accessible(page)
    tab_to(page, "Start your application")
    assert page.evaluate("document.activeElement.getAttribute('href')") == (
        f"/intakes/{intake.slug}/apply/"
    )


def test_eligibility_check_works_without_javascript(js_disabled_page, intake):
    page = js_disabled_page
    open_eligibility_check(page, intake, check=assert_accessible_without_js)
    page.get_by_label(YEARS_QUESTION).fill("")
    click_and_wait(page, page.get_by_role("button", name="Continue"))
    assert page.title() == f"Error: {YEARS_TITLE}"
    # Nothing ran: with JavaScript, GOV.UK Frontend would have focused the error summary.
    assert page.evaluate("document.activeElement === document.body") is True
    assert error_summary(page) == [
        (
            "Enter the number of years of senior leadership and management experience you have",
            "#id_leadership_years",
        )
    ]
    assert_accessible_without_js(page)
    page.get_by_label(YEARS_QUESTION).fill("3")
    click_and_wait(page, page.get_by_role("button", name="Continue"))
    answer_remaining_questions(
        page, role_level="Service manager", check=assert_accessible_without_js
    )
    assert heading(page) == "You can apply"
    assert page.locator(".govuk-summary-list__value").all_inner_texts() == [
        "3",
        "Local government children's services",
        "Service manager",
        "Yes",
        "Yes",
    ]
    assert_accessible_without_js(page)


def test_sixth_wrong_password_shows_too_many_attempts(page, stopped_clock):
    # The clock stands still, so the wait after the fifth failure has not passed.
    user = UserFactory(email="sam@example.org")
    for attempt in range(1, 7):
        sign_in(page, user.email, "not the password")
        assert page.title() == "Error: Sign in – Upon"
        expected = (
            "Enter the email address and password for your account"
            if attempt <= 5
            else "Too many attempts to sign in. Wait 1 second and try again"
        )
        assert text_of(page.locator("#id_email-error")) == f"Error: {expected}"
        assert error_summary(page) == [(expected, "#id_email")]
        if attempt in (1, 6):
            assert_accessible(page)
    # The address typed is kept; the password is not echoed back.
    assert page.get_by_label("Email address").input_value() == "sam@example.org"
    assert page.get_by_label("Password", exact=True).input_value() == ""

    # Even the right password waits.
    sign_in(page, user.email, PASSWORD)
    assert text_of(page.locator("#id_email-error")) == (
        "Error: Too many attempts to sign in. Wait 1 second and try again"
    )
