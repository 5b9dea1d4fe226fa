"""Forms for the eligibility check and for the team's programme and intake pages."""

from django import forms
from django.utils import timezone

from upon.programmes.models import LONGEST_PROGRAMME_DAYS, Intake, Programme
from upon.recruitment.algorithms.eligibility import EMPLOYER_SUPPORT_CHOICES
from upon.recruitment.intakes import LONDON, london_datetime
from upon.recruitment.models import Capability, RoleLevel, Sector
from upon.service.forms import (
    GovukDateField,
    GovukForm,
    GovukModelForm,
    OnceFormMixin,
    TimeField,
    numeric_input,
    radio_field,
    whole_number_field,
)
from upon.service.versioning import VersionedFormMixin

__all__ = ["TimeField"]  # delivery's forms still import it from here

# ---------------------------------------------------------------------------------------------
# Eligibility check: one question a page, the question is the page heading.


class LeadershipYearsForm(GovukForm):
    page_heading_field = "leadership_years"
    leadership_years = whole_number_field(
        "How many years of senior leadership and management experience do you have?",
        0,
        60,
        help_text=(
            "Count effective senior leadership and management in local government children's "
            "services or related fields and sectors, public or private. Give a whole number."
        ),
        widget=numeric_input(spellcheck="false"),
        empty="Enter the number of years of senior leadership and management experience you have",
        invalid="Years must be a whole number",
        too_small="Years must be 0 or more",
        too_big="Years must be 60 or fewer",
    )


class SectorForm(GovukForm):
    page_heading_field = "sector"
    sector = radio_field(
        "Which sector do you work in?", Sector.choices, empty="Select the sector you work in"
    )


class RoleLevelForm(GovukForm):
    page_heading_field = "role_level"
    role_level = radio_field(
        "What level is your current role?",
        RoleLevel.choices,
        empty="Select the level of your current role",
    )


class DirectorPotentialForm(GovukForm):
    page_heading_field = "director_potential"
    director_potential = forms.TypedChoiceField(
        choices=(("yes", "Yes"), ("no", "No")),
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, horizon: str = "three to five", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["director_potential"]
        field.label = f"Could you become a director of children's services in {horizon} years?"
        field.error_messages["required"] = (
            f"Select yes if you could become a director in {horizon} years"
        )


class EmployerSupportForm(GovukForm):
    page_heading_field = "employer_support"
    employer_support = radio_field(
        "Does your employer support your application?",
        EMPLOYER_SUPPORT_CHOICES,
        help_text=(
            "A senior leader where you work, such as your line manager or director, must "
            "endorse your application before you can submit it."
        ),
        empty="Select whether your employer supports your application",
    )


ELIGIBILITY_FORMS: dict[str, type[GovukForm]] = {
    "leadership_years": LeadershipYearsForm,
    "sector": SectorForm,
    "role_level": RoleLevelForm,
    "director_potential": DirectorPotentialForm,
    "employer_support": EmployerSupportForm,
}


def initial_for(key: str, value) -> dict:
    """A stored answer as the form's initial value."""
    if value is None:
        return {}
    if key == "director_potential":
        value = "yes" if value else "no"
    return {key: value}


# ---------------------------------------------------------------------------------------------
# Programme team.


def slug_messages(taken_by: str) -> dict[str, str]:
    return {
        "invalid": "Web address name must only include lower-case letters, numbers and hyphens",
        "unique": f"{taken_by} already uses this web address name; enter a different one",
    }


class ProgrammeForm(OnceFormMixin, GovukModelForm):
    class Meta:
        model = Programme
        fields = ["name", "slug", "summary", "description"]
        labels = {
            "name": "Programme name",
            "slug": "Web address name (optional)",
            "summary": "Summary",
            "description": "Description (optional)",
        }
        help_texts = {
            "slug": "Lower-case letters, numbers and hyphens, like aspiring-directors. Leave "
            "empty to make one from the name.",
            "summary": "One paragraph for the public programme page.",
        }
        error_messages = {
            "name": {"required": "Enter the programme name"},
            "slug": slug_messages("A programme"),
            "summary": {"required": "Enter a summary of the programme"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean_slug(self):
        return self.cleaned_data["slug"].lower()


INTAKE_FIELDS = [
    "name",
    "slug",
    "selection_starts",
    "selection_ends",
    "programme_starts",
    "programme_ends",
    "capacity",
    "delivery_summary",
    "min_leadership_years",
    "director_horizon_years",
]


class IntakeForm(OnceFormMixin, GovukModelForm):
    """An intake's dates, size and eligibility rules. Opening and closing are date + time."""

    opens_date = GovukDateField(label="Applications open", label_lower="opening date")
    opens_time = TimeField(label="Opening time", label_lower="opening time")
    closes_date = GovukDateField(label="Applications close", label_lower="closing date")
    closes_time = TimeField(label="Closing time", label_lower="closing time")
    selection_starts = GovukDateField(label="Selection starts", label_lower="selection start date")
    selection_ends = GovukDateField(label="Selection ends", label_lower="selection end date")
    programme_starts = GovukDateField(label="Programme starts", label_lower="programme start date")
    programme_ends = GovukDateField(label="Programme ends", label_lower="programme end date")
    capacity = whole_number_field(
        "Number of places", 1, 500, empty="Enter the number of places", named="Number of places"
    )
    min_leadership_years = whole_number_field(
        "Minimum years of senior leadership experience",
        0,
        60,
        empty="Enter the minimum years of senior leadership experience",
        named="Minimum years",
    )

    class Meta:
        model = Intake
        fields = ["programme", *INTAKE_FIELDS]
        labels = {
            "programme": "Programme",
            "name": "Intake name",
            "slug": "Web address name (optional)",
            "delivery_summary": "How the programme is delivered",
            "director_horizon_years": "Years within which applicants could become a director",
        }
        help_texts = {
            "name": "For example, 2026 to 2027 intake",
            "slug": "Lower-case letters, numbers and hyphens. Leave empty to make one from the "
            "name.",
            "delivery_summary": "Shown on the public intake page.",
            "director_horizon_years": "In words, for example: three to five",
        }
        widgets = {"programme": forms.RadioSelect}
        error_messages = {
            "programme": {
                "required": "Select the programme",
                "invalid_choice": "Select one of your programmes",
            },
            "name": {"required": "Enter the intake name"},
            "slug": slug_messages("An intake"),
            "delivery_summary": {"required": "Enter how the programme is delivered"},
            "director_horizon_years": {
                "required": "Enter the years within which applicants could become a director"
            },
        }

    # In the order things happen: otherwise the declared opening and closing fields would
    # come last, after the selection and programme dates.
    field_order = [
        "programme",
        "name",
        "slug",
        "opens_date",
        "opens_time",
        "closes_date",
        "closes_time",
        *INTAKE_FIELDS[2:],
    ]

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        if "programme" in self.fields:
            self.fields["programme"].queryset = programmes
            self.fields["programme"].empty_label = None
        if self.instance.pk:
            for prefix, moment in (
                ("opens", self.instance.opens_at),
                ("closes", self.instance.closes_at),
            ):
                local = timezone.localtime(moment, LONDON)
                self.initial[f"{prefix}_date"] = local.date()
                self.initial[f"{prefix}_time"] = local.strftime("%H:%M")

    def clean_slug(self):
        # Empty on a new intake: create_intake makes one from the name. Empty on an existing
        # intake: keep its web address.
        return self.cleaned_data["slug"].lower() or self.instance.slug

    def clean(self):
        data = super().clean()
        moments = {}
        for prefix in ("opens", "closes"):
            date, time = data.get(f"{prefix}_date"), data.get(f"{prefix}_time")
            if date and time:
                moments[prefix] = london_datetime(date, time)
        if len(moments) == 2 and moments["closes"] <= moments["opens"]:
            self.add_error("closes_date", "The closing date must be after the opening date")
        else:
            data.update({f"{k}_at": v for k, v in moments.items()})
            for key, value in moments.items():
                setattr(self.instance, f"{key}_at", value)
        self._check_order(data, "selection_starts", "selection_ends", "selection")
        self._check_order(data, "programme_starts", "programme_ends", "programme")
        return data

    def _check_order(self, data, start: str, end: str, what: str) -> None:
        if data.get(start) and data.get(end) and data[end] <= data[start]:
            self.add_error(end, f"The {what} end date must be after the {what} start date")
        elif (
            what == "programme"
            and data.get(start)
            and data.get(end)
            and (data[end] - data[start]).days >= LONGEST_PROGRAMME_DAYS
        ):
            self.add_error(end, "The programme end date must be within 2 years of its start date")

    def intake_data(self) -> dict:
        """Keyword arguments for intakes.create_intake."""
        data = {key: self.cleaned_data[key] for key in ["programme", *INTAKE_FIELDS]}
        return {**data, "opens_at": self.instance.opens_at, "closes_at": self.instance.closes_at}


class IntakeEditForm(VersionedFormMixin, IntakeForm):
    class Meta(IntakeForm.Meta):
        fields = INTAKE_FIELDS


class CapabilityForm(GovukModelForm):
    word_limit = whole_number_field(
        "Word limit",
        50,
        1000,
        widget=numeric_input(width=4),
        empty="Enter the word limit",
        named="Word limit",
    )

    class Meta:
        model = Capability
        fields = ["description", "word_limit"]
        labels = {"description": "Description"}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"description": {"required": "Enter a description of the capability"}}

    def error_summary(self) -> list[tuple[str, str]]:
        # Several capabilities share one page: name the capability in each summary message.
        return [
            (anchor, f"{self.instance.name}: {message}")
            for anchor, message in super().error_summary()
        ]


CapabilityFormSet = forms.modelformset_factory(
    Capability, form=CapabilityForm, extra=0, can_delete=False, edit_only=True
)


def clean_day_and_times(form, data: dict) -> dict:
    """A form's `date`, `start_time` and `end_time` as `starts_at` and `ends_at` in UK time,
    with the end refused next to its field when it is not after the start."""
    date, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
    if date and start and end:
        if end <= start:
            form.add_error("end_time", "The end time must be after the start time")
        data["starts_at"] = london_datetime(date, start)
        data["ends_at"] = london_datetime(date, end)
    return data
