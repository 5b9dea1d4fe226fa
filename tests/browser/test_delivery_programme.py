"""The cohort year in a browser: a facilitator takes the register; a participant finds the next
session, the timetable, their set, goals, resources and attendance on their home page and
gives feedback on the session; the team reads progress and feedback. Then the register again
with JavaScript off.

axe-core runs on every page the journey reaches.
"""

import datetime
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.utils import timezone

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, link_in_email, summary_list, table_rows
from tests.delivery.factories import (
    ActionLearningSetFactory,
    CohortFactory,
    ParticipantFactory,
    SessionFactory,
    VenueFactory,
    facilitator_for,
)
from tests.factories import PASSWORD, IntakeFactory, RoleAssignmentFactory
from upon.accounts.models import Role
from upon.delivery.models import Attendance, DevelopmentGoal, SessionFeedback, SessionMaterial

pytestmark = pytest.mark.django_db(transaction=True)


def _at(days, hour, minute=0):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def midday(time_machine):
    """Today at noon, UK time, with the clock running: the session that has just ended (five
    minutes ago) is still today's, whenever the suite runs."""
    noon = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(12)))
    time_machine.move_to(noon, tick=True)


@pytest.fixture
def year(midday, authorities, settings, live_server):
    # Links in emails are built from SITE_URL: point it at the live server.
    settings.SITE_URL = live_server.url
    cohort = CohortFactory(intake=IntakeFactory(name="2027 intake", slug="2027-intake"))
    fran = facilitator_for(cohort, email="fran@facilitate.example", full_name="Fran Facilitator")
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=cohort.intake.programme,
        user__email="terry@team.example",
        user__full_name="Terry Team",
    )
    group = ActionLearningSetFactory(cohort=cohort, name="Set Kestrel", facilitator=fran)
    people = {
        name: ParticipantFactory(
            cohort=cohort,
            action_learning_set=group,
            user__email=f"{name.split()[0].lower()}@council.example",
            user__full_name=name,
        )
        for name in ("Pat Participant", "Quinn Colleague", "Rae Third")
    }
    venue = VenueFactory(
        programme=cohort.intake.programme,
        name="Quaker Meeting House",
        address="6 Euston Road\nLondon\nNW1 2BJ",
        access_notes="Step-free entrance on Euston Road.",
    )
    today = SessionFactory(
        cohort=cohort,
        title="Leading in complexity",
        sequence_number=1,
        venue=venue,
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    today.facilitators.add(fran)
    upcoming = SessionFactory(
        cohort=cohort,
        title="Systems thinking day",
        sequence_number=2,
        venue=venue,
        starts_at=_at(14, 9, 30),
        ends_at=_at(14, 16, 30),
    )
    upcoming.facilitators.add(fran)
    SessionMaterial.objects.create(
        session=today, title="Complexity reading list", url="https://docs.example/reading"
    )
    DevelopmentGoal.objects.create(
        participant=people["Pat Participant"], text="Chair a multi-agency partnership board"
    )
    return cohort, today, people


def go(page, url: str) -> None:
    page.goto(url)
    assert_accessible(page)


def test_register_home_and_feedback(page, year):
    cohort, today, people = year

    # The facilitator finds the session in their list and takes the register.
    sign_in(page, "fran@facilitate.example", PASSWORD)
    click_and_wait(
        page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="Your sessions")
    )
    assert_accessible(page)
    assert [row[1] for row in table_rows(page, "Today and upcoming sessions")] == [
        "Leading in complexity",
        "Systems thinking day",
    ]
    click_and_wait(
        page, page.get_by_role("link", name="Take the register for Leading in complexity")
    )
    assert_accessible(page)
    page.get_by_role("group", name="Quinn Colleague").get_by_label("Apologies").check()
    page.get_by_role("group", name="Rae Third").get_by_label("Late").check()
    click_and_wait(page, page.get_by_role("button", name="Mark everyone else present"))
    assert "Register saved: 3 of 3 people marked." in page.content()
    assert_accessible(page)
    marks = dict(Attendance.objects.values_list("participant__user__full_name", "status"))
    assert marks == {
        "Pat Participant": "present",
        "Quinn Colleague": "apologies",
        "Rae Third": "late",
    }
    # An exception corrected afterwards.
    page.get_by_role("group", name="Rae Third").get_by_label("Left early").check()
    click_and_wait(page, page.get_by_role("button", name="Save register"))
    assert Attendance.objects.get(participant=people["Rae Third"]).status == "left_early"
    assert sorted(m.to[0] for m in mail.outbox) == ["pat@council.example", "rae@council.example"]
    # Their own calendar feed of the sessions they run.
    page.goto("/facilitating/")
    click_and_wait(page, page.get_by_role("link", name="Add the sessions you run to your calendar"))
    # Given the role by hand here (not through an invitation), so the address is made on asking.
    click_and_wait(page, page.get_by_role("button", name="Get your calendar address"))
    assert_accessible(page)
    feed = page.get_by_label("Your calendar address").input_value()
    subscribed = page.request.get(urlparse(feed).path)
    assert subscribed.ok and b"BEGIN:VCALENDAR" in subscribed.body()
    page.context.clear_cookies()

    # The participant's home page.
    sign_in(page, "pat@council.example", PASSWORD)
    click_and_wait(
        page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="Your programme")
    )
    assert_accessible(page)
    next_session = summary_list(page.locator(".govuk-summary-list").first)
    assert next_session["Session"].startswith("Systems thinking day")
    assert next_session["Venue"] == "Quaker Meeting House\n\n6 Euston Road\nLondon\nNW1 2BJ"
    assert next_session["Access"] == "Step-free entrance on Euston Road."
    assert next_session["Facilitators"] == "Fran Facilitator"
    assert [row[2] for row in table_rows(page, "Timetable")] == ["Systems thinking day\nTaught day"]
    record = table_rows(page, "Your attendance record")
    assert [row[1:3] for row in record] == [["Leading in complexity", "Present"]]
    content = page.content()
    assert "Set Kestrel" in content and "Quinn Colleague" in content and "Rae Third" in content
    assert "Chair a multi-agency partnership board" in content
    assert page.get_by_role("link", name="Complexity reading list").get_attribute("href") == (
        "https://docs.example/reading"
    )
    assert "1 attended of 7 needed" in content

    # Feedback: a missing rating is explained and the comment kept; then sent.
    click_and_wait(page, page.get_by_role("link", name="Give feedback on Leading in complexity"))
    assert_accessible(page)
    page.get_by_label("What worked well, and what could be better? (optional)").fill(
        "The case studies were excellent."
    )
    click_and_wait(page, page.get_by_role("button", name="Send feedback"))
    assert page.title().startswith("Error: ")
    assert_accessible(page)
    assert page.get_by_label(
        "What worked well, and what could be better? (optional)"
    ).input_value() == ("The case studies were excellent.")
    page.get_by_role("group", name="How would you rate this session?").get_by_label(
        "5: Excellent"
    ).check()
    click_and_wait(page, page.get_by_role("button", name="Send feedback"))
    assert urlparse(page.url).path == "/programme/"
    assert "Thank you for your feedback on Leading in complexity." in page.content()
    assert_accessible(page)
    answer = SessionFeedback.objects.get()
    assert (answer.participant, answer.rating, answer.comment) == (
        people["Pat Participant"],
        5,
        "The case studies were excellent.",
    )
    page.context.clear_cookies()

    # Rae follows the link in her email.
    sign_in(page, "rae@council.example", PASSWORD)
    rae_email = next(m for m in mail.outbox if m.to == ["rae@council.example"])
    go(page, link_in_email(rae_email))
    page.get_by_role("group", name="How would you rate this session?").get_by_label(
        "3: Adequate"
    ).check()
    click_and_wait(page, page.get_by_role("button", name="Send feedback"))
    assert SessionFeedback.objects.count() == 2
    page.context.clear_cookies()

    # The team reads progress and feedback.
    sign_in(page, "terry@team.example", PASSWORD)
    go(page, f"/team/cohorts/{cohort.pk}/progress/")
    rows = {row[0]: row for row in table_rows(page, "Participants, page 1 of 1")}
    assert rows["Quinn Colleague"][2:5] == ["0 of 7", "0 of 0", "At risk"]
    click_and_wait(page, page.get_by_role("link", name="Pat Participant"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Back to progress and completion"))
    click_and_wait(page, page.get_by_role("link", name="Session feedback"))
    assert_accessible(page)
    assert table_rows(page, "By facilitator") == [
        ["Fran Facilitator", "1", "2", "4.0", "0, 0, 1, 0, 1"]
    ]
    click_and_wait(page, page.get_by_role("link", name="Leading in complexity"))
    assert_accessible(page)
    assert "The case studies were excellent." in page.content()
    assert "Pat Participant" not in page.locator("main").inner_text()


def test_the_register_works_without_javascript(js_disabled_page, year):
    page = js_disabled_page
    cohort, today, people = year
    sign_in(page, "fran@facilitate.example", PASSWORD)
    go(page, f"/sessions/{today.pk}/register/")
    page.get_by_role("group", name="Pat Participant").get_by_label("Absent").check()
    click_and_wait(page, page.get_by_role("button", name="Mark everyone else present"))
    assert_accessible(page)
    marks = dict(Attendance.objects.values_list("participant__user__full_name", "status"))
    assert marks == {
        "Pat Participant": "absent",
        "Quinn Colleague": "present",
        "Rae Third": "present",
    }
