"""The employer's contact (invited by the team or the director) and the contact's check-in."""

from django import forms

from upon.service.forms import GovukForm, OnceFormMixin, radio_field, text_area_field
from upon.support.models import FLAGGED_RISKS, RetentionRisk


class EmployerContactForm(OnceFormMixin, GovukForm):
    contact_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={
            "required": "Enter the employer contact's full name",
            "max_length": "The full name must be 200 characters or fewer",
        },
    )
    contact_email = forms.EmailField(
        label="Email address",
        help_text="We will email them a link to their check-ins.",
        error_messages={
            "required": "Enter the employer contact's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )


class CheckInForm(GovukForm):
    going_well = text_area_field(
        "What is going well?",
        rows=5,
        max_length=5000,
        empty="Enter what is going well",
        too_long="What is going well must be 5000 characters or fewer",
    )
    support_needed = text_area_field(
        "What support is needed?",
        rows=5,
        max_length=5000,
        empty="Enter what support is needed, or 'none'",
        too_long="What support is needed must be 5000 characters or fewer",
    )
    retention_risk = radio_field(
        "Is there a risk that the director will leave their post?",
        RetentionRisk.choices,
        empty="Select the risk to keeping the director in post",
    )
    risk_explanation = text_area_field(
        "What is the risk?",
        rows=4,
        max_length=5000,
        required=False,
        help_text="Needed if you answered some or high. Only the programme team sees this.",
        too_long="What is the risk must be 5000 characters or fewer",
    )

    def clean(self):
        data = super().clean()
        if data.get("retention_risk") in FLAGGED_RISKS and not data.get("risk_explanation", ""):
            self.add_error("risk_explanation", "Enter what the risk is")
        return data
