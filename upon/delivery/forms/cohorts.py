"""The cohort's settings and a participant's place in it."""

from django import forms

from upon.delivery.completion_rule import REASON_MAX
from upon.delivery.models import Cohort
from upon.delivery.participation import DEFER, WITHDRAW
from upon.programmes.models import LONGEST_PROGRAMME_DAYS
from upon.service.forms import GovukDateField, GovukForm, GovukModelForm
from upon.service.versioning import VersionedFormMixin


class CohortForm(VersionedFormMixin, GovukModelForm):
    starts_on = GovukDateField(label="First day of the programme", label_lower="first day")
    ends_on = GovukDateField(label="Last day of the programme", label_lower="last day")
    rule_change_reason = forms.CharField(
        label="Reason for lowering the completion rule",
        help_text="Only if you lower what a participant must attend. It is kept in the "
        "cohort's history with your name.",
        required=False,
        max_length=REASON_MAX,
        error_messages={
            "max_length": f"The reason must be {REASON_MAX} characters or fewer",
        },
    )

    class Meta:
        model = Cohort
        fields = [
            "name",
            "starts_on",
            "ends_on",
            "min_gap_days",
            "taught_days_total",
            "taught_days_required",
            "action_learning_percent_required",
        ]
        labels = {
            "name": "Cohort name",
            "min_gap_days": "Fewest days between one taught day and the next",
            "taught_days_total": "Taught days in the programme",
            "taught_days_required": "Taught days a participant must attend to complete",
            "action_learning_percent_required": "Percentage of action learning meetings a "
            "participant must attend to complete",
        }
        help_texts = {"min_gap_days": "The planner keeps taught days at least this far apart."}
        error_messages = {
            "name": {"required": "Enter the cohort name"},
            "min_gap_days": {"required": "Enter the fewest days between taught days"},
            "taught_days_total": {"required": "Enter the number of taught days"},
            "taught_days_required": {"required": "Enter the taught days needed to complete"},
            "action_learning_percent_required": {
                "required": "Enter the percentage of action learning meetings needed",
                "max_value": "The percentage must be 100 or less",
            },
        }

    def __init__(self, *args, ask_reason: bool = False, **kwargs):
        """`ask_reason`: the year has started, so lowering the rule needs a reason."""
        super().__init__(*args, **kwargs)
        if not ask_reason:
            del self.fields["rule_change_reason"]

    def ask_for_reason(self) -> None:
        """The rule is lower and no reason was given: say so next to the reason."""
        self.add_error("rule_change_reason", "Enter why you are lowering the completion rule")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", "The last day must be after the first day")
        elif starts and ends and (ends - starts).days >= LONGEST_PROGRAMME_DAYS:
            self.add_error("ends_on", "The last day must be within 2 years of the first day")
        total, required = data.get("taught_days_total"), data.get("taught_days_required")
        if total is not None and not 1 <= total <= 20:
            self.add_error("taught_days_total", "Taught days must be from 1 to 20")
        if total is not None and required is not None and required > total:
            self.add_error("taught_days_required", f"Taught days needed must be {total} or fewer")
        return data


class PlaceForm(GovukForm):
    change = forms.ChoiceField(
        label="What is changing?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what is changing"},
    )
    reason = forms.CharField(
        label="Reason",
        help_text="Kept with their record for the programme's outcome figures.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The reason must be 2,000 characters or fewer"},
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["change"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("change") in (WITHDRAW, DEFER) and not (data.get("reason") or "").strip():
            self.add_error(
                "reason",
                "Enter the reason for the withdrawal"
                if data["change"] == WITHDRAW
                else "Enter the reason for the deferral",
            )
        return data
