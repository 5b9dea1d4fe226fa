"""The support entitlement's rules, on plain dates: who it opens for, when it ends, and what an
end of post does to it. No Django: `upon/support/entitlements.py` reads the posts and stores the
answer.

Opening. A verified post as Director of Children's Services (DCS, or DCS and DASS, the "twin
hat"), interim or permanent, that starts on or before the end of the window (by default five
years from the day the person completed the programme) opens an entitlement of 24 months from
the post's first day. A person has one entitlement: a second post does not open another unless
the team says so.

An end of post during the 24 months (the rule):

1. The entitlement pauses the day after the post ends.
2. If the person starts another verified DCS post within six months of that day, it resumes on
   the new post's first day, and its end moves later by the days it was paused: the person
   keeps every month they had left.
3. If not, it ends six months after the post ended, with whatever was left unused: by then the
   person is no longer a new director.

A post that ends on or after the entitlement's end changes nothing.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

ACTIVE, PAUSED, ENDED = "active", "paused", "ended"
MONTHS = 24
PAUSE_LIMIT = datetime.timedelta(days=183)
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Post:
    """A verified director's post: its first day, and its last (None while it runs on)."""

    starts_on: datetime.date
    ends_on: datetime.date | None = None


@dataclass(frozen=True)
class Standing:
    """Where the entitlement stands on a day: its status, the day it ends (or ended), and
    since when it is paused (None unless paused)."""

    status: str
    ends_on: datetime.date
    paused_since: datetime.date | None = None


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day if it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def window_ends(completed_on: datetime.date, years: int) -> datetime.date:
    return add_months(completed_on, 12 * years)


def opens(*, post: Post, completed_on: datetime.date | None, window_years: int) -> bool:
    """Whether this verified director's post opens an entitlement for someone who completed
    the programme on `completed_on` (None: they have not)."""
    return completed_on is not None and post.starts_on <= window_ends(completed_on, window_years)


def standing(*, opening: Post, later: Sequence[Post], today: datetime.date) -> Standing:
    """Where the entitlement `opening` opened stands today, given the person's later verified
    director posts (any order). See the module's rule."""
    ends_on = add_months(opening.starts_on, MONTHS) - ONE_DAY
    post = opening
    following = sorted(later, key=lambda p: p.starts_on)
    while post.ends_on is not None and post.ends_on < ends_on:
        paused_since = post.ends_on + ONE_DAY
        resumed = next(
            (p for p in following if paused_since <= p.starts_on <= post.ends_on + PAUSE_LIMIT),
            None,
        )
        if resumed is None or today < resumed.starts_on:
            lapses_on = post.ends_on + PAUSE_LIMIT
            if today > lapses_on and resumed is None:
                return Standing(ENDED, lapses_on)
            if today < paused_since:
                break
            if resumed is None:
                return Standing(PAUSED, lapses_on, paused_since)
            return Standing(PAUSED, ends_on + (resumed.starts_on - paused_since), paused_since)
        ends_on += resumed.starts_on - paused_since
        post = resumed
    return Standing(ENDED if today > ends_on else ACTIVE, ends_on)
