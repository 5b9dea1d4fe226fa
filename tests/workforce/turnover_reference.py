"""The year-by-year loop that `turnover.year_figures` was before it worked out every year at
once (issue 14): kept as the reference the vectorised `turnover.years_figures` must match
(tests/workforce/test_turnover_years.py). Plain Python over the register, one year at a time,
from the module's own `changes` and `average_tenure`; too slow for the national register (about
4.5 s a year on 100,000 tenures), which is why it lives here."""

from collections.abc import Iterable

from upon.workforce.algorithms.turnover import (
    AUTHORITY,
    DIRECTOR,
    EXPERIENCED,
    HANDOVER_DAYS,
    INTERIM,
    KINDS,
    MADE_PERMANENT,
    MOVE_GAP_DAYS,
    MOVED,
    NEW_PERMANENT,
    ReportingYear,
    Tenure,
    YearFigures,
    average_tenure,
    changes,
)


def year_figures(
    tenures: Iterable[Tenure],
    *,
    year: ReportingYear,
    gap_days: int = MOVE_GAP_DAYS,
    handover_days: int = HANDOVER_DAYS,
) -> YearFigures:
    """Every figure of the reporting year, as the module's docstring defines them."""
    tenures = list(tenures)
    found = changes(tenures, year=year, gap_days=gap_days, handover_days=handover_days)
    count = {kind: sum(c.kind == kind for c in found) for kind in KINDS}
    end = year.ends_on
    holding = [t for t in tenures if t.in_post_on(end)]
    return YearFigures(
        year=year,
        changes=len(found),
        authorities_with_change=len({c.tenure.authority for c in found}),
        interim_appointments=count[INTERIM],
        made_permanent=count[MADE_PERMANENT],
        moves=count[MOVED],
        experienced=count[EXPERIENCED],
        new_permanent=count[NEW_PERMANENT],
        in_post_at_end=len({t.authority for t in holding}),
        interims_in_post_at_end=len({t.authority for t in holding if t.interim}),
        twin_hat_at_end=len({t.authority for t in holding if t.twin_hat}),
        tenure_in_authority=average_tenure(tenures, on=end, basis=AUTHORITY, gap_days=gap_days),
        tenure_as_director=average_tenure(tenures, on=end, basis=DIRECTOR, gap_days=gap_days),
    )
