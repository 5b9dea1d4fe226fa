"""Sessions: adding and changing them, clash checks, publishing, the mode switch and materials.

A facilitator or a venue in two places at once is refused with a message naming the other
session; so is a session at a time its facilitator or venue is marked unavailable. A venue is
held only by sessions that meet in person (a session switched to virtual keeps its venue, so it
can switch back, but no longer holds the room). The checks read the database after the change,
inside the transaction, so a change of many sessions at once (a plan, a mode switch) is refused
whole if any of them clashes.

Every change people can see to a published session raises its iCalendar SEQUENCE so calendars
replace their copy; a change to when, where or how it meets also emails the session's
participants and facilitators with the new details. Unpublished sessions are seen by nobody but
the team, so their changes are silent.

A session that meets online (virtual or hybrid) needs a joining link before it is published:
publishing is refused, whole, while any of them has none (`missing_links`), and names each. The
team would rather add a link than have every participant emailed a session they cannot join and
then a second email with the link; and publishing some and holding back others would leave the
timetable half told.
"""

import datetime
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from upon.delivery import notifications
from upon.delivery.models import Mode, Session, SessionMaterial, Unavailability
from upon.service import checks, uploads
from upon.service.times import clock
from upon.service.times import weekday_date as day
from upon.service.versioning import bump, claim

# What a participant or facilitator can see of a session: a change raises ical_sequence.
SHOWN_FIELDS = (
    "kind",
    "sequence_number",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "mode",
    "venue_id",
    "joining_link",
    "joining_details",
    "capacity",
    "contributors",
)
# When, where and how it meets: a change also emails people the new details.
NOTICE_FIELDS = ("starts_at", "ends_at", "mode", "venue_id", "joining_link", "joining_details")

UPLOAD_TYPES_TEXT = uploads.kinds_text(uploads.DOCUMENTS_AND_IMAGES)


class SessionRefused(Exception):
    """A change that would break a rule; `problems` says what, in plain words."""

    def __init__(self, problems: Sequence[str]):
        super().__init__(" ".join(problems))
        self.problems = list(problems)


# ---------------------------------------------------------------------------------------------
# Describing times the way people read them: UK time, "9:30am", "midday".


def when(starts_at: datetime.datetime, ends_at: datetime.datetime) -> str:
    """Like "Tuesday 5 January 2027, 9:30am to 4:30pm"."""
    if timezone.localtime(starts_at).date() == timezone.localtime(ends_at).date():
        return f"{day(starts_at)}, {clock(starts_at)} to {clock(ends_at)}"
    return f"{day(starts_at)}, {clock(starts_at)} to {day(ends_at)}, {clock(ends_at)}"


def _other(session: Session) -> str:
    return f"{session.title} ({session.cohort.name}) on {when(session.starts_at, session.ends_at)}"


def _away(unavailable: Unavailability) -> str:
    note = f" ({unavailable.note})" if unavailable.note else ""
    return f"from {clock(unavailable.starts_at)} on {day(unavailable.starts_at)} to " + (
        f"{clock(unavailable.ends_at)} on {day(unavailable.ends_at)}{note}"
    )


# ---------------------------------------------------------------------------------------------
# Clashes


def clashes(
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    facilitator_ids: Iterable[int],
    venue,
    mode: str,
    exclude_ids: Iterable[int] = (),
) -> list[str]:
    """Why a session at this time with these people and this venue cannot happen: each
    facilitator or venue already booked elsewhere or marked unavailable, naming the other
    session. Empty when it can."""
    facilitator_ids = list(facilitator_ids)
    overlapping = Q(starts_at__lt=ends_at, ends_at__gt=starts_at)
    others = Session.objects.filter(overlapping).exclude(pk__in=list(exclude_ids))
    problems = []
    if facilitator_ids:
        booked = (
            Session.facilitators.through.objects.filter(
                user_id__in=facilitator_ids, session__in=others
            )
            .select_related("user", "session__cohort")
            .order_by("session__starts_at", "user__full_name", "session_id")
        )
        problems += [f"{row.user} is already running {_other(row.session)}" for row in booked]
        away = Unavailability.objects.filter(
            overlapping, facilitator_id__in=facilitator_ids
        ).select_related("facilitator")
        problems += [f"{row.facilitator} is not available {_away(row)}" for row in away]
    if venue is not None and mode != Mode.VIRTUAL:
        taken = (
            others.filter(venue=venue)
            .exclude(mode=Mode.VIRTUAL)
            .select_related("cohort")
            .order_by("starts_at", "pk")
        )
        problems += [f"{venue.name} is already booked for {_other(other)}" for other in taken]
        closed = Unavailability.objects.filter(overlapping, venue=venue)
        problems += [f"{venue.name} is not available {_away(row)}" for row in closed]
    return problems


def _check(sessions: Sequence[Session]) -> None:
    """Refuse if any of these (already saved) sessions clashes with anything."""
    problems = []
    for session in sessions:
        for problem in clashes(
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            facilitator_ids=session.facilitators.values_list("pk", flat=True),
            venue=session.venue,
            mode=session.mode,
            exclude_ids=[session.pk],
        ):
            if problem not in problems:
                problems.append(f"{session.title}: {problem}")
    if problems:
        raise SessionRefused(problems)


def _shown(session: Session) -> tuple:
    return tuple(getattr(session, name) for name in SHOWN_FIELDS)


def _notice(session: Session) -> tuple:
    return tuple(getattr(session, name) for name in NOTICE_FIELDS)


def has_started(session: Session, *, now: datetime.datetime | None = None) -> bool:
    return session.starts_at <= (now or timezone.now())


def _started_message(session: Session, mode: str, now: datetime.datetime) -> str:
    done = "has already taken place" if session.ends_at <= now else "has already started"
    return f"{session.title} {done}, so it cannot switch to {Mode(mode).label.lower()}"


# ---------------------------------------------------------------------------------------------
# Adding and changing one session


@transaction.atomic
def create_session(*, cohort, facilitators: Iterable = (), **fields) -> Session:
    """Add a session to the cohort's timetable (unpublished unless `published=True`)."""
    session = Session.objects.create(cohort=cohort, **fields)
    session.facilitators.set(facilitators)
    _check([session])
    if session.published:
        transaction.on_commit(lambda: notifications.sessions_published(session_ids=[session.pk]))
    return session


@transaction.atomic
def update_session(
    *,
    session: Session,
    facilitators: Iterable,
    version: int | None,
    by=None,
    now: datetime.datetime | None = None,
    **fields,
) -> bool:
    """Change a session. Refused if someone else changed it since `version` (StaleVersion), if
    it clashes, or if it would switch the mode of a session that has started. A published
    session's SEQUENCE goes up when anything people see changes, and its people are emailed
    when when, where or how it meets changes (or who runs it): returns whether they are."""
    now = now or timezone.now()
    if "mode" in fields and fields["mode"] != session.mode and has_started(session, now=now):
        raise SessionRefused([_started_message(session, fields["mode"], now)])
    claim(session, version=version, by=by, now=now)
    shown, notice = _shown(session), _notice(session)
    staff = set(session.facilitators.values_list("pk", flat=True))
    for name, value in fields.items():
        setattr(session, name, value)
    facilitators = list(facilitators)
    restaffed = staff != {person.pk for person in facilitators}
    changed = restaffed or _shown(session) != shown
    if changed and session.published:
        session.ical_sequence += 1
    session.save()
    session.facilitators.set(facilitators)
    _check([session])
    told = session.published and (_notice(session) != notice or restaffed)
    if told:
        transaction.on_commit(lambda: notifications.sessions_changed(session_ids=[session.pk]))
    return told


def delete_session(*, session: Session) -> None:
    """Only a session nobody has seen can go: a published one stays on people's calendars."""
    if session.published:
        raise SessionRefused(
            [f"{session.title} is published, so it cannot be deleted. Change it instead."]
        )
    session.delete()


# ---------------------------------------------------------------------------------------------
# Many sessions at once


def missing_links(sessions: Iterable[Session]) -> list[str]:
    """What to do about each of these sessions that meets online without a joining link."""
    return [
        f"Add a joining link to {session.title} on {day(session.starts_at)}, or change it "
        "to meet in person"
        for session in sessions
        if session.needs_joining_link
    ]


def unpublished(*, cohort):
    return cohort.sessions.filter(published=False).order_by("starts_at", "pk")


def unpublished_without_links(*, cohort) -> list[Session]:
    """The cohort's unpublished sessions that meet online and have no joining link yet."""
    return list(unpublished(cohort=cohort).filter(joining_link="").exclude(mode=Mode.IN_PERSON))


@transaction.atomic
def publish(*, cohort, expected=None) -> list[Session]:
    """Publish every unpublished session of the cohort and tell its people once. `expected`:
    the sessions the check page showed; ChangedSinceChecked, publishing nothing, if others
    are unpublished now. Refused, with nothing published, while any of them meets online
    without a joining link."""
    sessions = list(unpublished(cohort=cohort).select_for_update())
    checks.refuse_if_changed(expected=expected, now=[s.pk for s in sessions])
    problems = missing_links(sessions)
    if problems:
        raise SessionRefused(problems)
    if sessions:
        Session.objects.filter(pk__in=[s.pk for s in sessions]).update(published=True)
        ids = [s.pk for s in sessions]
        transaction.on_commit(lambda: notifications.sessions_published(session_ids=ids))
    return sessions


@transaction.atomic
def switch_mode(
    *,
    sessions: Iterable[Session],
    mode: str,
    joining_link: str = "",
    joining_details: str = "",
    venue=None,
    now: datetime.datetime | None = None,
) -> list[Session]:
    """Switch sessions to virtual or in person, all or none. A session that has started cannot
    switch. Going virtual needs a joining link for each session without one (`joining_link` is
    given to those); going in person needs a venue for each without one (`venue`). Returns the
    sessions that changed; their people are emailed the new details."""
    now = now or timezone.now()
    sessions = list(sessions)
    started = [_started_message(s, mode, now) for s in sessions if has_started(s, now=now)]
    if started:
        raise SessionRefused(started)
    changing = [s for s in sessions if s.mode != mode]
    problems = []
    for session in changing:
        if mode == Mode.VIRTUAL and not session.joining_link and not joining_link:
            problems.append(f"Enter a joining link for {session.title}")
        if mode != Mode.VIRTUAL and session.venue_id is None and venue is None:
            problems.append(f"Select a venue for {session.title}")
    if problems:
        raise SessionRefused(problems)
    for session in changing:
        if mode == Mode.VIRTUAL and not session.joining_link:
            session.joining_link = joining_link
            session.joining_details = session.joining_details or joining_details
        if mode != Mode.VIRTUAL and session.venue_id is None:
            session.venue = venue
        session.mode = mode
        if session.published:
            session.ical_sequence += 1
    for session in changing:
        session.save()
    bump(Session.objects.filter(pk__in=[s.pk for s in changing]))
    _check(changing)
    published = [s.pk for s in changing if s.published]
    if published:
        transaction.on_commit(lambda: notifications.sessions_changed(session_ids=published))
    return changing


@transaction.atomic
def restaff(*, sessions: Iterable[Session], facilitators: Iterable) -> list[Session]:
    """Give each of these sessions exactly these facilitators, all or none (a clash refuses the
    lot). Published ones that change raise their SEQUENCE and their people are told once.
    Returns the sessions that changed."""
    wanted = {person.pk for person in facilitators}
    changed = [s for s in sessions if {person.pk for person in s.facilitators.all()} != wanted]
    for session in changed:
        session.facilitators.set(wanted)
        if session.published:
            session.ical_sequence += 1
            session.save(update_fields=["ical_sequence", "updated_at"])
    bump(Session.objects.filter(pk__in=[s.pk for s in changed]))
    _check(changed)
    published = [s.pk for s in changed if s.published]
    if published:
        transaction.on_commit(lambda: notifications.sessions_changed(session_ids=published))
    return changed


@transaction.atomic
def apply_placements(*, cohort, new: Sequence[dict], moves: Sequence[dict]) -> list[Session]:
    """Write an accepted plan: create each of `new` (dicts of Session fields plus "facilitator")
    unpublished, and move or re-staff each of `moves` (dicts with "session", "starts_at",
    "ends_at", "facilitator", "replaces" (the facilitator it had), "venue"). Everything is checked
    for clashes after it is written, so sessions can swap places; a clash refuses the lot."""
    written = []
    published = []
    for fields in new:
        fields = dict(fields)
        facilitator = fields.pop("facilitator")
        session = Session.objects.create(cohort=cohort, published=False, **fields)
        if facilitator is not None:
            session.facilitators.add(facilitator)
        written.append(session)
    for move in moves:
        session = move["session"]
        shown = _shown(session)
        session.starts_at, session.ends_at = move["starts_at"], move["ends_at"]
        if move["venue"] is not None:
            session.venue = move["venue"]
        restaffed = move["facilitator"] is not None and move["facilitator"] != move["replaces"]
        if restaffed:
            if move["replaces"] is not None:
                session.facilitators.remove(move["replaces"])
            session.facilitators.add(move["facilitator"])
        if session.published and (restaffed or _shown(session) != shown):
            session.ical_sequence += 1
            published.append(session.pk)
        session.save()
        written.append(session)
    bump(Session.objects.filter(pk__in=[m["session"].pk for m in moves]))
    _check(written)
    if published:
        transaction.on_commit(lambda: notifications.sessions_changed(session_ids=published))
    return written


# ---------------------------------------------------------------------------------------------
# Materials


def upload_problem(upload) -> str | None:
    """Why an uploaded file cannot be a session material, or None if it can: a document or an
    image (checked by its name and first bytes) of at most 20MB."""
    return uploads.upload_problem(upload, allowed=uploads.DOCUMENTS_AND_IMAGES)


def add_material(*, session: Session, title: str, file=None, url: str = "") -> SessionMaterial:
    """A file or a link for a session. Checks the file again: the form is not the only door."""
    if bool(file) == bool(url):
        raise SessionRefused(["Upload a file or enter a link, not both"])
    if file:
        problem = upload_problem(file)
        if problem:
            raise SessionRefused([problem])
    return SessionMaterial.objects.create(
        session=session, title=title, file=file or "", url=url or ""
    )


def remove_material(*, material: SessionMaterial) -> None:
    if material.file:
        material.file.delete(save=False)
    material.delete()
