"""Planning or changing one action learning meeting of a set."""

from django import forms

from upon.delivery.forms.sessions import joining_details_field, joining_link_field
from upon.delivery.models import Mode, Session, Venue
from upon.recruitment.forms_intakes import clean_day_and_times
from upon.recruitment.intakes import LONDON
from upon.service.forms import (
    GovukDateField,
    GovukForm,
    OnceFormMixin,
    TimeField,
    radio_field,
)
from upon.service.versioning import VersionedFormMixin

MEETING_MODE_CHOICES = [(Mode.VIRTUAL, "Online"), (Mode.IN_PERSON, "Face to face")]


class MeetingForm(VersionedFormMixin, OnceFormMixin, GovukForm):
    date = GovukDateField(label="Date", label_lower="date", help_text="For example, 27 3 2027")
    start_time = TimeField(label="Start time", label_lower="start time")
    end_time = TimeField(label="End time", label_lower="end time")
    mode = radio_field(
        "How does the set meet?",
        MEETING_MODE_CHOICES,
        empty="Select whether the set meets online or face to face",
    )
    joining_link = joining_link_field(
        label="Joining link (for an online meeting)",
        help_text="If you do not have it yet, add it later. The meeting cannot be published "
        "without it.",
    )
    joining_details = joining_details_field()
    venue = forms.ModelChoiceField(
        label="Venue (for a face to face meeting)",
        queryset=Venue.objects.none(),
        required=False,
        empty_label="No venue",
    )

    def __init__(self, *args, action_learning_set, meeting: Session | None = None, **kwargs):
        if meeting is not None and "initial" not in kwargs:
            local_start = meeting.starts_at.astimezone(LONDON)
            kwargs["initial"] = {
                "date": local_start.date(),
                "start_time": local_start.strftime("%H:%M"),
                "end_time": meeting.ends_at.astimezone(LONDON).strftime("%H:%M"),
                "mode": meeting.mode,
                "joining_link": meeting.joining_link,
                "joining_details": meeting.joining_details,
                "venue": meeting.venue_id,
            }
        super().__init__(*args, record=meeting, **kwargs)
        self.fields["venue"].queryset = Venue.objects.filter(
            programme_id=action_learning_set.cohort.intake.programme_id
        ).order_by("name", "pk")

    def clean(self):
        data = super().clean()
        clean_day_and_times(self, data)
        if data.get("mode") == Mode.IN_PERSON and not data.get("venue"):
            self.add_error("venue", "Select the venue for a face to face meeting")
        return data

    def meeting_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "mode": data["mode"],
            "venue": data["venue"],
            "joining_link": data["joining_link"],
            "joining_details": data["joining_details"],
        }
