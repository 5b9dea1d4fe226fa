"""Calendars: the personal feed (no sign-in: the secret address is the key), a file for each
session, and the participant's page with their address and the button that resets it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from upon.accounts.permissions import get_object_for
from upon.delivery import calendars
from upon.delivery.access import SESSIONS, facilitator_required, own_place, participant_required
from upon.service.calendar_response import calendar_response

PAGE_SIZE = 25


@require_GET
def feed(request, token):
    participant = calendars.feed_participant(token=token)
    if participant is None:
        raise Http404("No such calendar")
    body = calendars.calendar_of(
        calendars.sessions_for(participant), name=f"{participant.cohort.name} programme"
    )
    return calendar_response(body, "programme.ics", attachment=False)


@login_required
def session_file(request, pk):
    session = get_object_for(
        request.user,
        SESSIONS.prefetch_related("facilitators"),
        "delivery.view_session",
        pk=pk,
    )
    body = calendars.calendar_of([session], name=session.title)
    return calendar_response(body, f"{slugify(session.title) or 'session'}.ics", attachment=True)


@participant_required
def my_calendar(request):
    participant = own_place(request, "delivery.follow_calendar")
    page = Paginator(calendars.sessions_for(participant), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    feed_url = calendars.feed_url(participant)
    return render(
        request,
        "delivery/calendars/my_calendar.html",
        {
            "participant": participant,
            "page": page,
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[-1],
        },
    )


@require_POST
@participant_required
def reset_calendar(request):
    participant = own_place(request, "delivery.follow_calendar")
    calendars.reset_token(participant=participant)
    messages.success(
        request,
        "Your calendar address has changed and the old one no longer works. "
        "Subscribe again with the new address.",
    )
    return redirect("delivery:my_calendar")


# Facilitators


@require_GET
def facilitator_feed(request, token):
    user = calendars.feed_facilitator(token=token)
    if user is None:
        raise Http404("No such calendar")
    sessions = (
        calendars.sessions_facilitated(user)
        .select_related("venue")
        .prefetch_related("facilitators")
        .order_by("starts_at", "pk")
    )
    body = calendars.calendar_of(sessions, name="Sessions you facilitate")
    return calendar_response(body, "facilitating.ics", attachment=False)


@facilitator_required
def facilitator_calendar(request):
    user = request.user
    calendar = calendars.facilitator_calendar(user)
    if calendar is None:
        # Nothing is made on a GET: the page offers a button that makes the address.
        return render(request, "delivery/calendars/facilitator_calendar.html", {"feed_url": None})
    feed_url = calendars.facilitator_feed_url(calendar)
    return render(
        request,
        "delivery/calendars/facilitator_calendar.html",
        {"feed_url": feed_url, "webcal_url": "webcal://" + feed_url.split("://", 1)[-1]},
    )


@require_POST
@facilitator_required
def reset_facilitator_calendar(request):
    user = request.user
    had_one = calendars.facilitator_calendar(user) is not None
    calendars.reset_facilitator_token(user=user)
    messages.success(
        request,
        "Your calendar address has changed and the old one no longer works. "
        "Subscribe again with the new address."
        if had_one
        else "Your calendar address is ready.",
    )
    return redirect("delivery:facilitator_calendar")
