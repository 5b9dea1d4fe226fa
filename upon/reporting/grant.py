"""The programme's grant: budget lines against what was spent, and what each outcome cost.

- Budget against spend: each budget line with what has been spent against it and what is left,
  a subtotal for each period (financial year) and the grant's total. One query.
- Cost per participant: everything spent so far divided by the people who took a place on one
  of the programme's cohorts (whatever happened after).
- Cost per completer: the same spend divided by the people who completed a cohort.
- Cost per director appointed: the same spend divided by the people who took a place and whose
  DCS (or twin-hat) post, starting after their cohort began, the team has verified.

The three counts come from one query; for the funder, a count under 5 is not shown, nor the
cost worked out from it, and nor is a count the funnel page would give away beside it: a
count of the programme's people is shown only where the funnel shows every intake's figures it
could be worked out with (`hidden_beside_funnel`), so the two pages side by side never reveal
what the funnel hides.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from django.db import transaction
from django.db.models import Count, Q, Sum

from upon.delivery.models import Participant, ParticipantStatus
from upon.reporting.algorithms import funnel
from upon.reporting.funnel import director_post_filter, intake_funnels
from upon.reporting.models import BudgetLine, Spend
from upon.service.times import calendar_date
from upon.service.versioning import claim

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class LineFigures:
    line: BudgetLine
    budget: Decimal
    spent: Decimal

    @property
    def left(self) -> Decimal:
        return self.budget - self.spent


@dataclass(frozen=True)
class Period:
    starts_on: datetime.date
    ends_on: datetime.date
    lines: tuple[LineFigures, ...]
    budget: Decimal
    spent: Decimal

    @property
    def left(self) -> Decimal:
        return self.budget - self.spent


@dataclass(frozen=True)
class BudgetAgainstSpend:
    periods: tuple[Period, ...]
    budget: Decimal
    spent: Decimal

    @property
    def left(self) -> Decimal:
        return self.budget - self.spent


def budget_lines(*, programme):
    return BudgetLine.objects.filter(programme=programme).order_by("starts_on", "name", "pk")


def budget_against_spend(*, programme) -> BudgetAgainstSpend:
    lines = [
        LineFigures(line, line.amount, line.spent or ZERO)
        for line in budget_lines(programme=programme).annotate(spent=Sum("spends__amount"))
    ]
    periods = tuple(
        Period(
            starts_on,
            ends_on,
            tuple(group := list(found)),
            sum((f.budget for f in group), ZERO),
            sum((f.spent for f in group), ZERO),
        )
        for (starts_on, ends_on), found in groupby(
            lines, key=lambda f: (f.line.starts_on, f.line.ends_on)
        )
    )
    return BudgetAgainstSpend(
        periods,
        sum((p.budget for p in periods), ZERO),
        sum((p.spent for p in periods), ZERO),
    )


def grant_period(*, lines) -> tuple[datetime.date, datetime.date] | None:
    """The first day and the last the grant covers, or None before it has any lines."""
    lines = list(lines)
    if not lines:
        return None
    return min(line.starts_on for line in lines), max(line.ends_on for line in lines)


@dataclass(frozen=True)
class CostPer:
    key: str
    label: str
    definition: str
    count: int | None  # None: hidden from this reader
    cost: Decimal | None  # None: nobody yet, or hidden
    hidden: str = ""


COSTS = (
    (
        "participants",
        "Cost per participant",
        "Everything spent so far, divided by the people who took a place on one of the "
        "programme's cohorts, whether or not they completed it.",
    ),
    (
        "completers",
        "Cost per completer",
        "Everything spent so far, divided by the people who completed one of the programme's "
        "cohorts.",
    ),
    (
        "directors",
        "Cost per director appointed",
        "Everything spent so far, divided by the people who took a place and have since been "
        "appointed director of children's services (or to a twin-hat post), in a post that "
        "started after their cohort began and that the programme team has verified.",
    ),
)


def outcome_counts(*, programme) -> dict[str, int]:
    """People who took a place, completed, and were appointed director. One query."""
    return Participant.objects.filter(cohort__intake__programme=programme).aggregate(
        participants=Count("user", distinct=True),
        completers=Count("user", distinct=True, filter=Q(status=ParticipantStatus.COMPLETED)),
        directors=Count("user", distinct=True, filter=director_post_filter("user__appointments__")),
    )


# For the funder, each count beside the funnel page's figures (every intake's) it could be
# worked out with: shown only if those are all shown, and never 1 to 4 away from one of them.
DEPENDS = {
    "participants": ("accepted", "completed"),
    "completers": ("completed",),
    "directors": ("within_5",),
}
NESTED_WITH_FUNNEL = (
    ("accepted", "participants"),
    ("participants", "completers"),
    ("participants", "directors"),
    ("completed", "completers"),
    ("directors", "within_5"),
)


def hidden_beside_funnel(*, programme, counts: dict[str, int]) -> dict[str, str]:
    """The funder's state of each count: hidden where small, or where the funnel page hides a
    figure it could give away (the funnel shows each intake; these count the programme)."""
    funnels = intake_funnels(programme=programme, suppress=True)
    published = {
        key: [next(f.count for f in found.figures if f.key == key) for found in funnels]
        for key in {need for needs in DEPENDS.values() for need in needs}
    }
    return funnel.hide_beside(
        counts, published=published, depends=DEPENDS, nested=NESTED_WITH_FUNNEL
    )


def costs_per(*, programme, spent: Decimal, suppress: bool) -> list[CostPer]:
    counts = outcome_counts(programme=programme)
    state = hidden_beside_funnel(programme=programme, counts=counts) if suppress else {}
    figures = []
    for key, label, definition in COSTS:
        count = counts[key]
        hidden = state.get(key, funnel.SHOWN)
        if hidden != funnel.SHOWN:
            figures.append(CostPer(key, label, definition, None, None, funnel.TEXT[hidden]))
        else:
            figures.append(CostPer(key, label, definition, count, funnel.cost_per(spent, count)))
    return figures


def spends(*, programme):
    """What the team recorded, newest first, with its line."""
    return (
        Spend.objects.filter(budget_line__programme=programme)
        .select_related("budget_line")
        .order_by("-spent_on", "-pk")
    )


def record_spend(
    *,
    budget_line: BudgetLine,
    spent_on: datetime.date,
    amount: Decimal,
    description: str,
    by,
    now: datetime.datetime,
) -> Spend:
    """Keep one spend against a line (the form has checked it); the history records who."""
    with transaction.atomic():
        return Spend.objects.create(
            budget_line=budget_line,
            spent_on=spent_on,
            amount=amount,
            description=description,
            recorded_by=by,
            recorded_at=now,
        )


# The team's budget lines: added and changed with who did it kept in each line's history.

# What the team's forms set on a line, by the words its pages use.
LINE_LABELS = {
    "name": "What it is for",
    "amount": "Budget",
    "starts_on": "First day",
    "ends_on": "Last day",
}
LINE_DETAILS = tuple(LINE_LABELS)


class GrantProblem(Exception):
    """A rule of the grant refused a budget line: `field` is where the message goes."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def line_problem(
    *, programme, name: str, starts_on: datetime.date, ends_on: datetime.date, line=None
) -> GrantProblem | None:
    """The first rule a line with these details breaks, or None.

    - It ends on or after the day it starts (the database holds this too).
    - One name once a period: two lines called "Programme delivery" for one year would be one
      line counted twice.
    - A line keeps the spend recorded against it inside its period (the spend form asks for
      that when spend is recorded)."""
    if ends_on < starts_on:
        return GrantProblem(
            "ends_on", f"The last day must be on or after the first day, {calendar_date(starts_on)}"
        )
    twins = budget_lines(programme=programme).filter(
        name__iexact=name, starts_on=starts_on, ends_on=ends_on
    )
    if line is not None:
        twins = twins.exclude(pk=line.pk)
    if twins.exists():
        return GrantProblem(
            "name",
            f"The grant already has a line called {name} for {calendar_date(starts_on)} to "
            f"{calendar_date(ends_on)}: change that line, or name this one differently",
        )
    if line is not None:
        outside = (
            line.spends.filter(Q(spent_on__lt=starts_on) | Q(spent_on__gt=ends_on))
            .order_by("spent_on", "pk")
            .first()
        )
        if outside is not None:
            field = "starts_on" if outside.spent_on < starts_on else "ends_on"
            return GrantProblem(
                field,
                f"Spend was recorded against this line on {calendar_date(outside.spent_on)}: "
                "the line's period must include it",
            )
    return None


def _dated(details: dict) -> dict:
    return {name: details[name] for name in ("name", "starts_on", "ends_on")}


def _as(record, by):
    # simple_history records this person as the one who made the change, in or out of a request.
    record._history_user = by
    return record


@transaction.atomic
def add_budget_line(*, programme, by, **details) -> BudgetLine:
    problem = line_problem(programme=programme, **_dated(details))
    if problem:
        raise problem
    line = BudgetLine(programme=programme, **details)
    _as(line, by).save()
    return line


@transaction.atomic
def change_budget_line(*, line: BudgetLine, version: int | None, by, **details) -> BudgetLine:
    """StaleVersion if someone saved the line since `version`; GrantProblem if a rule refuses."""
    claim(line, version=version, by=by)
    problem = line_problem(programme=line.programme, line=line, **_dated(details))
    if problem:
        raise problem
    for name, value in details.items():
        setattr(line, name, value)
    _as(line, by).save()
    return line


def line_spent(line: BudgetLine) -> Decimal:
    return line.spends.aggregate(spent=Sum("amount"))["spent"] or ZERO


def line_changes(line: BudgetLine, *, start: int, count: int) -> list[dict]:
    """`count` saved versions of the line from `start`, newest first, each with the labels of
    the fields it changed from the version before it (none for the first: it was added)."""
    records = list(
        line.history.select_related("history_user").order_by("-history_date", "-history_id")[
            start : start + count + 1
        ]
    )
    rows = []
    for place, record in enumerate(records[:count]):
        before = records[place + 1] if place + 1 < len(records) else None
        changed = []
        if before is not None:
            delta = record.diff_against(before, included_fields=list(LINE_DETAILS))
            names = {change.field for change in delta.changes}
            changed = [LINE_LABELS[name] for name in LINE_DETAILS if name in names]
        rows.append({"record": record, "changed": changed})
    return rows
