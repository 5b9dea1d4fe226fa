"""The whole applicant journey in Chromium: from the public page to a submitted application,
with the sponsor's endorsement link and the programme team finding the application.

It runs twice: once with the mouse, once with the keyboard alone (every control reached with
Tab and operated with Space, Enter or typing). axe-core checks every page visited.
"""

import re

import pytest
from django.core import mail

from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD, IntakeFactory, RoleAssignmentFactory, UserFactory
from tests.helpers import current_code, give_authenticator_app
from upon.accounts.models import Role
from upon.recruitment.models import (
    Application,
    ApplicationStatus,
    CapabilityStatement,
    EndorsementStatus,
)
from upon.reporting.models import MonitoringResponse

pytestmark = pytest.mark.django_db(transaction=True)

IS_FOCUSED = "element => element === document.activeElement"


class Mouse:
    """Points and clicks, like most people."""

    def __init__(self, page):
        self.page = page

    def fill(self, field, text: str) -> None:
        field.fill(text)

    def choose(self, control) -> None:
        control.check()

    def select(self, field, label: str) -> None:
        field.select_option(label=label)

    def press(self, control) -> None:
        with self.page.expect_navigation():
            control.click()


class Keyboard:
    """Reaches every control with Tab from where focus is, and uses only keys."""

    def __init__(self, page):
        self.page = page

    def _tab_until(self, condition: str, arg, limit: int = 250) -> None:
        for _ in range(limit):
            if self.page.evaluate(condition, arg):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached {arg}")

    def _tab_to(self, control) -> None:
        control.wait_for()
        self._tab_until("element => element === document.activeElement", control.element_handle())

    def fill(self, field, text: str) -> None:
        self._tab_to(field)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text)

    def choose(self, control) -> None:
        if control.get_attribute("type") == "radio":
            # Tab stops once in a radio group (on its checked radio, or the first); arrow keys
            # then move through the group, choosing as they go.
            self._tab_until(
                "name => document.activeElement.name === name", control.get_attribute("name")
            )
            for _ in range(30):
                if control.evaluate(IS_FOCUSED):
                    break
                self.page.keyboard.press("ArrowDown")
        else:
            self._tab_to(control)
        self.page.keyboard.press("Space")
        assert control.is_checked()

    def select(self, field, label: str) -> None:
        self._tab_to(field)
        for _ in range(200):
            if field.evaluate("s => s.options[s.selectedIndex].text") == label:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"No option {label!r}")

    def press(self, control) -> None:
        self._tab_to(control)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")


def control(page, name):
    """A link or button in the main content by its name (start buttons are role="button")."""
    main = page.locator("main")
    return main.get_by_role("button", name=name, exact=True).or_(
        main.get_by_role("link", name=name, exact=True)
    )


def visit(driver, control) -> None:
    """Follow a link or press a button, then check the new page with axe-core."""
    driver.press(control)
    assert_accessible(driver.page)


def fill_date(driver, page, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    driver.fill(group.get_by_label("Day"), day)
    driver.fill(group.get_by_label("Month"), month)
    driver.fill(group.get_by_label("Year"), year)


def save_and_continue(driver, page) -> None:
    visit(driver, control(page, "Save and continue"))


def open_task(driver, page, name: str) -> None:
    visit(driver, page.locator(".govuk-task-list").get_by_role("link", name=name, exact=True))


def back_to_task_list(driver, page, reference: str) -> None:
    if not page.url.endswith(f"/applications/{reference}/"):
        page.goto(f"/applications/{reference}/")
        assert_accessible(page)


@pytest.fixture
def intake(authorities):
    return IntakeFactory(name="November 2026 intake", slug="november-2026")


@pytest.mark.parametrize("driver_class", [Mouse, Keyboard], ids=["mouse", "keyboard"])
def test_applicant_applies_sponsor_endorses_and_team_finds_it(
    browser, live_server, intake, driver_class
):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    driver = driver_class(page)
    applicant = UserFactory(email="sam.applicant@example.org", full_name="Sam Applicant")

    # The public pages and the eligibility check.
    page.goto("/")
    assert_accessible(page)
    visit(driver, control(page, re.compile(r"^Start now")))
    visit(driver, control(page, "Check if you can apply"))
    driver.fill(page.get_by_label(re.compile("How many years")), "6")
    visit(driver, control(page, "Continue"))
    driver.choose(page.get_by_label("Local government children's services"))
    visit(driver, control(page, "Continue"))
    driver.choose(page.get_by_label("Assistant director or head of service"))
    visit(driver, control(page, "Continue"))
    driver.choose(page.get_by_label("Yes"))
    visit(driver, control(page, "Continue"))
    driver.choose(page.get_by_label("Yes", exact=True))
    visit(driver, control(page, "Continue"))
    assert "You can apply" in page.locator("h1").inner_text()

    # Not signed in: the start button asks for a sign-in and comes back.
    visit(driver, control(page, "Start your application"))
    driver.fill(page.get_by_label("Email address"), applicant.email)
    driver.fill(page.get_by_label("Password", exact=True), PASSWORD)
    visit(driver, control(page, "Sign in"))
    visit(driver, control(page, "Start your application"))
    application = Application.objects.get(applicant=applicant, intake=intake)
    reference = application.reference
    # The eligibility answers were carried into the application.
    assert (application.leadership_years, application.sector) == (6, "local_government")
    assert page.locator("h1").inner_text() == "Your application"

    # About you, with one bad value first: the error is shown and the typed value kept.
    open_task(driver, page, "About you")
    driver.fill(page.get_by_label("Full name"), "Sam Applicant")
    driver.fill(page.get_by_label("Phone number"), "call me")
    save_and_continue(driver, page)
    assert page.title().startswith("Error: ")
    assert page.get_by_label("Phone number").input_value() == "call me"
    driver.fill(page.get_by_label("Phone number"), "01632 960 001")
    save_and_continue(driver, page)
    back_to_task_list(driver, page, reference)

    # Current role and employer.
    open_task(driver, page, "Current role and employer")
    driver.fill(page.get_by_label("Job title"), "Assistant Director, Children's Social Care")
    driver.choose(page.get_by_label("Assistant director or head of service"))
    driver.choose(page.get_by_label("Local government children's services"))
    driver.choose(
        page.get_by_role("group", name="Who employs you?").get_by_label("Local authority")
    )
    driver.select(page.get_by_role("combobox", name="Local authority"), "Sutton")
    fill_date(driver, page, "When did you start your current role?", "1", "4", "2021")
    save_and_continue(driver, page)
    back_to_task_list(driver, page, reference)

    # Career history: one senior role.
    open_task(driver, page, "Career history")
    driver.fill(page.get_by_label("Employer"), "London Borough of Sutton")
    driver.fill(page.get_by_label("Job title"), "Head of Service, Children in Care")
    fill_date(driver, page, "Start date", "1", "9", "2017")
    fill_date(driver, page, "End date", "31", "3", "2021")
    driver.choose(page.get_by_label("Yes, this was a senior leadership and management role"))
    visit(driver, control(page, "Add this role"))
    # 1 September 2017 to 31 March 2021, both days in the role.
    assert "3 years, 7 months" in page.locator("main").inner_text()
    save_and_continue(driver, page)
    back_to_task_list(driver, page, reference)

    # Seven capability statements.
    for capability in intake.capabilities.all():
        open_task(driver, page, capability.name)
        driver.fill(
            page.get_by_label(capability.name),
            f"In my current role I lead work on {capability.name.lower()} with partners.",
        )
        save_and_continue(driver, page)
        back_to_task_list(driver, page, reference)
    assert CapabilityStatement.objects.filter(application=application).count() == 7

    # Sponsor endorsement: the request goes out by email.
    open_task(driver, page, "Sponsor endorsement")
    driver.fill(page.get_by_label("Sponsor's full name"), "Jo Director")
    driver.fill(page.get_by_label("Sponsor's email address"), "jo.director@sutton.example")
    driver.choose(page.get_by_label("Director of Children's Services"))
    visit(driver, control(page, "Send request to sponsor"))
    request = mail.outbox[-1]
    assert request.to == ["jo.director@sutton.example"]
    # The email's link is built from SITE_URL; follow its path on the test server.
    link = re.search(r"https?://[^/\s]+(/endorse/\S+/)", request.body).group(1)

    # The sponsor, with no account, answers in their own browser.
    sponsor_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    sponsor_page = sponsor_context.new_page()
    sponsor = driver_class(sponsor_page)
    sponsor_page.goto(link)
    assert_accessible(sponsor_page)
    assert "Sam Applicant" in sponsor_page.locator("h1").inner_text()
    sponsor.choose(sponsor_page.get_by_label("Yes, I support this application"))
    sponsor.fill(sponsor_page.get_by_label("Comment (optional)"), "Ready for a director role.")
    visit(sponsor, control(sponsor_page, "Send your response"))
    # The link works once.
    sponsor_page.goto(link)
    assert_accessible(sponsor_page)
    assert sponsor_page.locator("h1").inner_text() == "You have already responded"
    sponsor_context.close()
    assert (
        application.endorsement.__class__.objects.get(application=application).status
        == EndorsementStatus.ENDORSED
    )

    # Equality monitoring: optional, two answers given.
    page.goto(f"/applications/{reference}/")
    assert_accessible(page)
    open_task(driver, page, "Equality monitoring")
    driver.choose(page.get_by_role("group", name="What is your sex?").get_by_label("Female"))
    driver.choose(
        page.get_by_role("group", name="What is your religion?").get_by_label("Prefer not to say")
    )
    save_and_continue(driver, page)
    monitoring = MonitoringResponse.objects.get(application=application)
    assert (monitoring.sex, monitoring.religion, monitoring.ethnicity) == (
        "female",
        "prefer_not_to_say",
        "",
    )

    # Check answers, declare and submit.
    back_to_task_list(driver, page, reference)
    visit(driver, control(page, "Check answers and submit"))
    main = page.locator("main").inner_text()
    assert "Female" not in main  # monitoring answers never appear with the application
    visit(driver, control(page, "Submit application"))
    assert page.title().startswith("Error: ")  # the declaration was not ticked
    driver.choose(page.get_by_label(re.compile("I confirm the information")))
    visit(driver, control(page, "Submit application"))
    assert page.locator(".govuk-panel__title").inner_text() == "Application submitted"
    assert reference in page.locator(".govuk-panel__body").inner_text()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert mail.outbox[-1].to == [applicant.email]
    assert reference in mail.outbox[-1].subject

    # The programme team finds it.
    team = RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, programme=intake.programme).user
    app = give_authenticator_app(team)  # set up before: the team's sign-in asks for its code
    team_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    team_page = team_context.new_page()
    member = driver_class(team_page)
    team_page.goto("/account/sign-in/")
    member.fill(team_page.get_by_label("Email address"), team.email)
    member.fill(team_page.get_by_label("Password", exact=True), PASSWORD)
    visit(member, control(team_page, "Sign in"))
    # The team signs in with a second factor: the code their authenticator app shows now.
    assert_accessible(team_page)
    code = current_code(app)
    member.fill(team_page.get_by_label("Enter the code from your authenticator app"), code)
    visit(member, control(team_page, "Continue"))
    team_page.goto(f"/team/intakes/{intake.pk}/applications/")
    assert_accessible(team_page)
    member.fill(team_page.get_by_label(re.compile("Search")), "Sam Applicant")
    visit(member, control(team_page, "Apply filters"))
    visit(member, team_page.get_by_role("link", name=reference))
    detail = team_page.locator("main").inner_text()
    assert "Sam Applicant" in detail
    assert "Ready for a director role." in detail
    assert "Female" not in detail
    team_context.close()
    context.close()
