"""The timetable planner, Django side: slots and closed days, the problem it builds, proposing,
accepting, re-planning after a facilitator cancels, and the planner's pages."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from tests.delivery.factories import (
    ActionLearningSetFactory,
    CohortFactory,
    ParticipantFactory,
    SessionFactory,
    VenueFactory,
    facilitator_for,
)
from tests.factories import IntakeFactory
from upon.delivery import planning
from upon.delivery import sessions as session_service
from upon.delivery.models import Mode, Session, SessionKind, Unavailability
from upon.recruitment.intakes import LONDON

UTC = datetime.UTC
NOW = datetime.datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
CURRICULUM = planning.Curriculum(learning_visits=1)


@pytest.fixture
def spring(authorities):
    """A short cohort over Easter 2027: 1 March to 28 May, four taught days a week apart."""
    intake = IntakeFactory(name="Spring 2027", slug="spring-2027")
    cohort = CohortFactory(
        intake=intake,
        name="Spring 2027 cohort",
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 5, 28),
        taught_days_total=4,
        taught_days_required=3,
        min_gap_days=7,
    )
    fran = facilitator_for(cohort, full_name="Fran Facilitator", email="fran@example.org")
    gus = facilitator_for(cohort, full_name="Gus Guide", email="gus@example.org")
    programme = intake.programme
    hall = VenueFactory(programme=programme, name="Civic Hall")
    centre = VenueFactory(programme=programme, name="Conference Centre")
    return cohort, fran, gus, hall, centre


def london(moment):
    return moment.astimezone(LONDON)


# ---------------------------------------------------------------------------------------------
# Slots and closed days


# A session running a little past its half day no longer fits it; one running two hours on
# reaches into the next half day.
OVERRUN = datetime.timedelta(minutes=5)
INTO_THE_NEXT_HALF_DAY = datetime.timedelta(hours=2)


def test_slots_are_half_days_in_uk_time_across_the_clock_change(spring):
    cohort = spring[0]
    grid = planning.grid_for(cohort)
    assert grid.n_days == 89 and grid.n_slots == 178
    # Monday 1 March (GMT): a taught day is 9:30am to 4:30pm, 09:30 to 16:30 UTC.
    assert grid.span(0, 2) == (
        datetime.datetime(2027, 3, 1, 9, 30, tzinfo=UTC),
        datetime.datetime(2027, 3, 1, 16, 30, tzinfo=UTC),
    )
    # Monday 5 April (BST, day 35): the afternoon is 1:30pm to 4:30pm UK time.
    assert grid.span(71, 1) == (
        datetime.datetime(2027, 4, 5, 12, 30, tzinfo=UTC),
        datetime.datetime(2027, 4, 5, 15, 30, tzinfo=UTC),
    )
    starts, ends = grid.span(70, 1)
    assert grid.placed(starts, ends) == (70, 1)
    assert grid.placed(starts, ends + OVERRUN) is None
    assert grid.touched(starts, ends + INTO_THE_NEXT_HALF_DAY) == [70, 71]


def test_weekends_and_bank_holidays_in_england_are_closed(spring):
    grid = planning.grid_for(spring[0])
    closed = planning.closed_days(grid)
    named = {grid.date_of(day) for day in closed if grid.date_of(day).weekday() < 5}
    # Good Friday, Easter Monday and the early May bank holiday fall in the window.
    assert named == {
        datetime.date(2027, 3, 26),
        datetime.date(2027, 3, 29),
        datetime.date(2027, 5, 3),
    }
    assert len(closed) == 3 + 24  # and 12 weekends within 1 March to 28 May
    assert 0 not in closed


# ---------------------------------------------------------------------------------------------
# The problem


def test_the_curriculum_becomes_sessions_to_place(spring):
    cohort, fran, gus, hall, centre = spring
    built = planning.build(cohort=cohort, curriculum=CURRICULUM, now=NOW)
    assert built.problems == []
    specs = {spec.id: spec for spec in built.problem.sessions}
    # No action learning meetings: each set's are planned with its facilitator, not here.
    assert sorted(specs) == [
        "new-taught-1",
        "new-taught-2",
        "new-taught-3",
        "new-taught-4",
        "new-visit-1",
    ]
    taught = specs["new-taught-3"]
    assert (taught.kind, taught.length, taught.order) == ("taught_day", 2, 3)
    assert taught.facilitators == (str(fran.pk), str(gus.pk))
    assert taught.venues == (str(hall.pk), str(centre.pk))
    assert specs["new-visit-1"].venues == ()
    assert built.problem.min_gap_days == 7
    assert built.problem.previous is None


def test_unavailability_and_other_cohorts_sessions_make_people_and_rooms_busy(spring):
    cohort, fran, gus, hall, centre = spring
    Unavailability.objects.create(
        facilitator=fran,
        starts_at=datetime.datetime(2027, 3, 2, 0, 0, tzinfo=LONDON),
        ends_at=datetime.datetime(2027, 3, 4, 0, 0, tzinfo=LONDON),
    )
    Unavailability.objects.create(
        venue=hall,
        starts_at=datetime.datetime(2027, 3, 8, 13, 0, tzinfo=LONDON),
        ends_at=datetime.datetime(2027, 3, 8, 14, 0, tzinfo=LONDON),
    )
    other = CohortFactory(intake=IntakeFactory(programme=cohort.intake.programme))
    elsewhere = SessionFactory(
        cohort=other,
        venue=centre,
        starts_at=datetime.datetime(2027, 3, 10, 9, 30, tzinfo=LONDON),
        ends_at=datetime.datetime(2027, 3, 10, 12, 30, tzinfo=LONDON),
    )
    elsewhere.facilitators.add(gus)
    built = planning.build(cohort=cohort, curriculum=CURRICULUM, now=NOW)
    assert built.problem.facilitator_unavailable == {
        str(fran.pk): frozenset({2, 3, 4, 5}),
        str(gus.pk): frozenset({18}),
    }
    assert built.problem.venue_unavailable == {
        str(hall.pk): frozenset({15}),  # 1pm to 2pm: the afternoon only
        str(centre.pk): frozenset({18}),
    }


def test_nothing_can_be_planned_without_facilitators_or_venues(authorities):
    cohort = CohortFactory()
    built = planning.build(cohort=cohort, curriculum=CURRICULUM)
    assert built.problems == [
        "Nobody has the facilitator role for this intake yet. Invite the facilitators first.",
        "There are no venues yet. Add the venues for taught days first.",
    ]
    assert planning.make_proposal(cohort=cohort, curriculum=CURRICULUM).found is False


def test_a_year_of_thousands_of_years_is_refused_before_anything_is_built(spring):
    # As saved before dates had bounds: the calendar is never built for 8,000 years.
    cohort = spring[0]
    cohort.ends_on = datetime.date(9999, 12, 31)
    cohort.save()
    built = planning.build(cohort=cohort, curriculum=CURRICULUM, now=NOW)
    assert built.problems == [
        "The cohort's year is longer than 2 years, so it cannot be planned. "
        "Change its last day first."
    ]
    assert planning.make_proposal(cohort=cohort, curriculum=CURRICULUM, now=NOW).found is False


# ---------------------------------------------------------------------------------------------
# Proposing and accepting


def _accepted(cohort, now=NOW):
    proposal = planning.make_proposal(cohort=cohort, curriculum=CURRICULUM, now=now)
    assert proposal.found
    planning.accept(cohort=cohort, token=proposal.token, now=now)
    return list(
        cohort.sessions.select_related("venue").prefetch_related("facilitators").order_by("pk")
    )


def test_an_accepted_plan_keeps_every_rule_and_is_unpublished(spring):
    cohort, fran, gus, hall, centre = spring
    # Fran is away for the whole second week.
    Unavailability.objects.create(
        facilitator=fran,
        starts_at=datetime.datetime(2027, 3, 8, 0, 0, tzinfo=LONDON),
        ends_at=datetime.datetime(2027, 3, 13, 0, 0, tzinfo=LONDON),
    )
    made = _accepted(cohort)
    assert [(s.kind, s.title) for s in sorted(made, key=lambda s: (s.kind, s.title))] == [
        ("learning_visit", "Learning visit 1"),
        ("taught_day", "Taught day 1"),
        ("taught_day", "Taught day 2"),
        ("taught_day", "Taught day 3"),
        ("taught_day", "Taught day 4"),
    ]
    grid = planning.grid_for(cohort)
    closed = planning.closed_days(grid)
    for session in made:
        assert session.published is False
        assert grid.day_of(session.starts_at) not in closed
        assert len(session.facilitators.all()) == 1
        assert (
            session_service.clashes(
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                facilitator_ids=[p.pk for p in session.facilitators.all()],
                venue=session.venue,
                mode=session.mode,
                exclude_ids=[session.pk],
            )
            == []
        )
    taught = sorted(
        (s for s in made if s.kind == SessionKind.TAUGHT_DAY), key=lambda s: s.sequence_number
    )
    assert [s.sequence_number for s in taught] == [1, 2, 3, 4]
    days = [london(s.starts_at).date() for s in taught]
    assert min((b - a).days for a, b in zip(days, days[1:], strict=False)) >= 7
    assert all(s.mode == Mode.IN_PERSON and s.venue in (hall, centre) for s in taught)
    assert all(
        (london(s.starts_at).time(), london(s.ends_at).time())
        == (datetime.time(9, 30), datetime.time(16, 30))
        for s in taught
    )
    # Nobody gave Fran anything in the week she is away.
    away = (datetime.date(2027, 3, 8), datetime.date(2027, 3, 12))
    for session in made:
        if fran in session.facilitators.all():
            assert not away[0] <= london(session.starts_at).date() <= away[1]


def test_planning_again_with_nothing_changed_changes_nothing(spring):
    cohort = spring[0]
    _accepted(cohort)
    again = planning.make_proposal(cohort=cohort, curriculum=CURRICULUM, now=NOW)
    assert again.plan.status == "optimal"
    assert (again.plan.changed, again.plan.moved, again.changes) == (0, 0, 0)
    assert {row.change for row in again.rows} == {"No change"}
    assert len(again.rows) == 5


def test_re_planning_after_a_facilitator_cancels_changes_only_their_session(
    spring, django_capture_on_commit_callbacks
):
    cohort, fran, gus, hall, centre = spring
    ParticipantFactory(cohort=cohort, user__email="pat@example.org")
    made = _accepted(cohort)
    session_service.publish(cohort=cohort)
    before = {s.pk: (s.starts_at, [p.pk for p in s.facilitators.all()], s.venue_id) for s in made}
    cancelled = next(
        s for s in sorted(made, key=lambda s: s.starts_at) if fran in s.facilitators.all()
    )
    day = london(cancelled.starts_at).date()
    Unavailability.objects.create(
        facilitator=fran,
        starts_at=datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=LONDON),
        ends_at=datetime.datetime.combine(
            day + datetime.timedelta(days=1), datetime.time(0, 0), tzinfo=LONDON
        ),
        note="Cancelled",
    )
    proposal = planning.make_proposal(cohort=cohort, curriculum=CURRICULUM, now=NOW)
    # Gus takes the day over: one session re-staffed, no date moves.
    assert (proposal.plan.changed, proposal.plan.moved) == (1, 0)
    changes = {row.item.session.pk: row.change for row in proposal.rows}
    assert changes[cancelled.pk] == "Facilitator Gus Guide instead of Fran Facilitator"
    assert [pk for pk, change in changes.items() if change != "No change"] == [cancelled.pk]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        planning.accept(cohort=cohort, token=proposal.token, now=NOW)
    cancelled.refresh_from_db()
    assert list(cancelled.facilitators.all()) == [gus]
    assert cancelled.starts_at == before[cancelled.pk][0]
    assert cancelled.ical_sequence == 1
    for session in Session.objects.filter(cohort=cohort).exclude(pk=cancelled.pk):
        assert (
            session.starts_at,
            [p.pk for p in session.facilitators.all()],
            session.venue_id,
        ) == (before[session.pk])
        assert session.ical_sequence == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["gus@example.org", "pat@example.org"]
    assert mail.outbox[0].subject == f"Change to {cancelled.title}"


def test_a_plan_made_before_the_timetable_changed_is_refused(spring):
    cohort, fran, *_ = spring
    proposal = planning.make_proposal(cohort=cohort, curriculum=CURRICULUM, now=NOW)
    SessionFactory(cohort=cohort, kind=SessionKind.OTHER, sequence_number=None, published=False)
    with pytest.raises(planning.PlanOutOfDate):
        planning.accept(cohort=cohort, token=proposal.token, now=NOW)
    with pytest.raises(planning.PlanOutOfDate):
        planning.accept(cohort=cohort, token=proposal.token[:-2] + "xx", now=NOW)
    assert cohort.sessions.count() == 1


def test_sessions_that_stay_put_hold_the_cohort_and_bound_the_order(spring):
    cohort, fran, gus, hall, centre = spring
    # Taught day 2 is fixed by hand at 10am to 3pm on Wednesday 7 April (off the grid).
    fixed = SessionFactory(
        cohort=cohort,
        sequence_number=2,
        title="Taught day 2",
        venue=hall,
        starts_at=datetime.datetime(2027, 4, 7, 10, 0, tzinfo=LONDON),
        ends_at=datetime.datetime(2027, 4, 7, 15, 0, tzinfo=LONDON),
        published=False,
    )
    fixed.facilitators.add(fran)
    built = planning.build(cohort=cohort, curriculum=CURRICULUM, now=NOW)
    specs = {spec.id: spec for spec in built.problem.sessions}
    assert "new-taught-2" not in specs
    assert specs["held-37"].earliest == 74 and specs["held-37"].length == 2
    assert specs["new-taught-1"].latest == 2 * (37 - 7) + 1
    assert specs["new-taught-3"].earliest == 2 * (37 + 7)
    assert built.problem.facilitator_unavailable[str(fran.pk)] == frozenset({74, 75})
    made = _accepted(cohort)
    taught = {s.sequence_number: london(s.starts_at).date() for s in made if s.sequence_number}
    assert taught[1] <= datetime.date(2027, 3, 31) < datetime.date(2027, 4, 14) <= taught[3]


def test_a_sets_meeting_stays_where_it_is_and_holds_its_facilitator_and_the_cohort(spring):
    cohort, fran, gus, hall, centre = spring
    the_set = ActionLearningSetFactory(cohort=cohort, name="Set 1", facilitator=gus)
    # Monday 12 April (day 42), the morning slot, online.
    meeting = SessionFactory(
        cohort=cohort,
        kind=SessionKind.ACTION_LEARNING,
        sequence_number=None,
        title="Set 1 meeting",
        action_learning_set=the_set,
        mode=Mode.VIRTUAL,
        venue=None,
        joining_link="https://meet.example.com/set-1",
        starts_at=datetime.datetime(2027, 4, 12, 9, 30, tzinfo=LONDON),
        ends_at=datetime.datetime(2027, 4, 12, 12, 30, tzinfo=LONDON),
        published=False,
    )
    meeting.facilitators.add(gus)
    built = planning.build(cohort=cohort, curriculum=CURRICULUM, now=NOW)
    specs = {spec.id: spec for spec in built.problem.sessions}
    assert f"s{meeting.pk}" not in specs
    assert (specs["held-42"].earliest, specs["held-42"].length) == (84, 1)
    assert built.problem.facilitator_unavailable[str(gus.pk)] == frozenset({84})
    assert not any(spec.kind == SessionKind.ACTION_LEARNING for spec in specs.values())


# ---------------------------------------------------------------------------------------------
# The planner's pages


@pytest.fixture
def staffed(cohort):
    facilitator_for(cohort, full_name="Fran Facilitator")
    VenueFactory(programme=cohort.intake.programme, name="Civic Hall")
    return cohort


def test_the_team_proposes_reviews_and_accepts_a_timetable(client, team, staffed):
    client.force_login(team)
    url = reverse("delivery:plan", args=[staffed.pk])
    assert "Propose a timetable" in client.get(url).content.decode()
    response = client.post(url, {"learning_visits": "2"})
    content = response.content.decode()
    proposal = response.context["proposal"]
    assert proposal.found
    assert content.count('<th scope="row" class="govuk-table__header">Taught day') == 8
    assert "Accept this timetable" in content
    assert not Session.objects.exists()
    accepted = client.post(
        reverse("delivery:accept_plan", args=[staffed.pk]), {"plan": proposal.token}
    )
    assert accepted.url == reverse("delivery:timetable", args=[staffed.pk])
    assert staffed.sessions.filter(kind=SessionKind.TAUGHT_DAY).count() == 8
    assert staffed.sessions.filter(kind=SessionKind.LEARNING_VISIT).count() == 2
    assert not staffed.sessions.filter(published=True).exists()


def test_bad_planner_answers_are_shown_and_kept(client, team, staffed):
    client.force_login(team)
    url = reverse("delivery:plan", args=[staffed.pk])
    response = client.post(url, {"learning_visits": "six"})
    content = response.content.decode()
    assert "Learning visits must be a whole number" in content
    assert 'value="six"' in content
    assert content.count("<title>Error: ") == 1


def test_a_tampered_plan_is_not_used(client, team, staffed):
    client.force_login(team)
    response = client.post(
        reverse("delivery:accept_plan", args=[staffed.pk]), {"plan": "forged"}, follow=True
    )
    assert "The timetable has changed since this plan was proposed" in response.content.decode()
    assert not Session.objects.exists()


def test_only_the_cohorts_own_team_may_plan(client, staffed, other_team, outsider, facilitator):
    url = reverse("delivery:plan", args=[staffed.pk])
    accept = reverse("delivery:accept_plan", args=[staffed.pk])
    client.force_login(other_team)
    assert client.get(url).status_code == 404
    assert client.post(accept, {"plan": "x"}).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(facilitator)
    assert client.post(accept, {"plan": "x"}).status_code == 403
    client.logout()
    assert client.get(url).url == f"/account/sign-in/?next={url}"
