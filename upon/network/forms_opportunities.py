"""Opportunities: posting or changing one, the members' filters, and an alert."""

from django import forms
from django.utils import timezone

from upon.network.models import POST_MAX, TITLE_MAX, OpportunityKind
from upon.network.opportunities import EMPLOYERS
from upon.organisations.models import Region
from upon.service.forms import (
    GovukDateField,
    GovukForm,
    OnceFormMixin,
    radio_field,
    text_area_field,
)

ANY = [("", "Any")]


def http_link(value: str) -> str:
    """A web address starting http:// or https:// (never javascript:, data: and the like)."""
    value = value.strip()
    if value and not value.lower().startswith(("http://", "https://")):
        raise forms.ValidationError(
            "Enter a web address starting with http:// or https://", code="scheme"
        )
    return value


class OpportunityForm(OnceFormMixin, GovukForm):
    kind = radio_field("Kind of opportunity", OpportunityKind.choices, empty="Select the kind")
    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX,
        error_messages={
            "required": "Enter the title",
            "max_length": f"Title must be {TITLE_MAX} characters or fewer",
        },
    )
    employer = forms.ModelChoiceField(
        label="Employer",
        queryset=EMPLOYERS,
        empty_label="Select the local authority",
        error_messages={
            "required": "Select the employer",
            "invalid_choice": "Select the employer from the list",
        },
    )
    region = forms.ChoiceField(
        label="Region",
        choices=[("", "The employer's region"), *Region.choices],
        required=False,
        help_text="Leave as the employer's region unless the post is elsewhere.",
        error_messages={"invalid_choice": "Select a region from the list"},
    )
    description = text_area_field(
        "Description",
        rows=8,
        empty="Enter the description",
        too_long=f"Description must be {POST_MAX:,} characters or fewer",
        max_length=POST_MAX,
    )
    link = forms.CharField(
        label="Where to apply (optional)",
        required=False,
        max_length=200,
        help_text="A web address starting with https://",
        error_messages={"max_length": "Where to apply must be 200 characters or fewer"},
    )
    closes_on = GovukDateField(
        label="Closing date",
        label_lower="closing date",
        help_text="For example, 27 3 2027",
        years_ahead=2,
    )

    def clean_link(self):
        link = http_link(self.cleaned_data["link"])
        if link:
            forms.URLField(assume_scheme="https").clean(link)  # a real address, with a host
        return link

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on and closes_on < timezone.localdate():
            raise forms.ValidationError("The closing date must be today or in the future")
        return closes_on


class FilterForm(GovukForm):
    region = forms.ChoiceField(label="Region", choices=ANY + Region.choices, required=False)
    kind = forms.ChoiceField(label="Kind", choices=ANY + OpportunityKind.choices, required=False)


class AlertForm(OnceFormMixin, GovukForm):
    region = forms.ChoiceField(
        label="Region", choices=[("", "Any region"), *Region.choices], required=False
    )
    kind = forms.ChoiceField(
        label="Kind of opportunity",
        choices=[("", "Any kind"), *OpportunityKind.choices],
        required=False,
    )
