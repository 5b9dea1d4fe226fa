"""Certificates only when earned, in a browser (issue 11, items 2 and 6): the team reads
progress while a taught day is still to come and cannot confirm yet; lowers the completion rule
mid-year, is asked why and told whose progress it changes; once the last day is held, confirms
completion through the check page. With and without JavaScript; axe-core and the Nu checker on
every page.
"""

import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, error_summary, table_rows
from tests.delivery.factories import CohortFactory, ParticipantFactory, SessionFactory
from tests.factories import PASSWORD, IntakeFactory, RoleAssignmentFactory
from upon.accounts.models import Role
from upon.delivery.models import Attendance, Cohort, Participant, SessionKind

pytestmark = pytest.mark.django_db(transaction=True)

NOON = datetime.datetime(2027, 3, 1, 12, tzinfo=datetime.UTC)


@pytest.fixture
def cohort(time_machine, authorities):
    """Rule: 3 of 5 taught days. Four held (Ada at all four, Ben at two); the fifth ends half
    an hour after the clock starts (the sign-in would not last a day)."""
    time_machine.move_to(NOON, tick=True)
    cohort = CohortFactory(
        intake=IntakeFactory(name="2027 intake", slug="2027-intake"),
        starts_on=datetime.date(2026, 11, 1),
        ends_on=datetime.date(2027, 6, 30),
        taught_days_total=5,
        taught_days_required=3,
    )
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=cohort.intake.programme,
        user__email="terry@team.example",
        user__full_name="Terry Team",
    )
    ada = ParticipantFactory(cohort=cohort, user__full_name="Ada Able")
    ben = ParticipantFactory(cohort=cohort, user__full_name="Ben Bright")
    for n in range(5):
        ends = NOON + datetime.timedelta(days=-80 + 20 * n, minutes=30)
        day = SessionFactory(
            cohort=cohort,
            kind=SessionKind.TAUGHT_DAY,
            title=f"Taught day {n + 1}",
            sequence_number=n + 1,
            starts_at=ends - datetime.timedelta(hours=6),
            ends_at=ends,
        )
        for person in (ada, ben) if n < 2 else (ada,) if n < 4 else ():
            Attendance.objects.create(session=day, participant=person, status="present")
    return cohort


def go(page, url: str) -> None:
    page.goto(url)
    assert_accessible(page)


def click(page, locator) -> None:
    click_and_wait(page, locator)
    assert_accessible(page)


@pytest.mark.parametrize("browser_page", ["page", "js_disabled_page"])
def test_the_rule_is_lowered_with_a_reason_and_completion_waits_for_the_last_day(
    request, browser_page, cohort, time_machine
):
    page = request.getfixturevalue(browser_page)
    sign_in(page, "terry@team.example", PASSWORD)
    progress = f"/team/cohorts/{cohort.pk}/progress/"

    # A taught day is still to come: Ada has met the rule, but completion waits.
    go(page, progress)
    text = page.locator("main").inner_text()
    assert "1 taught day is still to come." in text
    assert "1 person has met the rule and is not yet confirmed." in text
    assert page.get_by_role("link", name="Check and confirm completion").count() == 0
    rows = {row[0]: row for row in table_rows(page, "Participants")}
    assert rows["Ada Able"][2] == "3 of 3 (4 attended)"  # never "4 of 3"
    assert rows["Ben Bright"][2] == "2 of 3"
    go(page, f"/team/cohorts/{cohort.pk}/progress/confirm/")
    assert "1 taught day is still to come." in page.locator("main").inner_text()
    assert page.get_by_role("button").filter(has_text="Confirm completion").count() == 0

    # Lowering the rule mid-year: asked why, and told whose progress it changes.
    go(page, f"/team/cohorts/{cohort.pk}/settings/")
    page.get_by_label("Taught days a participant must attend to complete").fill("2")
    click(page, page.get_by_role("button", name="Save"))
    assert page.title().startswith("Error: ")
    assert error_summary(page) == [
        ("Enter why you are lowering the completion rule", "#id_rule_change_reason")
    ]
    assert (
        "Lowering the completion rule changes the progress of 1 person: Ben Bright."
        in page.locator("main").inner_text()
    )
    assert (
        page.get_by_label("Taught days a participant must attend to complete").input_value() == "2"
    )
    page.get_by_label("Reason for lowering the completion rule").fill("Day 2 was snowed off")
    click(page, page.get_by_role("button", name="Save"))
    assert (
        "Lowering the completion rule changed the progress of 1 person."
        in page.locator("main").inner_text()
    )
    saved = Cohort.objects.get(pk=cohort.pk)
    assert (saved.taught_days_required, saved.history.first().history_change_reason) == (
        2,
        "Day 2 was snowed off",
    )
    go(page, progress)
    text = page.locator("main").inner_text()
    assert "Completion rule lowered on 1 March 2027 by Terry Team: Day 2 was snowed off" in text
    rows = {row[0]: row for row in table_rows(page, "Participants")}
    assert rows["Ben Bright"][2] == "2 of 2"

    # The last day is held: the check page names both and says what happens; confirming does it.
    time_machine.move_to(NOON + datetime.timedelta(hours=1), tick=True)
    go(page, progress)
    click(page, page.get_by_role("link", name="Check and confirm completion for 2 people"))
    text = page.locator("main").inner_text()
    assert "You are confirming completion for 2 people:" in text
    assert "Ada Able" in text and "Ben Bright" in text
    assert "emailed a link to download their certificate" in text
    assert set(Participant.objects.values_list("status", flat=True)) == {"active"}
    click(page, page.get_by_role("button", name="Confirm completion for 2 people"))
    assert "Completion confirmed for 2 people." in page.locator("main").inner_text()
    assert set(Participant.objects.values_list("status", flat=True)) == {"completed"}
    assert timezone.now() > NOON
