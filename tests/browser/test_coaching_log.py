"""A coach logs a coaching session with the keyboard (a session over a day is refused beside the
field, keeping what was typed) and sees it in the log; the director reads it and, after the
third session, answers the relationship check.

axe-core and the Nu Html Checker run on every page the journey reaches.
"""

import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, error_summary, press_and_load
from tests.factories import PASSWORD, ProgrammeFactory
from tests.support.coaching_factories import coach_in, coaching, director_in
from upon.support.models import CoachingSession, RelationshipCheck

pytestmark = pytest.mark.django_db(transaction=True)

NOTES = "Worked through the first hundred days plan."


@pytest.fixture
def midday(time_machine):
    """Today at noon, UK time, with the clock running."""
    noon = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(12)))
    time_machine.move_to(noon, tick=True)
    return noon.date()


def test_a_coach_logs_a_session_and_the_director_answers_the_check(page, midday):
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    dee = director_in(programme, "Dee Director", starts_on=midday - datetime.timedelta(days=60))
    cal = coach_in(programme, "Cal Coach")
    relationship = coaching(cal, dee, started_on=midday - datetime.timedelta(days=30))

    sign_in(page, "cal@coach.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Your directors").first)
    click_and_wait(page, page.get_by_role("link", name="Coaching log for Dee Director"))
    assert page.get_by_role("heading", level=1).inner_text() == "Coaching log"
    assert page.get_by_text("No sessions logged yet.").is_visible()
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Log a session"))
    assert_accessible(page)
    page.get_by_label("Day").fill(str(midday.day))
    page.get_by_label("Month").fill(str(midday.month))
    page.get_by_label("Year").fill(str(midday.year))
    page.get_by_label("Hours", exact=True).fill("25")
    page.get_by_label("Minutes", exact=True).fill("0")
    page.get_by_label("Online").check()
    page.get_by_label("Leading in complexity").check()
    page.get_by_label("Notes").fill(NOTES)
    page.get_by_role("button", name="Log session").focus()
    press_and_load(page)
    assert page.title().startswith("Error: ")
    assert error_summary(page) == [("A session must be 24 hours or shorter", "#id_hours")]
    assert page.get_by_label("Hours", exact=True).input_value() == "25"
    assert page.get_by_label("Notes").input_value() == NOTES
    assert page.get_by_label("Leading in complexity").is_checked()
    assert_accessible(page)
    page.get_by_label("Hours", exact=True).fill("1")
    page.get_by_label("Minutes", exact=True).fill("30")
    page.get_by_role("button", name="Log session").focus()
    press_and_load(page)
    assert (
        f"Coaching session on {midday.day} {midday:%B %Y} logged."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert page.get_by_text(NOTES).is_visible()
    assert page.get_by_text("1 hour 30 minutes used of 12 hours").is_visible()
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    for days in (1, 2):
        CoachingSession.objects.create(
            relationship=relationship,
            held_on=midday - datetime.timedelta(days=days),
            minutes=60,
            mode="in_person",
            recorded_by=cal.user,
        )

    sign_in(page, "dee@council.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Your support").first)
    click_and_wait(page, page.get_by_role("link", name="Your coaching log with Cal Coach"))
    assert page.get_by_text(NOTES).is_visible()
    assert page.get_by_text("3 hours 30 minutes used of 12 hours").is_visible()
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Answer the relationship check"))
    assert_accessible(page)
    page.get_by_label("Quite well").check()
    page.get_by_label("Good progress").check()
    page.get_by_role("button", name="Send answers").focus()
    press_and_load(page)
    assert (
        "Thank you. Your answers are saved."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert page.get_by_role("link", name="Answer the relationship check").count() == 0
    assert_accessible(page)
    assert list(RelationshipCheck.objects.values_list("side", "working_well", "progress")) == [
        ("director", 3, 4)
    ]
