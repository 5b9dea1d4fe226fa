"""Further learning: the team's event form and its register of attendance."""

from django import forms

from upon.recruitment.forms_intakes import clean_day_and_times
from upon.recruitment.intakes import LONDON
from upon.service.forms import (
    GovukDateField,
    GovukForm,
    OnceFormMixin,
    TimeField,
    text_area_field,
    whole_number_field,
)

DETAILS = ("title", "starts_at", "ends_at", "location", "description", "places")


def _clock(moment) -> str:
    local = moment.astimezone(LONDON)
    return f"{local.hour:02d}:{local.minute:02d}"


class EventForm(GovukForm):
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={
            "required": "Enter the title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    date = GovukDateField(label="Date", label_lower="date", help_text="For example, 6 10 2026")
    start_time = TimeField(label="Start time", label_lower="start time")
    end_time = TimeField(label="End time", label_lower="end time")
    location = forms.CharField(
        label="Where",
        help_text="The venue and its address, or Online",
        max_length=200,
        required=False,
        error_messages={"max_length": "Where it is must be 200 characters or fewer"},
    )
    description = text_area_field("What it covers", rows=5, required=False)
    places = whole_number_field(
        "Places", 1, 500, empty="Enter the number of places", named="The number of places"
    )

    def __init__(self, *args, event=None, **kwargs):
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": event.title,
                "date": event.starts_at.astimezone(LONDON).date(),
                "start_time": _clock(event.starts_at),
                "end_time": _clock(event.ends_at),
                "location": event.location,
                "description": event.description,
                "places": event.places,
            }
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        clean_day_and_times(self, data)
        return data

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in DETAILS}


class NewEventForm(OnceFormMixin, EventForm):
    pass


class RegisterForm(GovukForm):
    """Attended, yes or no, for each person booked."""

    def __init__(self, *args, bookings, **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = bookings
        for booking in bookings:
            name = booking.person.full_name
            self.fields[f"attended_{booking.pk}"] = forms.TypedChoiceField(
                label=f"Did {name} attend?",
                choices=[("yes", "Yes"), ("no", "No")],
                coerce=lambda value: value == "yes",
                widget=forms.RadioSelect,
                initial={True: "yes", False: "no", None: None}[booking.attended],
                error_messages={"required": f"Select whether {name} attended"},
            )

    def attended(self) -> dict[int, bool]:
        return {
            booking.pk: self.cleaned_data[f"attended_{booking.pk}"] for booking in self.bookings
        }
