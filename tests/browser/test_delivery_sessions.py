"""The delivery journey in a browser: the team makes the cohort from accepted offers, adds a
venue, plans and publishes a timetable, switches a session to virtual (people are emailed), and
a participant downloads a calendar file for it.

axe-core runs on every page the journey reaches.
"""

import pytest
from django.core import mail
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, table_rows
from tests.delivery.factories import facilitator_for
from tests.factories import (
    PASSWORD,
    ApplicationFactory,
    IntakeFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from upon.accounts.models import Role
from upon.delivery.models import Cohort, Mode, Session, SessionKind
from upon.recruitment.models import ApplicationStatus

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def accepted(authorities):
    intake = IntakeFactory(name="2027 intake", slug="2027-intake")
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=intake.programme,
        user__email="terry@team.example",
        user__full_name="Terry Team",
    )
    for name in ("Ada Able", "Ben Bright"):
        email = name.split()[0].lower() + "@council.example"
        ApplicationFactory(
            intake=intake,
            status=ApplicationStatus.ACCEPTED,
            applicant=UserFactory(email=email, full_name=name),
            full_name=name,
        )
    return intake


def go(page, url: str) -> None:
    page.goto(url)
    assert_accessible(page)


def click(page, locator) -> None:
    click_and_wait(page, locator)
    assert_accessible(page)


def test_the_team_plans_publishes_and_switches_and_a_participant_downloads(
    page, accepted, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    intake = accepted

    # The team makes the cohort from the intake's page.
    sign_in(page, "terry@team.example", PASSWORD)
    go(page, f"/team/intakes/{intake.pk}/")
    click(
        page,
        page.get_by_role("link", name="Programme delivery: the cohort, timetable and sessions"),
    )
    assert "2 people have accepted a place." in page.content()
    click(page, page.get_by_role("button", name="Make the cohort"))
    assert "2027 intake cohort made with 2 participants." in page.content()
    rows = table_rows(page, "Participants in 2027 intake cohort, page 1 of 1")
    assert [row[0] for row in rows] == ["Ada Able", "Ben Bright"]
    cohort = Cohort.objects.get(intake=intake)
    facilitator_for(cohort, full_name="Fran Facilitator", email="fran@example.org")

    # A venue, then the facilitators' availability page.
    click(page, page.get_by_role("link", name="Venues"))
    click(page, page.get_by_role("link", name="Add a venue"))
    click(page, page.get_by_role("button", name="Save venue"))
    assert "Enter the venue name" in page.content()
    page.get_by_label("Venue name").fill("Civic Hall")
    page.get_by_label("Address", exact=True).fill("1 Civic Square\nLeeds\nLS1 1UR")
    page.get_by_label("Access notes (optional)").fill("Step-free entrance on Park Lane")
    click(page, page.get_by_role("button", name="Save venue"))
    assert [row[0] for row in table_rows(page, "Venues, page 1 of 1")] == ["Civic Hall"]
    click(page, page.get_by_role("link", name="Availability"))
    assert "Fran Facilitator" in page.content()
    click(page, page.get_by_role("button", name="Record"))
    assert "Select the facilitator or venue" in page.content()
    click(page, page.get_by_role("link", name="Cohort", exact=True))
    click(
        page, page.get_by_role("link", name="Change the cohort's name, dates and completion rule")
    )
    click(page, page.get_by_role("button", name="Save"))
    assert "2027 intake cohort updated." in page.content()

    # Plan, review and accept the proposal: it is added unpublished.
    click(page, page.get_by_role("link", name="Plan the timetable"))
    page.get_by_label("Learning visits in the year").fill("1")
    click(page, page.get_by_role("button", name="Propose a timetable"))
    proposed = table_rows(page, "Proposed sessions (UK time)")
    assert sorted(row[0] for row in proposed if row[0].startswith("Taught day")) == [
        f"Taught day {n}" for n in range(1, 9)
    ]
    assert {row[4] for row in proposed} == {"New"}
    click(page, page.get_by_role("button", name="Accept this timetable"))
    assert "Plan accepted:" in page.content()
    planned = Session.objects.filter(cohort=cohort)
    assert planned.filter(kind=SessionKind.TAUGHT_DAY).count() == 8
    assert not planned.filter(published=True).exists()

    # Publish, after the check page: each participant and the facilitator are emailed once.
    count = planned.count()
    click(page, page.get_by_role("link", name=f"Check and publish {count} sessions"))
    expect(page.locator("main")).to_contain_text(f"You are publishing {count} sessions")
    assert "2 participants and 1 facilitator will be emailed the details." in page.content()
    click(page, page.get_by_role("button", name=f"Publish {count} sessions"))
    assert f"{count} sessions published." in page.content()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ada@council.example",
        "ben@council.example",
        "fran@example.org",
    ]
    assert mail.outbox[0].subject == f"{count} sessions added to your programme timetable"
    mail.outbox.clear()

    # A file for taught day 2, checked by type.
    click(page, page.get_by_role("link", name="Timetable", exact=True))
    click(page, page.get_by_role("link", name="Taught day 2", exact=True))
    click(page, page.get_by_role("link", name="Add a file or link to Taught day 2"))
    page.get_by_label("Title").fill("Pre-reading")
    page.get_by_label("Upload a file").set_input_files(
        files=[{"name": "reading.pdf", "mimeType": "application/pdf", "buffer": b"<html>"}]
    )
    click(page, page.get_by_role("button", name="Add material"))
    assert "The selected file must be a PDF, DOCX, PPTX, XLSX, PNG, JPG or GIF" in page.content()
    page.get_by_label("Upload a file").set_input_files(
        files=[{"name": "reading.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7"}]
    )
    click(page, page.get_by_role("button", name="Add material"))
    assert "Pre-reading added to Taught day 2." in page.content()
    click(page, page.get_by_role("link", name="Back to the timetable"))

    # Switch taught day 1 to virtual: choose, check, give the link, confirm.
    first = planned.get(kind=SessionKind.TAUGHT_DAY, sequence_number=1)
    click(page, page.get_by_role("link", name="Switch virtual or in person"))
    page.get_by_label("Taught day 1:").check()
    page.get_by_role("group", name="Switch them to").get_by_label("Virtual").check()
    click(page, page.get_by_role("button", name="Continue"))
    assert "Switch 1 session to virtual" in page.content()
    click(page, page.get_by_role("button", name="Switch and tell people"))
    assert "Enter the joining link" in page.content()
    page.get_by_label("Joining link").fill("https://meet.example.com/day-one")
    click(page, page.get_by_role("button", name="Switch and tell people"))
    assert "1 session switched." in page.content()
    first.refresh_from_db()
    assert (first.mode, first.joining_link, first.ical_sequence) == (
        Mode.VIRTUAL,
        "https://meet.example.com/day-one",
        1,
    )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ada@council.example",
        "ben@council.example",
        "fran@example.org",
    ]
    assert mail.outbox[0].subject == "Change to Taught day 1"
    assert "Join online: https://meet.example.com/day-one" in mail.outbox[0].body
    page.context.clear_cookies()

    # Ada downloads the session from her calendar page.
    sign_in(page, "ada@council.example", PASSWORD)
    go(page, "/programme/calendar/")
    assert "Your calendar address" in page.content()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Taught day 1 as a calendar file").click()
    calendar = Calendar.from_ical(download.value.path().read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{first.uid}@upon.programme"
    assert int(event["SEQUENCE"]) == 1
    assert str(event["URL"]) == "https://meet.example.com/day-one"
    assert event["DTSTART"].dt == first.starts_at
