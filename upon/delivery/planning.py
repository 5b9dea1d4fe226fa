"""The timetable planner, Django side: the cohort's year as half-day slots, the curriculum as
sessions to place, and the accepted plan written back as sessions.

The cohort's window (its first to its last day) is a run of days; day d has a morning slot 2d
(9:30am to 12:30pm, UK time) and an afternoon slot 2d + 1 (1:30pm to 4:30pm); a taught day takes
both (9:30am to 4:30pm). Weekends and bank holidays in England are closed. Nothing new is placed
before tomorrow.

The curriculum: the cohort's taught days (8 unless it says otherwise) in order, at least its
minimum gap apart, each at one of the programme's venues; `learning_visits` visits, one in each
equal part of the year. Any facilitator for the intake may run any of them. Action learning
meetings are not the planner's: each belongs to one set and is run by the set's facilitator, so
the team plans them per set (`meetings`); the planner keeps them where they are, holding their
facilitator and the cohort's time.

Sessions already in the timetable are planned again, not duplicated: a future taught day,
or learning visit on the slot grid with at most one
facilitator is given to the planner with its current placement as `previous`, so re-planning
(after a facilitator cancels, say) changes as few sessions as it can and moves as few dates as it
can; only the curriculum's missing pieces are new. Everything else stays where it is and holds
its slots: the cohort cannot be in two places, and its facilitators and venue are busy then.
Facilitators and venues are also busy when they are marked unavailable and when another cohort's
session has them.

The proposal is timetabling.propose's (fewest changes, then the most even spread of taught days,
then the fairest share of work). It is first sought with each taught day within a fortnight or
so of its evenly spaced date (and of its current date): that search takes a fraction of a second
where the whole year takes seconds, and loses nothing when the plan it finds is within that
distance in all (any plan with a day outside would be further from even). Only if nothing fits
there is the whole year searched.

A proposal is shown to the team and carried to "accept" in a signed form field (no state on the
server). Accepting checks the timetable has not changed since, then creates the new sessions
unpublished, for the team to adjust and publish, and moves or re-staffs the planned ones (people
with published sessions that change are told).
"""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field, replace

import holidays
from django.core import signing
from django.db.models import Q
from django.utils import timezone

from upon.accounts.models import User
from upon.delivery import cohorts
from upon.delivery import sessions as session_service
from upon.delivery.algorithms.timetabling import (
    Placement,
    Plan,
    PlanningProblem,
    SessionSpec,
    ideal_starts,
    propose,
)
from upon.delivery.models import Mode, Session, SessionKind, Unavailability, Venue
from upon.programmes.models import LONGEST_PROGRAMME_DAYS
from upon.recruitment.intakes import LONDON

MORNING = (datetime.time(9, 30), datetime.time(12, 30))
AFTERNOON = (datetime.time(13, 30), datetime.time(16, 30))
PLANNED_KINDS = (SessionKind.TAUGHT_DAY, SessionKind.LEARNING_VISIT)
# Seconds the team waits for a proposal: close to the ideal dates, then over the whole year.
TIME_LIMIT_S = 2.0
WIDE_TIME_LIMIT_S = 8.0
NEAR_IDEAL_DAYS = 7
# A learning visit that has to move stays within this of its date.
NEARBY_DAYS = 14
SALT = "upon.delivery.planning"


@dataclass(frozen=True)
class Curriculum:
    learning_visits: int = 2


# ---------------------------------------------------------------------------------------------
# Days and slots


@dataclass(frozen=True)
class Grid:
    starts_on: datetime.date
    n_days: int

    @property
    def n_slots(self) -> int:
        return 2 * self.n_days

    def date_of(self, day: int) -> datetime.date:
        return self.starts_on + datetime.timedelta(days=day)

    def day_of(self, moment: datetime.datetime) -> int:
        return (moment.astimezone(LONDON).date() - self.starts_on).days

    def _at(self, slot: int, end: bool) -> datetime.datetime:
        times = AFTERNOON if slot % 2 else MORNING
        local = datetime.datetime.combine(self.date_of(slot // 2), times[end], tzinfo=LONDON)
        return local.astimezone(datetime.UTC)

    def span(self, start: int, length: int) -> tuple[datetime.datetime, datetime.datetime]:
        """When a session taking `length` slots from `start` begins and ends."""
        return self._at(start, False), self._at(start + length - 1, True)

    def placed(self, starts_at, ends_at) -> tuple[int, int] | None:
        """(start slot, length) of a session exactly on the grid in one day, else None."""
        day = self.day_of(starts_at)
        if not 0 <= day < self.n_days:
            return None
        for start, length in ((2 * day, 2), (2 * day, 1), (2 * day + 1, 1)):
            if self.span(start, length) == (starts_at, ends_at):
                return start, length
        return None

    def touched(self, starts_at, ends_at) -> list[int]:
        """Every slot of the window that this stretch of time overlaps."""
        first, last = max(self.day_of(starts_at), 0), min(self.day_of(ends_at), self.n_days - 1)
        return [
            slot
            for slot in range(2 * first, 2 * last + 2)
            if self._at(slot, False) < ends_at and self._at(slot, True) > starts_at
        ]


def grid_for(cohort) -> Grid:
    return Grid(cohort.starts_on, (cohort.ends_on - cohort.starts_on).days + 1)


def closed_days(grid: Grid) -> frozenset[int]:
    """Weekends and bank holidays in England, as days of the grid."""
    years = range(grid.starts_on.year, grid.date_of(grid.n_days - 1).year + 1)
    bank_holidays = holidays.country_holidays("GB", subdiv="ENG", years=years)
    return frozenset(
        day
        for day in range(grid.n_days)
        if grid.date_of(day).weekday() >= 5 or grid.date_of(day) in bank_holidays
    )


# ---------------------------------------------------------------------------------------------
# The problem


@dataclass(frozen=True)
class Item:
    """One session the planner places: an existing session (`session`) or a new one."""

    spec: SessionSpec
    kind: str
    title: str
    sequence_number: int | None = None
    session: Session | None = None
    previous: Placement | None = None

    @property
    def mode(self) -> str:
        if self.session is not None:
            return self.session.mode
        return Mode.IN_PERSON


@dataclass
class Planning:
    cohort: object
    curriculum: Curriculum
    grid: Grid
    items: list[Item]
    problem: PlanningProblem | None
    facilitators: dict[str, User]
    venues: dict[str, Venue]
    problems: list[str] = field(default_factory=list)  # why it cannot be planned at all
    basis: str = ""


def _basis(cohort) -> str:
    """A fingerprint of the cohort's sessions: accepting a plan made from other ones is refused."""
    rows = cohort.sessions.order_by("pk").values_list("pk", "updated_at", "ical_sequence")
    text = ";".join(f"{pk},{updated.isoformat()},{seq}" for pk, updated, seq in rows)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _facilitator_ids(session) -> list[int]:
    return [person.pk for person in session.facilitators.all()]


def build(*, cohort, curriculum: Curriculum, now: datetime.datetime | None = None) -> Planning:
    """Everything the planner needs to know about the cohort's year, as a PlanningProblem."""
    now = now or timezone.now()
    grid = grid_for(cohort)
    if grid.n_days > LONGEST_PROGRAMME_DAYS:  # before the calendar is built for every day of it
        planning = Planning(cohort, curriculum, grid, [], None, {}, {})
        planning.problems.append(
            "The cohort's year is longer than 2 years, so it cannot be planned. "
            "Change its last day first."
        )
        return planning
    closed = closed_days(grid)
    facilitators = {str(user.pk): user for user in cohorts.facilitators(cohort=cohort)}
    venues = {str(v.pk): v for v in Venue.objects.filter(programme_id=cohort.intake.programme_id)}
    planning = Planning(cohort, curriculum, grid, [], None, facilitators, venues)
    planning.basis = _basis(cohort)
    tomorrow = (now.astimezone(LONDON).date() - grid.starts_on).days + 1
    first_day = max(tomorrow, 0)
    if first_day >= grid.n_days:
        planning.problems.append("The cohort's year has ended, so there is nothing to plan.")
    if not facilitators:
        planning.problems.append(
            "Nobody has the facilitator role for this intake yet. Invite the facilitators first."
        )
    if not venues:
        planning.problems.append("There are no venues yet. Add the venues for taught days first.")
    if planning.problems:
        return planning

    first_slot = 2 * first_day
    fac_keys, venue_keys = tuple(facilitators), tuple(sorted(venues, key=int))
    cohort_key = f"cohort-{cohort.pk}"
    busy_fac: dict[str, set[int]] = defaultdict(set)
    busy_venue: dict[str, set[int]] = defaultdict(set)
    cohort_busy: set[int] = set()
    window_start, _ = grid.span(0, 1)
    _, window_end = grid.span(grid.n_slots - 1, 1)

    def hold(session, slots):
        for person in _facilitator_ids(session):
            if str(person) in facilitators:
                busy_fac[str(person)].update(slots)
        if session.venue_id is not None and session.mode != Mode.VIRTUAL:
            busy_venue[str(session.venue_id)].update(slots)

    mine = list(
        cohort.sessions.select_related("venue").prefetch_related("facilitators").order_by("pk")
    )
    items: list[Item] = []
    fixed_taught: list[tuple[int, int]] = []  # (sequence number, day) of taught days staying put
    visits = 0
    orders: set[int | None] = set()

    for session in mine:
        placed = grid.placed(session.starts_at, session.ends_at)
        if session.kind == SessionKind.LEARNING_VISIT:
            visits += 1
        staff = _facilitator_ids(session)
        replannable = (
            session.kind in PLANNED_KINDS
            and placed is not None
            and placed[0] >= first_slot
            and len(staff) <= 1
        )
        if not replannable:
            if session.kind == SessionKind.TAUGHT_DAY and session.sequence_number:
                fixed_taught.append((session.sequence_number, grid.day_of(session.starts_at)))
            slots = grid.touched(session.starts_at, session.ends_at)
            hold(session, slots)
            cohort_busy.update(s for s in slots if s >= first_slot)
            continue
        start, length = placed
        in_person = session.mode != Mode.VIRTUAL
        previous = Placement(
            session=f"s{session.pk}",
            start=start,
            facilitator=str(staff[0]) if staff else None,
            venue=str(session.venue_id)
            if in_person and session.venue_id is not None and venue_keys
            else None,
        )
        day = start // 2
        if session.kind == SessionKind.TAUGHT_DAY:
            earliest, latest = first_slot, None
        else:
            earliest = 2 * max(first_day, day - NEARBY_DAYS)
            latest = 2 * min(grid.n_days - 1, day + NEARBY_DAYS) + 1
        order = session.sequence_number if session.kind == SessionKind.TAUGHT_DAY else None
        if order is not None and order in orders:
            order = None  # two taught days with one number: the second is free
        orders.add(order)
        wants_venue = in_person and (
            session.kind == SessionKind.TAUGHT_DAY or session.venue_id is not None
        )
        spec = SessionSpec(
            id=previous.session,
            cohort=cohort_key,
            kind=session.kind,
            length=length,
            order=order,
            facilitators=fac_keys,
            venues=venue_keys if wants_venue else (),
            earliest=earliest,
            latest=latest,
        )
        items.append(
            Item(spec, session.kind, session.title, order, session=session, previous=previous)
        )

    items += _missing(
        cohort=cohort,
        curriculum=curriculum,
        grid=grid,
        first_day=first_day,
        taught={s.sequence_number for s in mine if s.kind == SessionKind.TAUGHT_DAY},
        visits=visits,
        keys=(cohort_key, fac_keys, venue_keys),
    )

    # Taught days that stay put bound those that move, in order and with the gap.
    gap = cohort.min_gap_days
    for index, item in enumerate(items):
        order = item.spec.order
        if order is None or not fixed_taught:
            continue
        after = [day + gap for number, day in fixed_taught if number < order]
        before = [day - gap for number, day in fixed_taught if number > order]
        earliest = max([item.spec.earliest // 2, *after]) * 2
        latest = item.spec.latest
        if before:
            last = 2 * min(before) + 1
            latest = last if latest is None else min(latest, last)
        items[index] = _with_window(item, earliest, latest)

    # Other cohorts' sessions that have our facilitators or venues, and marked unavailability.
    others = (
        Session.objects.filter(starts_at__lt=window_end, ends_at__gt=window_start)
        .exclude(cohort=cohort)
        .filter(
            Q(facilitators__in=[int(k) for k in fac_keys])
            | Q(venue_id__in=[int(k) for k in venue_keys])
        )
        .distinct()
        .prefetch_related("facilitators")
    )
    for session in others:
        hold(session, grid.touched(session.starts_at, session.ends_at))
    away = Unavailability.objects.filter(
        Q(facilitator_id__in=[int(k) for k in fac_keys])
        | Q(venue_id__in=[int(k) for k in venue_keys]),
        starts_at__lt=window_end,
        ends_at__gt=window_start,
    )
    for row in away:
        slots = grid.touched(row.starts_at, row.ends_at)
        if row.facilitator_id is not None:
            busy_fac[str(row.facilitator_id)].update(slots)
        else:
            busy_venue[str(row.venue_id)].update(slots)

    # The cohort's own fixed sessions hold its time: one pinned block a day.
    by_day = defaultdict(list)
    for slot in sorted(cohort_busy):
        if slot // 2 not in closed:
            by_day[slot // 2].append(slot)
    for day, slots in sorted(by_day.items()):
        spec = SessionSpec(
            id=f"held-{day}",
            cohort=cohort_key,
            kind=SessionKind.OTHER,
            length=len(slots),
            earliest=slots[0],
            latest=slots[-1],
        )
        items.append(Item(spec, SessionKind.OTHER, "(already in the timetable)"))

    planning.items = items
    planning.problem = PlanningProblem(
        n_slots=grid.n_slots,
        sessions=tuple(item.spec for item in items),
        facilitator_unavailable={k: frozenset(v) for k, v in busy_fac.items()},
        venue_unavailable={k: frozenset(v) for k, v in busy_venue.items()},
        closed_days=closed,
        min_gap_days=gap,
        previous={i.spec.id: i.previous for i in items if i.previous is not None} or None,
    )
    return planning


def _missing(*, cohort, curriculum, grid, first_day, taught, visits, keys) -> list[Item]:
    """The curriculum's pieces the timetable does not have yet, each with its window."""
    cohort_key, fac_keys, venue_keys = keys
    first_slot = 2 * first_day
    items = []
    for number in range(1, cohort.taught_days_total + 1):
        if number not in taught:
            spec = SessionSpec(
                id=f"new-taught-{number}",
                cohort=cohort_key,
                kind=SessionKind.TAUGHT_DAY,
                length=2,
                order=number,
                facilitators=fac_keys,
                venues=venue_keys,
                earliest=first_slot,
            )
            items.append(Item(spec, SessionKind.TAUGHT_DAY, f"Taught day {number}", number))
    wanted = max(curriculum.learning_visits - visits, 0)
    open_days = grid.n_days - first_day
    for k in range(wanted):
        low = first_day + open_days * k // wanted
        high = first_day + open_days * (k + 1) // wanted - 1
        if high < low:
            continue
        spec = SessionSpec(
            id=f"new-visit-{visits + k + 1}",
            cohort=cohort_key,
            kind=SessionKind.LEARNING_VISIT,
            length=2,
            facilitators=fac_keys,
            earliest=2 * low,
            latest=2 * high + 1,
        )
        items.append(Item(spec, SessionKind.LEARNING_VISIT, f"Learning visit {visits + k + 1}"))
    return items


def narrowed(problem: PlanningProblem, *, days: int) -> PlanningProblem:
    """The same problem with each taught day kept within `days` of its ideal date (and of its
    current date, when it has one). A year-long window for each of eight ordered days is a large
    search; the proposal nearly always lies close to the ideal, and this finds it in a second."""
    ideal = ideal_starts(problem=problem)
    previous = problem.previous or {}
    specs = []
    for spec in problem.sessions:
        if spec.id in ideal:
            anchor = previous[spec.id].start if spec.id in previous else ideal[spec.id]
            low = min(ideal[spec.id], anchor) - 2 * days
            high = max(ideal[spec.id], anchor) + 2 * days + 1
            last = problem.n_slots - 1 if spec.latest is None else spec.latest
            spec = replace(spec, earliest=max(spec.earliest, low), latest=min(last, high))
        specs.append(spec)
    return replace(problem, sessions=tuple(specs))


def _with_window(item: Item, earliest: int, latest: int | None) -> Item:
    return replace(item, spec=replace(item.spec, earliest=earliest, latest=latest))


# ---------------------------------------------------------------------------------------------
# Proposing, showing and accepting


@dataclass(frozen=True)
class Row:
    """One line of the proposal as the team reads it."""

    item: Item
    placement: Placement
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    facilitator: User | None
    venue: Venue | None
    change: str  # "New", "No change", or what changes


@dataclass(frozen=True)
class Proposal:
    planning: Planning
    plan: Plan | None
    rows: list[Row]
    token: str  # the signed plan, for "accept"

    @property
    def found(self) -> bool:
        return self.plan is not None and self.plan.status in ("optimal", "feasible")

    @property
    def changes(self) -> int:
        return sum(1 for row in self.rows if row.change != "No change")


def _rows(planning: Planning, placements: dict[str, Placement]) -> list[Row]:
    rows = []
    for item in planning.items:
        if item.spec.id not in placements or item.spec.id.startswith("held-"):
            continue
        placement = placements[item.spec.id]
        starts_at, ends_at = planning.grid.span(placement.start, item.spec.length)
        facilitator = planning.facilitators.get(placement.facilitator or "")
        venue = planning.venues.get(placement.venue or "")
        rows.append(
            Row(
                item,
                placement,
                starts_at,
                ends_at,
                facilitator,
                venue,
                _change(planning, item, placement),
            )
        )
    rows.sort(key=lambda row: (row.starts_at, row.item.title))
    return rows


def _change(planning: Planning, item: Item, placement: Placement) -> str:
    old = item.previous
    if item.session is None or old is None:
        return "New"
    words = []
    if placement.start != old.start:
        words.append(
            "Moved from " + session_service.when(item.session.starts_at, item.session.ends_at)
        )
    if placement.facilitator != old.facilitator:
        before = planning.facilitators.get(old.facilitator or "")
        new = planning.facilitators.get(placement.facilitator or "")
        words.append(f"Facilitator {new} instead of {before or 'nobody'}")
    if placement.venue != old.venue:
        before = planning.venues.get(old.venue or "")
        new = planning.venues.get(placement.venue or "")
        words.append(f"Venue {new} instead of {before or 'none'}")
    return ". ".join(words) if words else "No change"


def make_proposal(
    *, cohort, curriculum: Curriculum, now=None, time_limit_s: float = TIME_LIMIT_S
) -> Proposal:
    """Plan the cohort's year and sign the result for the team to accept."""
    planning = build(cohort=cohort, curriculum=curriculum, now=now)
    if planning.problems:
        return Proposal(planning, None, [], "")
    # Close to the ideal dates first; only if nothing fits there, the whole year.
    ordered = [item.spec for item in planning.items if item.spec.order is not None]
    first = min((spec.earliest for spec in ordered), default=0) // 2
    spacing = (planning.grid.n_days - first) // max(len(ordered), 1)
    plan = propose(
        problem=narrowed(planning.problem, days=max(NEAR_IDEAL_DAYS, spacing // 2)),
        time_limit_s=time_limit_s,
    )
    if plan.status not in ("optimal", "feasible"):
        plan = propose(problem=planning.problem, time_limit_s=WIDE_TIME_LIMIT_S)
    if plan.status not in ("optimal", "feasible"):
        return Proposal(planning, plan, [], "")
    token = signing.dumps(
        {
            "cohort": cohort.pk,
            "basis": planning.basis,
            "curriculum": [curriculum.learning_visits],
            "placements": [
                [p.session, p.start, p.facilitator, p.venue]
                for p in plan.placements.values()
                if not p.session.startswith("held-")
            ],
        },
        salt=SALT,
        compress=True,
    )
    return Proposal(planning, plan, _rows(planning, plan.placements), token)


class PlanOutOfDate(Exception):
    message = (
        "The timetable has changed since this plan was proposed, so it was not used. "
        "Plan again to see a proposal that fits the timetable as it is now."
    )


def accept(*, cohort, token: str, now=None) -> list[Session]:
    """Write the signed plan: new sessions (unpublished) and the moves. Refused with
    PlanOutOfDate if the token is not for this cohort or the timetable changed since."""
    try:
        data = signing.loads(token, salt=SALT, max_age=60 * 60 * 24)
    except signing.BadSignature as error:
        raise PlanOutOfDate() from error
    if data.get("cohort") != cohort.pk or data.get("basis") != _basis(cohort):
        raise PlanOutOfDate()
    (visits,) = data["curriculum"]
    planning = build(cohort=cohort, curriculum=Curriculum(visits), now=now)
    if planning.problems or planning.basis != data["basis"]:
        raise PlanOutOfDate()
    placements = {
        sid: Placement(sid, start, facilitator, venue)
        for sid, start, facilitator, venue in data["placements"]
    }
    if set(placements) != {i.spec.id for i in planning.items if not i.spec.id.startswith("held-")}:
        raise PlanOutOfDate()
    new, moves = [], []
    for row in _rows(planning, placements):
        item = row.item
        if item.session is None:
            new.append(
                {
                    "kind": item.kind,
                    "sequence_number": item.sequence_number,
                    "title": item.title,
                    "description": DESCRIPTIONS.get(item.kind, ""),
                    "starts_at": row.starts_at,
                    "ends_at": row.ends_at,
                    "mode": item.mode,
                    "venue": row.venue,
                    "facilitator": row.facilitator,
                }
            )
        elif row.change != "No change":
            staff = list(item.session.facilitators.all())
            moves.append(
                {
                    "session": item.session,
                    "starts_at": row.starts_at,
                    "ends_at": row.ends_at,
                    "facilitator": row.facilitator,
                    "replaces": staff[0] if staff else None,
                    "venue": row.venue,
                }
            )
    return session_service.apply_placements(cohort=cohort, new=new, moves=moves)


DESCRIPTIONS = {
    SessionKind.LEARNING_VISIT: "A visit to a host organisation, to be confirmed.",
}
