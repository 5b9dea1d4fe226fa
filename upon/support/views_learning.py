"""Further learning: the team's events, bookings and register; a new director's or alumnus's
list of events, booking, cancelling, the calendar file and their personal feed."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from upon.accounts.access import team_required
from upon.accounts.permissions import get_object_for
from upon.accounts.roles import team_programme_ids
from upon.programmes.models import Programme
from upon.service.calendar_response import calendar_response
from upon.service.once import once
from upon.support import further_learning
from upon.support.access import BOOKINGS, LEARNING_EVENTS, books_learning_required
from upon.support.forms_learning import EventForm, NewEventForm, RegisterForm
from upon.support.models import BookingStatus

# The team


@team_required
def team_events(request):
    programme_ids = team_programme_ids(request.user)
    now = timezone.now()
    found = further_learning.with_counts(LEARNING_EVENTS.filter(programme_id__in=programme_ids))
    context = {
        "upcoming": list(found.filter(ends_at__gt=now)),
        "past": list(found.filter(ends_at__lte=now).order_by("-starts_at", "-pk")),
        "programmes": list(Programme.objects.filter(pk__in=programme_ids).order_by("name")),
    }
    return render(request, "support/learning/team_events.html", context)


@team_required
@once
def add_event(request, pk):
    programme = get_object_for(request.user, Programme, "support.add_learning_event", pk=pk)
    form = NewEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = further_learning.create_event(
            programme=programme, by=request.user, **form.details()
        )
        messages.success(request, f"{event} added.")
        return redirect("support:learning_event_bookings", pk=event.pk)
    context = {"form": form, "programme": programme}
    return render(request, "support/learning/event_form.html", context)


@team_required
def change_event(request, pk):
    event = get_object_for(request.user, LEARNING_EVENTS, "support.change_learning_event", pk=pk)
    form = EventForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            promoted = further_learning.change_event(event=event, **form.details())
        except further_learning.Refused as refusal:
            form.add_error("places", refusal.message)
        else:
            told = f" {len(promoted)} waiting given a place and told." if promoted else ""
            messages.success(request, f"{event} saved.{told}")
            return redirect("support:learning_event_bookings", pk=event.pk)
    context = {"form": form, "programme": event.programme, "event": event}
    return render(request, "support/learning/event_form.html", context)


@team_required
def event_bookings(request, pk):
    event = get_object_for(request.user, LEARNING_EVENTS, "support.change_learning_event", pk=pk)
    bookings = list(event.bookings.select_related("person").order_by("requested_at", "pk"))
    booked = [b for b in bookings if b.status == BookingStatus.BOOKED]
    started = event.starts_at <= timezone.now()
    form = RegisterForm(request.POST or None, bookings=booked) if started and booked else None
    if request.method == "POST":
        if form is None:
            messages.error(
                request, further_learning.NOT_STARTED if not started else "No one is booked"
            )
            return redirect("support:learning_event_bookings", pk=event.pk)
        if form.is_valid():
            further_learning.record_attendance(event=event, attended=form.attended())
            messages.success(request, f"Attendance at {event} saved.")
            return redirect("support:learning_event_bookings", pk=event.pk)
    context = {
        "event": event,
        "booked": booked,
        "waiting": [b for b in bookings if b.status == BookingStatus.WAITING],
        "cancelled": [b for b in bookings if b.status == BookingStatus.CANCELLED],
        "started": started,
        "form": form,
    }
    return render(request, "support/learning/event_bookings.html", context)


# New directors and alumni


@books_learning_required
def my_events(request):
    events = list(further_learning.upcoming_for(request.user).order_by("starts_at", "pk"))
    mine = {
        b.event_id: b
        for b in request.user.learning_bookings.filter(event__in=[e.pk for e in events])
    }
    for event in events:
        event.mine = mine.get(event.pk)
        event.left = max(event.places - event.booked, 0)
    feed_url = further_learning.feed_url(request.user)
    context = {
        "events": events,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[-1],
    }
    return render(request, "support/learning/my_events.html", context)


@books_learning_required
def event_page(request, pk):
    event = get_object_for(
        request.user,
        further_learning.with_counts(LEARNING_EVENTS),
        "support.book_learning_event",
        pk=pk,
    )
    booking = request.user.learning_bookings.filter(event=event).first()
    context = {
        "event": event,
        "booking": booking,
        "active": booking is not None and booking.status != BookingStatus.CANCELLED,
        "left": max(event.places - event.booked, 0),
        "started": event.starts_at <= timezone.now(),
        "allowance": further_learning.allowance(
            person=request.user, programme_id=event.programme_id
        ),
    }
    return render(request, "support/learning/event.html", context)


@require_POST
@books_learning_required
def book(request, pk):
    event = get_object_for(request.user, LEARNING_EVENTS, "support.book_learning_event", pk=pk)
    try:
        booking = further_learning.book(event=event, person=request.user)
    except further_learning.Refused as refusal:
        messages.error(request, refusal.message)
    else:
        if booking.status == BookingStatus.WAITING:
            messages.success(request, further_learning.FULL)
        else:
            messages.success(request, f"You have a place at {event}.")
    return redirect("support:learning_event", pk=event.pk)


@books_learning_required
def cancel_booking(request, pk):
    booking = get_object_for(request.user, BOOKINGS, "support.cancel_own_booking", pk=pk)
    event = booking.event
    if booking.status == BookingStatus.CANCELLED:
        messages.error(request, "This booking is cancelled already")
        return redirect("support:learning_event", pk=event.pk)
    if request.method == "POST":
        was_waiting = booking.status == BookingStatus.WAITING
        try:
            further_learning.cancel_own(booking=booking)
        except further_learning.Refused as refusal:
            messages.error(request, refusal.message)
        else:
            what = "place on the waiting list" if was_waiting else "place"
            messages.success(request, f"Your {what} at {event} is cancelled.")
        return redirect("support:learning_event", pk=event.pk)
    return render(request, "support/learning/cancel.html", {"booking": booking, "event": event})


@books_learning_required
def event_file(request, pk):
    event = get_object_for(request.user, LEARNING_EVENTS, "support.book_learning_event", pk=pk)
    body = further_learning.calendar_file(event=event)
    return calendar_response(body, f"{slugify(event.title) or 'event'}.ics", attachment=True)


@require_GET
def feed(request, token):
    person = further_learning.feed_person(token)
    if person is None:
        raise Http404("No such calendar")
    return calendar_response(
        further_learning.feed(person=person), "further-learning.ics", attachment=False
    )
