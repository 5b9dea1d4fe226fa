"""Dates and times as GOV.UK writes them: 5pm, 5:30pm, midday, midnight; 3 December 2026.

The one formatter for times people read (pages, emails, calendar entries, messages); templates
use it through the built-in filters in ``upon/service/templatetags/times.py``. A moment with a
time zone is read in England (``TIME_ZONE``).
"""

import datetime

from django.utils import timezone


def _local(moment):
    if isinstance(moment, datetime.datetime) and timezone.is_aware(moment):
        return timezone.localtime(moment)
    return moment


def clock(moment: datetime.datetime | datetime.time) -> str:
    """The time of day: "5pm", "5:30pm", "midday", "midnight"."""
    local = _local(moment)
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def calendar_date(moment: datetime.datetime | datetime.date) -> str:
    """The date: "3 December 2026"."""
    local = _local(moment)
    return f"{local.day} {local:%B %Y}"


def weekday_date(moment: datetime.datetime | datetime.date) -> str:
    """The date with its day of the week: "Thursday 3 December 2026"."""
    local = _local(moment)
    return f"{local:%A} {calendar_date(local)}"


def time_on_date(moment: datetime.datetime) -> str:
    """A moment: "5pm on 3 December 2026"."""
    return f"{clock(moment)} on {calendar_date(moment)}"
