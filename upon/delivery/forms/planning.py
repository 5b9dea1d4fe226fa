"""Planning: times not available, the planner's curriculum, and the mode switch."""

import datetime

from django import forms

from upon.delivery.forms.sessions import (
    SessionChoiceField,
    joining_details_field,
    joining_link_field,
)
from upon.delivery.models import Mode, Session, Venue
from upon.recruitment.intakes import london_datetime
from upon.service.forms import GovukDateField, GovukForm, OnceFormMixin


class UnavailabilityForm(OnceFormMixin, GovukForm):
    who = forms.ChoiceField(
        label="Who or what is not available",
        error_messages={"required": "Select the facilitator or venue"},
    )
    first_day = GovukDateField(label="First day not available", label_lower="first day")
    last_day = GovukDateField(
        label="Last day not available",
        label_lower="last day",
        help_text="The same as the first day for a single day.",
    )
    note = forms.CharField(label="Note (optional)", max_length=200, required=False)

    def __init__(self, *args, facilitators, venues, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {f"facilitator-{p.pk}": p for p in facilitators}
        self.places = {f"venue-{v.pk}": v for v in venues}
        self.fields["who"].choices = [
            ("", "Choose a facilitator or venue"),
            *((key, f"{person.full_name} (facilitator)") for key, person in self.people.items()),
            *((key, f"{venue.name} (venue)") for key, venue in self.places.items()),
        ]

    def clean(self):
        data = super().clean()
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", "The last day must be the same as or after the first day")
        return data

    def unavailability_fields(self) -> dict:
        data = self.cleaned_data
        midnight = datetime.time(0, 0)
        return {
            "facilitator": self.people.get(data["who"]),
            "venue": self.places.get(data["who"]),
            "starts_at": london_datetime(data["first_day"], midnight),
            "ends_at": london_datetime(data["last_day"] + datetime.timedelta(days=1), midnight),
            "note": data["note"],
        }


class PlannerForm(GovukForm):
    learning_visits = forms.IntegerField(
        label="Learning visits in the year",
        initial=2,
        min_value=0,
        max_value=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
        error_messages={
            "required": "Enter the number of learning visits",
            "invalid": "Learning visits must be a whole number",
            "min_value": "Learning visits must be 0 or more",
            "max_value": "Learning visits must be 6 or fewer",
        },
    )


MODE_CHOICES = [(Mode.VIRTUAL, "Virtual"), (Mode.IN_PERSON, "In person")]


class ModeChoiceForm(GovukForm):
    sessions = SessionChoiceField(
        label="Sessions to switch",
        queryset=Session.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the sessions to switch"},
    )
    mode = forms.ChoiceField(
        label="Switch them to",
        choices=MODE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select virtual or in person"},
    )

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"].queryset = sessions


class ModeConfirmForm(GovukForm):
    """The second step: what the switch needs that the sessions lack."""

    sessions = forms.ModelMultipleChoiceField(
        queryset=Session.objects.none(), widget=forms.MultipleHiddenInput
    )
    mode = forms.ChoiceField(choices=MODE_CHOICES, widget=forms.HiddenInput)
    joining_link = joining_link_field(
        label="Joining link", help_text="For the sessions below that have no joining link yet."
    )
    joining_details = joining_details_field()
    venue = forms.ModelChoiceField(
        label="Venue",
        help_text="For the sessions below that have no venue yet.",
        queryset=Venue.objects.none(),
        required=False,
        empty_label="Choose a venue",
    )

    def __init__(self, *args, sessions, venues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"].queryset = sessions
        self.fields["venue"].queryset = venues
        mode = self.data.get("mode") if self.is_bound else self.initial.get("mode")
        chosen = self.data.getlist("sessions") if self.is_bound else self.initial["sessions"]
        chosen = sessions.filter(pk__in=[str(pk) for pk in chosen])
        self.needs_link = mode == Mode.VIRTUAL and chosen.filter(joining_link="").exists()
        self.needs_venue = mode == Mode.IN_PERSON and chosen.filter(venue__isnull=True).exists()
        if not self.needs_link:
            del self.fields["joining_link"], self.fields["joining_details"]
        if not self.needs_venue:
            del self.fields["venue"]

    def clean(self):
        data = super().clean()
        if self.needs_link and not data.get("joining_link") and "joining_link" not in self.errors:
            self.add_error("joining_link", "Enter the joining link")
        if self.needs_venue and not data.get("venue"):
            self.add_error("venue", "Select a venue")
        return data
