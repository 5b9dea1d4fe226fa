"""Money as GOV.UK writes it: £1,234,567, with pence only when there are some (£75.50)."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def pounds(value) -> str:
    """£1,234,567 or £1,234.50; a negative amount as -£1,200."""
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"{sign}£{text}"


@register.filter
def whole_pounds(value) -> str:
    """To the nearest pound: £12,346."""
    if value is None or value == "":
        return ""
    return pounds(Decimal(value).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
