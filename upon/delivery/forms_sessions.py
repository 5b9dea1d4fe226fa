"""The programme team's forms for the cohort, sessions, materials, venues, availability, the
planner and the mode switch."""

import datetime

from django import forms

from upon.delivery import sessions as session_service
from upon.delivery.models import Cohort, Mode, Session, SessionKind, Venue
from upon.recruitment.forms_intakes import TimeField
from upon.recruitment.intakes import LONDON, london_datetime
from upon.service.forms import GovukDateField, GovukForm, GovukModelForm


def joining_link_field(**kwargs) -> forms.URLField:
    return forms.URLField(
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter the joining link in the correct format, like "
            "https://meet.example.com/abc"
        },
        **kwargs,
    )


def joining_details_field() -> forms.CharField:
    return forms.CharField(
        label="Joining details (optional)",
        help_text="Meeting ID, passcode, dial-in number.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CohortForm(GovukModelForm):
    starts_on = GovukDateField(label="First day of the programme", label_lower="first day")
    ends_on = GovukDateField(label="Last day of the programme", label_lower="last day")

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

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", "The last day must be after the first day")
        total, required = data.get("taught_days_total"), data.get("taught_days_required")
        if total is not None and not 1 <= total <= 20:
            self.add_error("taught_days_total", "Taught days must be from 1 to 20")
        if total is not None and required is not None and required > total:
            self.add_error("taught_days_required", f"Taught days needed must be {total} or fewer")
        return data


class SessionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, session):
        return (
            f"{session.title}: {session_service.when(session.starts_at, session.ends_at)} "
            f"({Mode(session.mode).label.lower()})"
        )


class SessionForm(GovukForm):
    kind = forms.ChoiceField(
        label="Kind of session",
        choices=SessionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of session"},
    )
    sequence_number = forms.IntegerField(
        label="Taught day number (for a taught day)",
        help_text="Taught days happen in order: 1 is the first.",
        required=False,
        min_value=1,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Taught day number must be a whole number",
            "min_value": "Taught day number must be 1 or more",
        },
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the title"}
    )
    description = forms.CharField(
        label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    date = GovukDateField(label="Date", label_lower="date", help_text="For example, 27 3 2027")
    start_time = TimeField(label="Start time", label_lower="start time")
    end_time = TimeField(label="End time", label_lower="end time")
    mode = forms.ChoiceField(
        label="How it meets",
        choices=Mode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the session meets"},
    )
    venue = forms.ModelChoiceField(
        label="Venue (for a session in person or hybrid)",
        queryset=Venue.objects.none(),
        required=False,
        empty_label="No venue",
    )
    joining_link = joining_link_field(label="Joining link (for a virtual or hybrid session)")
    joining_details = joining_details_field()
    facilitators = forms.ModelMultipleChoiceField(
        label="Facilitators",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contributors = forms.CharField(
        label="Contributors and guest speakers (optional)", max_length=300, required=False
    )
    capacity = forms.IntegerField(
        label="Capacity (optional)",
        required=False,
        min_value=1,
        max_value=1000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={
            "invalid": "Capacity must be a whole number",
            "min_value": "Capacity must be 1 or more",
            "max_value": "Capacity must be 1000 or fewer",
        },
    )

    def __init__(self, *args, cohort, facilitators, session: Session | None = None, **kwargs):
        self.cohort, self.session = cohort, session
        if session is not None and "initial" not in kwargs:
            local_start = session.starts_at.astimezone(LONDON)
            kwargs["initial"] = {
                "kind": session.kind,
                "sequence_number": session.sequence_number,
                "title": session.title,
                "description": session.description,
                "date": local_start.date(),
                "start_time": local_start.strftime("%H:%M"),
                "end_time": session.ends_at.astimezone(LONDON).strftime("%H:%M"),
                "mode": session.mode,
                "venue": session.venue_id,
                "joining_link": session.joining_link,
                "joining_details": session.joining_details,
                "facilitators": [person.pk for person in session.facilitators.all()],
                "contributors": session.contributors,
                "capacity": session.capacity,
            }
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Venue.objects.filter(
            programme_id=cohort.intake.programme_id
        )
        self.fields["facilitators"].queryset = facilitators
        if not facilitators.exists():
            self.fields[
                "facilitators"
            ].help_text = "Nobody has the facilitator role for this intake yet."

    def clean(self):
        data = super().clean()
        kind, number = data.get("kind"), data.get("sequence_number")
        if kind == SessionKind.TAUGHT_DAY:
            total = self.cohort.taught_days_total
            if number is None and "sequence_number" not in self.errors:
                self.add_error("sequence_number", "Enter the taught day number")
            elif number is not None and number > total:
                self.add_error("sequence_number", f"Taught day number must be {total} or fewer")
            elif number is not None:
                taken = self.cohort.sessions.filter(
                    kind=SessionKind.TAUGHT_DAY, sequence_number=number
                )
                if self.session is not None:
                    taken = taken.exclude(pk=self.session.pk)
                if taken.exists():
                    self.add_error("sequence_number", f"There is already a taught day {number}")
        elif kind:
            data["sequence_number"] = None
        date, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if date and start and end:
            if end <= start:
                self.add_error("end_time", "The end time must be after the start time")
            data["starts_at"] = london_datetime(date, start)
            data["ends_at"] = london_datetime(date, end)
        mode = data.get("mode")
        if mode in (Mode.IN_PERSON, Mode.HYBRID) and not data.get("venue"):
            self.add_error("venue", "Choose a venue for a session that meets in person")
        if (
            mode in (Mode.VIRTUAL, Mode.HYBRID)
            and not data.get("joining_link")
            and "joining_link" not in self.errors
        ):
            self.add_error("joining_link", "Enter the joining link for a session that meets online")
        return data

    def session_fields(self) -> dict:
        """The cleaned values as Session fields (facilitators apart)."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "sequence_number": data["sequence_number"],
            "title": data["title"],
            "description": data["description"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "mode": data["mode"],
            "venue": data["venue"],
            "joining_link": data["joining_link"],
            "joining_details": data["joining_details"],
            "contributors": data["contributors"],
            "capacity": data["capacity"],
        }


class MaterialForm(GovukForm):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the title"}
    )
    file = forms.FileField(
        label="Upload a file",
        help_text=f"A {session_service.UPLOAD_TYPES_TEXT}, smaller than 20MB.",
        required=False,
    )
    url = forms.URLField(
        label="Or give a link",
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter the link in the correct format, like https://www.example.com/guide"
        },
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            problem = session_service.upload_problem(upload)
            if problem:
                raise forms.ValidationError(problem)
        return upload

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("file") and data.get("url"):
            self.add_error("url", "Upload a file or give a link, not both")
        elif not data.get("file") and not data.get("url"):
            self.add_error("file", "Select a file to upload or give a link")
        return data


class VenueForm(GovukModelForm):
    class Meta:
        model = Venue
        fields = ["name", "address", "access_notes", "capacity"]
        labels = {
            "name": "Venue name",
            "address": "Address",
            "access_notes": "Access notes (optional)",
            "capacity": "Capacity (optional)",
        }
        widgets = {
            "address": forms.Textarea(attrs={"rows": 4}),
            "access_notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {"required": "Enter the venue name"},
            "address": {"required": "Enter the address"},
        }


class UnavailabilityForm(GovukForm):
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
    action_learning_weeks = forms.IntegerField(
        label="Weeks between action learning meetings",
        initial=6,
        min_value=2,
        max_value=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
        error_messages={
            "required": "Enter the weeks between action learning meetings",
            "invalid": "Weeks must be a whole number",
            "min_value": "Weeks must be 2 or more",
            "max_value": "Weeks must be 12 or fewer",
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
            self.add_error("venue", "Choose a venue")
        return data
