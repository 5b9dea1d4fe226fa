"""The figures of the funder's report for a period, as the funder may see them.

Everything here is the funder's view: counts of people from 1 to 4 are hidden, with the
figures that would give them away (the same rules as the funder's own pages), and nothing names
or describes one person (no spend descriptions). Where each figure comes from:

- The grant (`grant.py`): every budget line with what was spent against it in the period and by
  its end; the cost per participant, completer and director appointed (`grant.costs_per`, the
  spend by the end of the period shared among the people counted when the report is built).
- What the programme achieved (`funnel.py`): the funnel of each intake that opened in the period.
- The national register (`upon/workforce`): the yearly figures of the register's analytics
  (`analytics.figures_for`, from the same cache as its pages) for each reporting year (1 April
  to 31 March) that overlaps the period and had ended when the report was built.

Seven queries whatever the size of the programme or the register: the budget lines, the
outcome counts, the funnel's four, and the register's tenures.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from upon.reporting import funnel, grant
from upon.reporting.algorithms import funnel as funnel_rules
from upon.reporting.algorithms import suppression
from upon.service.times import calendar_date
from upon.workforce import analytics
from upon.workforce.algorithms import turnover

ZERO = Decimal("0.00")
HIDDEN = funnel_rules.SUPPRESSED_TEXT


@dataclass(frozen=True)
class Figure:
    """A figure as the report prints it: `value` (a count, an amount of money or a number of
    months) or, when it is hidden, None and the words for why in `hidden`."""

    key: str
    label: str
    value: int | float | Decimal | None
    hidden: str = ""
    money: bool = False


@dataclass(frozen=True)
class LineSpend:
    name: str
    starts_on: datetime.date
    ends_on: datetime.date
    budget: Decimal
    in_period: Decimal
    by_end: Decimal

    @property
    def left(self) -> Decimal:
        return self.budget - self.by_end

    @property
    def period_text(self) -> str:
        return f"{calendar_date(self.starts_on)} to {calendar_date(self.ends_on)}"


@dataclass(frozen=True)
class RegisterYear:
    label: str  # "2024/25"
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class ReportFigures:
    programme_name: str
    starts_on: datetime.date
    ends_on: datetime.date
    built_on: datetime.date
    headlines: tuple[Figure, ...]
    lines: tuple[LineSpend, ...]
    total: LineSpend | None
    costs: tuple[grant.CostPer, ...]
    funnels: tuple[funnel.IntakeFunnel, ...]
    register: tuple[RegisterYear, ...]

    @property
    def period_text(self) -> str:
        return f"{calendar_date(self.starts_on)} to {calendar_date(self.ends_on)}"


def spend_by_line(*, programme, starts_on, ends_on) -> list[LineSpend]:
    """Each budget line with what was spent in the period and by its end. One query."""
    lines = grant.budget_lines(programme=programme).annotate(
        in_period=Sum("spends__amount", filter=Q(spends__spent_on__range=(starts_on, ends_on))),
        by_end=Sum("spends__amount", filter=Q(spends__spent_on__lte=ends_on)),
    )
    return [
        LineSpend(
            line.name,
            line.starts_on,
            line.ends_on,
            line.amount,
            line.in_period or ZERO,
            line.by_end or ZERO,
        )
        for line in lines
    ]


def _total(lines: list[LineSpend]) -> LineSpend | None:
    if not lines:
        return None
    return LineSpend(
        "Total",
        min(line.starts_on for line in lines),
        max(line.ends_on for line in lines),
        sum((line.budget for line in lines), ZERO),
        sum((line.in_period for line in lines), ZERO),
        sum((line.by_end for line in lines), ZERO),
    )


def _count(key: str, label: str, cost: grant.CostPer) -> Figure:
    return Figure(key, label, cost.count, cost.hidden)


def headlines(total: LineSpend | None, costs: list[grant.CostPer]) -> tuple[Figure, ...]:
    by_key = {cost.key: cost for cost in costs}
    total = total or LineSpend("Total", datetime.date.min, datetime.date.min, ZERO, ZERO, ZERO)
    return (
        Figure("grant", "The grant", total.budget, money=True),
        Figure("spent_in_period", "Spent in the period", total.in_period, money=True),
        Figure("spent_by_end", "Spent by the end of the period", total.by_end, money=True),
        _count("participants", "People who took a place", by_key["participants"]),
        _count("completers", "People who completed the programme", by_key["completers"]),
        _count("directors", "People appointed director", by_key["directors"]),
    )


# The register ------------------------------------------------------------------------------

CHANGE_KINDS = (
    ("interim_appointments", "Interim appointments"),
    ("made_permanent", "Interims made permanent"),
    ("moves", "Moves from another authority"),
    ("experienced", "Experienced directors appointed"),
    ("new_permanent", "New permanent directors"),
)
AT_END = (
    ("in_post_at_end", "Authorities with a director on 31 March"),
    ("interims_in_post_at_end", "Of those, with an interim director"),
    ("twin_hat_at_end", "Of those, with a twin-hat director"),
)
REGISTER_LABELS = dict(
    [
        ("changes", "Changes of director"),
        ("authorities_with_change", "Authorities with a change"),
        *CHANGE_KINDS,
        *AT_END,
        ("tenure_in_authority", "Average tenure in one authority on 31 March, in months"),
        ("tenure_as_director", "Average tenure as a director across posts on 31 March, in months"),
    ]
)


def reporting_years(*, starts_on, ends_on, today) -> list[turnover.ReportingYear]:
    """The reporting years that overlap the period and had ended by `today`, oldest first."""
    first = turnover.ReportingYear.containing(starts_on).first
    last = turnover.ReportingYear.containing(ends_on).first
    years = [turnover.ReportingYear(year) for year in range(first, last + 1)]
    return [year for year in years if year.ends_on < today]


def _shown(state: str) -> bool:
    return state == suppression.SHOWN


def register_year(found: turnover.YearFigures) -> RegisterYear:
    """A year's figures with any count of 1 to 4 hidden, and what would give one away: the
    kinds of change add up to the changes (suppressed as one table, `suppression.suppress`),
    the authorities with a change are among the changes, and those on 31 March are within the
    authorities with a director then."""
    kinds = [[getattr(found, key)] for key, _ in CHANGE_KINDS]
    hidden = suppression.suppress(kinds)
    states = {key: hidden.cells[g][0] for g, (key, _) in enumerate(CHANGE_KINDS)}
    states["changes"] = hidden.totals[0]
    counts = {key: getattr(found, key) for key in ("authorities_with_change", *dict(AT_END))}
    at_end = funnel_rules.hide_small(
        counts,
        [("in_post_at_end", "interims_in_post_at_end"), ("in_post_at_end", "twin_hat_at_end")],
    )
    states |= at_end
    # The authorities with a change, beside the changes: their difference counts people too.
    difference = found.changes - found.authorities_with_change
    if _shown(states["changes"]) and 0 < difference < funnel_rules.THRESHOLD:
        states["authorities_with_change"] = suppression.PROTECTING
    figures = [
        Figure(key, REGISTER_LABELS[key], getattr(found, key))
        if _shown(states[key])
        else Figure(key, REGISTER_LABELS[key], None, suppression.TEXT[states[key]])
        for key in ("changes", "authorities_with_change", *dict(CHANGE_KINDS), *dict(AT_END))
    ]
    for key in ("tenure_in_authority", "tenure_as_director"):
        average = getattr(found, key)
        if average.directors < funnel_rules.THRESHOLD:
            figures.append(Figure(key, REGISTER_LABELS[key], None, HIDDEN + " directors"))
        else:
            figures.append(Figure(key, REGISTER_LABELS[key], round(average.months, 1)))
    return RegisterYear(found.year.label, tuple(figures))


def register_figures(*, starts_on, ends_on, today) -> tuple[RegisterYear, ...]:
    years = reporting_years(starts_on=starts_on, ends_on=ends_on, today=today)
    if not years:
        return ()
    # The pages' cached figures (one query, the register's state), or the register read too.
    found = analytics.figures_for(years=years, today=today)
    return tuple(register_year(figures) for figures in found)


# All of it ---------------------------------------------------------------------------------


def intakes_in_period(funnels, *, starts_on, ends_on) -> tuple[funnel.IntakeFunnel, ...]:
    """The intakes that opened in the period (by the day they opened, in London)."""
    return tuple(
        found
        for found in funnels
        if starts_on <= timezone.localdate(found.intake.opens_at) <= ends_on
    )


def gather(*, programme, starts_on, ends_on, today) -> ReportFigures:
    """Every figure of the report, suppressed for the funder."""
    lines = spend_by_line(programme=programme, starts_on=starts_on, ends_on=ends_on)
    total = _total(lines)
    costs = grant.costs_per(
        programme=programme, spent=total.by_end if total else ZERO, suppress=True
    )
    funnels = funnel.intake_funnels(programme=programme, suppress=True)
    return ReportFigures(
        programme_name=programme.name,
        starts_on=starts_on,
        ends_on=ends_on,
        built_on=today,
        headlines=headlines(total, costs),
        lines=tuple(lines),
        total=total,
        costs=tuple(costs),
        funnels=intakes_in_period(funnels, starts_on=starts_on, ends_on=ends_on),
        register=register_figures(starts_on=starts_on, ends_on=ends_on, today=today),
    )


# Method and definitions: the report's last pages and the workbook's last sheet -----------------

METHOD = (
    "The figures were read from Upon when the report was built. Money is as the programme "
    "team recorded it against the grant's budget lines. Counts of people are as recorded in "
    "Upon when the report was built, for the intakes that opened in the period. The national "
    "register's figures are for each reporting year (1 April to 31 March) that overlaps the "
    "period and had ended when the report was built.",
    "To protect people's privacy, any count of people from 1 to 4 is shown as "
    f'"{HIDDEN}". Some other counts say "{funnel_rules.PROTECTED_TEXT}": they are hidden '
    "because the difference between them and another figure would give away a small number. "
    "A cost worked out from a hidden count is not shown, nor an average of fewer than 5 "
    "people's tenures. The report names nobody and describes no one person's spending.",
    "The costs per person share out everything spent by the end of the period.",
)
STAGE_DEFINITIONS = (
    ("Applied", "Submitted an application, including anyone who withdrew it afterwards."),
    (
        "Eligible",
        "Applied, and told us they meet the intake's eligibility rules (enough years of senior "
        "leadership, a role above team manager, and able to become a director within the "
        "intake's horizon).",
    ),
    ("Shortlisted", "Shortlisted by the panel, or offered a place."),
    ("Offered a place", "Offered a place on the cohort."),
    ("Accepted a place", "Offered a place, and accepted it."),
    ("Completed the programme", "Their completion of the cohort was confirmed."),
    (
        "Appointed director within 1, 2, 3 and 5 years",
        "Completed, then started a post as director of children's services (or a twin-hat "
        "post) that the programme team verified, within that many years of the cohort's last "
        "day; a post that started before then counts at once.",
    ),
    (
        "Median time from completing to appointment",
        "The middle of the times, in months, from completing to appointment, of everyone who "
        "completed and has been appointed.",
    ),
)
REGISTER_DEFINITIONS = (
    (
        "Reporting year",
        "1 April to 31 March: 2024/25 runs from 1 April 2024 to 31 March 2025.",
    ),
    (
        "Change of director",
        "A director starting in an authority that had a director before, unless it only "
        "continues the same person's time there. Each change is one of: an interim "
        "appointment, an interim made permanent, a move from another authority, an experienced "
        "director appointed (who led an authority before), or a new permanent director.",
    ),
    ("Twin hat", "Also the authority's director of adult social services."),
    (
        "Average tenure in one authority",
        "The mean time so far, on 31 March, that the directors then in post had led their "
        "authority (consecutive posts there counted as one).",
    ),
    (
        "Average tenure as a director across posts",
        "The same, counting a person's consecutive posts anywhere (a move, a shared post) as "
        "one time as a director.",
    ),
)


def definitions() -> tuple[tuple[str, str], ...]:
    """Every term the report uses, with what it means."""
    costs = tuple((label, definition) for _, label, definition in grant.COSTS)
    return STAGE_DEFINITIONS + costs + REGISTER_DEFINITIONS
