"""Further learning: masterclasses and events for new directors and alumni. The team creates an
event with its places; a person books; when every place is taken the booking waits on the
waiting list, and a cancelled place goes to the first person waiting.

Everything that takes or gives back a place locks the event's row first (`select_for_update`),
so for one event bookings and cancellations run one at a time and never overfill it.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from upon.support.algorithms.calendar_file import CalendarEntry, calendar
from upon.support.models import Booking, BookingStatus, LearningEvent

FULL = (
    "This event is full, so you have been added to the waiting list. If someone cancels, "
    "the place goes to the first person on the list."
)


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
    """A place if one is free, else a place on the waiting list; booking again changes nothing."""
    now = now or timezone.now()
    event = LearningEvent.objects.select_for_update().get(pk=event.pk)
    booking = Booking.objects.filter(event=event, person=person).first()
    if booking is not None and booking.status != BookingStatus.CANCELLED:
        return booking
    status = BookingStatus.BOOKED if _booked(event) < event.places else BookingStatus.WAITING
    if booking is None:
        return Booking.objects.create(event=event, person=person, status=status, requested_at=now)
    booking.status, booking.requested_at = status, now
    booking.save(update_fields=["status", "requested_at"])
    return booking


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
    if not freed or _booked(event) >= event.places:
        return None
    first = event.bookings.filter(status=BookingStatus.WAITING).order_by("requested_at", "pk")
    promoted = first.first()
    if promoted is not None:
        promoted.status = BookingStatus.BOOKED
        promoted.save(update_fields=["status"])
    return promoted


def calendar_file(*, event: LearningEvent, now: datetime.datetime | None = None) -> str:
    """The event as a calendar file (.ics) to download."""
    entry = CalendarEntry(
        uid=f"learning-event-{event.pk}@{settings.SITE_URL.split('://')[-1]}",
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        location=event.location,
        description=event.description,
    )
    return calendar(entry, stamp=now or timezone.now(), product="Upon")
