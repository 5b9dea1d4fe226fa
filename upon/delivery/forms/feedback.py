"""A participant's feedback on a session."""

from django import forms

from upon.delivery.feedback import RATINGS
from upon.service.forms import GovukForm


class SessionFeedbackForm(GovukForm):
    rating = forms.TypedChoiceField(
        label="How would you rate this session?",
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a rating from 1 to 5",
            "invalid_choice": "Select a rating from 1 to 5",
        },
    )
    comment = forms.CharField(
        label="What worked well, and what could be better? (optional)",
        help_text="The programme team reads this without your name.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "Your comment must be 2,000 characters or fewer"},
    )
