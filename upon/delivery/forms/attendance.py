"""The register."""

from django import forms

from upon.delivery.models import AttendanceStatus
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
                    "invalid_choice": f"Select present, late, left early, apologies or absent "
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
