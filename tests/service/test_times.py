"""Dates and times as GOV.UK writes them, through the one formatter the whole service uses."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from upon.service import times

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (17, 0, "5pm"),
        (17, 30, "5:30pm"),
        (9, 5, "9:05am"),
        (12, 0, "midday"),
        (12, 15, "12:15pm"),
        (0, 0, "midnight"),
        (0, 30, "12:30am"),
        (23, 59, "11:59pm"),
    ],
)
def test_clock_is_gov_uk_style(hour, minute, expected):
    assert times.clock(datetime.datetime(2026, 12, 3, hour, minute, tzinfo=LONDON)) == expected
    assert times.clock(datetime.time(hour, minute)) == expected


def test_clock_reads_aware_times_in_england():
    # 16:30 UTC in summer is 5:30pm in England (British Summer Time).
    assert times.clock(datetime.datetime(2027, 7, 1, 16, 30, tzinfo=UTC)) == "5:30pm"
    assert times.calendar_date(datetime.datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == (
        "31 December 2026"
    )
    assert times.calendar_date(datetime.datetime(2027, 6, 30, 23, 30, tzinfo=UTC)) == (
        "1 July 2027"
    )


def test_dates_days_and_moments():
    moment = datetime.datetime(2026, 12, 3, 17, 0, tzinfo=LONDON)
    assert times.calendar_date(moment) == "3 December 2026"
    assert times.calendar_date(datetime.date(2027, 1, 5)) == "5 January 2027"
    assert times.weekday_date(moment) == "Thursday 3 December 2026"
    assert times.time_on_date(moment) == "5pm on 3 December 2026"
    assert times.time_on_date(moment.replace(hour=12)) == "midday on 3 December 2026"


def test_template_filters_are_built_in():
    moment = datetime.datetime(2026, 12, 3, 17, 30, tzinfo=UTC)
    rendered = Template(
        "{{ m|govuk_time }}|{{ m|govuk_date }}|{{ m|govuk_day }}|{{ m|govuk_time_on_date }}|"
        "{{ missing|govuk_time }}|{{ missing|govuk_date }}"
    ).render(Context({"m": moment, "missing": None}))
    assert rendered == (
        "5:30pm|3 December 2026|Thursday 3 December 2026|5:30pm on 3 December 2026||"
    )


UPON = Path(__file__).resolve().parents[2] / "upon"
# Django's date format characters that show a time of day (g, G, h, H, i, s, u, a, A, f, P).
TIME_IN_FORMAT = re.compile(r'\|(?:date|time)(?::"(?P<format>[^"]*)")?')
TIME_CHARACTERS = set("gGhHisuaAfP")
# strftime's hour, minute and am/pm, and Django's dateformat (which takes the same letters).
STRFTIME_TIME = re.compile(r"%-?[IHMSp]|dateformat\.")


def _stray_time_formats(text: str) -> list[str]:
    found = []
    for match in TIME_IN_FORMAT.finditer(text):
        fmt = match.group("format")
        is_time = match.group(0).startswith("|time")
        if is_time or (fmt is not None and TIME_CHARACTERS & set(fmt.replace("\\", ""))):
            found.append(match.group(0))
    return found


def test_templates_show_times_only_through_the_govuk_filters():
    """A time written with |time or |date:"g:ia" (5:00pm, 17:00, 5 PM) is not GOV.UK style:
    use |govuk_time or |govuk_time_on_date."""
    stray = {
        str(path.relative_to(UPON)): found
        for path in sorted(UPON.rglob("templates/**/*"))
        if path.suffix in {".html", ".txt", ".ics"}
        and (found := _stray_time_formats(path.read_text()))
    }
    assert stray == {}


def test_python_shows_times_only_through_the_formatter():
    """strftime's %I, %H, %M and %p write 05:00PM: people read times through upon.service.times.
    Time fields' initial values (%H:%M in a form's time input) are machine-read, not shown."""
    stray = {}
    for path in sorted(UPON.rglob("*.py")):
        if "migrations" in path.parts or path.name == "times.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if STRFTIME_TIME.search(line.replace('.strftime("%H:%M")', "")):
                stray[f"{path.relative_to(UPON)}:{number}"] = line.strip()
    assert stray == {}


def test_the_scan_finds_what_it_should():
    assert _stray_time_formats('{{ a|date:"fA"|lower }} {{ b|time:"g:ia" }} {{ c|time }}') == [
        '|date:"fA"',
        '|time:"g:ia"',
        "|time",
    ]
    assert _stray_time_formats('{{ a|date:"j F Y" }} {{ a|date:"D j M Y" }} {{ a|date }}') == []
