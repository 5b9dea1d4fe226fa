"""Calendars: a participant's personal feed at a secret address, a facilitator's feed of the
sessions they run, and a file for each session.

Both are iCalendar (RFC 5545), written with the `icalendar` package. Times are UTC, so no
time zone definitions are needed. A session's UID never changes and its SEQUENCE is the
session's `ical_sequence`, which goes up with every change people can see: calendar programs
replace their copy instead of adding a second one.

The feed's address holds the participant's `calendar_token`: anyone with the address can read
the feed (calendar programs cannot sign in), so it is long, random and can be reset, which
stops the old address working at once. A withdrawn participant's feed stops too, as does a
facilitator's once they no longer hold the role.
"""

import datetime

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from upon.accounts import roles
from upon.accounts.models import Role
from upon.delivery.models import (
    FacilitatorCalendar,
    Mode,
    Participant,
    ParticipantStatus,
    Session,
    new_calendar_token,
)
from upon.delivery.notifications import details
from upon.delivery.rules import facilitated_intake_ids

PRODID = "-//Upon//Programme delivery//EN"
UID_DOMAIN = "upon.programme"


def uid_for(session: Session) -> str:
    return f"{session.uid}@{UID_DOMAIN}"


def _location(session: Session) -> str:
    if session.mode == Mode.VIRTUAL or session.venue is None:
        return session.joining_link or "Online"
    venue = session.venue
    return ", ".join([venue.name, *venue.address.splitlines()])


def event_for(session: Session, *, stamp: datetime.datetime) -> Event:
    """One session as a VEVENT. Facilitators must be prefetched (or it queries)."""
    event = Event()
    event.add("uid", uid_for(session))
    event.add("sequence", session.ical_sequence)
    event.add("dtstamp", stamp)
    event.add("last-modified", session.updated_at.astimezone(datetime.UTC))
    event.add("dtstart", session.starts_at.astimezone(datetime.UTC))
    event.add("dtend", session.ends_at.astimezone(datetime.UTC))
    event.add("summary", session.title)
    lines = [session.description] if session.description else []
    lines += details(session)
    people = ", ".join(person.full_name for person in session.facilitators.all())
    if people:
        lines.append(f"Facilitators: {people}")
    if session.contributors:
        lines.append(f"Contributors: {session.contributors}")
    event.add("description", "\n".join(lines))
    event.add("location", _location(session))
    if session.joining_link and session.mode != Mode.IN_PERSON:
        event.add("url", session.joining_link)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def calendar_of(sessions, *, name: str, now: datetime.datetime | None = None) -> bytes:
    """A VCALENDAR holding these sessions, as bytes ready to send."""
    stamp = (now or timezone.now()).astimezone(datetime.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for session in sessions:
        calendar.add_component(event_for(session, stamp=stamp))
    return calendar.to_ical()


def sessions_for(participant: Participant) -> QuerySet[Session]:
    """The participant's published sessions: the whole cohort's, and their own set's meetings."""
    return (
        Session.objects.filter(cohort_id=participant.cohort_id, published=True)
        .filter(
            Q(action_learning_set__isnull=True)
            | Q(action_learning_set_id=participant.action_learning_set_id)
        )
        .select_related("venue")
        .prefetch_related("facilitators")
        .order_by("starts_at", "pk")
    )


def feed_participant(*, token: str) -> Participant | None:
    """Whose feed this address is, if it still works."""
    return (
        Participant.objects.filter(calendar_token=token)
        .exclude(status=ParticipantStatus.WITHDRAWN)
        .select_related("cohort", "user")
        .first()
    )


def feed_url(participant: Participant) -> str:
    return settings.SITE_URL + reverse(
        "delivery:feed", kwargs={"token": participant.calendar_token}
    )


def reset_token(*, participant: Participant) -> str:
    """A new secret address: the old one stops working now."""
    participant.calendar_token = new_calendar_token()
    participant.save(update_fields=["calendar_token"])
    return participant.calendar_token


# Facilitators: one feed of every session they run, across cohorts.


def sessions_facilitated(user) -> QuerySet[Session]:
    """Published sessions this person runs (`rules.runs_session`, as a query): in cohorts they
    facilitate, named on the session or facilitating its set."""
    runs = Session.facilitators.through.objects.filter(user_id=user.pk).values("session_id")
    return Session.objects.filter(
        cohort__intake_id__in=facilitated_intake_ids(user), published=True
    ).filter(Q(pk__in=runs) | Q(action_learning_set__facilitator_id=user.pk))


def facilitator_calendar(user) -> FacilitatorCalendar | None:
    """The person's facilitator feed, if they have one; reads only."""
    return FacilitatorCalendar.objects.filter(user=user).first()


def start_facilitator_calendar(*, user) -> FacilitatorCalendar:
    """The person's facilitator feed, made with a new secret address if they have none.

    Made when the facilitator role is granted (delivery.signals), so the calendar page only
    reads; someone given the role another way gets it from the button on that page."""
    return FacilitatorCalendar.objects.get_or_create(user=user)[0]


def feed_facilitator(*, token: str):
    """Whose facilitator feed this address is, while they still facilitate somewhere."""
    found = FacilitatorCalendar.objects.filter(token=token).select_related("user").first()
    if found is None or not roles.has_role(found.user, Role.FACILITATOR):
        return None
    return found.user


def facilitator_feed_url(calendar: FacilitatorCalendar) -> str:
    return settings.SITE_URL + reverse(
        "delivery:facilitator_feed", kwargs={"token": calendar.token}
    )


def reset_facilitator_token(*, user) -> str:
    """A new secret address: the old one stops working now."""
    calendar = start_facilitator_calendar(user=user)
    calendar.token = new_calendar_token()
    calendar.save(update_fields=["token"])
    return calendar.token
