"""Browser journeys for the programme team: intakes, applications, reports and invitations.

Each journey runs axe-core on every page it reaches, error and refusal pages included.
"""

import datetime
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import (
    assert_accessible_without_js,
    click_and_wait,
    error_summary,
    link_in_email,
    set_up_authenticator_app,
    summary_list,
    table_rows,
)
from tests.factories import (
    PASSWORD,
    CapabilityStatementFactory,
    IntakeFactory,
    RoleAssignmentFactory,
    SubmittedApplicationFactory,
)
from upon.accounts.models import Role, RoleAssignment
from upon.organisations.models import Organisation, OrganisationKind, Region
from upon.programmes.models import Intake
from upon.recruitment.models import Sector
from upon.reporting.models import MonitoringResponse

pytestmark = pytest.mark.django_db(transaction=True)

LIST_CAPTION = "Applications to {name}, page 1 of 1"


def heading(page) -> str:
    return " ".join(page.locator("h1").inner_text().split())


def authority(region: str) -> Organisation:
    return (
        Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY, region=region)
        .order_by("name")
        .first()
    )


@pytest.fixture
def intake(authorities):
    # Closes at 5pm UK time in 20 days, so the pages' wording is known exactly.
    closing_day = timezone.localdate() + datetime.timedelta(days=20)
    closes_at = datetime.datetime.combine(
        closing_day, datetime.time(17, 0), tzinfo=ZoneInfo("Europe/London")
    )
    return IntakeFactory(name="2026 to 2027 intake", slug="2026-to-2027", closes_at=closes_at)


@pytest.fixture
def team_member(intake):
    return RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=intake.programme,
        user__full_name="Terry Team",
        user__email="terry@team.example",
    ).user


@pytest.fixture
def applications(intake):
    """Four submitted applications in three regions and three sectors, newest first."""
    now = timezone.now()
    london, north_west, south_west = (
        authority(Region.LONDON),
        authority(Region.NORTH_WEST),
        authority(Region.SOUTH_WEST),
    )
    rows = [
        ("ADCS-00101", "Priya Shah", london, Sector.LOCAL_GOVERNMENT),
        ("ADCS-00102", "Tom Baker", north_west, Sector.LOCAL_GOVERNMENT),
        ("ADCS-00103", "Jo Evans", london, Sector.HEALTH),
        ("ADCS-00104", "Sam Patel", south_west, Sector.VOLUNTARY),
    ]
    made = {}
    for age, (reference, name, employer, sector) in enumerate(rows):
        made[name] = SubmittedApplicationFactory(
            intake=intake,
            reference=reference,
            full_name=name,
            applicant__full_name=name,
            employer=employer,
            sector=sector,
            submitted_at=now - datetime.timedelta(days=age + 1),
        )
    priya = made["Priya Shah"]
    first, second = priya.intake.capabilities.order_by("position")[:2]
    CapabilityStatementFactory(
        application=priya,
        capability=first,
        text="I rebuilt our front door with health and police partners.",
    )
    CapabilityStatementFactory(
        application=priya,
        capability=second,
        text="I brought three councils together on one fostering recruitment campaign.",
    )
    # Special category data: it must never appear on the team's pages.
    MonitoringResponse.objects.create(
        application=priya, ethnicity="arab", religion="sikh", sex="female", age_band="35_44"
    )
    return made


def row_names(page, intake) -> list[str]:
    return [row[1] for row in table_rows(page, LIST_CAPTION.format(name=intake.name))]


def open_applications_list(page, intake, user, check=assert_accessible) -> None:
    """Sign in -> home -> Intakes -> the intake's dashboard -> its applications."""
    sign_in(page, user.email, PASSWORD)
    assert urlparse(page.url).path == "/account/"
    assert heading(page) == f"Hello, {user.full_name}"
    check(page)
    click_and_wait(page, page.get_by_role("main").get_by_role("link", name="Intakes", exact=True))
    assert heading(page) == "Intakes"
    assert table_rows(page, "Intakes of your programmes") == [
        [
            intake.name,
            intake.programme.name,
            f"5pm on {intake.closes_at:%-d %B %Y}",
            "Open",
            "4",
        ]
    ]
    check(page)
    click_and_wait(page, page.get_by_role("link", name=intake.name))
    assert urlparse(page.url).path == f"/team/intakes/{intake.pk}/"
    assert heading(page) == f"{intake.name} Open"
    check(page)
    click_and_wait(page, page.get_by_role("link", name="All applications (4)"))
    assert urlparse(page.url).path == f"/team/intakes/{intake.pk}/applications/"
    assert heading(page) == "Applications"
    assert row_names(page, intake) == ["Priya Shah", "Tom Baker", "Jo Evans", "Sam Patel"]
    check(page)


def test_team_member_filters_and_searches_with_htmx(page, intake, team_member, applications):
    open_applications_list(page, intake, team_member)
    # A full page load would drop this marker; htmx swapping the results keeps it.
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_label("Region").select_option(label="London")
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.get_by_role("button", name="Apply filters").click()
    # Wait for the swap with locators: polling a string (wait_for_function) needs eval, which
    # the Content Security Policy forbids.
    expect(page.get_by_role("status")).to_have_text("Showing 1 to 2 of 2 applications")
    expect(page.get_by_role("main").get_by_text("Tom Baker")).to_have_count(0)
    assert page.evaluate("window.stillTheSamePage") is True
    assert parse_qs(urlparse(page.url).query) == {"region": [Region.LONDON]}
    assert row_names(page, intake) == ["Priya Shah", "Jo Evans"]
    assert_accessible(page)

    page.get_by_label("Search").fill("priya")
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_have_text("Showing 1 to 1 of 1 application")
    expect(page.get_by_role("main").get_by_text("Jo Evans")).to_have_count(0)
    assert page.evaluate("window.stillTheSamePage") is True
    assert row_names(page, intake) == ["Priya Shah"]
    assert_accessible(page)

    # The download carries the same filters.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download these applications as a CSV file").click()
    download = download_info.value
    assert download.suggested_filename == "2026-to-2027-applications.csv"
    lines = Path(download.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(",")[:3] == ["Reference", "Status", "Full name"]
    assert [line.split(",")[:3] for line in lines[1:]] == [
        ["ADCS-00101", "Submitted", "Priya Shah"]
    ]


def test_team_member_filters_without_javascript_and_reads_an_application(
    js_disabled_page, intake, team_member, applications
):
    page = js_disabled_page
    open_applications_list(page, intake, team_member, check=assert_accessible_without_js)

    page.get_by_label("Region").select_option(label="London")
    page.get_by_label("Sector").select_option(label="Health")
    click_and_wait(page, page.get_by_role("button", name="Apply filters"))
    query = parse_qs(urlparse(page.url).query)
    assert query == {"region": [Region.LONDON], "sector": [Sector.HEALTH]}
    assert row_names(page, intake) == ["Jo Evans"]
    assert page.get_by_label("Region").input_value() == Region.LONDON
    assert_accessible_without_js(page)

    click_and_wait(page, page.get_by_role("link", name="Clear filters"))
    page.get_by_label("Search").fill("Shah")
    click_and_wait(page, page.get_by_role("button", name="Apply filters"))
    assert row_names(page, intake) == ["Priya Shah"]
    assert_accessible_without_js(page)

    csv_href = page.get_by_role("link", name="Download these applications as a CSV file")
    response = page.request.get(csv_href.get_attribute("href"))
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert [line.split(",")[0] for line in response.text().splitlines()] == [
        "\ufeffReference",
        "ADCS-00101",
    ]

    click_and_wait(page, page.get_by_role("link", name="ADCS-00101"))
    assert urlparse(page.url).path == "/team/applications/ADCS-00101/"
    assert heading(page) == "Priya Shah"
    statements = page.locator("h2:has-text('Capability statements') ~ h3")
    first, second = intake.capabilities.order_by("position")[:2]
    assert statements.all_inner_texts() == [first.name, second.name]
    body = page.locator("main").inner_text()
    assert "I rebuilt our front door with health and police partners." in body
    assert "three councils together on one fostering recruitment campaign" in body
    for never_shown in ["Arab", "Sikh", "Female", "35 to 44", "ethnic", "religion", "Equality"]:
        assert never_shown.lower() not in body.lower(), never_shown
    assert_accessible_without_js(page)


def test_lead_reads_equality_report_and_team_member_is_refused(
    page, intake, team_member, applications
):
    lead = RoleAssignmentFactory(
        role=Role.PROGRAMME_LEAD, programme=intake.programme, user__full_name="Lee Lead"
    ).user
    sign_in(page, lead.email, PASSWORD)
    assert page.locator(".govuk-summary-card__title").all_inner_texts() == ["Programme lead"]
    assert_accessible(page)
    page.goto(f"/team/intakes/{intake.pk}/")
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Equality monitoring report"))
    assert urlparse(page.url).path == f"/team/intakes/{intake.pk}/equality/"
    assert heading(page) == "Equality monitoring report"
    # Four applicants: every count from 1 to 4 is hidden, and no percentage of a hidden total
    # is shown. Nobody has been shortlisted yet: the later stages are 0.
    later = ["0", "Not shown"] * 3
    assert table_rows(page, "What is your sex?") == [
        ["Female", "Fewer than 5", "Not shown", *later],
        ["Male", "0", "Not shown", *later],
        ["Prefer not to say", "0", "Not shown", *later],
        ["Not answered", "Fewer than 5", "Not shown", *later],
        ["Total", "Fewer than 5", "Not shown", *later],
    ]
    assert_accessible(page)

    # A team member who is not the lead: no link on the dashboard, and 403 at the address.
    click_and_wait(page, page.get_by_role("button", name="Sign out"))
    assert page.locator(".govuk-notification-banner__heading").inner_text() == (
        "You have signed out"
    )
    assert_accessible(page)
    sign_in(page, team_member.email, PASSWORD)
    page.goto(f"/team/intakes/{intake.pk}/")
    assert page.get_by_role("link", name="Equality monitoring report").count() == 0
    assert_accessible(page)
    response = page.goto(f"/team/intakes/{intake.pk}/equality/")
    assert response.status == 403
    assert heading(page) == "You do not have access to this page"
    assert_accessible(page)


def fill_date(page, legend: str, day: int, month: int, year: int) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


def test_team_member_creates_an_intake(page, intake, team_member):
    sign_in(page, team_member.email, PASSWORD)
    page.goto("/team/intakes/")
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Create an intake"))
    assert heading(page) == "Create an intake"
    assert_accessible(page)

    page.get_by_label(intake.programme.name).check()
    page.get_by_label("Intake name").fill("2027 to 2028 intake")
    fill_date(page, "Applications open", 14, 9, 2027)
    page.get_by_label("Opening time").fill("09:00")
    # Closing before opening: an error, with everything typed kept.
    fill_date(page, "Applications close", 1, 9, 2027)
    page.get_by_label("Closing time").fill("17:00")
    fill_date(page, "Selection starts", 14, 10, 2027)
    fill_date(page, "Selection ends", 29, 10, 2027)
    fill_date(page, "Programme starts", 10, 11, 2027)
    fill_date(page, "Programme ends", 30, 6, 2028)
    page.get_by_label("Number of places").fill("40")
    page.get_by_label("How the programme is delivered").fill("Eight taught days.")
    page.get_by_label("Minimum years of senior leadership experience").fill("3")
    page.get_by_label("Years within which applicants could become a director").fill("three to five")
    click_and_wait(page, page.get_by_role("button", name="Create intake"))

    assert page.title() == "Error: Create an intake – Upon"
    assert error_summary(page) == [
        ("The closing date must be after the opening date", "#id_closes_date_0")
    ]
    assert page.get_by_label("Intake name").input_value() == "2027 to 2028 intake"
    closes = page.get_by_role("group", name="Applications close")
    assert [closes.get_by_label(part).input_value() for part in ("Day", "Month", "Year")] == [
        "1",
        "9",
        "2027",
    ]
    assert_accessible(page)

    fill_date(page, "Applications close", 15, 10, 2027)
    click_and_wait(page, page.get_by_role("button", name="Create intake"))

    created = Intake.objects.get(name="2027 to 2028 intake")
    assert urlparse(page.url).path == f"/team/intakes/{created.pk}/"
    assert page.locator(".govuk-notification-banner__heading").inner_text() == (
        "2027 to 2028 intake created"
    )
    assert heading(page) == "2027 to 2028 intake Upcoming"
    assert_accessible(page)
    london = datetime.timezone(datetime.timedelta(hours=1))  # British Summer Time
    assert (
        created.programme,
        created.opens_at,
        created.closes_at,
        created.selection_starts,
        created.programme_ends,
        created.capacity,
        created.capabilities.count(),
    ) == (
        intake.programme,
        datetime.datetime(2027, 9, 14, 9, 0, tzinfo=london),
        datetime.datetime(2027, 10, 15, 17, 0, tzinfo=london),
        datetime.date(2027, 10, 14),
        datetime.date(2028, 6, 30),
        40,
        7,
    )

    click_and_wait(page, page.get_by_role("link", name="Back"))
    assert [row[0] for row in table_rows(page, "Intakes of your programmes")] == [
        "2027 to 2028 intake",
        intake.name,
    ]
    assert_accessible(page)


def test_invited_reviewer_creates_an_account_from_the_email(
    page, browser, live_server, settings, mailoutbox, intake, team_member
):
    settings.SITE_URL = live_server.url
    sign_in(page, team_member.email, PASSWORD)
    assert page.locator(".govuk-summary-card__title").all_inner_texts() == ["Programme team"]
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Invite someone to a role"))
    assert heading(page) == "Invite someone to a role"
    assert_accessible(page)

    page.get_by_label("Email address").fill("Rae.Reviewer@example.org")
    page.get_by_role("radio", name="Reviewer").check()
    page.get_by_label("Programme", exact=True).select_option(label=intake.programme.name)
    click_and_wait(page, page.get_by_role("button", name="Send invitation"))
    assert page.title() == "Error: Invite someone to a role – Upon"
    assert error_summary(page) == [("Select the intake", "#id_intake")]
    assert page.get_by_label("Email address").input_value() == "Rae.Reviewer@example.org"
    assert_accessible(page)

    page.get_by_label("Intake (reviewers, participants and facilitators only)").select_option(
        label=f"{intake.programme.name}: {intake.name}"
    )
    click_and_wait(page, page.get_by_role("button", name="Send invitation"))
    assert urlparse(page.url).path == "/account/invitations/"
    assert page.locator(".govuk-notification-banner__heading").inner_text() == (
        "Invitation sent to rae.reviewer@example.org"
    )
    assert_accessible(page)
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (
            ["rae.reviewer@example.org"],
            f"You are invited to be Reviewer for {intake.name}, {intake.programme.name}",
        )
    ]

    # The invitee, in a browser of their own.
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    invitee = context.new_page()
    try:
        invitee.goto(link_in_email(mailoutbox[0]))
        assert heading(invitee) == "You have been invited to a role"
        assert_accessible(invitee)
        click_and_wait(invitee, invitee.get_by_role("button", name="Create an account"))
        assert heading(invitee) == "Create an account"
        assert summary_list(invitee.locator("main dl")) == {
            "Email address": "rae.reviewer@example.org",
            "Role": f"Reviewer for {intake.name}, {intake.programme.name}",
        }
        assert_accessible(invitee)
        invitee.get_by_label("Full name").fill("Rae Reviewer")
        invitee.get_by_label("Create a password").fill(PASSWORD)
        invitee.get_by_label("Confirm your password").fill(PASSWORD)
        click_and_wait(invitee, invitee.get_by_role("button", name="Create account and accept"))

        # A reviewer signs in with a second factor: they set it up before anything else.
        assert urlparse(invitee.url).path == "/account/second-factor/set-up/"
        assert invitee.locator(".govuk-notification-banner__heading").inner_text() == (
            f"Account created. You now have the Reviewer role for {intake.name}"
        )
        set_up_authenticator_app(invitee)
        assert urlparse(invitee.url).path == "/account/"
        assert heading(invitee) == "Hello, Rae Reviewer"
        card = invitee.locator(".govuk-summary-card")
        assert card.locator("h3").all_inner_texts() == ["Reviewer"]
        assert summary_list(card)["For"] == f"{intake.name}, {intake.programme.name}"
        assert invitee.get_by_role("button", name="Sign out").is_visible()
        assert_accessible(invitee)
    finally:
        context.close()

    assert list(
        RoleAssignment.objects.filter(user__email="rae.reviewer@example.org").values_list(
            "role", "programme", "intake"
        )
    ) == [(Role.REVIEWER, intake.programme.pk, intake.pk)]
