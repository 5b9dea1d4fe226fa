"""The programme team's selection forms: settings, the reviewer pool, assigning by hand."""

from django import forms

from upon.organisations.models import SYNTHETIC_CODE_PREFIX, Organisation, Region
from upon.recruitment.intakes import LONDON, london_datetime
from upon.recruitment.models import Sector
from upon.selection.models import AssessmentKind, AssessmentSlot, Outcome, SelectionSettings
from upon.selection.rubric import SCORES
from upon.service.forms import (
    GovukDateField,
    GovukForm,
    GovukModelForm,
    OnceFormMixin,
    TimeField,
    radio_field,
    text_area_field,
    whole_number_field,
)
from upon.service.versioning import VersionedFormMixin


class SelectionSettingsForm(VersionedFormMixin, GovukModelForm):
    deadline_date = GovukDateField(
        label="Review deadline", label_lower="review deadline", required=False
    )
    deadline_time = TimeField(label="Deadline time", label_lower="deadline time", required=False)

    class Meta:
        model = SelectionSettings
        fields = [
            "reviews_per_application",
            "disagreement_threshold",
            "offer_days",
            "max_per_employer",
            "one_per_region",
            "assessment_weight",
        ]
        labels = {
            "assessment_weight": "Share of final merit from the assessment stage (per cent)",
            "reviews_per_application": "Reviewers for each application",
            "disagreement_threshold": "Further review when overall scores differ by more than",
            "offer_days": "Days an applicant has to accept an offer",
            "max_per_employer": "Most people from one employer in the cohort",
            "one_per_region": "At least one person from each region that has a shortlisted person",
        }
        help_texts = {
            "reviews_per_application": "Usually 2. Each application goes to this many people.",
            "disagreement_threshold": "On the 1 to 4 scale, for example 1.0",
            "max_per_employer": "Leave empty for no limit",
            "assessment_weight": (
                "0 if there is no interview or assessment centre. For example, 50 weighs the "
                "panel's assessment scores equally with the calibrated review merit."
            ),
        }
        error_messages = {
            "reviews_per_application": {"required": "Enter how many reviewers"},
            "disagreement_threshold": {"required": "Enter the difference that needs a review"},
            "offer_days": {"required": "Enter how many days an offer stays open"},
            "assessment_weight": {
                "required": "Enter the share from the assessment stage, or 0 for none",
                "max_value": "The share from the assessment stage must be 100 or less",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment_weight"].required = False
        deadline = self.instance.review_deadline
        if deadline and not self.is_bound:
            local = deadline.astimezone(LONDON)
            self.initial["deadline_date"] = local.date()
            self.initial["deadline_time"] = local.strftime("%H:%M")
        for sector, label in Sector.choices:
            self.fields[f"sector_min_{sector}"] = forms.IntegerField(
                label=f"{label}: at least", required=False, min_value=0
            )
            self.fields[f"sector_max_{sector}"] = forms.IntegerField(
                label=f"{label}: at most", required=False, min_value=0
            )
            low, high = (self.instance.sector_bounds or {}).get(sector, [None, None])
            self.initial.setdefault(f"sector_min_{sector}", low)
            self.initial.setdefault(f"sector_max_{sector}", high)

    def clean_assessment_weight(self):
        return self.cleaned_data.get("assessment_weight") or 0

    def clean_reviews_per_application(self):
        value = self.cleaned_data["reviews_per_application"]
        if not 1 <= value <= 5:
            raise forms.ValidationError("Reviewers for each application must be from 1 to 5")
        return value

    def clean(self):
        data = super().clean()
        date, time = data.get("deadline_date"), data.get("deadline_time")
        if date and not time:
            self.add_error("deadline_time", "Enter the deadline time")
        elif time and not date:
            self.add_error("deadline_date", "Enter the review deadline")
        self.deadline = london_datetime(date, time) if date and time else None
        bounds = {}
        for sector, label in Sector.choices:
            low, high = data.get(f"sector_min_{sector}"), data.get(f"sector_max_{sector}")
            if low is not None and high is not None and low > high:
                self.add_error(f"sector_max_{sector}", f"{label}: at most must be at least {low}")
            if low is not None or high is not None:
                bounds[sector] = [low, high]
        self.bounds = bounds
        return data

    def sector_rows(self):
        return [
            (label, self[f"sector_min_{sector}"], self[f"sector_max_{sector}"])
            for sector, label in Sector.choices
        ]

    def changes(self) -> dict:
        """The settings this form edits, by field name: all it may write (`pool.save_settings`)."""
        return {
            **{name: self.cleaned_data[name] for name in self._meta.fields},
            "review_deadline": self.deadline,
            "sector_bounds": self.bounds,
        }


class ReviewerForm(OnceFormMixin, GovukForm):
    full_name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter their full name"}
    )
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    capacity = whole_number_field(
        "Most applications they will review",
        1,
        500,
        widget=forms.NumberInput,
        empty="Enter how many applications they will review",
        too_small="They must review at least 1 application",
        too_big="Enter a number of applications no more than 500",
    )
    expertise = forms.CharField(
        label="Expertise (optional)",
        help_text=(
            "Sectors or areas they know best, separated by commas, for example: health, early "
            "help. Assignment prefers to give them applications from those sectors or roles."
        ),
        max_length=300,
        required=False,
    )
    region = forms.ChoiceField(
        label="Region (optional)", choices=[("", "Not given"), *Region.choices], required=False
    )
    conflict_organisations = forms.ModelMultipleChoiceField(
        label="Organisations they work for or have worked for in the last 3 years",
        help_text="Hold Ctrl (or Cmd) to choose more than one. They never review applicants "
        "from these.",
        # Not the national benchmark's synthetic authorities (upon/organisations/models.py).
        queryset=Organisation.objects.exclude(gss_code__startswith=SYNTHETIC_CODE_PREFIX),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8, "class": "govuk-select"}),
    )
    conflict_people = text_area_field(
        "People they have a conflict with (optional)",
        rows=3,
        help_text="One name or email address a line.",
    )

    def __init__(self, *args, intake, **kwargs):
        super().__init__(*args, **kwargs)
        self.intake = intake

    def reviewer_data(self) -> dict:
        """Keyword arguments for pool.add_reviewer."""
        return dict(self.cleaned_data)  # the answers only: the submission token is not one

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.intake.reviewers.filter(email=email).exists():
            raise forms.ValidationError("This person is already in the reviewer pool")
        return email


class AddAssignmentForm(OnceFormMixin, GovukForm):
    reviewer = forms.ModelChoiceField(
        label="Reviewer",
        queryset=None,
        empty_label="Choose a reviewer",
        error_messages={"required": "Select a reviewer"},
    )
    despite_conflict = forms.BooleanField(
        label="Assign anyway, despite the conflict of interest",
        required=False,
    )
    conflict_reason = text_area_field(
        "Why does this conflict of interest not matter?",
        rows=3,
        max_length=300,
        required=False,
        help_text="Needed to assign anyway. It is kept in the audit record.",
        too_long="The reason must be 300 characters or fewer",
    )

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers

    def without_override(self) -> None:
        """No conflict to override: the form asks only for the reviewer."""
        del self.fields["despite_conflict"]
        del self.fields["conflict_reason"]


class ReasonForm(GovukForm):
    reason = text_area_field("Reason", rows=2, max_length=300, empty="Enter the reason")


def outcome_field(label: str) -> forms.ChoiceField:
    return radio_field(label, Outcome.choices, empty="Select the panel's decision")


def rationale_field(help_text: str, *, rows: int) -> forms.CharField:
    return text_area_field(
        "Rationale",
        rows=rows,
        help_text=help_text,
        max_length=3000,
        empty="Enter the rationale for the decision",
    )


class DecisionForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    outcome = outcome_field("Panel decision")
    rationale = rationale_field("Why the panel decided this. Recorded in the audit trail.", rows=4)
    reversal_reason = text_area_field(
        "Reason for reversing a published decision", rows=2, max_length=1000
    )


class BulkDecisionForm(GovukForm):
    """One decision for several applications the panel ticked on the ranking."""

    selected = forms.MultipleChoiceField(
        label="Applications",
        choices=(),
        error_messages={"required": "Select at least one application"},
    )
    outcome = outcome_field("Decision for the selected applications")
    rationale = rationale_field(
        "Recorded against each selected application in the audit trail.", rows=3
    )

    def __init__(self, *args, references, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selected"].choices = [(r, r) for r in references]
        self.fields["selected"].error_messages["invalid_choice"] = (
            "Select applications from this intake's ranking"
        )


class FeedbackForm(GovukForm):
    feedback = text_area_field(
        "Feedback for the applicant",
        rows=8,
        help_text="Drawn from the reviewers' comments. Edit it so it is kind, specific and "
        "names no reviewer. It is sent only once you approve it.",
        max_length=5000,
        empty="Enter the feedback",
    )


class DeclineOfferForm(GovukForm):
    reason = text_area_field(
        "Why are you declining? (optional)",
        rows=3,
        help_text="This helps us improve the programme. It does not affect future applications.",
        max_length=1000,
    )


class AssessmentSlotForm(OnceFormMixin, GovukForm):
    kind = radio_field(
        "Kind of assessment", AssessmentKind.choices, empty="Select the kind of assessment"
    )
    date = GovukDateField(label="Date", label_lower="date")
    starts = TimeField(label="Start time", label_lower="start time")
    ends = TimeField(label="End time", label_lower="end time")
    location = forms.CharField(
        label="Where",
        help_text="The venue's address, or the joining link for an online interview",
        max_length=300,
        error_messages={"required": "Enter where the assessment happens"},
    )
    places = whole_number_field(
        "Applicants in this slot",
        1,
        50,
        initial=1,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        empty="Enter how many applicants this slot takes",
        too_small="A slot takes at least 1 applicant",
        too_big="A slot takes no more than 50 applicants",
    )

    def clean(self):
        data = super().clean()
        date, starts, ends = data.get("date"), data.get("starts"), data.get("ends")
        if date and starts and ends:
            if ends <= starts:
                self.add_error("ends", "The end time must be after the start time")
            else:
                data["starts_at"] = london_datetime(date, starts)
                data["ends_at"] = london_datetime(date, ends)
        return data

    def slot_data(self) -> dict:
        """Keyword arguments for assessment.add_slot."""
        names = ["kind", "starts_at", "ends_at", "location", "places"]
        return {name: self.cleaned_data[name] for name in names}


class BookingForm(GovukForm):
    slot = forms.ModelChoiceField(
        label="Assessment slot",
        queryset=AssessmentSlot.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select a slot"},
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots
        self.fields["slot"].label_from_instance = lambda slot: (
            f"{slot}: {slot.location} ({slot.booked} of {slot.places} booked)"
        )


class AssessmentScoreForm(GovukForm):
    score = forms.TypedChoiceField(
        label="Your score",
        choices=[(value, f"{value}: {label}") for value, label, _ in SCORES],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a score from 1 to 4",
            "invalid_choice": "Select a score from 1 to 4",
        },
    )
    comment = text_area_field("Comment (optional)", rows=4, max_length=4000)
