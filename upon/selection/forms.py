"""Forms for selection. Every form keeps what the person typed when it is sent back."""

from django import forms

from upon.selection.models import Confidence, Recommendation
from upon.selection.rubric import SCORES
from upon.service.forms import GovukForm, radio_field, text_area_field

SCORE_CHOICES = [(str(value), label) for value, label, _ in SCORES]


class ReviewForm(GovukForm):
    """A score and a comment per capability, then a recommendation and a confidence.

    Drafts may leave anything empty; submitting asks for every score (services.save_review).
    """

    version = forms.IntegerField(widget=forms.HiddenInput)
    recommendation = radio_field("Overall recommendation", Recommendation.choices)
    confidence = radio_field("How confident are you in this review?", Confidence.choices)

    def __init__(self, *args, capabilities, **kwargs):
        super().__init__(*args, **kwargs)
        self.capabilities = list(capabilities)
        for capability in self.capabilities:
            self.fields[f"score_{capability.pk}"] = forms.TypedChoiceField(
                label=f"Score for {capability.name}",
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "Select a score from 1 to 4"},
            )
            self.fields[f"comment_{capability.pk}"] = text_area_field(
                f"Comment on {capability.name} (optional)", rows=3, max_length=3000
            )

    def scores(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"score_{c.pk}") for c in self.capabilities}

    def comments(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"comment_{c.pk}", "") for c in self.capabilities}

    def sections(self):
        """(capability, score field, comment field) for the template, in framework order."""
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.capabilities]


class DeclareConflictForm(GovukForm):
    reason = text_area_field(
        "Why can you not review this application?",
        rows=3,
        help_text="For example, you know the applicant or have worked with them recently.",
        max_length=300,
        empty="Enter why you cannot review this application",
    )
