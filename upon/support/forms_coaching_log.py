"""The coaching log's forms: a session, and the relationship check's two questions."""

from django import forms

from upon.service.forms import (
    GovukDateField,
    GovukForm,
    OnceFormMixin,
    radio_field,
    text_area_field,
    whole_number_field,
)
from upon.support.coach_pool import CAPABILITY_NAMES
from upon.support.models import CheckSide, CoachingSessionMode


class SessionForm(OnceFormMixin, GovukForm):
    held_on = GovukDateField(
        label="Date of the session",
        label_lower="date of the session",
        help_text="For example, 27 3 2026",
        years_ahead=0,
    )
    hours = whole_number_field(
        "Hours",
        0,
        99,
        empty="Enter how many hours the session lasted (0 if under an hour)",
        named="Hours",
        help_text="How long the session lasted, in hours and minutes. For example, 1 and 30.",
    )
    minutes = whole_number_field(
        "Minutes",
        0,
        59,
        empty="Enter how many minutes beyond the hours (0 if none)",
        named="Minutes",
    )
    mode = radio_field("How did you meet?", CoachingSessionMode.choices, empty="Select how you met")
    themes = forms.TypedMultipleChoiceField(
        label="Themes",
        help_text="The capabilities the session touched. Select all that apply.",
        choices=sorted(CAPABILITY_NAMES.items()),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    notes = text_area_field(
        "Notes",
        rows=5,
        help_text="Only the coach and the director see the notes.",
    )
    goals = text_area_field(
        "Goals",
        rows=3,
        help_text="What the director is working towards. Only the coach and the director see them.",
    )

    def clean(self):
        data = super().clean()
        hours, minutes = data.get("hours"), data.get("minutes")
        if hours is not None and minutes is not None and hours * 60 + minutes == 0:
            self.add_error("hours", "Enter how long the session was")
        return data

    def details(self) -> dict:
        data = self.cleaned_data
        return {
            "held_on": data["held_on"],
            "minutes": data["hours"] * 60 + data["minutes"],
            "mode": data["mode"],
            "themes": data["themes"],
            "notes": data["notes"],
            "goals": data["goals"],
        }


WORKING_WELL = [
    (1, "Not at all well"),
    (2, "Not very well"),
    (3, "Quite well"),
    (4, "Well"),
    (5, "Very well"),
]
PROGRESS = [
    (1, "No progress"),
    (2, "A little progress"),
    (3, "Some progress"),
    (4, "Good progress"),
    (5, "A lot of progress"),
]

QUESTIONS = {
    CheckSide.DIRECTOR: (
        "How well is the coaching relationship working?",
        "How much progress are you making towards your goals?",
    ),
    CheckSide.COACH: (
        "How well is the coaching relationship working?",
        "How much progress is the director making towards their goals?",
    ),
}


class RelationshipCheckForm(GovukForm):
    working_well = forms.TypedChoiceField(
        choices=WORKING_WELL,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how well the coaching relationship is working"},
    )
    progress = forms.TypedChoiceField(
        choices=PROGRESS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how much progress is being made"},
    )

    def __init__(self, *args, side, **kwargs):
        super().__init__(*args, **kwargs)
        first, second = QUESTIONS[side]
        self.fields["working_well"].label = first
        self.fields["progress"].label = second
