"""Calendars: the personal feed at a secret, resettable address, a file for each session, valid
iCalendar (parsed back with the icalendar package), stable UIDs and rising SEQUENCEs."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.delivery.factories import (
    ActionLearningSetFactory,
    CohortFactory,
    ParticipantFactory,
    SessionFactory,
    VenueFactory,
)
from tests.factories import RoleAssignmentFactory
from tests.helpers import assert_no_writes
from upon.accounts.models import Role
from upon.delivery import calendars
from upon.delivery import sessions as session_service
from upon.delivery.models import Mode, ParticipantStatus, SessionKind
from upon.recruitment.intakes import LONDON


def at(cohort, days, hour=9, minute=30):
    date = cohort.starts_on + datetime.timedelta(days=days)
    return datetime.datetime.combine(date, datetime.time(hour, minute), tzinfo=LONDON)


@pytest.fixture
def timetable(cohort, facilitator):
    """Two published taught days, one unpublished, one set meeting, another set's meeting."""
    hall = VenueFactory(
        programme=cohort.intake.programme,
        name="Civic Hall",
        address="1 Civic Square\nLeeds\nLS1 1UR",
        access_notes="Step-free; hearing loop",
    )
    first = SessionFactory(
        cohort=cohort,
        sequence_number=1,
        title="Taught day 1",
        description="Leading in complexity.",
        venue=hall,
        starts_at=at(cohort, 7),
        ends_at=at(cohort, 7, 16, 30),
    )
    first.facilitators.add(facilitator)
    second = SessionFactory(
        cohort=cohort,
        sequence_number=2,
        title="Taught day 2",
        mode=Mode.VIRTUAL,
        venue=None,
        joining_link="https://meet.example.com/day2",
        joining_details="Passcode 2468",
        starts_at=at(cohort, 21),
        ends_at=at(cohort, 21, 12, 30),
    )
    SessionFactory(
        cohort=cohort,
        sequence_number=3,
        title="Taught day 3",
        published=False,
        venue=hall,
        starts_at=at(cohort, 35),
        ends_at=at(cohort, 35, 16, 30),
    )
    ours, theirs = (ActionLearningSetFactory(cohort=cohort, name=n) for n in ("Set A", "Set B"))
    meeting = SessionFactory(
        cohort=cohort,
        kind=SessionKind.ACTION_LEARNING,
        sequence_number=None,
        title="Set A meets",
        action_learning_set=ours,
        mode=Mode.VIRTUAL,
        venue=None,
        joining_link="https://meet.example.com/a",
        starts_at=at(cohort, 28, 13, 30),
        ends_at=at(cohort, 28, 16, 30),
    )
    SessionFactory(
        cohort=cohort,
        kind=SessionKind.ACTION_LEARNING,
        sequence_number=None,
        title="Set B meets",
        action_learning_set=theirs,
        mode=Mode.VIRTUAL,
        venue=None,
        starts_at=at(cohort, 28, 13, 30),
        ends_at=at(cohort, 28, 16, 30),
    )
    return first, second, meeting, ours


def parse(response) -> Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar):
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_is_valid_icalendar_with_the_participants_sessions(
    client, cohort, participant, timetable
):
    first, second, meeting, ours = timetable
    participant.action_learning_set = ours
    participant.save()
    response = client.get(reverse("delivery:feed", args=[participant.calendar_token]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    calendar = parse(response)
    assert (str(calendar["VERSION"]), str(calendar["PRODID"])) == (
        "2.0",
        "-//Upon//Programme delivery//EN",
    )
    found = events(calendar)
    assert sorted(found) == ["Set A meets", "Taught day 1", "Taught day 2"]
    day = found["Taught day 1"]
    assert str(day["UID"]) == f"{first.uid}@upon.programme"
    assert int(day["SEQUENCE"]) == 0
    assert day["DTSTART"].dt == first.starts_at
    assert day["DTEND"].dt == first.ends_at
    assert day["DTSTART"].to_ical().endswith(b"Z")  # written in UTC, no time zone needed
    assert str(day["LOCATION"]) == "Civic Hall, 1 Civic Square, Leeds, LS1 1UR"
    assert str(day["DESCRIPTION"]) == "\n".join(
        [
            "Leading in complexity.",
            f"When: {session_service.when(first.starts_at, first.ends_at)} (UK time)",
            "How: In person",
            "Where: Civic Hall, 1 Civic Square, Leeds, LS1 1UR",
            "Access: Step-free; hearing loop",
            "Facilitators: Fran Facilitator",
        ]
    )
    online = found["Taught day 2"]
    assert str(online["LOCATION"]) == "https://meet.example.com/day2"
    assert str(online["URL"]) == "https://meet.example.com/day2"
    assert "Joining details: Passcode 2468" in str(online["DESCRIPTION"])


def test_a_changed_session_keeps_its_uid_and_its_sequence_rises(
    client, cohort, participant, timetable
):
    first = timetable[0]
    url = reverse("delivery:feed", args=[participant.calendar_token])
    before = events(parse(client.get(url)))["Taught day 1"]
    session_service.switch_mode(
        sessions=[first], mode=Mode.VIRTUAL, joining_link="https://meet.example.com/day1"
    )
    after = events(parse(client.get(url)))["Taught day 1"]
    assert str(after["UID"]) == str(before["UID"])
    assert (int(before["SEQUENCE"]), int(after["SEQUENCE"])) == (0, 1)
    assert str(after["LOCATION"]) == "https://meet.example.com/day1"


def test_without_a_set_a_participant_sees_no_set_meetings(client, participant, timetable):
    response = client.get(reverse("delivery:feed", args=[participant.calendar_token]))
    assert sorted(events(parse(response))) == ["Taught day 1", "Taught day 2"]


def test_an_unknown_reset_or_withdrawn_address_is_not_found(client, participant, timetable):
    old = participant.calendar_token
    client.force_login(participant.user)
    response = client.post(reverse("delivery:reset_calendar"), follow=True)
    assert "Your calendar address has changed" in response.content.decode()
    participant.refresh_from_db()
    assert participant.calendar_token != old and len(participant.calendar_token) >= 32
    client.logout()
    assert client.get(reverse("delivery:feed", args=[old])).status_code == 404
    new = reverse("delivery:feed", args=[participant.calendar_token])
    assert client.get(new).status_code == 200
    assert client.get(reverse("delivery:feed", args=["not-a-token"])).status_code == 404
    participant.status = ParticipantStatus.WITHDRAWN
    participant.save()
    assert client.get(new).status_code == 404


def test_resetting_changes_only_the_signed_in_persons_address(
    client, participant, other_participant
):
    theirs = other_participant.calendar_token
    client.force_login(participant.user)
    client.post(reverse("delivery:reset_calendar"))
    other_participant.refresh_from_db()
    assert other_participant.calendar_token == theirs


def test_resetting_is_post_only_and_for_participants(client, participant, team, outsider):
    url = reverse("delivery:reset_calendar")
    client.force_login(participant.user)
    assert client.get(url).status_code == 405
    for person in (team, outsider):
        client.force_login(person)
        assert client.post(url).status_code == 403


# ---------------------------------------------------------------------------------------------
# A file for one session


def test_a_participant_downloads_a_session(client, participant, timetable):
    first = timetable[0]
    client.force_login(participant.user)
    response = client.get(reverse("delivery:session_file", args=[first.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="taught-day-1.ics"'
    calendar = parse(response)
    (event,) = calendar.walk("VEVENT")
    assert (str(event["UID"]), str(event["SUMMARY"])) == (
        f"{first.uid}@upon.programme",
        "Taught day 1",
    )


def test_who_may_download_a_session(
    client, cohort, participant, other_participant, facilitator, team, other_team, timetable
):
    first, second, meeting, ours = timetable
    url = reverse("delivery:session_file", args=[first.pk])
    for person in (participant.user, other_participant.user, facilitator, team):
        client.force_login(person)
        assert client.get(url).status_code == 200
    elsewhere = ParticipantFactory(cohort=CohortFactory())
    for person in (other_team, elsewhere.user):
        client.force_login(person)
        assert client.get(url).status_code == 404
    # Another set's meeting, and an unpublished session, are not theirs to see.
    client.force_login(participant.user)
    assert client.get(reverse("delivery:session_file", args=[meeting.pk])).status_code == (404)
    draft = cohort.sessions.get(published=False)
    assert client.get(reverse("delivery:session_file", args=[draft.pk])).status_code == 404
    client.force_login(team)
    assert client.get(reverse("delivery:session_file", args=[draft.pk])).status_code == 200
    client.logout()
    assert client.get(url).url == f"/account/sign-in/?next={url}"


# ---------------------------------------------------------------------------------------------
# The participant's calendar page


def test_the_calendar_page_shows_the_address_and_downloads(client, participant, timetable):
    client.force_login(participant.user)
    content = client.get(reverse("delivery:my_calendar")).content.decode()
    feed = calendars.feed_url(participant)
    assert feed.endswith(f"/calendar/{participant.calendar_token}.ics")
    assert f'value="{feed}"' in content
    assert "webcal://" + feed.split("://", 1)[1] in content
    assert content.count("as a calendar file</span>") == 2


def test_the_calendar_page_is_for_participants_with_a_place(client, cohort, outsider, team):
    client.force_login(outsider)
    assert client.get(reverse("delivery:my_calendar")).status_code == 403
    client.force_login(team)
    assert client.get(reverse("delivery:my_calendar")).status_code == 403
    role_only = RoleAssignmentFactory(
        role=Role.PARTICIPANT, programme=cohort.intake.programme, intake=cohort.intake
    ).user
    client.force_login(role_only)
    assert client.get(reverse("delivery:my_calendar")).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_calendar_page_query_count_is_the_same_for_1_and_3_sessions(
    client, cohort, participant, facilitator, django_assert_num_queries, count
):
    for n in range(count):
        session = SessionFactory(
            cohort=cohort, starts_at=at(cohort, 7 * n), ends_at=at(cohort, 7 * n, 16)
        )
        session.facilitators.add(facilitator)
    client.force_login(participant.user)
    # session, user, roles, participant, page count, sessions, their facilitators.
    with django_assert_num_queries(7):
        response = client.get(reverse("delivery:my_calendar"))
    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [1, 3])
def test_feed_query_count_is_the_same_for_1_and_3_sessions(
    client, cohort, participant, facilitator, django_assert_num_queries, count
):
    for n in range(count):
        session = SessionFactory(
            cohort=cohort, starts_at=at(cohort, 7 * n), ends_at=at(cohort, 7 * n, 16)
        )
        session.facilitators.add(facilitator)
    url = reverse("delivery:feed", args=[participant.calendar_token])
    # participant, sessions, their facilitators.
    with django_assert_num_queries(3):
        response = client.get(url)
    assert len(parse(response).walk("VEVENT")) == count


# A facilitator's feed of the sessions they run.


def facilitator_feed_url(person):
    token = calendars.start_facilitator_calendar(user=person).token
    return reverse("delivery:facilitator_feed", args=[token])


def test_a_facilitators_feed_holds_the_sessions_they_run(client, facilitator, timetable):
    first, second, meeting, ours = timetable
    ours.facilitator = facilitator
    ours.save()
    found = events(parse(client.get(facilitator_feed_url(facilitator))))
    # Taught day 1 (on its facilitators) and their set's meeting; not day 2, not unpublished 3.
    assert sorted(found) == ["Set A meets", "Taught day 1"]
    assert str(found["Taught day 1"]["UID"]) == calendars.uid_for(first)


def test_another_facilitators_feed_holds_only_their_own(
    client, cohort, other_facilitator, timetable
):
    second = timetable[1]
    second.facilitators.add(other_facilitator)
    found = events(parse(client.get(facilitator_feed_url(other_facilitator))))
    assert sorted(found) == ["Taught day 2"]


def test_a_reset_facilitator_address_stops_working(client, facilitator, timetable):
    old = facilitator_feed_url(facilitator)
    client.force_login(facilitator)
    response = client.post(reverse("delivery:reset_facilitator_calendar"))
    assert response.status_code == 302
    assert client.get(old).status_code == 404
    assert client.get(facilitator_feed_url(facilitator)).status_code == 200
    page = client.get(reverse("delivery:facilitator_calendar")).content.decode()
    assert calendars.facilitator_calendar(facilitator).token in page


def test_a_facilitator_gets_their_address_when_given_the_role(client, cohort):
    from tests.factories import UserFactory
    from upon.accounts.services import grant_role

    person = UserFactory()
    grant_role(
        user=person, role="facilitator", programme=cohort.intake.programme, intake=cohort.intake
    )
    client.force_login(person)
    with assert_no_writes():
        page = client.get(reverse("delivery:facilitator_calendar")).content.decode()
    assert calendars.facilitator_calendar(person).token in page


def test_opening_the_calendar_page_without_an_address_makes_none(client, facilitator):
    client.force_login(facilitator)
    url = reverse("delivery:facilitator_calendar")
    with assert_no_writes():
        page = client.get(url).content.decode()
    assert "Get your calendar address" in page
    assert calendars.facilitator_calendar(facilitator) is None
    client.post(reverse("delivery:reset_facilitator_calendar"))
    page = client.get(url).content.decode()
    assert calendars.facilitator_calendar(facilitator).token in page


def test_the_facilitator_calendar_is_for_facilitators(client, participant, outsider, team):
    url = reverse("delivery:facilitator_calendar")
    for person in (participant.user, outsider, team):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(reverse("delivery:reset_facilitator_calendar")).status_code == 403
    assert client.get("/calendar/facilitating/not-a-token.ics").status_code == 404


def test_a_feed_stops_when_its_owner_no_longer_facilitates(client, facilitator, timetable):
    url = facilitator_feed_url(facilitator)
    facilitator.roles.filter(role=Role.FACILITATOR).delete()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_facilitator_feed_query_count_is_the_same_for_1_and_3_sessions(
    client, cohort, facilitator, django_assert_num_queries, count
):
    for day in range(count):
        SessionFactory(
            cohort=cohort, starts_at=at(cohort, 7 * day), ends_at=at(cohort, 7 * day, 16)
        ).facilitators.add(facilitator)
    url = facilitator_feed_url(facilitator)
    # The calendar and its user, the person's roles (read once), the sessions, facilitators.
    with django_assert_num_queries(4):
        found = events(parse(client.get(url)))
    assert len(found) == count
