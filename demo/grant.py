"""The demo programme's grant: £3m over three financial years in budget lines, and a year of
the team's spending against them, up to today."""

import datetime
from decimal import Decimal

from demo.common import SeedContext
from upon.reporting.models import BudgetLine, Spend

# Each year's lines: £1m a year, £3m in all.
LINES = (
    ("Recruitment and selection", Decimal("150000")),
    ("Programme delivery", Decimal("550000")),
    ("Support for new directors", Decimal("200000")),
    ("Evaluation and management", Decimal("100000")),
)
YEARS = 3
SPENDS = (
    ("Programme delivery", "Venue hire and catering for a taught day", 8_000, 22_000),
    ("Programme delivery", "Facilitators for action learning sets", 4_000, 12_000),
    ("Support for new directors", "Coaching for new directors", 3_000, 9_000),
    ("Recruitment and selection", "Assessment centre and panel costs", 2_000, 15_000),
    ("Evaluation and management", "Evaluation fieldwork", 1_000, 6_000),
)


def financial_year_start(day: datetime.date) -> datetime.date:
    """1 April of the financial year `day` is in."""
    return datetime.date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def month_back(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, min(day.day, 28))


def demo_grant(ctx: SeedContext, *, programme, team) -> dict:
    """Budget lines from the financial year a year ago, and two or three spends a month for
    the last twelve months."""
    first = financial_year_start(ctx.today - datetime.timedelta(days=365))
    lines = {}
    for year in range(YEARS):
        starts_on = first.replace(year=first.year + year)
        ends_on = starts_on.replace(year=starts_on.year + 1) - datetime.timedelta(days=1)
        for name, amount in LINES:
            lines[name, starts_on] = BudgetLine(
                programme=programme, name=name, amount=amount, starts_on=starts_on, ends_on=ends_on
            )
    BudgetLine.objects.bulk_create(lines.values())
    spends = []
    for months in range(12, 0, -1):
        on = month_back(ctx.today, months)
        for name, what, low, high in ctx.rng.sample(SPENDS, 3 if months % 3 == 0 else 2):
            pence = ctx.rng.randrange(low * 100, high * 100)
            spends.append(
                Spend(
                    budget_line=lines[name, financial_year_start(on)],
                    spent_on=on,
                    amount=Decimal(pence) / 100,
                    description=what,
                    recorded_by=team,
                    recorded_at=ctx.at(on, 17),
                )
            )
    Spend.objects.bulk_create(spends)
    ctx.say(f"Grant: {len(lines)} budget lines, {len(spends)} spends")
    return {"budget_lines": len(lines), "spends": len(spends)}
