"""Delivery seed data: last year's intake becomes a cohort in its programme year.

The demo (`build_demo`) makes the cohort the way the team would, through the delivery services:
the cohort from the accepted offers (cohorts.make_cohort), sessions with clash checks
(sessions.create_session), materials as links, action learning sets formed by the algorithm
(sets.form) with a facilitator each and a note, self-assessments, development goals, session
feedback and a leadership challenge with teams formed automatically. Registers are written
directly (the register service would email everyone a feedback request), as is publishing (the
publish service emails every participant): the seed sends no email.

The programme year runs 52 weeks from the intake's programme start, so last year's cohort is
part-way through it today: the timetable always has a past (registers taken, feedback given)
and a future (the next session, a virtual taught day with its joining link). Every date is an
offset from today moved onto the next working day (no weekends, no bank holidays in England).

The national benchmark (`build_national`) writes 50 cohorts of 100 people (5,000 participants:
each intake's accepted applicants, topped up with people added by hand; the extra cohorts are
regional cohorts beside the autumn and spring intakes, five a year for ten years), each with 16
sessions, sets and a register for every past session, with bulk_create, under the progress bar.
The pilot's cohort of 3 is the small case for query counts.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

import holidays
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from demo.common import BATCH_SIZE, SeedContext, invented_people, is_over
from demo.intakes import PROGRAMME_SLUG, PROGRAMME_YEAR
from upon.accounts.models import Role, RoleAssignment, User
from upon.delivery import challenges, cohorts, feedback, self_assessment, sessions, sets
from upon.delivery.models import (
    ActionLearningSet,
    AssessmentPoint,
    Attendance,
    AttendanceStatus,
    Cohort,
    Mode,
    Participant,
    ParticipantStatus,
    Session,
    SessionKind,
    SessionMaterial,
    Venue,
)
from upon.organisations.models import Region
from upon.programmes.models import Intake
from upon.recruitment.capabilities import DEFAULT_CAPABILITIES
from upon.recruitment.models import Capability

DAY = datetime.timedelta(days=1)
YEAR = PROGRAMME_YEAR  # the programme year: 52 weeks from its start

VENUES = [
    (
        "Midlands Leadership Centre",
        "12 Canal Street\nBirmingham\nB1 2AB",
        "Step-free entrance from Canal Street; hearing loop in every room; accessible parking "
        "for 6 cars (ask the programme team to book a space).",
        60,
    ),
    (
        "Northern Conference Rooms",
        "3 Quayside Walk\nLeeds\nLS1 4XY",
        "Level access and lifts to all floors; quiet room on the ground floor.",
        40,
    ),
    (
        "Capital Learning Hub",
        "45 Market Lane\nLondon\nEC1A 9ZZ",
        "Step-free from the side entrance on Bell Yard; no parking on site.",
        50,
    ),
]
TAUGHT_DAYS = [
    ("Leading yourself: values and resilience", 0),
    ("Systems leadership and partnerships", 1),
    ("Working with elected members and the corporate centre", 2),
    ("Leading in complexity and deciding under uncertainty", 3),
    ("Engaging children, families and communities", 4),
    ("Delivering results: finance, performance and inspection", 5),
    ("Innovation and leading change", 6),
    ("The first year as a director: transition and support", 0),
]
# Days from today of each taught day (moved to the next working day): six behind, two ahead.
DEMO_TAUGHT = (-270, -225, -180, -135, -90, -45, 20, 55)
DEMO_VIRTUAL_TAUGHT = 6  # the next taught day meets online: the home page shows its link
# Learning visits happen at the host authority: (days from today, host local authority, what
# is visited, the venue there and its address). The hosts are real authorities (data/); the
# venues and addresses are invented, in the host's own town or borough.
DEMO_VISITS = (
    (
        -160,
        "Nottingham",
        "a family hub",
        "Nottingham Family Hub, Meadows",
        "20 Bridgeway Street\nNottingham\nNG2 1XX",
    ),
    (
        35,
        "Hackney",
        "a youth justice service",
        "Hackney Youth Justice Service",
        "8 Reading Lane\nHackney\nLondon\nE8 1XX",
    ),
)
DEMO_CHALLENGE_LAUNCH = -100
DEMO_SET_MEETINGS = tuple(-249 + 42 * k for k in range(8))  # about every six weeks
DEMO_CHALLENGE_TEAMS = 4
# How registers come out: mostly present, some late, apologies or absent.
MARKS = {
    AttendanceStatus.PRESENT: 80,
    AttendanceStatus.LATE: 7,
    AttendanceStatus.LEFT_EARLY: 3,
    AttendanceStatus.APOLOGIES: 7,
    AttendanceStatus.ABSENT: 3,
}
FEEDBACK_COMMENTS = (
    "Really useful, especially the case discussion in the afternoon.",
    "Good speakers; I would have liked more time in small groups.",
    "The session on the corporate centre changed how I brief our lead member.",
    "Practical and honest. The pre-reading helped.",
    "",
    "Too much content for one day, but all of it relevant.",
)
GOALS = (
    "Lead a joint improvement plan with health partners for our children in care.",
    "Brief the lead member monthly and take one paper to cabinet this year.",
    "Build a routine for hearing directly from care-experienced young people.",
    "Take on a corporate-wide role outside children's services.",
    "Present our budget recovery plan to the scrutiny committee.",
)
NOTES = (
    "We worked on Sam's question about a service redesign that partners resist. Agreed "
    "actions: map who gains and loses; test the plan with two heads of service first.",
    "Follow-up on last meeting: the stakeholder map helped. Next time: how to hold a difficult "
    "conversation with the chief executive about budget pressures.",
)

# The national benchmark.
NATIONAL_COHORTS = 50
NATIONAL_COHORT_SIZE = 100
COHORTS_A_YEAR = 5
NATIONAL_FACILITATORS = 20
NATIONAL_SETS = 15  # 100 people: ten sets of 7 and five of 6
# The regional cohorts' regions, with the short name their intake's slug ends in (50 at most).
REGIONAL = {
    Region.NORTH_WEST: "north-west",
    Region.WEST_MIDLANDS: "west-midlands",
    Region.SOUTH_EAST: "south-east",
    Region.YORKSHIRE: "yorkshire",
}
# Each cohort's 11 whole-cohort sessions, in days from the start of its year (before the
# cohort's stagger), and the days each set's meetings start from: a facilitator runs two of
# their sets a day (morning and afternoon), so a round of meetings takes a few days.
NATIONAL_TAUGHT = tuple(14 + 46 * k for k in range(8))
NATIONAL_OTHER = (
    (70, SessionKind.LEARNING_VISIT, "Learning visit: a children's services department"),
    (200, SessionKind.LEARNING_VISIT, "Learning visit: a multi-agency safeguarding hub"),
    (120, SessionKind.CHALLENGE, "Leadership challenge: presentations"),
)
NATIONAL_SET_MEETINGS = (35, 85, 175, 225, 310)


# ---------------------------------------------------------------------------------- shared


class Calendar:
    """Working days in England: no weekends, no bank holidays, no day already taken."""

    def __init__(self, start: datetime.date, end: datetime.date):
        years = range(start.year - 1, end.year + 2)
        self.closed = holidays.country_holidays("GB", subdiv="ENG", years=years)

    def working_day(self, day: datetime.date, taken=frozenset()) -> datetime.date:
        while day.weekday() >= 5 or day in self.closed or day in taken:
            day += DAY
        return day


def year_of(intake: Intake) -> None:
    """The programme year runs 52 weeks from the intake's programme start."""
    ends = intake.programme_starts + YEAR
    if intake.programme_ends != ends:
        intake.programme_ends = ends
        intake.save(update_fields=["programme_ends"])


def _set_up_before_its_year(ctx: SeedContext, made: list[Cohort]) -> None:
    """A cohort is made three weeks before its year starts, not when the seed runs (its history
    row too), and its participants are granted their role as it is made."""
    for cohort in made:
        made_at = ctx.at(cohort.starts_on - 21 * DAY, hour=10)
        Cohort.objects.filter(pk=cohort.pk).update(created_at=made_at)
        Cohort.history.filter(id=cohort.pk).update(created_at=made_at, history_date=made_at)
        RoleAssignment.objects.filter(
            role=Role.PARTICIPANT, intake_id=cohort.intake_id, granted_at__gt=ctx.midnight
        ).update(granted_at=made_at)


def _timetabled_with_the_cohort(made: list[Cohort]) -> None:
    """Sessions and their materials date from when the cohort was set up, not from the clock
    (saving stamps `updated_at` and `added_at` with the time the seed runs)."""
    set_up = Subquery(Cohort.objects.filter(pk=OuterRef("cohort_id")).values("created_at")[:1])
    Session.objects.filter(cohort__in=made).update(updated_at=set_up)
    SessionMaterial.objects.filter(session__cohort__in=made).update(
        added_at=Subquery(
            Session.objects.filter(pk=OuterRef("session_id")).values("updated_at")[:1]
        )
    )


def _mark(rng) -> str:
    return rng.choices(list(MARKS), weights=list(MARKS.values()))[0]


def _employer_key(participant) -> str:
    application = participant.application
    if application is not None and application.employer_id:
        return f"employer {application.employer_id}"
    return f"participant {participant.pk}"  # no employer on record: one of their own


# ---------------------------------------------------------------------------------- the demo


@dataclass
class DemoYear:
    """What the demo's steps share: the cohort, its venues, facilitators and timetable so far."""

    ctx: SeedContext
    cohort: Cohort
    calendar: Calendar
    venues: list[Venue]
    lead: User
    others: list[User]
    capabilities: list[Capability]
    the_sets: list[ActionLearningSet] = field(default_factory=list)
    taken: set[datetime.date] = field(default_factory=set)
    made: list[Session] = field(default_factory=list)

    def free_day(self, offset: int) -> datetime.date:
        """The first working day from `offset` days from today that has no session yet."""
        day = self.calendar.working_day(self.ctx.today + offset * DAY, self.taken)
        self.taken.add(day)
        return day

    def add(self, day, *, kind, title, start=(9, 30), end=(16, 30), people=(), **fields):
        """One session through the sessions service (clash checks and all)."""
        session = sessions.create_session(
            cohort=self.cohort,
            facilitators=people,
            kind=kind,
            title=title,
            starts_at=self.ctx.at(day, *start),
            ends_at=self.ctx.at(day, *end),
            **fields,
        )
        self.made.append(session)
        return session


def demo_delivery(ctx: SeedContext, *, intake: Intake, team: User) -> dict:
    """Last year's intake as a cohort part-way through its year; returns counts. The steps run in
    this order because each draws from the one random stream in turn."""
    year = _demo_cohort(ctx, intake=intake, team=team)
    # Sets first: once any set has met they cannot be formed again.
    _demo_sets(year)
    # The timetable: taught days and visits on days of their own, set meetings around them.
    _demo_taught_days(year)
    _demo_visits_and_launch(year)
    _demo_set_meetings(year)
    Session.objects.filter(cohort=year.cohort).update(published=True)  # publishing emails
    _timetabled_with_the_cohort([year.cohort])

    people = list(sets.active_participants(cohort=year.cohort))
    sign_in = next(p for p in people if p.user.email == "participant@upon.example")
    past, marks = _demo_registers(year, people=people, sign_in=sign_in)
    given = _demo_feedback(year, past=past, marks=marks, sign_in=sign_in)
    _demo_set_notes(year, past=past, sign_in=sign_in)
    assessments = _demo_self_assessments(year, people=people, sign_in=sign_in)
    teams = _demo_challenge(year)
    return {
        "cohort": year.cohort,
        "participants": len(people),
        "sessions": len(year.made),
        "past": len(past),
        "attendance": len(marks),
        "feedback": given,
        "sets": len(year.the_sets),
        "assessments": assessments,
        "teams": teams.teams,
    }


def _demo_cohort(ctx: SeedContext, *, intake: Intake, team: User) -> DemoYear:
    """The cohort from the intake's accepted offers, set up three weeks before its year, with the
    programme's three venues, its facilitators (the demo facilitator leads) and capabilities."""
    year_of(intake)
    cohort = cohorts.make_cohort(intake=intake, granted_by=team).cohort
    _set_up_before_its_year(ctx, [cohort])
    cohort.refresh_from_db()
    venues = [
        Venue.objects.create(
            programme_id=intake.programme_id,
            name=name,
            address=address,
            access_notes=notes,
            capacity=capacity,
        )
        for name, address, notes, capacity in VENUES
    ]
    lead = User.objects.get(email="facilitator@upon.example")
    return DemoYear(
        ctx=ctx,
        cohort=cohort,
        calendar=Calendar(cohort.starts_on, cohort.ends_on),
        venues=venues,
        lead=lead,
        others=[person for person in cohorts.facilitators(cohort=cohort) if person != lead],
        capabilities=list(self_assessment.capabilities_for(cohort=cohort)),
    )


def _demo_sets(year: DemoYear) -> None:
    """Action learning sets formed by the algorithm, each run by a facilitator in turn."""
    formation = sets.form(cohort=year.cohort, seed=year.ctx.seed)
    assert formation.feasible, formation.problems  # nosec B101  # the seeder checks its own data
    year.the_sets = list(sets.cohort_sets(cohort=year.cohort))
    runners = [year.lead, *year.others]
    for number, action_learning_set in enumerate(year.the_sets):
        sets.set_facilitator(
            action_learning_set=action_learning_set,
            facilitator=runners[number % len(runners)],
            version=action_learning_set.version,
            now=year.ctx.midnight - datetime.timedelta(hours=1),  # before today, like the rest
        )


def _demo_taught_days(year: DemoYear) -> None:
    """The eight taught days (six past, two ahead), each on a capability with its pre-reading;
    the next one and the fourth meet online, the others at the venues in turn."""
    lead, others, capabilities = year.lead, year.others, year.capabilities
    for number, ((title, theme), offset) in enumerate(
        zip(TAUGHT_DAYS, DEMO_TAUGHT, strict=True), start=1
    ):
        day = year.free_day(offset)
        venue = year.venues[(number - 1) % len(year.venues)]
        online = number - 1 == DEMO_VIRTUAL_TAUGHT or number == 4
        session = year.add(
            day,
            kind=SessionKind.TAUGHT_DAY,
            sequence_number=number,
            title=f"Taught day {number}: {title}",
            description=(
                f"A day on {capabilities[theme].name.lower()}, with a guest speaker from a "
                "local authority, case discussion in small groups and time to plan what you "
                "will try next."
            ),
            people=[lead, others[number % len(others)]] if others else [lead],
            mode=Mode.VIRTUAL if online else Mode.IN_PERSON,
            venue=None if online else venue,
            joining_link=f"https://video.upon.example/taught-day-{number}" if online else "",
            joining_details="Meeting ID 482 117 903, passcode 2611. Join from 9:15am."
            if online
            else "",
            capacity=None if online else venue.capacity,
            contributors="A serving Director of Children's Services" if number % 2 else "",
        )
        session.addresses.set([capabilities[theme]])
        sessions.add_material(
            session=session,
            title=f"Pre-reading for taught day {number}",
            url=f"https://resources.upon.example/taught-day-{number}/pre-reading",
        )


def _demo_visits_and_launch(year: DemoYear) -> None:
    """Two learning visits (one past, one ahead), each at its host authority's own venue, and
    the leadership challenge's launch."""
    for offset, host, visited, venue_name, address in DEMO_VISITS:
        venue = Venue.objects.create(
            programme_id=year.cohort.intake.programme_id,
            name=venue_name,
            address=address,
            access_notes="Level access; the host will meet the group at reception.",
            capacity=30,
        )
        year.add(
            year.free_day(offset),
            kind=SessionKind.LEARNING_VISIT,
            title=f"Learning visit: {visited} in {host}",
            start=(10, 0),
            end=(15, 0),
            description=f"A day with {host}'s leadership team and front-line staff.",
            people=[year.others[0] if year.others else year.lead],
            venue=venue,
            contributors=f"{host}'s senior leadership team",
        )
    year.add(
        year.free_day(DEMO_CHALLENGE_LAUNCH),
        kind=SessionKind.CHALLENGE,
        title="Leadership challenge: the launch",
        start=(13, 0),
        end=(16, 0),
        description="The challenge brief, the teams and how the year's challenge works.",
        people=[year.lead],
        venue=year.venues[0],
    )


def _demo_set_meetings(year: DemoYear) -> None:
    """Every set meets online about every six weeks, half in the morning, half after lunch."""
    for offset in DEMO_SET_MEETINGS:
        day = year.calendar.working_day(year.ctx.today + offset * DAY, year.taken)
        for number, action_learning_set in enumerate(year.the_sets):
            start = (10, 0) if number % 2 == 0 else (14, 0)
            year.add(
                day,
                kind=SessionKind.ACTION_LEARNING,
                title=f"{action_learning_set.name} meeting",
                start=start,
                end=(start[0] + 3, 0),
                description="Two members bring a problem they are working on; the set asks "
                "questions and each member leaves with an action.",
                people=[action_learning_set.facilitator],
                action_learning_set=action_learning_set,
                mode=Mode.VIRTUAL,
                joining_link=f"https://video.upon.example/{action_learning_set.name.lower()}".replace(
                    " ", "-"
                ),
            )


def _demo_registers(year: DemoYear, *, people, sign_in) -> tuple[list[Session], list[Attendance]]:
    """A register for every session that is over, marked by its first facilitator ten minutes
    after it ends; the sign-in always came (perhaps late). Returns the past sessions and marks."""
    past = [
        s
        for s in sorted(year.made, key=lambda s: (s.starts_at, s.pk))
        if is_over(s.ends_at, year.ctx.midnight)
    ]
    marks = []
    for session in past:
        marker = session.facilitators.order_by("pk").first()
        on_register = [
            p for p in people if session.action_learning_set_id in (None, p.action_learning_set_id)
        ]
        for participant in on_register:
            status = _mark(year.ctx.rng)
            if participant is sign_in:
                status = AttendanceStatus.PRESENT if status != AttendanceStatus.ABSENT else "late"
            marks.append(
                Attendance(
                    session=session,
                    participant=participant,
                    status=status,
                    marked_by=marker,
                    marked_at=session.ends_at + datetime.timedelta(minutes=10),
                )
            )
    Attendance.objects.bulk_create(marks)
    return past, marks


def _demo_feedback(year: DemoYear, *, past, marks, sign_in) -> int:
    """Feedback on sessions other than set meetings from about four in ten of those who came, and
    from the sign-in on all but the latest taught day. Returns how many gave it."""
    rng, midnight = year.ctx.rng, year.ctx.midnight
    given = 0
    last_taught = max(
        (s for s in past if s.kind == SessionKind.TAUGHT_DAY), key=lambda s: s.starts_at
    )
    for mark in marks:
        session = mark.session
        if session.kind == SessionKind.ACTION_LEARNING or mark.status not in (
            AttendanceStatus.PRESENT,
            AttendanceStatus.LATE,
        ):
            continue
        # The sign-in has the latest taught day's feedback still to give.
        if mark.participant is sign_in and session == last_taught:
            continue
        if mark.participant is not sign_in and rng.random() > 0.6:
            continue
        feedback.give(
            session=session,
            participant=mark.participant,
            rating=rng.choices((5, 4, 3, 2), weights=(40, 40, 15, 5))[0],
            comment=rng.choice(FEEDBACK_COMMENTS),
            mark=mark.status,
            now=min(session.ends_at + DAY, midnight - datetime.timedelta(hours=1)),
        )
        given += 1
    return given


def _demo_set_notes(year: DemoYear, *, past, sign_in) -> None:
    """Notes in the sign-in's set after its last two meetings: one from a member, one from the
    facilitator."""
    own_set = next(s for s in year.the_sets if s.pk == sign_in.action_learning_set_id)
    set_meetings = [s for s in past if s.action_learning_set_id == own_set.pk]
    for text, author, meeting in zip(
        NOTES, [sign_in.user, own_set.facilitator], set_meetings[-2:], strict=False
    ):
        sets.add_note(
            action_learning_set=own_set,
            author=author,
            text=text,
            now=meeting.ends_at + datetime.timedelta(hours=2),
        )


def _demo_self_assessments(year: DemoYear, *, people, sign_in) -> int:
    """Self-assessment at the start, and at the midpoint once it has opened (not the sign-in, nor
    one in seven); one or two development goals each, a third of the first ones achieved.
    Returns how many self-assessments were submitted."""
    ctx, cohort, capabilities = year.ctx, year.cohort, year.capabilities
    rng = ctx.rng
    midpoint_open = ctx.today >= self_assessment.opens_on(
        cohort=cohort, point=AssessmentPoint.MIDPOINT
    )
    assessments = 0
    for number, participant in enumerate(people):
        base = [rng.randint(2, 4) for _ in capabilities]
        points = [(AssessmentPoint.START, 0, cohort.starts_on + 10 * DAY)]
        # The sign-in still has the midpoint to do, as do a few others.
        if midpoint_open and participant is not sign_in and number % 7 != 3:
            midpoint = self_assessment.opens_on(cohort=cohort, point=AssessmentPoint.MIDPOINT)
            points.append((AssessmentPoint.MIDPOINT, 1, midpoint + 12 * DAY))
        for point, lift, day in points:
            self_assessment.save(
                participant=participant,
                point=point,
                ratings={
                    c.pk: min(5, r + (lift if rng.random() < 0.5 else 0))
                    for c, r in zip(capabilities, base, strict=True)
                },
                submit=True,
                today=ctx.today,
                now=ctx.at(min(day, ctx.today - DAY), hour=20),
            )
            assessments += 1
        _demo_goals(year, participant=participant, number=number)
    return assessments


def _demo_goals(year: DemoYear, *, participant, number: int) -> None:
    """One or two development goals for the participant, set twelve days into the year; the first
    of every third participant's is achieved."""
    ctx, capabilities = year.ctx, year.capabilities
    for goal_number in range(1 + number % 2):
        goal = self_assessment.add_goal(
            participant=participant,
            text=GOALS[(number + goal_number) % len(GOALS)],
            capability=capabilities[(number + 3 * goal_number) % len(capabilities)],
            now=ctx.at(year.cohort.starts_on + 12 * DAY, hour=19),
        )
        if goal_number == 0 and number % 3 == 0:
            self_assessment.update_goal(
                goal=goal,
                text=goal.text,
                capability=goal.capability,
                achieved=True,
                now=ctx.at(ctx.today - 20 * DAY, hour=18),
            )


def _demo_challenge(year: DemoYear):
    """The year's leadership challenge, due in 40 days, with its teams formed automatically."""
    challenge = challenges.create_challenge(
        cohort=year.cohort,
        title="Reducing the number of children placed far from home",
        brief=(
            "Your team is asked by a regional group of directors to propose how the region "
            "could place fewer children more than 20 miles from home within three years. "
            "Submit a 10-page paper with a one-page summary for elected members."
        ),
        deadline=year.ctx.at(year.ctx.today + 40 * DAY, hour=17),
    )
    return challenges.form_teams(
        challenge=challenge, teams=DEMO_CHALLENGE_TEAMS, seed=year.ctx.seed
    )


# ---------------------------------------------------------------------------------- national


def national_cohort_size(applications: int) -> int:
    """100 at the full 50,000 applications; smaller (at least 6) for a test's small dataset."""
    return max(6, min(NATIONAL_COHORT_SIZE, applications // 500))


def national_delivery(
    ctx: SeedContext,
    *,
    programme,
    pilot: Intake,
    intakes: list[Intake],
    team: User,
    applications: int,
    progress=None,
) -> dict:
    """50 cohorts of `national_cohort_size` people and the pilot's small cohort, in bulk.

    `intakes` are the closed intakes after the pilot, oldest first: each becomes a cohort, and
    regional cohorts are added beside them until each of the ten years has five."""
    size = national_cohort_size(applications)
    tick = progress.update if progress else (lambda n: None)
    cohort_intakes = _regional_intakes(ctx, programme, intakes)
    total_sessions = (len(cohort_intakes) + 1) * (
        len(NATIONAL_TAUGHT) + len(NATIONAL_OTHER) + len(NATIONAL_SET_MEETINGS) * NATIONAL_SETS
    )
    if progress is not None:
        progress.total += size * len(cohort_intakes) + total_sessions
        progress.set_description("delivery")
        progress.refresh()
    facilitators = invented_people(ctx, NATIONAL_FACILITATORS)
    lead = User.objects.get(email="facilitator@upon.example")
    venues = _national_venues(programme)
    made = _national_cohorts(ctx, cohort_intakes, team=team, size=size, tick=tick)
    year_of(pilot)
    small = cohorts.make_cohort(intake=pilot, granted_by=team).cohort
    _set_up_before_its_year(ctx, [cohort for cohort, *_ in made] + [small])
    staff = _national_staff(
        ctx,
        [*made, (small, pilot, 0, None)],
        programme=programme,
        facilitators=facilitators,
        lead=lead,
        newest=intakes[-1],
    )

    all_cohorts = [(cohort, slot) for cohort, _intake, slot, _year in made] + [(small, 0)]
    members, set_members = _sets(all_cohorts, staff)
    sessions_by_cohort = _sessions(ctx, all_cohorts, staff, venues, tick)
    _timetabled_with_the_cohort([cohort for cohort, _slot in all_cohorts])
    on_register = {
        session.pk: set_members[session.action_learning_set_id]
        if session.action_learning_set_id
        else members[cohort_id]
        for cohort_id, made_sessions in sessions_by_cohort.items()
        for session, _person in made_sessions
    }
    rows = _national_registers(ctx, all_cohorts, on_register, sessions_by_cohort, progress, tick)
    return {
        "cohorts": len(made),
        "participants": sum(len(ids) for ids in members.values()),
        "sessions": sum(len(s) for s in sessions_by_cohort.values()),
        "attendance": rows,
        "completed": _completed_years(ctx, [cohort for cohort, _ in all_cohorts], team=team),
        "small_cohort": small,
    }


def _completed_years(ctx: SeedContext, all_cohorts, *, team: User) -> int:
    """Everyone in a cohort whose year ended before today completed it: the team confirmed it
    and the certificate was issued at the end of the year (as the demo's alumni, in
    `network_alumni`), so the programme's outcome figures and the alumni page (issue 14) have
    alumni to follow into the register. Written with update(), no history, as the rest of the
    seed. Returns how many completed."""
    completed = 0
    for cohort in all_cohorts:
        if cohort.ends_on >= ctx.today:
            continue
        at = ctx.at(cohort.ends_on, hour=17)
        completed += cohort.participants.filter(status=ParticipantStatus.ACTIVE).update(
            status=ParticipantStatus.COMPLETED,
            status_changed_at=at,
            status_changed_by=team,
            certificate_issued_at=at,
        )
    return completed


def _national_venues(programme) -> list[Venue]:
    """The demo's three venues and three more leadership centres."""
    return Venue.objects.bulk_create(
        Venue(programme=programme, name=name, address=address, access_notes=notes, capacity=cap)
        for name, address, notes, cap in VENUES
        + [
            (f"{label} Leadership Centre", f"1 High Street\n{label}", "Step-free access.", 120)
            for label in ("Newcastle", "Bristol", "Cambridge")
        ]
    )


def _national_cohorts(ctx: SeedContext, cohort_intakes, *, team: User, size: int, tick) -> list:
    """A cohort for each intake from its accepted applicants (the service), topped up to `size`
    with people added by hand. Returns (cohort, intake, index within its year, year) each."""
    made = []
    for intake, year, slot in cohort_intakes:
        year_of(intake)
        cohort = cohorts.make_cohort(intake=intake, granted_by=team).cohort
        made.append((cohort, intake, slot, year))
    counts = Counter(
        Participant.objects.filter(cohort__in=[c for c, *_ in made])
        .values_list("cohort_id", flat=True)
        .order_by()
    )
    _top_up(ctx, made, counts, size, tick)
    return made


def _national_staff(
    ctx: SeedContext, made, *, programme, facilitators, lead: User, newest: Intake
) -> dict[int, list[User]]:
    """Two facilitators a cohort, none shared between cohorts of one year, granted the role a
    month before the year starts; the demo facilitator runs the newest cohort. Returns the pair
    by cohort id."""
    staff = {}
    roles = []
    for cohort, intake, slot, year in made:
        base = 2 * slot + (NATIONAL_FACILITATORS // 2 if (year or 0) % 2 else 0)
        pair = [facilitators[(base + i) % NATIONAL_FACILITATORS] for i in range(2)]
        if intake == newest:
            pair[0] = lead
        staff[cohort.pk] = pair
        roles += [
            RoleAssignment(
                user=person,
                role=Role.FACILITATOR,
                programme=programme,
                intake=intake,
                granted_at=ctx.at(intake.programme_starts - 30 * DAY),
            )
            for person in pair
            if person != lead  # the demo facilitator already has the role for the newest
        ]
    RoleAssignment.objects.bulk_create(roles, batch_size=BATCH_SIZE)
    return staff


def _national_registers(ctx, all_cohorts, on_register, sessions_by_cohort, progress, tick) -> int:
    """A register for every past session of every cohort (its set's members for a set meeting,
    `on_register`), mostly present, in batches under the progress bar. Returns the number of
    marks."""
    if progress is not None:
        progress.total += sum(
            len(on_register[session.pk])
            for cohort, _slot in all_cohorts
            for session, _person in sessions_by_cohort[cohort.pk]
            if is_over(session.ends_at, ctx.midnight)
        )
        progress.refresh()
    rows = 0
    batch = []
    for cohort, _slot in all_cohorts:
        for session, first_facilitator in sessions_by_cohort[cohort.pk]:
            if not is_over(session.ends_at, ctx.midnight):
                continue
            for participant_id in on_register[session.pk]:
                batch.append(
                    Attendance(
                        session_id=session.pk,
                        participant_id=participant_id,
                        status=_mark(ctx.rng),
                        marked_by_id=first_facilitator,
                        marked_at=session.ends_at + datetime.timedelta(minutes=10),
                    )
                )
            if len(batch) >= BATCH_SIZE:
                Attendance.objects.bulk_create(batch)
                rows += len(batch)
                tick(len(batch))
                batch = []
    Attendance.objects.bulk_create(batch)
    rows += len(batch)
    tick(len(batch))
    return rows


def _regional_intakes(ctx, programme, intakes: list[Intake]) -> list[tuple[Intake, int, int]]:
    """(intake, years ago, place in its year) for the 50 cohorts: the closed intakes and,
    beside each year's autumn intake, regional intakes (its window, no applications of their
    own) to make five a year."""
    reference = ctx.today - datetime.timedelta(weeks=3)  # when the open intake opened
    by_year: dict[int, list[Intake]] = {}
    for intake in intakes:
        years = (reference - timezone.localdate(intake.opens_at)).days // 365
        by_year.setdefault(years, []).append(intake)
    result = []
    for years in sorted(by_year, reverse=True):
        year_intakes = sorted(by_year[years], key=lambda i: i.opens_at)
        autumn = year_intakes[-1]
        for number in range(COHORTS_A_YEAR - len(year_intakes)):
            region = Region(list(REGIONAL)[number % len(REGIONAL)])
            intake = Intake.objects.create(
                programme=programme,
                name=f"{autumn.opens_at:%B %Y} intake, {region.label}",
                slug=f"{PROGRAMME_SLUG}-{autumn.opens_at:%Y-%m}-{REGIONAL[region]}",
                opens_at=autumn.opens_at,
                closes_at=autumn.closes_at,
                selection_starts=autumn.selection_starts,
                selection_ends=autumn.selection_ends,
                programme_starts=autumn.programme_starts,
                programme_ends=autumn.programme_ends,
                capacity=NATIONAL_COHORT_SIZE,
                delivery_summary=autumn.delivery_summary,
                reference_prefix="ADCSR",
                created_at=autumn.created_at,
            )
            Capability.objects.bulk_create(
                Capability(intake=intake, position=i, name=name, description=text, word_limit=lim)
                for i, (name, text, lim) in enumerate(DEFAULT_CAPABILITIES, start=1)
            )
            year_intakes.append(intake)
        result += [(intake, years, slot) for slot, intake in enumerate(year_intakes)]
    return result[-NATIONAL_COHORTS:]


def _top_up(ctx, made, counts: Counter, size: int, tick) -> None:
    """People added to each cohort by hand (no application) until it has `size`."""
    users, places = [], []
    for cohort, intake, _slot, _year in made:
        for _ in range(max(size - counts[cohort.pk], 0)):
            first, last = ctx.fake.first_name(), ctx.fake.last_name()
            users.append(
                User(
                    email=ctx.unique_email(first, last),
                    full_name=f"{first} {last}",
                    password=ctx.password_hash,
                    date_joined=ctx.at(intake.programme_starts - 30 * DAY),
                    email_confirmed_at=ctx.at(intake.programme_starts - 30 * DAY),
                )
            )
            places.append((cohort, intake))
        tick(counts[cohort.pk])
    User.objects.bulk_create(users, batch_size=BATCH_SIZE)
    Participant.objects.bulk_create(
        (
            Participant(cohort=cohort, user=user)
            for user, (cohort, _intake) in zip(users, places, strict=True)
        ),
        batch_size=BATCH_SIZE,
    )
    RoleAssignment.objects.bulk_create(
        (
            RoleAssignment(
                user=user,
                role=Role.PARTICIPANT,
                programme_id=intake.programme_id,
                intake=intake,
                granted_at=ctx.at(intake.programme_starts),
            )
            for user, (_cohort, intake) in zip(users, places, strict=True)
        ),
        batch_size=BATCH_SIZE,
    )
    tick(len(users))


def _sets(all_cohorts, staff) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Sets of 6 or 7 (one set for a cohort under 10, unless two of them share an employer),
    dealt round by employer so no set holds two people from one employer. Returns each cohort's
    participant ids and each set's."""
    participants = list(
        Participant.objects.filter(
            cohort__in=[c for c, _ in all_cohorts], status=ParticipantStatus.ACTIVE
        )
        .select_related("application")
        .order_by("cohort_id", "pk")
    )
    by_cohort: dict[int, list[Participant]] = {}
    for participant in participants:
        by_cohort.setdefault(participant.cohort_id, []).append(participant)
    new_sets = []
    for cohort, _slot in all_cohorts:
        people = by_cohort.get(cohort.pk, [])
        count = max(1, round(len(people) * NATIONAL_SETS / NATIONAL_COHORT_SIZE))
        count = count if len(people) >= 10 else 1
        # At least as many sets as the most people from one employer: a small cohort with two
        # from one council gets two small sets rather than a set that breaks the rule.
        count = max(count, *Counter(_employer_key(p) for p in people).values(), 1)
        pair = staff[cohort.pk]
        new_sets += [
            ActionLearningSet(cohort=cohort, name=f"Set {n}", facilitator=pair[n % 2])
            for n in range(1, count + 1)
        ]
    new_sets = ActionLearningSet.objects.bulk_create(new_sets)
    sets_of: dict[int, list[ActionLearningSet]] = {}
    for action_learning_set in new_sets:
        sets_of.setdefault(action_learning_set.cohort_id, []).append(action_learning_set)
    for cohort, _slot in all_cohorts:
        people = sorted(by_cohort.get(cohort.pk, []), key=lambda p: (_employer_key(p), p.pk))
        its_sets = sets_of[cohort.pk]
        for number, participant in enumerate(people):
            participant.action_learning_set = its_sets[number % len(its_sets)]
        if len(its_sets) > 1:
            largest = max(Counter(_employer_key(p) for p in people).values())
            assert largest <= len(its_sets), "more people from one employer than sets"  # nosec B101  # the seeder checks its own data
    Participant.objects.bulk_update(participants, ["action_learning_set"], batch_size=500)
    set_members: dict[int, list[int]] = {s.pk: [] for s in new_sets}
    for participant in participants:
        set_members[participant.action_learning_set_id].append(participant.pk)
    members = {c.pk: [p.pk for p in by_cohort.get(c.pk, [])] for c, _ in all_cohorts}
    return members, set_members


def _national_meeting(ctx, calendar, cohort, slot, offset, action_learning_set) -> Session:
    """One set's meeting: "Set n" is its facilitator's ((n - 1) // 2)th set (the pair of
    facilitators take alternate sets), two of theirs a day, the morning and the afternoon."""
    number = int(action_learning_set.name.removeprefix("Set ")) - 1
    nth = number // 2
    day = cohort.starts_on + (offset + slot) * DAY
    for _ in range(nth // 2 + 1):  # the (nth // 2)th working day from the round's first
        day = calendar.working_day(day) + DAY
    day -= DAY
    start = 9 if nth % 2 == 0 else 13
    return Session(
        cohort=cohort,
        kind=SessionKind.ACTION_LEARNING,
        title=f"{action_learning_set.name} meeting",
        description="Two members bring a problem they are working on.",
        starts_at=ctx.at(day, start, 30),
        ends_at=ctx.at(day, start + 3, 0),
        mode=Mode.VIRTUAL,
        joining_link=f"https://video.upon.example/c{cohort.pk}-{offset}-set-{number + 1}",
        action_learning_set=action_learning_set,
        published=True,
    )


def _sessions(ctx, all_cohorts, staff, venues, tick) -> dict[int, list[tuple[Session, int]]]:
    """11 published sessions a cohort, staggered by a day for each cohort of the same year, at
    a venue of its own that year (the fourth taught day is virtual), and five online meetings
    of each set, run by its facilitator."""
    plans = [
        *(
            (day, SessionKind.TAUGHT_DAY, f"Taught day {n}: {TAUGHT_DAYS[n - 1][0]}", n)
            for n, day in enumerate(NATIONAL_TAUGHT, start=1)
        ),
        *((day, kind, title, None) for day, kind, title in NATIONAL_OTHER),
    ]
    sets_of: dict[int, list[ActionLearningSet]] = {}
    for action_learning_set in ActionLearningSet.objects.filter(
        cohort__in=[c for c, _ in all_cohorts]
    ).order_by("cohort_id", "pk"):
        sets_of.setdefault(action_learning_set.cohort_id, []).append(action_learning_set)
    new, staffing = [], []
    for cohort, slot in all_cohorts:
        calendar = Calendar(cohort.starts_on, cohort.ends_on)
        venue = venues[slot % len(venues)]
        for offset, kind, title, number in plans:
            day = calendar.working_day(cohort.starts_on + (offset + slot) * DAY)
            online = number == 4
            new.append(
                Session(
                    cohort=cohort,
                    kind=kind,
                    sequence_number=number,
                    title=title,
                    description="Part of the programme year.",
                    starts_at=ctx.at(day, 9, 30),
                    ends_at=ctx.at(day, 16, 30),
                    mode=Mode.VIRTUAL if online else Mode.IN_PERSON,
                    venue=None if online else venue,
                    joining_link=f"https://video.upon.example/c{cohort.pk}-{offset}"
                    if online
                    else "",
                    capacity=None if online else venue.capacity,
                    published=True,
                )
            )
            staffing.append(staff[cohort.pk][0 if number is None or number % 2 else 1])
        for offset in NATIONAL_SET_MEETINGS:
            for its_set in sets_of[cohort.pk]:
                new.append(_national_meeting(ctx, calendar, cohort, slot, offset, its_set))
                staffing.append(its_set.facilitator)
    new = Session.objects.bulk_create(new, batch_size=BATCH_SIZE)
    through = Session.facilitators.through
    through.objects.bulk_create(
        (
            through(session_id=s.pk, user_id=person.pk)
            for s, person in zip(new, staffing, strict=True)
        ),
        batch_size=BATCH_SIZE,
    )
    tick(len(new))
    result: dict[int, list[tuple[Session, int]]] = {}
    for session, person in zip(new, staffing, strict=True):
        result.setdefault(session.cohort_id, []).append((session, person.pk))
    return result
