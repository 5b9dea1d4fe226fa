"""When an employer's check-ins fall due and where each stands.

Pure: dates and times in, answers out (no Django).
"""

import calendar
import datetime
from typing import NamedTuple

# Months from the start of a director's support at which their employer checks in.
CHECK_IN_MONTHS = (3, 6, 12, 18, 24)
# A check-in not done this long after it fell due is overdue.
OVERDUE_AFTER = datetime.timedelta(days=28)
# A contact is reminded of one check-in at most this often.
REMIND_EVERY = datetime.timedelta(days=7)

UPCOMING, DUE, OVERDUE, DONE = "upcoming", "due", "overdue", "done"


class Due(NamedTuple):
    month: int
    due_on: datetime.date


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day where it is shorter (31 August + 6
    months is 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def schedule(starts_on: datetime.date) -> list[Due]:
    """The check-ins of support starting on `starts_on`, in order."""
    return [Due(month, months_after(starts_on, month)) for month in CHECK_IN_MONTHS]


def standing(*, due_on: datetime.date, done: bool, today: datetime.date) -> str:
    if done:
        return DONE
    if today < due_on:
        return UPCOMING
    return OVERDUE if today >= due_on + OVERDUE_AFTER else DUE
