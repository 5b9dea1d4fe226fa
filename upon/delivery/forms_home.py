"""Forms for the register, session feedback and a participant's place."""

from django import forms

from upon.delivery.feedback import RATINGS
from upon.delivery.models import AttendanceStatus
from upon.delivery.participation import DEFER, WITHDRAW
from upon.service.forms import GovukForm

EVERYONE_ELSE_PRESENT = "everyone_else_present"


class RegisterForm(GovukForm):
    """One optional question a participant: present, late, left early, apologies or absent."""

    def __init__(self, *args, participants, marks: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = list(participants)
        for person in self.participants:
            name = self.field_name(person)
            self.fields[name] = forms.ChoiceField(
                label=person.user.full_name,
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                required=False,
                error_messages={
                    "invalid_choice": f"Choose present, late, left early, apologies or absent "
                    f"for {person.user.full_name}"
                },
            )
            if person.pk in marks:
                self.initial[name] = marks[person.pk]

    @staticmethod
    def field_name(person) -> str:
        return f"p{person.pk}"

    def rows(self):
        """(participant, bound field) in register order."""
        return [(person, self[self.field_name(person)]) for person in self.participants]

    def marks(self) -> dict[int, str]:
        return {
            person.pk: self.cleaned_data.get(self.field_name(person)) or ""
            for person in self.participants
        }

    @property
    def everyone_else_present(self) -> bool:
        return self.data.get("action") == EVERYONE_ELSE_PRESENT


class FeedbackForm(GovukForm):
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
