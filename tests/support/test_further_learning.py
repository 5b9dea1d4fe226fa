"""Further learning events: places, booking, the waiting list, cancelling, the calendar file."""

import datetime
import zoneinfo

import pytest

from upon.support import further_learning
from upon.support.algorithms.calendar_file import CalendarEntry, calendar
from upon.support.models import Booking

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
START = datetime.datetime(2026, 10, 6, 10, tzinfo=LONDON)


@pytest.fixture
def masterclass(programme, team):
    return further_learning.create_event(
        programme=programme,
        title="Masterclass: leading through inspection",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=3),
        places=1,
        location="Leeds, Civic Hall",
        by=team,
    )


def statuses(event):
    return [(b.person.full_name, b.status) for b in Booking.objects.filter(event=event)]


def test_booking_takes_a_place_then_the_waiting_list(
    masterclass, alumnus, other_alumnus, june_2026
):
    assert further_learning.book(event=masterclass, person=alumnus).status == "booked"
    assert further_learning.book(event=masterclass, person=other_alumnus).status == "waiting"
    assert further_learning.book(event=masterclass, person=alumnus).status == "booked"  # again
    assert statuses(masterclass) == [
        ("Alex Alumnus", "booked"),
        ("Sam Secondalumnus", "waiting"),
    ]
    assert further_learning.FULL.startswith("This event is full")


def test_cancelling_gives_the_place_to_the_first_waiting(
    masterclass, alumnus, other_alumnus, director, june_2026
):
    now = datetime.datetime(2026, 6, 1, 12, tzinfo=LONDON)
    first = further_learning.book(event=masterclass, person=alumnus, now=now)
    further_learning.book(event=masterclass, person=other_alumnus, now=now)
    further_learning.book(event=masterclass, person=director, now=now + datetime.timedelta(1))
    promoted = further_learning.cancel(booking=first)
    assert promoted.person == other_alumnus
    assert further_learning.cancel(booking=first) is None  # cancelling twice frees nothing more
    assert statuses(masterclass) == [
        ("Alex Alumnus", "cancelled"),
        ("Sam Secondalumnus", "booked"),
        ("Dee Director", "waiting"),
    ]
    # Booking again after cancelling joins the end of the waiting list.
    assert further_learning.book(event=masterclass, person=alumnus).status == "waiting"


def test_leaving_the_waiting_list_promotes_no_one(masterclass, alumnus, other_alumnus, june_2026):
    further_learning.book(event=masterclass, person=alumnus)
    waiting = further_learning.book(event=masterclass, person=other_alumnus)
    assert further_learning.cancel(booking=waiting) is None
    assert statuses(masterclass) == [("Alex Alumnus", "booked"), ("Sam Secondalumnus", "cancelled")]


def test_the_calendar_file(masterclass, settings):
    settings.SITE_URL = "https://upon.example"
    text = further_learning.calendar_file(
        event=masterclass, now=datetime.datetime(2026, 6, 1, 12, tzinfo=LONDON)
    )
    assert text.split("\r\n") == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Upon//EN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        "SUMMARY:Masterclass: leading through inspection",
        "DTSTART:20261006T090000Z",
        "DTEND:20261006T120000Z",
        "DTSTAMP:20260601T110000Z",
        f"UID:learning-event-{masterclass.pk}@upon.example",
        "LOCATION:Leeds\\, Civic Hall",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]


def test_long_lines_fold_at_75_octets():
    moment = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    entry = CalendarEntry("x", "é" * 100, moment, moment + datetime.timedelta(hours=1))
    lines = calendar(entry, stamp=moment, product="Upon").split("\r\n")
    assert max(len(line.encode()) for line in lines) <= 75
    summary = [line for line in lines if line.startswith(("SUMMARY", " "))]
    assert "".join(line.removeprefix(" ") for line in summary) == "SUMMARY:" + "é" * 100
