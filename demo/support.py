"""Support for new directors in the demo and the national dataset: posts, entitlements, the coach
pool, coaching relationships with their logged sessions and checks, the partnership with each
director's employer and its check-ins, and further learning events with their bookings.

Every date is relative to today, so the story holds on any day. Where support stands, when
check-ins fall due and how many hours a director has come from the service's own rules
(`upon/support/algorithms/entitlements.py`, `algorithms/employers.py`, the settings); the rows
are written with bulk_create, dated in the past (nothing is recorded after the start of today).
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings

from demo.common import BATCH_SIZE, SeedContext, invented_people
from upon.accounts.models import Role, RoleAssignment, User
from upon.organisations.models import Organisation, OrganisationKind, Region
from upon.support.algorithms import employers as check_in_rule
from upon.support.algorithms import entitlements as rule
from upon.support.models import (
    Appointment,
    Booking,
    BookingStatus,
    CheckSide,
    Coach,
    CoachingMode,
    CoachingRelationship,
    CoachingSession,
    CoachingSessionMode,
    EmployerCheckIn,
    EmployerPartnership,
    EndReason,
    Entitlement,
    LearningEvent,
    PostRole,
    Ranking,
    RelationshipCheck,
    RetentionRisk,
    Tenure,
)

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)

NOTES = (
    "Talked through the first meeting with the lead member and how to set the tone early.",
    "Explored the pressure of the Ofsted framework and what good preparation looks like.",
    "Worked on delegating to the senior team rather than holding every decision.",
    "Reflected on a difficult case review and how to support staff through it.",
    "Looked at the budget position and how to make the case for early help.",
    "Discussed building relationships with health and police partners.",
    "Talked about keeping time to think in a diary full of meetings.",
    "Reviewed progress on the workforce plan and agency staff reduction.",
)
GOALS = (
    "Agree three priorities with the lead member before the next session.",
    "Block two hours a week for thinking time and protect it.",
    "Hold a listening session with frontline social workers this month.",
    "Draft the self-evaluation with the senior team.",
    "Meet the chief executive to agree the budget conversation.",
    "Try one new way of hearing from children in care.",
)
BACKGROUNDS = (
    "Former director of children's services in two authorities; accredited executive coach.",
    "Coach and organisational psychologist working with public sector leaders.",
    "Former chief executive of a children's trust; coaches senior leaders in transition.",
    "Executive coach specialising in leadership under scrutiny and inspection.",
)
EVENTS = (
    "Masterclass: leading through an inspection",
    "Masterclass: the first hundred days with your lead member",
    "Finance for directors of children's services",
    "Masterclass: safeguarding partnerships that work",
    "Workforce: keeping social workers",
    "Masterclass: hearing the voice of the child at board level",
)
GOING_WELL = (
    "Settled quickly and has the confidence of the senior team.",
    "Strong relationships with partners and a clear plan for the inspection.",
    "Visible to staff and has steadied the service after a difficult year.",
)
SUPPORT_NEEDED = (
    "Time to think about the longer term while the budget pressure is high.",
    "Help with the lead member relationship, which is still new.",
    "",
)
MODES = (CoachingSessionMode.ONLINE, CoachingSessionMode.ONLINE, CoachingSessionMode.IN_PERSON)


@dataclass
class _Rows:
    """What one seeding run writes, gathered for bulk_create."""

    appointments: list = field(default_factory=list)
    entitlements: list = field(default_factory=list)
    relationships: list = field(default_factory=list)
    sessions: list = field(default_factory=list)
    checks: list = field(default_factory=list)
    partnerships: list = field(default_factory=list)
    check_ins: list = field(default_factory=list)
    rankings: list = field(default_factory=list)


def _authorities() -> list[Organisation]:
    return list(
        Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("gss_code")
    )


def _grant(ctx, programme, users, role) -> None:
    held = set(
        RoleAssignment.objects.filter(
            role=role, programme=programme, user__in=[u.pk for u in users]
        ).values_list("user_id", flat=True)
    )
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=u, role=role, programme=programme, granted_at=ctx.midnight)
            for u in users
            if u.pk not in held
        ],
        batch_size=BATCH_SIZE,
    )


def _post(ctx, rows, programme, team, person, authority, *, starts_on, ends_on=None, **kw):
    """A verified director's post and the entitlement it opens, standing as the rule says."""
    recorded = ctx.at(starts_on - 45 * DAY, hour=10)
    verified = min(ctx.at(starts_on - 30 * DAY, hour=14), ctx.midnight - DAY)
    appointment = Appointment(
        person=person,
        programme=programme,
        local_authority=authority,
        role=kw.get("role", PostRole.DCS),
        tenure=kw.get("tenure", Tenure.PERMANENT),
        starts_on=starts_on,
        ends_on=ends_on,
        end_reason=kw.get("end_reason", ""),
        recorded_by=person,
        recorded_at=min(recorded, verified),
        verified_at=verified,
        verified_by=team,
    )
    found = rule.standing(opening=rule.Post(starts_on, ends_on), later=[], today=ctx.today)
    entitlement = Entitlement(
        person=person,
        programme=programme,
        appointment=appointment,
        starts_on=starts_on,
        ends_on=found.ends_on,
        status=found.status,
        paused_since=found.paused_since,
        coaching_hours=settings.SUPPORT_COACHING_HOURS,
        further_learning_places=settings.SUPPORT_FURTHER_LEARNING_PLACES,
        opened_at=verified,
    )
    rows.appointments.append(appointment)
    rows.entitlements.append(entitlement)
    return entitlement


def _last_coaching_day(ctx, entitlement) -> datetime.date:
    """Sessions are held before today, while the post runs and the support lasts."""
    last = min(ctx.today - DAY, entitlement.ends_on)
    if entitlement.appointment.ends_on:
        last = min(last, entitlement.appointment.ends_on)
    return last


def _relationship(ctx, rows, coach, entitlement, *, started_on, team):
    relationship = CoachingRelationship(
        coach=coach,
        director=entitlement.person,
        entitlement=entitlement,
        started_on=started_on,
        confirmed_by=team,
        confirmed_at=ctx.at(started_on - 2 * DAY, hour=11),
    )
    rows.relationships.append(relationship)
    return relationship


def _session(ctx, rows, relationship, held_on, minutes) -> CoachingSession:
    session = CoachingSession(
        relationship=relationship,
        held_on=held_on,
        minutes=minutes,
        mode=ctx.rng.choice(MODES),
        themes=sorted(ctx.rng.sample(range(1, 8), ctx.rng.randint(1, 3))),
        notes=ctx.rng.choice(NOTES),
        goals=ctx.rng.choice(GOALS),
        recorded_by=relationship.coach.user,
        recorded_at=ctx.at(held_on, hour=17),
    )
    rows.sessions.append(session)
    return session


def _sessions(ctx, rows, relationship, *, every=(28, 42), minutes=(60, 75, 90)) -> list:
    """Sessions from a week after the start, about every `every` days, until the last coaching
    day or until the next would go over the hours budget."""
    budget = relationship.entitlement.coaching_hours * 60
    last = _last_coaching_day(ctx, relationship.entitlement)
    held, used = [], 0
    day = relationship.started_on + 7 * DAY
    while day <= last:
        length = ctx.rng.choice(minutes)
        if used + length > budget:
            break
        held.append(_session(ctx, rows, relationship, day, length))
        used += length
        day += ctx.rng.randint(*every) * DAY
    if len(held) >= 3:
        _checks(ctx, rows, relationship, after=held[2].held_on)
    return held


def _checks(ctx, rows, relationship, *, after: datetime.date) -> None:
    """Both sides' answers about the relationship, after the third session."""
    for side, respondent, days in (
        (CheckSide.COACH, relationship.coach.user, 1),
        (CheckSide.DIRECTOR, relationship.director, 2),
    ):
        answered = min(ctx.at(after + days * DAY, hour=12), ctx.midnight - DAY)
        rows.checks.append(
            RelationshipCheck(
                relationship=relationship,
                side=side,
                respondent=respondent,
                working_well=ctx.rng.choice((4, 4, 5, 5, 3)),
                progress=ctx.rng.choice((3, 4, 4, 5)),
                answered_at=answered,
            )
        )


def _partnership(ctx, rows, entitlement, *, name, email, by, skip_every=0):
    """The partnership with the employer, invited a week into the support, and its check-ins:
    those due before today done a few days later (now and then one is still waiting)."""
    invited = min(ctx.at(entitlement.starts_on + 7 * DAY, hour=10), ctx.midnight - DAY)
    partnership = EmployerPartnership(
        entitlement=entitlement,
        programme=entitlement.programme,
        local_authority=entitlement.appointment.local_authority,
        contact_name=name,
        contact_email=email,
        invited_by=by,
        invited_at=invited,
    )
    rows.partnerships.append(partnership)
    for due in check_in_rule.schedule(entitlement.starts_on):
        check_in = EmployerCheckIn(partnership=partnership, month=due.month, due_on=due.due_on)
        done_on = due.due_on + ctx.rng.randint(1, 6) * DAY
        waiting = skip_every and ctx.rng.randrange(skip_every) == 0
        if done_on < ctx.today and not waiting and due.due_on <= entitlement.ends_on:
            risk = ctx.rng.choice((RetentionRisk.NONE,) * 8 + (RetentionRisk.SOME,))
            check_in.going_well = ctx.rng.choice(GOING_WELL)
            check_in.support_needed = ctx.rng.choice(SUPPORT_NEEDED)
            check_in.retention_risk = risk
            if risk != RetentionRisk.NONE:
                check_in.risk_explanation = "Has been approached about a post nearer home."
            check_in.completed_at = ctx.at(done_on, hour=15)
        rows.check_ins.append(check_in)
    return partnership


def _write(rows: _Rows) -> None:
    """Everything gathered, parents first: bulk_create gives each its key, which the children
    (holding the parent object) pick up when they are written."""
    Appointment.objects.bulk_create(rows.appointments, batch_size=BATCH_SIZE)
    for group in (
        rows.entitlements,
        rows.rankings,
        rows.relationships,
        rows.partnerships,
        rows.sessions,
        rows.checks,
        rows.check_ins,
    ):
        if group:
            type(group[0]).objects.bulk_create(group, batch_size=BATCH_SIZE)


def _coach(programme, user, *, regions, specialisms, capacity, background, mode=None) -> Coach:
    return Coach(
        user=user,
        programme=programme,
        background=background,
        specialisms=specialisms,
        regions=regions,
        mode=mode or CoachingMode.EITHER,
        capacity=capacity,
    )


def _events(ctx, programme, team, *, plans) -> list[LearningEvent]:
    """(title, days from today, places) each: a day from 10:00 to 16:00."""
    events = [
        LearningEvent(
            programme=programme,
            title=title,
            description="A day with a director who has led through it, and time to practise.",
            starts_at=ctx.at(ctx.today + days * DAY, hour=10),
            ends_at=ctx.at(ctx.today + days * DAY, hour=16),
            location="Birmingham Leadership Centre",
            places=places,
            created_by=team,
        )
        for title, days, places in plans
    ]
    return LearningEvent.objects.bulk_create(events)


def _bookings(ctx, event, people, *, past: bool) -> list[Booking]:
    """Places in the order people booked, then the waiting list; attendance once it is over."""
    made = []
    first = min(event.starts_at - 60 * DAY, ctx.midnight - 30 * DAY)
    for i, person in enumerate(people):
        booked = i < event.places
        made.append(
            Booking(
                event=event,
                person=person,
                status=BookingStatus.BOOKED if booked else BookingStatus.WAITING,
                requested_at=first + i * HOUR,
                attended=(ctx.rng.random() < 0.85) if past and booked else None,
            )
        )
    return made


# ------------------------------------------------------------------------------ the demo


@dataclass
class _Demo:
    """The demo's support in the making: who takes part and the rows gathered."""

    ctx: SeedContext
    programme: object
    team: User
    sign_ins: dict
    authorities: list
    directors: list  # four more directors beside the sign-in
    recorders: list  # two people who recorded posts for the team to verify
    rows: _Rows = field(default_factory=_Rows)


def demo_support(ctx: SeedContext, *, programme, sign_ins: dict[str, User], team: User) -> dict:
    """The director sign-in four months into support with coach@upon.example, four sessions
    logged and both sides' checks; their employer (employer@upon.example) has done the
    3-month check-in. The coach has two more directors; another director waits for a match;
    three posts wait for the team; three further learning events."""
    others = invented_people(ctx, 6)
    demo = _Demo(
        ctx,
        programme,
        team,
        sign_ins,
        authorities=ctx.rng.sample(_authorities(), 8),
        directors=others[:4],
        recorders=others[4:],
    )
    _grant(ctx, programme, demo.directors, Role.NEW_DIRECTOR)
    _grant(ctx, programme, demo.recorders, Role.ALUMNUS)
    mine, *pool = _demo_coaches(demo)
    _demo_sign_in_director(demo, mine, pool)
    _demo_other_directors(demo, mine, pool)
    _demo_posts_to_verify(demo)
    _write(demo.rows)
    events = _demo_events(demo)
    return {
        "coaches": 1 + len(pool),
        "entitlements": len(demo.rows.entitlements),
        "coaching sessions": len(demo.rows.sessions),
        "learning events": events,
    }


def _demo_coaches(demo: _Demo) -> list[Coach]:
    """The coach sign-in (capacity 4) and the demo's other coaches in the pool."""
    ctx, programme, authorities = demo.ctx, demo.programme, demo.authorities
    coach_user = demo.sign_ins["coach@upon.example"]
    other_users = (
        User.objects.filter(roles__role=Role.COACH, roles__programme=programme)
        .exclude(pk=coach_user.pk)
        .order_by("pk")
    )
    mine = _coach(
        programme,
        coach_user,
        regions=sorted({authorities[0].region, authorities[1].region}),
        specialisms=[2, 5],
        capacity=4,
        background=BACKGROUNDS[0],
    )
    others = [
        _coach(
            programme,
            user,
            regions=[authorities[2 + i].region],
            specialisms=sorted(ctx.rng.sample(range(1, 8), 2)),
            capacity=3 + i % 2,
            background=BACKGROUNDS[1 + i % 3],
            mode=(CoachingMode.ONLINE, CoachingMode.IN_PERSON, CoachingMode.EITHER)[i % 3],
        )
        for i, user in enumerate(other_users)
    ]
    return Coach.objects.bulk_create([mine, *others])


def _demo_sign_in_director(demo: _Demo, mine: Coach, pool: list[Coach]) -> None:
    """A permanent DCS post that started four months ago; coached by the coach sign-in for
    three months, four sessions logged (five hours of twelve); the 3-month check-in done."""
    ctx, rows = demo.ctx, demo.rows
    director, employer = (
        demo.sign_ins["director@upon.example"],
        demo.sign_ins["employer@upon.example"],
    )
    own = _post(
        ctx,
        rows,
        demo.programme,
        demo.team,
        director,
        demo.authorities[0],
        starts_on=ctx.today - 122 * DAY,
    )
    for position, coach in enumerate([mine, *pool[:2]], start=1):
        rows.rankings.append(Ranking(entitlement=own, coach=coach, rank=position))
    relationship = _relationship(
        ctx, rows, mine, own, started_on=own.starts_on + 21 * DAY, team=demo.team
    )
    held = [
        _session(ctx, rows, relationship, relationship.started_on + days * DAY, minutes)
        for days, minutes in ((7, 90), (35, 60), (63, 90), (91, 60))
    ]
    _checks(ctx, rows, relationship, after=held[2].held_on)
    _partnership(ctx, rows, own, name=employer.full_name, email=employer.email, by=director)


def _demo_other_directors(demo: _Demo, mine: Coach, pool: list[Coach]) -> None:
    """Two more directors with the coach sign-in, one with another coach (sessions since their
    match, employers checking in), and one who has ranked their shortlist and waits."""
    ctx, rows = demo.ctx, demo.rows
    for i, (person, days) in enumerate(zip(demo.directors[:3], (300, 200, 160), strict=True)):
        entitlement = _post(
            ctx,
            rows,
            demo.programme,
            demo.team,
            person,
            demo.authorities[1 + i],
            starts_on=ctx.today - days * DAY,
            role=PostRole.TWIN_HAT if i == 1 else PostRole.DCS,
            tenure=Tenure.INTERIM if i == 2 else Tenure.PERMANENT,
        )
        coach = mine if i < 2 else pool[0]
        rows.rankings.append(Ranking(entitlement=entitlement, coach=coach, rank=1))
        started_on = entitlement.starts_on + 28 * DAY
        running = _relationship(
            ctx, rows, coach, entitlement, started_on=started_on, team=demo.team
        )
        _sessions(ctx, rows, running)
        first, last = ctx.fake.first_name(), ctx.fake.last_name()
        _partnership(
            ctx,
            rows,
            entitlement,
            name=f"{first} {last}",
            email=ctx.unique_email(first, last),
            by=demo.team,
        )
    waiting = _post(
        ctx,
        rows,
        demo.programme,
        demo.team,
        demo.directors[3],
        demo.authorities[4],
        starts_on=ctx.today - 30 * DAY,
    )
    for position, coach in enumerate(pool[:3], start=1):
        rows.rankings.append(Ranking(entitlement=waiting, coach=coach, rank=position))


def _demo_posts_to_verify(demo: _Demo) -> None:
    """Three posts recorded in the last fortnight, waiting for the team to verify them."""
    ctx = demo.ctx
    demo.rows.appointments.extend(
        Appointment(
            person=person,
            programme=demo.programme,
            local_authority=demo.authorities[5 + i],
            role=role,
            tenure=tenure,
            starts_on=ctx.today + days * DAY,
            recorded_by=person,
            recorded_at=ctx.at(ctx.today - (3 + 4 * i) * DAY, hour=16),
        )
        for i, (person, role, tenure, days) in enumerate(
            [
                (demo.sign_ins["alumnus@upon.example"], PostRole.DCS, Tenure.INTERIM, 21),
                (demo.recorders[0], PostRole.DCS, Tenure.PERMANENT, 60),
                (demo.recorders[1], PostRole.ASSISTANT_OR_DEPUTY, Tenure.PERMANENT, -10),
            ]
        )
    )


def _demo_events(demo: _Demo) -> int:
    """A masterclass in three weeks the director sign-in has booked, a full one with a waiting
    list, and one forty days ago with its attendance recorded."""
    ctx = demo.ctx
    director = demo.sign_ins["director@upon.example"]
    events = _events(
        ctx,
        demo.programme,
        demo.team,
        plans=[(EVENTS[0], 24, 20), (EVENTS[1], 45, 4), (EVENTS[2], -40, 12)],
    )
    people = [director, *demo.directors, demo.sign_ins["alumnus@upon.example"], *demo.recorders]
    bookings = _bookings(ctx, events[0], [director, demo.directors[0]], past=False)
    bookings += _bookings(ctx, events[1], people[1:], past=False)  # four places, three waiting
    bookings += _bookings(ctx, events[2], people[:5], past=True)
    Booking.objects.bulk_create(bookings)
    return len(events)


# ------------------------------------------------------------------------------ national

NATIONAL_DIRECTORS = 300
NATIONAL_COACHES = 60
NATIONAL_COACH_CAPACITY = 5
NATIONAL_EVENTS = 16


def national_support(
    ctx: SeedContext,
    *,
    programme,
    team: User,
    directors: int = NATIONAL_DIRECTORS,
    coaches: int = NATIONAL_COACHES,
    authorities: int | None = None,
) -> dict:
    """`directors` in support over the last two years at the local authorities, never two
    directors' posts overlapping in one authority: each authority's newest director holds the
    post now, the one before left it when they came. `coaches` of capacity 5 coach most of them,
    sessions every four to six weeks since the match (within the hours budget); employers check
    in at their months; further learning events with bookings and attendance."""
    authorities = _authorities()[:authorities]
    people = _directors(ctx, programme, directors)
    pool = _national_coaches(ctx, programme, coaches, authorities)
    rows = _Rows()
    _national_posts(ctx, rows, programme=programme, team=team, people=people, at=authorities)
    _match(ctx, rows, pool, team)
    _write(rows)
    events = _national_events(ctx, programme, team, people)
    return {
        "directors": len(people),
        "coaches": len(pool),
        "relationships": len(rows.relationships),
        "coaching sessions": len(rows.sessions),
        "check-ins": len(rows.check_ins),
        "learning events": events,
    }


def _national_posts(ctx, rows, *, programme, team, people, at) -> None:
    """Authority k's directors, newest first, are people k, k + A, k + 2A... (A authorities):
    the newest started up to 23 months ago and holds the post; each one before left a few weeks
    before the next one started. Nine in ten employers are partners (one check-in in ten
    still waits)."""
    next_start = {}
    employer = User.objects.get(email="employer@upon.example")
    for i, person in enumerate(people):
        authority = at[i % len(at)]
        tenure = Tenure.INTERIM if ctx.rng.random() < 0.2 else Tenure.PERMANENT
        ended = {}
        if i < len(at):
            starts_on, ends_on = ctx.today - ctx.rng.randint(1, 700) * DAY, None
        else:
            ends_on = next_start[authority.pk] - ctx.rng.randint(14, 60) * DAY
            starts_on = ends_on - ctx.rng.randint(300, 700) * DAY
            reasons = (EndReason.RETIRED, EndReason.LEFT_SECTOR, EndReason.OTHER)
            ended["end_reason"] = (
                EndReason.INTERIM_ENDED if tenure == Tenure.INTERIM else ctx.rng.choice(reasons)
            )
        next_start[authority.pk] = starts_on
        entitlement = _post(
            ctx,
            rows,
            programme,
            team,
            person,
            authority,
            starts_on=starts_on,
            ends_on=ends_on,
            tenure=tenure,
            role=PostRole.TWIN_HAT if ctx.rng.random() < 0.1 else PostRole.DCS,
            **ended,
        )
        first, last = ctx.fake.first_name(), ctx.fake.last_name()
        name, email = f"{first} {last}", ctx.unique_email(first, last)
        if person.email == "director@upon.example":
            name, email = employer.full_name, employer.email
        elif ctx.rng.random() >= 0.9:
            continue
        _partnership(ctx, rows, entitlement, name=name, email=email, by=team, skip_every=10)


def _directors(ctx, programme, count: int) -> list[User]:
    """The director sign-in, then alumni already new directors, then other alumni, then (for a
    dataset too small to have so many) new people; all granted the new director role."""
    chosen = [User.objects.get(email="director@upon.example")]
    for role in (Role.NEW_DIRECTOR, Role.ALUMNUS):
        if len(chosen) >= count:
            break
        taken = {u.pk for u in chosen}
        found = (
            User.objects.filter(roles__role=role, roles__programme=programme)
            .exclude(pk__in=taken)
            .distinct()
            .order_by("pk")[: count - len(chosen)]
        )
        chosen += list(found)
    chosen = chosen[:count]
    if len(chosen) < count:
        chosen += invented_people(ctx, count - len(chosen))
    _grant(ctx, programme, chosen, Role.NEW_DIRECTOR)
    return chosen


def _national_coaches(ctx, programme, count: int, authorities) -> list[Coach]:
    """The coach sign-in and the demo's other coaches, then new people, capacity 5 each."""
    users = list(
        User.objects.filter(roles__role=Role.COACH, roles__programme=programme)
        .distinct()
        .order_by("pk")[:count]
    )
    if len(users) < count:
        fresh = invented_people(ctx, count - len(users))
        _grant(ctx, programme, fresh, Role.COACH)
        users += fresh
    regions = sorted({a.region for a in authorities if a.region} or {Region.values[0]})
    coaches = [
        _coach(
            programme,
            user,
            regions=sorted(ctx.rng.sample(regions, min(2, len(regions)))),
            specialisms=sorted(ctx.rng.sample(range(1, 8), 2)),
            capacity=NATIONAL_COACH_CAPACITY,
            background=BACKGROUNDS[i % len(BACKGROUNDS)],
            mode=ctx.rng.choice(list(CoachingMode.values)),
        )
        for i, user in enumerate(users)
    ]
    return Coach.objects.bulk_create(coaches)


def _match(ctx, rows, pool: list[Coach], team) -> None:
    """Each director matched three to eight weeks into their support, to a coach in their
    region with room if there is one, else any with room; one in ten not yet matched (they have
    ranked their shortlist). A coach never takes more than their capacity."""
    load = {coach.pk: 0 for coach in pool}
    for entitlement in rows.entitlements:
        started_on = entitlement.starts_on + ctx.rng.randint(21, 56) * DAY
        last = _last_coaching_day(ctx, entitlement)
        with_room = [c for c in pool if load[c.pk] < c.capacity]
        region = entitlement.appointment.local_authority.region
        near = [c for c in with_room if region in c.regions] or with_room
        if not near or started_on > last or ctx.rng.random() < 0.1:
            for position, coach in enumerate(ctx.rng.sample(pool, min(3, len(pool))), start=1):
                rows.rankings.append(Ranking(entitlement=entitlement, coach=coach, rank=position))
            continue
        coach = min(near, key=lambda c: (load[c.pk], c.pk))
        load[coach.pk] += 1
        rows.rankings.append(Ranking(entitlement=entitlement, coach=coach, rank=1))
        relationship = _relationship(
            ctx, rows, coach, entitlement, started_on=started_on, team=team
        )
        _sessions(ctx, rows, relationship, every=(28, 42), minutes=(45, 60, 60, 75))


def _national_events(ctx, programme, team, people: list[User]) -> int:
    """Events every six weeks over the two years and the next few months, 30 places each."""
    plans = [
        (EVENTS[i % len(EVENTS)], -700 + 45 * i, 30)
        for i in range(NATIONAL_EVENTS + 3)
        if -700 + 45 * i != 0
    ]
    events = _events(ctx, programme, team, plans=plans)
    bookings = []
    for event in events:
        wanted = ctx.rng.sample(people, min(len(people), ctx.rng.randint(20, 36)))
        bookings += _bookings(ctx, event, wanted, past=event.ends_at <= ctx.midnight)
    Booking.objects.bulk_create(bookings, batch_size=BATCH_SIZE)
    return len(events)
