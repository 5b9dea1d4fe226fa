"""The periods a digest covers and what goes in one. Pure: no Django."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

DAILY = "daily"
WEEKLY = "weekly"


def digest_period(kind: str, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last whole period before `today`: (first day, the day after the last). Daily:
    yesterday. Weekly: the last whole week, Monday to Sunday."""
    if kind == DAILY:
        return today - datetime.timedelta(days=1), today
    if kind == WEEKLY:
        this_monday = today - datetime.timedelta(days=today.weekday())
        return this_monday - datetime.timedelta(days=7), this_monday
    raise ValueError(f"No digest is {kind!r}")


@dataclass(frozen=True)
class Activity:
    """A post in a period: in which group and thread, by whom, and whether it opened it."""

    group_id: int
    thread_id: int
    author_id: int
    opens_thread: bool


@dataclass(frozen=True)
class ThreadLine:
    thread_id: int
    new_thread: bool
    posts: int


def digest_lines(
    activity: Iterable[Activity], *, group_ids: set[int], member_id: int
) -> dict[int, list[ThreadLine]]:
    """Per group the member follows, its threads with posts by others in the period (in the
    order first seen): whether the thread is new and how many posts it gained."""
    found: dict[int, dict[int, list]] = {}
    for item in activity:
        if item.group_id not in group_ids or item.author_id == member_id:
            continue
        line = found.setdefault(item.group_id, {}).setdefault(item.thread_id, [False, 0])
        line[0] = line[0] or item.opens_thread
        line[1] += 1
    return {
        group_id: [ThreadLine(thread_id, new, posts) for thread_id, (new, posts) in lines.items()]
        for group_id, lines in found.items()
    }
