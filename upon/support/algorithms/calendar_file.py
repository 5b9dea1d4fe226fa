"""A calendar file (iCalendar, RFC 5545) for one event: what a calendar app imports from an
.ics download. Written with the `icalendar` package, as the session calendars are; times are
UTC, and it escapes text and folds long lines as the RFC says."""

import datetime
from dataclasses import dataclass

from icalendar import Calendar, Event

UTC = datetime.UTC


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    location: str = ""
    description: str = ""


def _event(entry: CalendarEntry, stamp: datetime.datetime) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", entry.starts_at.astimezone(UTC))
    event.add("dtend", entry.ends_at.astimezone(UTC))
    event.add("summary", entry.title)
    if entry.location:
        event.add("location", entry.location)
    if entry.description:
        event.add("description", entry.description)
    return event


def calendar_of(entries, *, stamp: datetime.datetime, product: str, name: str | None = None) -> str:
    """A calendar of several entries (a feed), named `name` in calendar apps."""
    file = Calendar()
    file.add("version", "2.0")
    file.add("prodid", f"-//{product}//EN")
    file.add("method", "PUBLISH")
    if name:
        file.add("x-wr-calname", name)
    for entry in entries:
        file.add_component(_event(entry, stamp))
    return file.to_ical().decode()


def calendar(entry: CalendarEntry, *, stamp: datetime.datetime, product: str) -> str:
    """A calendar file of one entry."""
    return calendar_of([entry], stamp=stamp, product=product)
