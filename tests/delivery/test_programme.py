"""The participant's home for the programme year, and the navigation to it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.delivery.factories import (
    ActionLearningSetFactory,
    ParticipantFactory,
    SessionFactory,
    VenueFactory,
)
from upon.delivery.models import (
    Attendance,
    DevelopmentGoal,
    Mode,
    ParticipantStatus,
    SessionFeedback,
    SessionMaterial,
)

HOME = "/programme/"


def _at(days, hour=9, minute=30):
    """A moment `days` from today at this UK time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def year(cohort, participant, facilitator, past_day):
    """A set, a goal, materials and sessions: one past (marked), two to come, one draft."""
    group = ActionLearningSetFactory(cohort=cohort, name="Set Kestrel", facilitator=facilitator)
    participant.action_learning_set = group
    participant.save()
    ParticipantFactory(cohort=cohort, action_learning_set=group, user__full_name="Sol Setmate")
    ParticipantFactory(
        cohort=cohort,
        action_learning_set=group,
        status=ParticipantStatus.WITHDRAWN,
        user__full_name="Wes Withdrawn",
    )
    venue = VenueFactory(
        programme=cohort.intake.programme,
        name="Quaker Meeting House",
        address="6 Euston Road\nLondon\nNW1 2BJ",
        access_notes="Step-free entrance on Euston Road. Hearing loop in every room.",
    )
    next_day = SessionFactory(
        cohort=cohort,
        title="Systems thinking day",
        venue=venue,
        starts_at=_at(6),
        ends_at=_at(6, 16, 30),
    )
    next_day.facilitators.add(facilitator)
    SessionFactory(
        cohort=cohort,
        title="Engaging communities",
        mode=Mode.VIRTUAL,
        venue=None,
        joining_link="https://meet.example/engaging",
        starts_at=_at(40),
        ends_at=_at(40, 12),
    )
    SessionFactory(cohort=cohort, title="Unpublished plan", published=False, starts_at=_at(3))
    other_set = ActionLearningSetFactory(cohort=cohort, name="Set Osprey")
    SessionFactory(
        cohort=cohort,
        kind="action_learning",
        title="Osprey meeting",
        action_learning_set=other_set,
        starts_at=_at(10),
        ends_at=_at(10, 12),
    )
    Attendance.objects.create(session=past_day, participant=participant, status="late")
    SessionMaterial.objects.create(
        session=past_day, title="Complexity reading list", url="https://docs.example/reading"
    )
    DevelopmentGoal.objects.create(
        participant=participant,
        text="Chair a multi-agency partnership board",
        capability=cohort.intake.capabilities.get(position=2),
    )
    return next_day


def test_the_participant_sees_their_year(client, participant, year):
    client.force_login(participant.user)
    response = client.get(HOME)
    assert response.status_code == 200
    content = response.content.decode()
    # Next session, with the venue's address and access notes.
    assert "Systems thinking day" in content
    assert "6 Euston Road<br>London<br>NW1 2BJ" in content
    assert "Step-free entrance on Euston Road. Hearing loop in every room." in content
    assert "Fran Facilitator" in content
    # Timetable: published sessions for the cohort and their set only.
    assert "Engaging communities" in content
    assert "Unpublished plan" not in content and "Osprey meeting" not in content
    # Attendance record, with feedback to give.
    assert "Late" in content
    assert (
        reverse(
            "delivery:session_feedback",
            args=[year.cohort.sessions.get(title="Leading in complexity").pk],
        )
        in content
    )
    # Set, goals, resources, progress.
    assert (
        "Set Kestrel" in content and "Sol Setmate" in content and "Pat Participant (you)" in content
    )
    assert "Wes Withdrawn" not in content
    assert "Chair a multi-agency partnership board" in content
    assert 'href="https://docs.example/reading">Complexity reading list</a>' in content
    assert "1 attended of 7 needed" in content
    assert "Needs 6 more taught days. Can miss 1 taught day more." in content


def test_a_virtual_next_session_shows_how_to_join(client, cohort, participant):
    SessionFactory(
        cohort=cohort,
        title="Online taught day",
        mode=Mode.VIRTUAL,
        venue=None,
        joining_link="https://meet.example/day",
        joining_details="Meeting ID 123 456; passcode 7890",
        starts_at=_at(2),
        ends_at=_at(2, 16),
    )
    client.force_login(participant.user)
    content = client.get(HOME).content.decode()
    assert 'href="https://meet.example/day"' in content
    assert "Meeting ID 123 456; passcode 7890" in content
    assert "High Street" not in content


def test_another_participant_sees_their_own_page(client, other_participant, year):
    client.force_login(other_participant.user)
    content = client.get(HOME).content.decode()
    assert "Quinn Colleague" not in content  # they are in no set, so no member list
    assert "Set Kestrel" not in content
    assert "Chair a multi-agency partnership board" not in content
    assert "You have not been placed in an action learning set yet." in content


def test_a_participant_of_another_cohort_sees_only_theirs(client, other_cohort, year):
    stranger = ParticipantFactory(cohort=other_cohort)
    client.force_login(stranger.user)
    content = client.get(HOME).content.decode()
    assert other_cohort.name in content
    assert "Systems thinking day" not in content


def test_people_without_the_participant_role_get_403(client, facilitator, team, outsider):
    for person in (facilitator, team, outsider):
        client.force_login(person)
        assert client.get(HOME).status_code == 403
    client.logout()
    assert client.get(HOME).url.startswith(reverse("accounts:sign_in"))


def test_before_the_cohort_is_made_the_page_says_so(client, cohort):
    from tests.factories import RoleAssignmentFactory
    from upon.accounts.models import Role

    person = RoleAssignmentFactory(
        role=Role.PARTICIPANT, programme=cohort.intake.programme, intake=cohort.intake
    ).user
    client.force_login(person)
    assert "Your cohort has not been set up yet." in client.get(HOME).content.decode()


def test_a_withdrawn_participant_sees_their_record_but_no_timetable(client, participant, year):
    participant.status = ParticipantStatus.WITHDRAWN
    participant.save()
    client.force_login(participant.user)
    content = client.get(HOME).content.decode()
    assert "Your place is withdrawn" in content
    assert "Systems thinking day" not in content
    assert "Your attendance record" in content and "Give feedback" not in content


def test_the_navigation_leads_participants_and_facilitators_home(client, participant, facilitator):
    client.force_login(participant.user)
    content = client.get(reverse("accounts:home")).content.decode()
    assert f'href="{HOME}">Your programme</a>' in content
    assert "Your sessions" not in content
    client.force_login(facilitator)
    content = client.get(reverse("accounts:home")).content.decode()
    assert 'href="/facilitating/">Your sessions</a>' in content
    assert "Your programme" not in content


@pytest.mark.parametrize("count", [1, 3])
def test_home_query_count_is_the_same_for_1_and_3_sessions(
    client, cohort, participant, facilitator, django_assert_num_queries, count
):
    group = ActionLearningSetFactory(cohort=cohort, facilitator=facilitator)
    participant.action_learning_set = group
    participant.save()
    ParticipantFactory(cohort=cohort, action_learning_set=group)
    DevelopmentGoal.objects.create(participant=participant, text="A goal")
    for i in range(count):
        past = SessionFactory(cohort=cohort, starts_at=_at(-20 + i), ends_at=_at(-20 + i, 16))
        past.facilitators.add(facilitator)
        SessionFactory(cohort=cohort, starts_at=_at(20 + i), ends_at=_at(20 + i, 16))
        Attendance.objects.create(session=past, participant=participant, status="present")
        SessionFeedback.objects.create(session=past, participant=participant, rating=4)
        SessionMaterial.objects.create(session=past, title=f"Slides {i}", url="https://x.example")
    client.force_login(participant.user)
    client.get(HOME)
    # session, user, roles, participant, sessions, facilitators, marks, feedback, members,
    # materials, goals.
    with django_assert_num_queries(11):
        response = client.get(HOME)
    assert response.content.decode().count("Slides ") == count
