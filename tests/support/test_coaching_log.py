"""The coaching log's rules: who logs what and when, hours against the budget across a rematch,
the relationship check after the third session, and low answers alerting the team without the
notes."""

import datetime

import pytest
from django.conf import settings
from django.db.models import ProtectedError

from tests.factories import RoleAssignmentFactory
from tests.support.coaching_factories import coach_in, coaching, director_in
from upon.accounts.models import Role
from upon.support import coaching as relationships
from upon.support import coaching_log
from upon.support.models import CoachingSession, RelationshipCheck

pytestmark = pytest.mark.django_db

NOTES = "Talked about the Ofsted letter and the chief executive."


@pytest.fixture
def pair(programme, authorities, june_2026):
    """Cal coaching Dee since 1 May 2026 (Dee's budget: 12 hours)."""
    cal = coach_in(programme, "Cal Coach")
    dee = director_in(programme, "Dee Director")
    return coaching(cal, dee)


def log(relationship, by, *, held_on=datetime.date(2026, 5, 20), minutes=90, **more):
    details = {"mode": "online", "themes": [2, 1], "notes": NOTES, "goals": "Chair the board."}
    return coaching_log.log_session(
        relationship=relationship,
        by=by,
        held_on=held_on,
        minutes=minutes,
        **(details | more),
    )


def test_the_coach_or_the_director_logs_a_session(pair):
    log(pair, pair.coach.user)
    log(pair, pair.director, held_on=datetime.date(2026, 6, 1), minutes=60, themes=[9, 3, 3])
    assert list(
        CoachingSession.objects.values_list(
            "held_on", "minutes", "mode", "themes", "notes", "recorded_by"
        )
    ) == [
        (datetime.date(2026, 6, 1), 60, "online", [3], NOTES, pair.director.pk),
        (datetime.date(2026, 5, 20), 90, "online", [1, 2], NOTES, pair.coach.user.pk),
    ]


@pytest.mark.parametrize(
    "held_on, minutes, field, message",
    [
        (
            datetime.date(2026, 6, 2),
            60,
            "held_on",
            "The date of the session must be today or in the past",
        ),
        (
            datetime.date(2026, 4, 30),
            60,
            "held_on",
            "The date of the session must be on or after 1 May 2026, when coaching began",
        ),
        (datetime.date(2026, 5, 20), 1441, "hours", "A session must be 24 hours or shorter"),
    ],
)
def test_a_session_in_the_future_before_the_start_or_over_a_day_is_refused(
    pair, held_on, minutes, field, message
):
    with pytest.raises(coaching_log.CannotLog) as refused:
        log(pair, pair.coach.user, held_on=held_on, minutes=minutes)
    assert (refused.value.field, refused.value.message) == (field, message)
    assert not CoachingSession.objects.exists()


def test_a_day_exactly_is_a_session(pair):
    assert log(pair, pair.coach.user, minutes=1440).minutes == 1440


def test_an_ended_relationship_takes_no_more_sessions(pair):
    relationships.ask_rematch(relationship=pair, note="Not a fit", today=datetime.date(2026, 5, 30))
    with pytest.raises(coaching_log.CannotLog) as refused:
        log(pair, pair.director)
    assert refused.value.message == "This coaching has ended: no more sessions can be logged"


def test_hours_count_across_a_rematch(programme, pair):
    log(pair, pair.coach.user, minutes=300)
    relationships.ask_rematch(relationship=pair, note="Not a fit", today=datetime.date(2026, 5, 25))
    kim = coach_in(programme, "Kim Coach")
    second = coaching(kim, pair.director, started_on=datetime.date(2026, 5, 26))
    log(second, kim.user, held_on=datetime.date(2026, 5, 27), minutes=150)
    assert coaching_log.minutes_used(pair.entitlement) == 450
    assert coaching_log.budget(pair.entitlement).summary == "7 hours 30 minutes used of 12 hours"


@pytest.mark.parametrize(
    "used, warning",
    [
        (575, ""),
        (
            576,
            "Most of the coaching budget is used: 9 hours 36 minutes used of 12 hours, "
            "2 hours 24 minutes left.",
        ),
        (720, "The coaching budget is used up: 12 hours used of 12 hours."),
        (
            781,
            "The coaching budget is used up: 13 hours 1 minute used of 12 hours, 1 hour 1 minute "
            "over. Sessions can still be logged; the programme team decides whether more "
            "coaching is funded.",
        ),
    ],
)
def test_the_budget_warns_from_80_percent_and_when_exceeded(used, warning):
    assert coaching_log.Budget(used=used, hours=12).warning == warning


def test_logging_beyond_the_budget_is_allowed(pair):
    for day in (10, 11, 12):
        log(pair, pair.coach.user, held_on=datetime.date(2026, 5, day), minutes=300)
    assert coaching_log.budget(pair.entitlement).used == 900


def test_the_check_is_due_to_each_side_after_the_third_session(pair):
    for day in (10, 11):
        log(pair, pair.coach.user, held_on=datetime.date(2026, 5, day))
    assert not coaching_log.check_due(pair, "director")
    log(pair, pair.coach.user, held_on=datetime.date(2026, 5, 12))
    assert coaching_log.check_due(pair, "director")
    assert coaching_log.check_due(pair, "coach")
    coaching_log.answer_check(relationship=pair, by=pair.director, working_well=4, progress=3)
    assert not coaching_log.check_due(pair, "director")
    assert coaching_log.check_due(pair, "coach")
    with pytest.raises(coaching_log.NotDue):
        coaching_log.answer_check(relationship=pair, by=pair.director, working_well=5, progress=5)


def test_the_check_is_not_answered_before_the_third_session(pair):
    log(pair, pair.coach.user)
    with pytest.raises(coaching_log.NotDue):
        coaching_log.answer_check(relationship=pair, by=pair.coach.user, working_well=4, progress=4)
    assert not RelationshipCheck.objects.exists()


@pytest.fixture
def three_sessions(pair, team):
    for day in (10, 11, 12):
        log(pair, pair.coach.user, held_on=datetime.date(2026, 5, day))
    return pair


def test_a_good_answer_tells_no_one(three_sessions, mailoutbox):
    check = coaching_log.answer_check(
        relationship=three_sessions, by=three_sessions.coach.user, working_well=3, progress=4
    )
    assert (check.side, check.respondent, check.working_well, check.progress) == (
        "coach",
        three_sessions.coach.user,
        3,
        4,
    )
    assert mailoutbox == []


def test_a_low_answer_emails_the_team_without_the_notes(three_sessions, team, mailoutbox):
    lead = RoleAssignmentFactory(
        role=Role.PROGRAMME_LEAD, programme=three_sessions.entitlement.programme
    ).user
    coaching_log.answer_check(
        relationship=three_sessions, by=three_sessions.director, working_well=4, progress=2
    )
    [sent] = mailoutbox
    assert sorted(sent.to) == sorted([team.email, lead.email])
    assert sent.subject == "Coaching relationship check: a low answer for Dee Director"
    assert "Dee Director, the director, answered the relationship check" in sent.body
    assert "How well the coaching relationship is working: 4 out of 5" in sent.body
    assert "Progress towards the director's goals: 2 out of 5" in sent.body
    assert f"{settings.SITE_URL}/team/coaching/" in sent.body
    assert NOTES not in sent.body
    assert "Chair the board." not in sent.body


def test_team_alerts_are_low_answers_not_yet_reviewed(three_sessions, programme, other_team):
    low = coaching_log.answer_check(
        relationship=three_sessions, by=three_sessions.director, working_well=1, progress=4
    )
    coaching_log.answer_check(
        relationship=three_sessions, by=three_sessions.coach.user, working_well=4, progress=4
    )
    assert list(coaching_log.team_alerts([programme.pk])) == [low]
    assert list(coaching_log.team_alerts([programme.pk + 1000])) == []
    now = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)
    coaching_log.mark_reviewed(check=low, now=now)
    low.refresh_from_db()
    assert low.reviewed_at == now
    assert list(coaching_log.team_alerts([programme.pk])) == []


def test_after_the_end_the_coach_sees_only_the_sessions_they_logged(pair):
    by_coach = log(pair, pair.coach.user, held_on=datetime.date(2026, 5, 10))
    by_director = log(pair, pair.director, held_on=datetime.date(2026, 5, 11))
    assert list(coaching_log.sessions_for(pair, pair.coach.user)) == [by_director, by_coach]
    relationships.decline(relationship=pair, note="Moving abroad", today=datetime.date(2026, 5, 30))
    assert list(coaching_log.sessions_for(pair, pair.coach.user)) == [by_coach]
    assert list(coaching_log.sessions_for(pair, pair.director)) == [by_director, by_coach]


def test_a_coach_with_relationships_is_never_deleted(pair):
    log(pair, pair.coach.user)
    with pytest.raises(ProtectedError):
        pair.coach.delete()
    with pytest.raises(ProtectedError):
        pair.delete()
    assert CoachingSession.objects.count() == 1


@pytest.mark.parametrize(
    "minutes, text",
    [
        (0, "0 hours"),
        (1, "1 minute"),
        (45, "45 minutes"),
        (60, "1 hour"),
        (150, "2 hours 30 minutes"),
    ],
)
def test_hours_read_as_people_write_them(minutes, text):
    assert coaching_log.hours_text(minutes) == text
