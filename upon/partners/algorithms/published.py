"""What the partner API publishes of the register's figures: no count from 1 to 4, and nothing
that lets one be worked out. Pure: the turnover and survival figures in, published figures out.

The rules are the equality reports' (`upon/reporting/algorithms/suppression.py`), applied to
each set of figures that add up:

- A year's changes of director by kind (interim, made permanent, moved, experienced, new
  permanent) add up to its changes: one table, a row per kind, the changes its total.
- At 31 March, the authorities with a director are those whose director is interim and those
  whose director is permanent; and those whose director is twin hat and those not. Two tables
  sharing one total; only the total, the interim and the twin-hat figures are published.
- A mean tenure (all, permanent, interim) is published where the people it averages are 5 or
  more and their count is not hidden: the counts of permanent and interim directors are
  suppressed as a table (unpublished), so a mean is never left to work out from the others.
- Authorities with a change is a count of its own: from 1 to 4, it is hidden.
- Kaplan-Meier by region: a row per region (its spells, and of those how many ended), England
  their total, suppressed as one table; a median is shown where its row's ended count is shown
  and is 5 or more (a median of fewer leavers is one person's tenure).

A hidden figure is None with the reason: "Fewer than 5" or "Hidden to protect a small group".
"""

import math
from dataclasses import dataclass

from upon.reporting.algorithms.suppression import (
    SHOWN,
    SMALL,
    TEXT,
    THRESHOLD,
    TOTAL,
    is_small,
    suppress,
    suppress_report,
)
from upon.workforce.algorithms import turnover
from upon.workforce.algorithms.survival import Median

KIND_KEYS = {
    turnover.INTERIM: "interim",
    turnover.MADE_PERMANENT: "interim_made_permanent",
    turnover.MOVED: "moved_from_another_authority",
    turnover.EXPERIENCED: "experienced_director",
    turnover.NEW_PERMANENT: "new_permanent",
}


@dataclass(frozen=True)
class Figure:
    value: int | float | None  # None: hidden (see `hidden`), or nothing to work out
    hidden: str = ""  # why it is hidden; empty when shown


@dataclass(frozen=True)
class Means:
    all: Figure
    permanent: Figure
    interim: Figure


@dataclass(frozen=True)
class PublishedYear:
    year: turnover.ReportingYear
    changes: Figure
    changes_by_kind: dict[str, Figure]  # KIND_KEYS' values, in that order
    authorities_with_change: Figure
    authorities_with_director_at_end: Figure
    interim_at_end: Figure
    twin_hat_at_end: Figure
    tenure_in_authority_months: Means
    tenure_as_director_months: Means


@dataclass(frozen=True)
class GroupTenure:
    """One group's Kaplan-Meier summary, as computed (before anything is hidden)."""

    label: str
    spells: int
    ended: int
    median: Median | None  # None with no spells


@dataclass(frozen=True)
class PublishedGroup:
    label: str
    spells: Figure
    ended: Figure
    median_months: Figure  # None and no reason: more than half are still in post
    median_lower_months: Figure
    median_upper_months: Figure


def _figure(value, state: str) -> Figure:
    return Figure(value) if state == SHOWN else Figure(None, TEXT[state])


def count(value: int) -> Figure:
    """A count on its own: hidden from 1 to 4."""
    return Figure(None, TEXT[SMALL]) if is_small(value) else Figure(value)


def _months(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _means(average: turnover.TenureAverage) -> Means:
    states = suppress([[average.permanent_directors], [average.interim_directors]])

    def mean(months, state) -> Figure:
        return Figure(_months(months)) if state == SHOWN else Figure(None, TEXT[state])

    return Means(
        all=mean(average.months, states.totals[0]),
        permanent=mean(average.permanent_months, states.cells[0][0]),
        interim=mean(average.interim_months, states.cells[1][0]),
    )


def year(figures: turnover.YearFigures) -> PublishedYear:
    kinds = [
        figures.interim_appointments,
        figures.made_permanent,
        figures.moves,
        figures.experienced,
        figures.new_permanent,
    ]
    by_kind = suppress([[n] for n in kinds])
    in_post = figures.in_post_at_end
    interim, twin_hat = figures.interims_in_post_at_end, figures.twin_hat_at_end
    at_end, twins = suppress_report(
        [[[interim], [in_post - interim]], [[twin_hat], [in_post - twin_hat]]]
    )
    return PublishedYear(
        year=figures.year,
        changes=_figure(figures.changes, by_kind.totals[0]),
        changes_by_kind={
            key: _figure(n, by_kind.cells[row][0])
            for row, (key, n) in enumerate(zip(KIND_KEYS.values(), kinds, strict=True))
        },
        authorities_with_change=count(figures.authorities_with_change),
        authorities_with_director_at_end=_figure(in_post, at_end.state(TOTAL, 0)),
        interim_at_end=_figure(interim, at_end.state(0, 0)),
        twin_hat_at_end=_figure(twin_hat, twins.state(0, 0)),
        tenure_in_authority_months=_means(figures.tenure_in_authority),
        tenure_as_director_months=_means(figures.tenure_as_director),
    )


def _median(value: float, shown: bool, reason: str) -> Figure:
    if not shown:
        return Figure(None, reason)
    return Figure(None) if math.isinf(value) else Figure(round(value, 1))


def groups(total: GroupTenure, rows: list[GroupTenure]) -> list[PublishedGroup]:
    """The total's row (England) then each group's, hidden as one table (see the module)."""
    if sum(r.spells for r in rows) != total.spells or sum(r.ended for r in rows) != total.ended:
        raise ValueError("the groups must add up to the total")
    states = suppress([[r.spells, r.ended] for r in rows]) if rows else None
    published = []
    for place, found in [(TOTAL, total), *enumerate(rows)]:
        if states is None:
            spells_state = SHOWN if not is_small(found.spells) else SMALL
            ended_state = SHOWN if not is_small(found.ended) else SMALL
        else:
            spells_state, ended_state = states.state(place, 0), states.state(place, 1)
        # Nobody has left: the median is not reached, which gives nobody away.
        shown = ended_state == SHOWN and (found.ended >= THRESHOLD or found.ended == 0)
        reason = TEXT[SMALL] if ended_state == SHOWN else TEXT[ended_state]
        median = found.median or Median(math.inf, math.inf, math.inf)
        published.append(
            PublishedGroup(
                label=found.label,
                spells=_figure(found.spells, spells_state),
                ended=_figure(found.ended, ended_state),
                median_months=_median(median.time, shown, reason),
                median_lower_months=_median(median.lower, shown, reason),
                median_upper_months=_median(median.upper, shown, reason),
            )
        )
    return published
