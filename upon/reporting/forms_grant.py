"""The programme team's forms: money spent against the grant, and the grant's budget lines."""

import datetime
from decimal import Decimal, InvalidOperation

from django import forms

from upon.reporting.grant import LINE_DETAILS, LINE_LABELS, GrantProblem, grant_period
from upon.service.forms import GovukDateField, GovukForm, OnceFormMixin
from upon.service.times import calendar_date
from upon.service.versioning import VersionedFormMixin

LARGEST = Decimal("9999999999.99")  # what the column holds


def period_text(starts_on: datetime.date, ends_on: datetime.date) -> str:
    return f"{calendar_date(starts_on)} to {calendar_date(ends_on)}"


class PoundsField(forms.CharField):
    """An amount of money in pounds and pence, like 1250 or 1,250.50; more than £0 (or £0 and
    more, with `zero=True`)."""

    def __init__(self, *, label_lower: str, zero: bool = False, **kwargs):
        self.label_lower = label_lower
        self.zero = zero
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        )
        super().__init__(
            max_length=30, error_messages={"required": f"Enter the {label_lower}"}, **kwargs
        )

    def clean(self, value):
        text = super().clean(value).strip().removeprefix("£").replace(",", "").strip()
        name = self.label_lower.capitalize()
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            raise forms.ValidationError(
                f"{name} must be a number in pounds, like 1250 or 1250.50", code="invalid"
            )
        if amount < 0 or (amount == 0 and not self.zero):
            least = "£0 or more" if self.zero else "more than £0"
            raise forms.ValidationError(f"{name} must be {least}", code="min_value")
        if amount > LARGEST:
            raise forms.ValidationError(
                f"{name} must be £9,999,999,999.99 or less", code="max_value"
            )
        if amount != amount.quantize(Decimal("0.01")):
            raise forms.ValidationError(
                f"{name} must be in pounds and pence, with no more than 2 decimal places, "
                "like 1250.50",
                code="max_decimal_places",
            )
        return amount.quantize(Decimal("0.01"))


class BudgetLineChoice(forms.ModelChoiceField):
    def label_from_instance(self, line):
        return f"{line.name}, {period_text(line.starts_on, line.ends_on)}"


class SpendForm(OnceFormMixin, GovukForm):
    budget_line = BudgetLineChoice(
        label="Budget line",
        queryset=None,
        empty_label="Select a budget line",
        error_messages={
            "required": "Select the budget line it was spent against",
            "invalid_choice": "Select one of the grant's budget lines",
        },
    )
    spent_on = GovukDateField(
        label="Date spent", label_lower="date spent", help_text="For example, 27 3 2027"
    )
    amount = PoundsField(
        label="Amount, in pounds", label_lower="amount", help_text="For example, 1250 or 1250.50"
    )
    description = forms.CharField(
        label="What it was for",
        max_length=300,
        help_text="For example, venue hire for the second taught day",
        error_messages={
            "required": "Enter what it was for",
            "max_length": "What it was for must be 300 characters or fewer",
        },
    )

    def __init__(self, *args, lines, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        self.today = today
        self.fields["budget_line"].queryset = lines

    def clean(self):
        cleaned = super().clean()
        spent_on, line = cleaned.get("spent_on"), cleaned.get("budget_line")
        if spent_on is None:
            return cleaned
        period = grant_period(lines=self.lines)
        if spent_on > self.today:
            self.add_error("spent_on", "The date spent must be today or in the past")
        elif period and not period[0] <= spent_on <= period[1]:
            self.add_error(
                "spent_on", f"The date spent must be within the grant, {period_text(*period)}"
            )
        elif line and not line.starts_on <= spent_on <= line.ends_on:
            self.add_error(
                "spent_on",
                f"The date spent must be within the budget line's period, "
                f"{period_text(line.starts_on, line.ends_on)}, or choose another line",
            )
        return cleaned

    def details(self) -> dict:
        fields = ("budget_line", "spent_on", "amount", "description")
        return {key: self.cleaned_data[key] for key in fields}


class BudgetLineForm(GovukForm):
    """A budget line's details; `grant.line_problem` is checked again as it is saved."""

    name = forms.CharField(
        label=LINE_LABELS["name"],
        max_length=200,
        help_text="For example, Programme delivery",
        error_messages={
            "required": "Enter what the line is for",
            "max_length": "What it is for must be 200 characters or fewer",
        },
    )
    amount = PoundsField(
        label="Budget, in pounds",
        label_lower="budget",
        zero=True,
        help_text="For example, 550000 or 550000.50",
    )
    starts_on = GovukDateField(
        label=LINE_LABELS["starts_on"],
        label_lower="first day",
        help_text="Usually 1 April, the start of a financial year. For example, 1 4 2026",
    )
    ends_on = GovukDateField(
        label=LINE_LABELS["ends_on"],
        label_lower="last day",
        help_text="Usually 31 March, the end of a financial year. For example, 31 3 2027",
    )

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error(
                "ends_on",
                f"The last day must be on or after the first day, {calendar_date(starts_on)}",
            )
        return cleaned

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in LINE_DETAILS}

    def refuse(self, problem: GrantProblem) -> None:
        self.add_error(problem.field if problem.field in self.fields else None, problem.message)


class AddBudgetLineForm(OnceFormMixin, BudgetLineForm):
    pass


class ChangeBudgetLineForm(VersionedFormMixin, BudgetLineForm):
    """Opened on the line as saved; `of(line)` is the form as the line stands."""

    @classmethod
    def of(cls, line, data=None) -> "ChangeBudgetLineForm":
        initial = {name: getattr(line, name) for name in LINE_DETAILS}
        return cls(data, record=line, initial=initial)
