"""What the programme achieved, per intake: the funnel's arithmetic, and what the funder may see.

Pure: plain counts and dates in, plain figures out, no Django.

- `appointments`: from each completer's completion date and first director post (or None), how
  many were appointed within 1, 2, 3 and 5 years of completing, and the median time it took.
- `hide_small`: which counts the funder may not see. A count from 1 to 4 is "Fewer than 5"
  (SMALL). Where one stage's people are among another's (everyone offered was shortlisted), two
  shown counts never differ by 1 to 4, or the few who dropped out between them could be worked
  out: the later one is hidden as well (PROTECTING), until no such pair is left. Zero is shown.
"""

import datetime
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

THRESHOLD = 5
SHOWN, SMALL, PROTECTING = "shown", "small", "protecting"
SUPPRESSED_TEXT = "Fewer than 5"
PROTECTED_TEXT = "Hidden to protect a small group"
TEXT = {SMALL: SUPPRESSED_TEXT, PROTECTING: PROTECTED_TEXT}

WITHIN_YEARS = (1, 2, 3, 5)
DAYS_PER_MONTH = 365.25 / 12


def within_key(years: int) -> str:
    return f"within_{years}"


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Appointments:
    within: dict[int, int]  # years after completing -> people appointed by then
    appointed: int  # completers appointed at any time
    median_days: float | None  # from completing to appointment, None with nobody appointed

    @property
    def median_months(self) -> float | None:
        return None if self.median_days is None else self.median_days / DAYS_PER_MONTH


def appointments(
    completions: Iterable[tuple[datetime.date, datetime.date | None]],
) -> Appointments:
    """(completed on, first director post starts on or None) for each completer. A post that
    started before completing counts as appointed at once (0 days)."""
    within = dict.fromkeys(WITHIN_YEARS, 0)
    waits = []
    for completed_on, appointed_on in completions:
        if appointed_on is None:
            continue
        waits.append(max((appointed_on - completed_on).days, 0))
        for years in WITHIN_YEARS:
            if appointed_on <= years_after(completed_on, years):
                within[years] += 1
    median = float(statistics.median(waits)) if waits else None
    return Appointments(within=within, appointed=len(waits), median_days=median)


def _closure(pairs: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
    """Every (whole, part) that follows from the pairs: offered within shortlisted within
    applied gives offered within applied."""
    closed = set(pairs)
    while True:
        more = {(a, d) for a, b in closed for c, d in closed if b == c} - closed
        if not more:
            return closed
        closed |= more


def hide_small(counts: Mapping[str, int], nested: Sequence[tuple[str, str]]) -> dict[str, str]:
    """The state of every count: SHOWN, SMALL or PROTECTING (see the module's rules).
    `nested` lists (whole, part) pairs where every person in part is in whole."""
    for whole, part in nested:
        if counts[part] > counts[whole]:
            raise ValueError(f"{part} ({counts[part]}) cannot exceed {whole} ({counts[whole]})")
    state = {key: SMALL if 0 < count < THRESHOLD else SHOWN for key, count in counts.items()}
    pairs = sorted(_closure(nested))
    changed = True
    while changed:
        changed = False
        for whole, part in pairs:
            if state[whole] != SHOWN or state[part] != SHOWN:
                continue
            if 0 < counts[whole] - counts[part] < THRESHOLD:
                state[part] = PROTECTING
                changed = True
    return state


def cost_per(spent, count: int):
    """Spend divided among `count` people, or None for nobody (a Decimal stays a Decimal)."""
    return spent / count if count else None


def hide_beside(
    counts: Mapping[str, int],
    *,
    published: Mapping[str, Sequence[int | None]],
    depends: Mapping[str, Sequence[str]],
    nested: Sequence[tuple[str, str]],
) -> dict[str, str]:
    """Which of `counts` (figures of another page) may be shown beside figures already
    published, so that the other page gives away nothing they hide.

    `published[key]` holds each part of a published figure (one per intake; None where the
    page hides it); `depends[key]` names the published figures a count is worked out from
    alongside (a count of everyone who completed, beside each intake's completers). A count is
    hidden (PROTECTING) unless every part of each figure it depends on is shown; then the
    differencing rule of `hide_small` holds over `nested` (whole, part) pairs among both,
    hiding the new count, never a published one."""
    shown = {
        key: sum(parts) for key, parts in published.items() if all(p is not None for p in parts)
    }
    state = {key: SMALL if 0 < count < THRESHOLD else SHOWN for key, count in counts.items()}
    for key, needs in depends.items():
        if state[key] == SHOWN and any(need not in shown for need in needs):
            state[key] = PROTECTING
    values = {**shown, **counts}
    pairs = sorted(_closure(nested))
    changed = True
    while changed:
        changed = False
        for whole, part in pairs:
            visible = [k for k in (whole, part) if k in shown or state.get(k) == SHOWN]
            new = [k for k in (part, whole) if k in state and state[k] == SHOWN]
            if len(visible) == 2 and new and 0 < values[whole] - values[part] < THRESHOLD:
                state[new[0]] = PROTECTING
                changed = True
    return state
