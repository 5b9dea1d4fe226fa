"""A calendar file (iCalendar, RFC 5545) for one event: what a calendar app imports from an
.ics download. Times are given in UTC; text is escaped and long lines folded as the RFC says."""

import datetime
from dataclasses import dataclass

UTC = datetime.UTC


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    location: str = ""
    description: str = ""


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets; each continuation starts with a space."""
    folded, current, limit = [], "", 75
    for char in line:
        if len((current + char).encode()) > limit:
            folded.append(current)
            current, limit = " ", 75
        current += char
    return [*folded, current]


def calendar(entry: CalendarEntry, *, stamp: datetime.datetime, product: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{product}//EN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{entry.uid}",
        f"DTSTAMP:{_stamp(stamp)}",
        f"DTSTART:{_stamp(entry.starts_at)}",
        f"DTEND:{_stamp(entry.ends_at)}",
        f"SUMMARY:{_escape(entry.title)}",
    ]
    if entry.location:
        lines.append(f"LOCATION:{_escape(entry.location)}")
    if entry.description:
        lines.append(f"DESCRIPTION:{_escape(entry.description)}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
