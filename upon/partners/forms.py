"""The lead's forms: a partner organisation's name, and what a new token is for."""

from django import forms

from upon.partners.models import NAME_MAX, ApiToken
from upon.service.forms import GovukForm, OnceFormMixin


class PartnerForm(OnceFormMixin, GovukForm):
    page_heading_field = "name"
    name = forms.CharField(
        label="Name of the partner organisation",
        max_length=NAME_MAX,
        error_messages={
            "required": "Enter the name of the partner organisation",
            "max_length": f"The name must be {NAME_MAX} characters or fewer",
        },
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter the name of the partner organisation")
        return name

    def refuse(self, problem) -> None:
        self.add_error(problem.field if problem.field in self.fields else None, problem.message)


TOKEN_NAME_MAX = ApiToken._meta.get_field("name").max_length


class TokenForm(OnceFormMixin, GovukForm):
    page_heading_field = "name"
    name = forms.CharField(
        label="What is the token for?",
        help_text="For example, research dashboard. It names the token on this service.",
        max_length=TOKEN_NAME_MAX,
        error_messages={
            "required": "Enter what the token is for",
            "max_length": f"What the token is for must be {TOKEN_NAME_MAX} characters or fewer",
        },
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter what the token is for")
        return name
