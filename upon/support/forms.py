"""A person's posts: record one, change it, record its end; the team verifies it."""

from django import forms
from django.utils import timezone

from upon.organisations.models import Organisation, OrganisationKind
from upon.recruitment.forms_applications import LocalAuthorityChoiceField
from upon.service.forms import GovukDateField, GovukForm, GovukModelForm, OnceFormMixin, radio_field
from upon.service.versioning import VersionedFormMixin
from upon.support import appointments
from upon.support.models import Appointment, EndReason, PostRole, Tenure

YES_NO = [("True", "Yes"), ("False", "No")]


class PostForm(VersionedFormMixin, OnceFormMixin, GovukModelForm):
    """The post's details. `person`: whose post it is (for the overlap rule)."""

    overlap_message = appointments.OVERLAP

    local_authority = LocalAuthorityChoiceField(
        label="Local authority",
        queryset=Organisation.objects.none(),
        empty_label="Select a local authority",
        error_messages={
            "required": "Select the local authority",
            "invalid_choice": "Select the local authority",
        },
    )
    role = radio_field("Role", PostRole.choices, empty="Select the role")
    tenure = radio_field(
        "Is the post interim or permanent?", Tenure.choices, empty="Select interim or permanent"
    )
    shared = forms.TypedChoiceField(
        label="Is the post shared across more than one local authority?",
        choices=YES_NO,
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if the post is shared across more than one local authority"
        },
    )
    starts_on = GovukDateField(
        label="Start date",
        label_lower="start date",
        help_text="The first day in post. For example, 1 9 2026",
        years_ahead=2,
    )

    class Meta:
        model = Appointment
        fields = list(appointments.DETAILS)

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["local_authority"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.LOCAL_AUTHORITY
        ).order_by("name")

    def clean(self):
        data = super().clean()
        starts_on, authority = data.get("starts_on"), data.get("local_authority")
        ends_on = self.instance.ends_on
        if starts_on:
            problem = appointments.horizon_problem(
                day=starts_on, today=timezone.localdate(), label="start date"
            )
            if not problem and ends_on and starts_on > ends_on:
                problem = "The start date must be on or before the end date, " + (
                    appointments.day_month_year(ends_on)
                )
            if problem:
                self.add_error("starts_on", problem)
        if (
            starts_on
            and authority
            and self.person is not None
            and not self.has_error("starts_on")
            and appointments.overlaps(
                person=self.person,
                local_authority=authority,
                starts_on=starts_on,
                ends_on=ends_on,
                appointment=self.instance,
            )
        ):
            self.add_error("starts_on", self.overlap_message)
        return data

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in appointments.DETAILS}


class EndPostForm(VersionedFormMixin, GovukModelForm):
    ends_on = GovukDateField(
        label="End date",
        label_lower="end date",
        help_text="The last day in post. For example, 31 8 2027",
        years_ahead=2,
    )
    end_reason = radio_field(
        "Why did the post end?", EndReason.choices, empty="Select why the post ended"
    )

    class Meta:
        model = Appointment
        fields = ["ends_on", "end_reason"]

    def clean(self):
        data = super().clean()
        ends_on = data.get("ends_on")
        if ends_on:
            problem = appointments.order_problem(
                starts_on=self.instance.starts_on, ends_on=ends_on
            ) or appointments.horizon_problem(
                day=ends_on, today=timezone.localdate(), label="end date"
            )
            if problem:
                self.add_error("ends_on", problem)
        return data


class VerifyForm(VersionedFormMixin, GovukForm):
    """Only a button: the version the team member looked at."""


class TeamPostForm(PostForm):
    """The team records a post for someone of its programme: whose it is, then its details."""

    person = forms.ModelChoiceField(
        label="Whose post is it?",
        queryset=None,
        empty_label="Select the person",
        error_messages={"required": "Select the person", "invalid_choice": "Select the person"},
    )
    field_order = ["person", *appointments.DETAILS]
    overlap_message = (
        "This person already has a post in this local authority for some of these dates"
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, person=None, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda user: f"{user.full_name} ({user.email})"

    def clean(self):
        self.person = self.cleaned_data.get("person")
        return super().clean()
