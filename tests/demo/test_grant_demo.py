"""The demo grant: £3m over three financial years, and a year of spend up to today, within
each line's period and budget."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from upon.reporting.models import BudgetLine, Spend

pytestmark = pytest.mark.django_db


def test_the_demo_grant_adds_to_three_million_over_three_years_with_a_year_of_spend():
    call_command("seed_demo", verbosity=0, seed=7)
    lines = list(BudgetLine.objects.order_by("starts_on", "name"))
    assert len(lines) == 12
    assert sum(line.amount for line in lines) == Decimal("3000000")
    years = sorted({(line.starts_on, line.ends_on) for line in lines})
    assert len(years) == 3
    for starts_on, ends_on in years:
        assert (starts_on.month, starts_on.day, ends_on.month, ends_on.day) == (4, 1, 3, 31)
        assert ends_on.year == starts_on.year + 1
        assert sum(x.amount for x in lines if x.starts_on == starts_on) == Decimal("1000000")
    today = timezone.localdate()
    spends = list(Spend.objects.select_related("budget_line"))
    assert len(spends) == 28  # two a month, three every third month
    for spend in spends:
        assert today - datetime.timedelta(days=366) <= spend.spent_on < today
        assert spend.budget_line.starts_on <= spend.spent_on <= spend.budget_line.ends_on
        assert spend.amount > 0
    for line in BudgetLine.objects.annotate(spent=Sum("spends__amount")):
        assert (line.spent or 0) <= line.amount
