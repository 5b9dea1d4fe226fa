"""Further learning: masterclasses and events for new directors and alumni. The team creates an
event with its places; a person books; when every place is taken the booking waits on the
waiting list, and a cancelled place goes to the first person waiting.

Everything that takes or gives back a place locks the event's row first (`select_for_update`),
so for one event bookings and cancellations run one at a time and never overfill it.

Who may book (`eligible`): the new directors and alumni of the event's programme. A director in
support (an active entitlement on the programme) has the further learning places it gives:
every booking they hold (a place or a place on the waiting list) on an event of the programme
from the start of their support counts against them, and beyond them booking is refused.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from upon.accounts import roles
from upon.accounts.services import site_link
from upon.service.mail import send_templated
from upon.support.algorithms.calendar_file import CalendarEntry, calendar, calendar_of
from upon.support.models import (
    Booking,
    BookingStatus,
    Entitlement,
    EntitlementStatus,
    LearningEvent,
)
from upon.support.rules import BOOKS_LEARNING as BOOKERS
from upon.support.rules import may_book

FULL = (
    "This event is full, so you have been added to the waiting list. If someone cancels, "
    "the place goes to the first person on the list."
)
STARTED = "This event has started, so it can no longer be booked"
STARTED_CANCEL = "This event has started, so your booking can no longer be cancelled"
NOT_STARTED = "You can record attendance once the event has started"


def allowance_used(places: int) -> str:
    return (
        f"You have used all {places} further learning places of your support, so you cannot "
        "book this event. Cancel another booking to free a place, or ask the programme team."
    )


def fewer_than_booked(booked: int) -> str:
    return f"The number of places must be at least {booked}, the places booked already"


class Refused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def eligible(*, person, event) -> bool:
    """New directors and alumni of the event's programme may book it (the permission
    `support.book_learning_event` in rules.py)."""
    return may_book(person, event)


def with_counts(events):
    """Events with `booked` and `waiting`: how many hold a place and how many wait."""
    return events.annotate(
        booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
        waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
    )


def allowance(*, person, programme_id) -> tuple[int, int] | None:
    """(places, used) for a director in support on the programme; None for anyone else, who
    books without a limit of their own."""
    held = list(
        Entitlement.objects.filter(
            person=person, programme_id=programme_id, status=EntitlementStatus.ACTIVE
        ).values_list("further_learning_places", "starts_on")
    )
    if not held:
        return None
    since = min(starts_on for _, starts_on in held)
    used = (
        Booking.objects.filter(
            person=person,
            event__programme_id=programme_id,
            event__starts_at__date__gte=since,
        )
        .exclude(status=BookingStatus.CANCELLED)
        .count()
    )
    return sum(places for places, _ in held), used


def places_taken():
    """The bookings (places and places waiting) the person holds on the programme's events from
    the start of their support, as an expression to annotate entitlements with (0 where none);
    `allowance` counts the same."""
    held = (
        Booking.objects.filter(
            person=OuterRef("person"),
            event__programme=OuterRef("programme"),
            event__starts_at__date__gte=OuterRef("starts_on"),
        )
        .exclude(status=BookingStatus.CANCELLED)
        .order_by()
        .values("person")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(held, output_field=IntegerField()), 0)


def create_event(
    *,
    programme,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    places: int,
    by,
    location: str = "",
    description: str = "",
) -> LearningEvent:
    return LearningEvent.objects.create(
        programme=programme,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        places=places,
        location=location,
        description=description,
        created_by=by,
    )


def _booked(event) -> int:
    return event.bookings.filter(status=BookingStatus.BOOKED).count()


@transaction.atomic
def book(*, event: LearningEvent, person, now: datetime.datetime | None = None) -> Booking:
    """A place if one is free, else a place on the waiting list; booking again changes nothing.
    Refused (`Refused`) once the event has started, or when a director's places are used."""
    now = now or timezone.now()
    event = LearningEvent.objects.select_for_update().get(pk=event.pk)
    booking = Booking.objects.filter(event=event, person=person).first()
    if booking is not None and booking.status != BookingStatus.CANCELLED:
        return booking
    if event.starts_at <= now:
        raise Refused(STARTED)
    held = allowance(person=person, programme_id=event.programme_id)
    if held is not None and held[1] >= held[0]:
        raise Refused(allowance_used(held[0]))
    status = BookingStatus.BOOKED if _booked(event) < event.places else BookingStatus.WAITING
    if booking is None:
        return Booking.objects.create(event=event, person=person, status=status, requested_at=now)
    booking.status, booking.requested_at = status, now
    booking.save(update_fields=["status", "requested_at"])
    return booking


def _promote(event, free: int) -> list[Booking]:
    """Give up to `free` places to the first people waiting; their bookings, in order."""
    if free <= 0:
        return []
    first = event.bookings.filter(status=BookingStatus.WAITING).order_by("requested_at", "pk")
    promoted = list(first.select_related("person")[:free])
    for booking in promoted:
        booking.status = BookingStatus.BOOKED
        booking.save(update_fields=["status"])
    return promoted


@transaction.atomic
def cancel(*, booking: Booking) -> Booking | None:
    """Cancel a booking or a place on the waiting list; a freed place goes to the first person
    waiting, whose booking is returned (None when no one was)."""
    event = LearningEvent.objects.select_for_update().get(pk=booking.event_id)
    booking.refresh_from_db()
    if booking.status == BookingStatus.CANCELLED:
        return None
    freed = booking.status == BookingStatus.BOOKED
    booking.status = BookingStatus.CANCELLED
    booking.save(update_fields=["status"])
    if not freed:
        return None
    promoted = _promote(event, event.places - _booked(event))
    return promoted[0] if promoted else None


def cancel_own(*, booking: Booking, now: datetime.datetime | None = None) -> Booking | None:
    """The person cancels their booking before the event starts; the person given the freed
    place is told by email. Returns their booking (None when no one was waiting)."""
    if booking.event.starts_at <= (now or timezone.now()):
        raise Refused(STARTED_CANCEL)
    promoted = cancel(booking=booking)
    if promoted is not None:
        tell_promoted([promoted])
    return promoted


def tell_promoted(bookings) -> None:
    for booking in bookings:
        event = booking.event
        send_templated(
            to=booking.person.email,
            template="support/emails/learning_place.txt",
            context={
                "person": booking.person,
                "event": event,
                "link": site_link("support:learning_event", pk=event.pk),
            },
        )


@transaction.atomic
def change_event(*, event: LearningEvent, **details) -> list[Booking]:
    """Save the event's details. Its places may not fall below the places booked (`Refused`);
    new places go to the first people waiting, who are told by email. Returns their bookings."""
    locked = LearningEvent.objects.select_for_update().get(pk=event.pk)
    booked = _booked(locked)
    if details["places"] < booked:
        raise Refused(fewer_than_booked(booked))
    for name, value in details.items():
        setattr(event, name, value)
    event.save(update_fields=list(details))
    promoted = _promote(event, event.places - booked)
    tell_promoted(promoted)
    return promoted


@transaction.atomic
def record_attendance(
    *, event: LearningEvent, attended: dict[int, bool], now: datetime.datetime | None = None
) -> int:
    """The register after the event: who of those booked attended (booking pk -> yes or no).
    Returns how many bookings were saved."""
    if event.starts_at > (now or timezone.now()):
        raise Refused(NOT_STARTED)
    saved = 0
    for booking in event.bookings.filter(status=BookingStatus.BOOKED, pk__in=list(attended)):
        booking.attended = attended[booking.pk]
        booking.save(update_fields=["attended"])
        saved += 1
    return saved


def upcoming_for(person, *, now: datetime.datetime | None = None):
    """The events a person may book that have not started, with their counts."""
    programme_ids = roles.programme_ids(person, *BOOKERS)
    found = LearningEvent.objects.filter(
        programme_id__in=programme_ids, starts_at__gt=now or timezone.now()
    )
    return with_counts(found.select_related("programme"))


# A personal feed of the events a person has a place on, at a signed address (calendar programs
# cannot sign in). Nothing is stored: the address names the person and works while they may book.

FEED_SALT = "upon.support.further-learning-feed"


def feed_token(person) -> str:
    return signing.dumps({"u": person.pk}, salt=FEED_SALT)


def feed_url(person) -> str:
    return site_link("support:learning_feed", token=feed_token(person))


def feed_person(token: str):
    from django.contrib.auth import get_user_model

    try:
        found = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        return None
    person = get_user_model().objects.filter(pk=found.get("u"), is_active=True).first()
    if person is None or not roles.has_role(person, *BOOKERS):
        return None
    return person


def _entry(event: LearningEvent) -> CalendarEntry:
    return CalendarEntry(
        uid=f"learning-event-{event.pk}@{settings.SITE_URL.split('://')[-1]}",
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        location=event.location,
        description=event.description,
    )


def feed(*, person, now: datetime.datetime | None = None) -> str:
    """The events the person has a place on, in the programmes where they may book."""
    events = LearningEvent.objects.filter(
        programme_id__in=roles.programme_ids(person, *BOOKERS),
        bookings__person=person,
        bookings__status=BookingStatus.BOOKED,
    )
    return calendar_of(
        [_entry(event) for event in events],
        stamp=now or timezone.now(),
        product="Upon",
        name="Further learning",
    )


def calendar_file(*, event: LearningEvent, now: datetime.datetime | None = None) -> str:
    """The event as a calendar file (.ics) to download."""
    return calendar(_entry(event), stamp=now or timezone.now(), product="Upon")
