"""Forms for the application's sections, the sponsor's answer, submitting and withdrawing.

Section forms take `completing`: "Save and continue" checks everything is there; "Save and come
back later" accepts gaps but still refuses a value in the wrong format.
"""

import re

from django import forms
from django.utils import timezone

from upon.organisations.models import Organisation, OrganisationKind, Region
from upon.recruitment.models import Application, CareerEntry, RoleLevel, Sector, SponsorRole
from upon.service.forms import (
    GovukDateField,
    GovukForm,
    GovukModelForm,
    OnceFormMixin,
    count_words,
    radio_field,
    text_area_field,
)
from upon.service.mail import mailbox

PHONE = re.compile(r"^\+?[0-9 ()\-]+$")
SUMMARY_WORDS = 100


class SectionForm:
    """Mixin: when saving for later, nothing is required."""

    def __init__(self, *args, completing: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.completing = completing
        if not completing:
            for field in self.fields.values():
                field.required = False


def _radios(choices, required_message: str, label: str, **kwargs) -> forms.ChoiceField:
    return radio_field(label, choices, empty=required_message, invalid=required_message, **kwargs)


class AboutYouForm(SectionForm, GovukForm):
    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={
            "required": "Enter your full name",
            "max_length": "Full name must be 200 characters or fewer",
        },
    )
    phone = forms.CharField(
        label="Phone number",
        help_text="For international numbers include the country code. We only call about "
        "your application.",
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        error_messages={"required": "Enter a phone number"},
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = re.sub(r"\D", "", phone)
        if phone and (not PHONE.match(phone) or not 10 <= len(digits) <= 15):
            raise forms.ValidationError(
                "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
            )
        return phone


def _local_authorities():
    return Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("name")


class LocalAuthorityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class CurrentRoleForm(SectionForm, GovukForm):
    job_title = forms.CharField(
        label="Job title",
        max_length=200,
        error_messages={"required": "Enter your job title"},
    )
    role_level = _radios(
        RoleLevel.choices, "Select the level of your current role", "Level of your current role"
    )
    sector = _radios(Sector.choices, "Select the sector you work in", "Sector you work in")
    employer_kind = _radios(OrganisationKind.choices, "Select who employs you", "Who employs you?")
    local_authority = LocalAuthorityChoiceField(
        label="Local authority",
        help_text="If you work for a local authority",
        queryset=Organisation.objects.none(),
        empty_label="Select a local authority",
        required=False,
    )
    employer_name = forms.CharField(
        label="Name of your employer",
        help_text="If your employer is not a local authority",
        max_length=200,
        required=False,
    )
    region = _radios(
        Region.choices,
        "Select the region you mainly work in",
        "Region you mainly work in",
        help_text="If your employer is not a local authority. For a local authority we use "
        "its region.",
        required=False,
    )
    role_started = GovukDateField(
        label="When did you start your current role?",
        label_lower="date you started your current role",
        help_text="For example, 27 3 2021",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["local_authority"].queryset = _local_authorities()

    @staticmethod
    def initial_for(application: Application) -> dict:
        employer = application.employer
        initial = {
            "job_title": application.job_title,
            "role_level": application.role_level,
            "sector": application.sector,
            "region": application.region,
            "role_started": application.role_started,
        }
        if employer is not None:
            initial["employer_kind"] = employer.kind
            if employer.is_local_authority:
                initial["local_authority"] = employer.pk
                initial["region"] = ""
            else:
                initial["employer_name"] = employer.name
        return initial

    def clean_role_started(self):
        started = self.cleaned_data.get("role_started")
        if started and started > timezone.localdate():
            raise forms.ValidationError(
                "The date you started your current role must be today or in the past"
            )
        return started

    def clean(self):
        data = super().clean()
        kind = data.get("employer_kind")
        if kind == OrganisationKind.LOCAL_AUTHORITY:
            if self.completing and not data.get("local_authority"):
                self.add_error("local_authority", "Select your local authority")
        elif kind:
            if self.completing and not data.get("employer_name", "").strip():
                self.add_error("employer_name", "Enter the name of your employer")
            if self.completing and not data.get("region"):
                self.add_error("region", "Select the region you mainly work in")
        return data


class CareerEntryForm(OnceFormMixin, GovukModelForm):
    employer_name = forms.CharField(
        label="Employer", max_length=200, error_messages={"required": "Enter the employer"}
    )
    job_title = forms.CharField(
        label="Job title", max_length=200, error_messages={"required": "Enter the job title"}
    )
    started = GovukDateField(
        label="Start date",
        label_lower="start date",
        help_text="For example, 1 9 2018",
    )
    ended = GovukDateField(
        label="End date",
        label_lower="end date",
        help_text="Leave empty if this is your current role",
        required=False,
    )
    senior_leadership = forms.BooleanField(
        label="Was this a senior leadership role?",
        help_text="For example, head of service, assistant director or above, with "
        "responsibility for a service, budget and managers.",
        required=False,
        widget=forms.CheckboxInput(
            attrs={"data-checkbox-label": "Yes, this was a senior leadership and management role"}
        ),
    )
    summary = forms.CharField(
        label="Main responsibilities (optional)",
        help_text=f"Up to {SUMMARY_WORDS} words",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "data-maxwords": SUMMARY_WORDS}),
    )

    class Meta:
        model = CareerEntry
        fields = ["employer_name", "job_title", "started", "ended", "senior_leadership", "summary"]

    def clean_started(self):
        started = self.cleaned_data.get("started")
        if started and started > timezone.localdate():
            raise forms.ValidationError("The start date must be today or in the past")
        return started

    def clean_summary(self):
        summary = self.cleaned_data["summary"]
        if count_words(summary) > SUMMARY_WORDS:
            raise forms.ValidationError(
                f"Main responsibilities must be {SUMMARY_WORDS} words or fewer"
            )
        return summary

    def clean(self):
        data = super().clean()
        started, ended = data.get("started"), data.get("ended")
        if ended and ended > timezone.localdate():
            self.add_error("ended", "The end date must be today or in the past")
        elif started and ended and ended < started:
            self.add_error("ended", "The end date must be the same as or after the start date")
        return data


DRAFT_WORDS_FACTOR = 2


class StatementForm(GovukForm):
    page_heading_field = "text"

    def __init__(self, *args, capability, **kwargs):
        super().__init__(*args, **kwargs)
        self.capability = capability
        self.fields["text"] = forms.CharField(
            label=capability.name,
            help_text=capability.description,
            required=False,
            strip=False,
            widget=forms.Textarea(attrs={"rows": 14, "data-maxwords": capability.word_limit}),
        )

    def clean_text(self):
        """A draft may run over the word limit while it is worked on (submitting needs it
        within), but not far over: twice the limit is refused before anything is saved."""
        text = self.cleaned_data["text"]
        limit, words = self.capability.word_limit, count_words(self.cleaned_data["text"])
        if words > DRAFT_WORDS_FACTOR * limit:
            raise forms.ValidationError(
                f"{self.capability.name} must be {limit} words or fewer. It has {words:,} "
                f"words, too many to save: shorten it to {DRAFT_WORDS_FACTOR * limit} or fewer "
                "to save a draft"
            )
        return text


class SponsorForm(GovukForm):
    sponsor_name = forms.CharField(
        label="Sponsor's full name",
        max_length=200,
        error_messages={"required": "Enter your sponsor's full name"},
    )
    sponsor_email = forms.EmailField(
        label="Sponsor's email address",
        help_text="We will email your sponsor a link to endorse your application.",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your sponsor's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    sponsor_role = _radios(SponsorRole.choices, "Select your sponsor's role", "Sponsor's role")

    def __init__(self, *args, applicant_email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.applicant_email = applicant_email

    def clean_sponsor_email(self):
        email = self.cleaned_data["sponsor_email"].strip().lower()
        # Your own address with a "+tag" reaches you too.
        if mailbox(email) == mailbox(self.applicant_email):
            raise forms.ValidationError("Your sponsor must be someone other than you")
        return email


class SponsorResponseForm(GovukForm):
    supports = _radios(
        [("yes", "Yes, I support this application"), ("no", "No, I do not support it")],
        "Select yes if you support this application",
        "Do you support this application?",
    )
    comment = text_area_field(
        "Comment (optional)",
        rows=5,
        help_text="The programme team reads this. The applicant does not see it.",
        max_length=2000,
        too_long="Your comment must be 2,000 characters or fewer",
    )


class DeclarationForm(GovukForm):
    confirmed = forms.BooleanField(
        label="Declaration",
        widget=forms.CheckboxInput(
            attrs={
                "data-checkbox-label": "I confirm the information in this application is true "
                "and complete, and that my sponsor knows I am applying."
            }
        ),
        error_messages={
            "required": "Confirm that the information in your application is true and complete"
        },
    )

    def __init__(self, *args, shortfall=None, **kwargs):
        """`shortfall` (a services.LeadershipShortfall) asks for the reason before the box."""
        super().__init__(*args, **kwargs)
        if shortfall is not None:
            said = (
                f" You told us {shortfall.stated_years} years."
                if shortfall.stated_years is not None
                else ""
            )
            self.fields = {
                "leadership_reason": text_area_field(
                    "Why does your career history show less senior leadership?",
                    rows=5,
                    help_text=f"Your career history shows {shortfall.history} of senior "
                    f"leadership, less than the minimum of {shortfall.min_years} years.{said} "
                    "Tell us what it leaves out, such as acting or interim roles. The "
                    "programme team reads this with your application.",
                    max_length=2000,
                    empty=(
                        "Enter why your career history shows less senior leadership than the "
                        f"minimum of {shortfall.min_years} years"
                    ),
                    too_long="Your reason must be 2,000 characters or fewer",
                ),
                **self.fields,
            }


class WithdrawForm(GovukForm):
    page_heading_field = None
    reason = text_area_field(
        "Why are you withdrawing your application?",
        rows=5,
        help_text="This helps us improve the programme. Only the programme team sees it.",
        max_length=2000,
        empty="Enter why you are withdrawing your application",
        too_long="Your reason must be 2,000 characters or fewer",
    )
