"""A session, its materials, venues, and choosing sessions (one field for every list of them)."""

from django import forms

from upon.delivery import sessions as session_service
from upon.delivery.models import Mode, Session, SessionKind, Venue
from upon.recruitment.forms_intakes import TimeField, clean_day_and_times
from upon.recruitment.intakes import LONDON
from upon.service.forms import GovukDateField, GovukForm, GovukModelForm, OnceFormMixin
from upon.service.versioning import VersionedFormMixin


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


class SessionChoiceField(forms.ModelMultipleChoiceField):
    """Sessions to tick. Each is labelled with its title and either its times and mode
    (`describe="times"`: the mode switch) or its kind and day (`describe="kind"`: the sessions
    that address a need)."""

    def __init__(self, *args, describe="times", **kwargs):
        if describe not in ("times", "kind"):
            raise ValueError(f"Unknown description {describe!r}")
        self.describe = describe
        super().__init__(*args, **kwargs)

    def label_from_instance(self, session):
        if self.describe == "kind":
            when = session.starts_at.astimezone(LONDON)
            return f"{session.title}, {session.get_kind_display().lower()}, {when:%-d %B %Y}"
        return (
            f"{session.title}: {session_service.when(session.starts_at, session.ends_at)} "
            f"({Mode(session.mode).label.lower()})"
        )


# An action learning meeting is a set's: planned from the set's page (forms.meetings).
WHOLE_COHORT_KINDS = [(k, label) for k, label in SessionKind.choices if k != "action_learning"]


class SessionForm(VersionedFormMixin, OnceFormMixin, GovukForm):
    kind = forms.ChoiceField(
        label="Kind of session",
        choices=WHOLE_COHORT_KINDS,
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
        super().__init__(*args, record=session, **kwargs)
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
        clean_day_and_times(self, data)
        mode = data.get("mode")
        if mode in (Mode.IN_PERSON, Mode.HYBRID) and not data.get("venue"):
            self.add_error("venue", "Select a venue for a session that meets in person")
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


class MaterialForm(OnceFormMixin, GovukForm):
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
            self.add_error("url", "Upload a file or enter a link, not both")
        elif not data.get("file") and not data.get("url"):
            self.add_error("file", "Select a file to upload or enter a link")
        return data


class VenueForm(VersionedFormMixin, OnceFormMixin, GovukModelForm):
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
