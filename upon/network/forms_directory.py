"""The directory's forms: a member's own profile, and the list's filters (sent by GET)."""

from django import forms

from upon.network.directory import ROLE_CHOICES
from upon.network.models import ABOUT_MAX, ContactPreference, Topic
from upon.organisations.models import Region
from upon.service.forms import GovukForm, text_area_field
from upon.support.coach_pool import CAPABILITY_NAMES

SEARCH_MAX = 200


def _checkboxes(label: str, choices, *, help_text: str = "", coerce=str):
    return forms.TypedMultipleChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        coerce=coerce,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        # A GOV.UK message, not SQL.
        error_messages={"invalid_choice": f"Select {label.lower()} from the list"},  # noqa: S608  # nosec B608  # a message, not SQL
    )


class ProfileForm(GovukForm):
    about = text_area_field(
        "About you",
        rows=5,
        max_length=ABOUT_MAX,
        too_long=f"About you must be {ABOUT_MAX:,} characters or fewer",
        help_text=(
            f"What you would like other members to know. Up to {ABOUT_MAX:,} characters. "
            "Do not include your email address or phone number."
        ),
    )
    region = forms.ChoiceField(
        label="Region",
        choices=[("", "The region of my authority"), *Region.choices],
        required=False,
        help_text="Leave as the region of your authority, or choose another",
        error_messages={"invalid_choice": "Select a region from the list"},
    )
    topics = _checkboxes(
        "Topics you will talk about",
        Topic.choices,
        help_text="Members looking for a peer on a topic find you. Select all that apply.",
    )
    strengths = _checkboxes(
        "Capability strengths",
        sorted(CAPABILITY_NAMES.items()),
        help_text="The capabilities you could help others with. Select all that apply.",
        coerce=int,
    )
    contact_preferences = _checkboxes(
        "How you like to be contacted",
        ContactPreference.choices,
        help_text="Other members write to you through Upon first. Select all that apply.",
    )


class DirectoryFilterForm(GovukForm):
    """The directory's filters. Every field is optional: an empty form lists everyone."""

    q = forms.CharField(
        label="Search",
        help_text="A name, or words from what people say about themselves",
        required=False,
        max_length=SEARCH_MAX,
        error_messages={"max_length": f"Search must be {SEARCH_MAX} characters or fewer"},
    )
    role = _checkboxes("Role", ROLE_CHOICES)
    region = _checkboxes("Region", Region.choices)
    cohort = forms.TypedChoiceField(
        label="Cohort",
        choices=[],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Select a cohort from the list"},
    )
    topic = _checkboxes("Topic", Topic.choices)
    strength = _checkboxes("Capability", sorted(CAPABILITY_NAMES.items()), coerce=int)

    def __init__(self, *args, cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [("", "Any cohort"), *cohorts]

    def filters(self) -> dict:
        """The valid filters as keyword arguments for `directory.search`: a tampered value is
        dropped (the form shows its error), the rest still apply."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "text": (data.get("q") or "").strip(),
            "roles": data.get("role") or [],
            "regions": data.get("region") or [],
            "cohort_id": data.get("cohort"),
            "topics": data.get("topic") or [],
            "strengths": data.get("strength") or [],
        }
