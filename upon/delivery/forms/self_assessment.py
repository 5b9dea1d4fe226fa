"""Self-assessment, development goals and the sessions that address a cohort's need."""

from django import forms

from upon.delivery.forms.sessions import SessionChoiceField
from upon.delivery.models import DevelopmentGoal
from upon.delivery.self_assessment import LEVEL_NAMES, LEVELS, levels_for
from upon.service.forms import GovukForm, GovukModelForm, OnceFormMixin


class SelfAssessmentForm(GovukForm):
    """One question per capability: a rating from 1 to 5 with a descriptor for each level."""

    def __init__(self, *args, capabilities, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.capabilities = list(capabilities)
        self.submitting = submitting
        for capability in self.capabilities:
            self.fields[f"capability_{capability.pk}"] = forms.TypedChoiceField(
                label=capability.name,
                help_text=capability.description,
                choices=[(level, f"{level}: {LEVEL_NAMES[level]}") for level in LEVELS],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )

    def questions(self):
        """(capability, bound field, [(level, name, descriptor, checked)]) for the template."""
        rows = []
        for capability in self.capabilities:
            field = self[f"capability_{capability.pk}"]
            value = str(field.value() or "")
            rows.append(
                (
                    capability,
                    field,
                    [
                        (level, name, text, value == str(level))
                        for level, name, text in levels_for(capability)
                    ],
                )
            )
        return rows

    def clean(self):
        data = super().clean()
        if self.submitting:
            for capability in self.capabilities:
                name = f"capability_{capability.pk}"
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, f"Select how you rate yourself on {capability.name}")
        return data

    def ratings(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"capability_{c.pk}") for c in self.capabilities}


class GoalForm(OnceFormMixin, GovukModelForm):
    achieved = forms.BooleanField(
        label="Achieved",
        required=False,
        widget=forms.CheckboxInput(attrs={"data-checkbox-label": "I have achieved this goal"}),
    )

    class Meta:
        model = DevelopmentGoal
        fields = ["text", "capability"]
        labels = {"text": "Your goal", "capability": "Capability it develops (optional)"}
        help_texts = {
            "text": "What you will do and how you will know you have done it, for example: "
            "lead the partnership board's review of early help by March.",
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": "Enter your goal"}}

    def __init__(self, *args, capabilities, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capability"].queryset = capabilities
        self.fields["capability"].empty_label = "Not about one capability"
        if editing:
            self.initial["achieved"] = self.instance.achieved_at is not None
        else:
            del self.fields["achieved"]


class NeedSessionsForm(GovukForm):
    page_heading_field = "sessions"

    def __init__(self, *args, capability, sessions, chosen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"] = SessionChoiceField(
            describe="kind",
            label=f"Sessions that address {capability.name}",
            help_text="Select all that apply.",
            queryset=sessions,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.initial["sessions"] = [s.pk for s in chosen]
