"""The team's coach pool forms, the director's ranking and the forms that end a relationship."""

from django import forms
from django.contrib.auth import get_user_model

from upon.organisations.models import Region
from upon.service.forms import (
    GovukDateField,
    GovukForm,
    GovukModelForm,
    OnceFormMixin,
    radio_field,
    text_area_field,
    whole_number_field,
)
from upon.support.coach_pool import CAPABILITY_NAMES, DETAILS
from upon.support.models import Coach, CoachingMode


class CoachForm(GovukModelForm):
    background = text_area_field("Background", rows=5, empty="Enter the coach's background")
    specialisms = forms.TypedMultipleChoiceField(
        label="Specialisms",
        help_text="The capabilities they coach best. Select all that apply.",
        choices=sorted(CAPABILITY_NAMES.items()),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    regions = forms.MultipleChoiceField(
        label="Regions",
        help_text="Where they coach in person. Select all that apply.",
        choices=Region.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    mode = radio_field("How do they coach?", CoachingMode.choices, empty="Select how they coach")
    capacity = whole_number_field(
        "How many directors can they coach at once?",
        0,
        20,
        empty="Enter how many directors they can coach at once",
        named="The number of directors",
    )
    available_from = GovukDateField(
        label="Available from",
        label_lower="date they are available from",
        help_text="Leave blank if they are available now. For example, 1 9 2026",
        required=False,
        years_ahead=2,
    )
    available_until = GovukDateField(
        label="Available until",
        label_lower="date they are available until",
        help_text="Leave blank if there is no end. For example, 31 8 2028",
        required=False,
        years_ahead=5,
    )

    class Meta:
        model = Coach
        fields = list(DETAILS)

    def clean(self):
        data = super().clean()
        start, end = data.get("available_from"), data.get("available_until")
        if start and end and end < start:
            self.add_error(
                "available_until", "The date they are available until must be after they start"
            )
        return data

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in DETAILS}


class NewCoachForm(OnceFormMixin, CoachForm):
    email = forms.EmailField(
        label="Email address of the coach's account",
        help_text="They need an account first: invite them if they do not have one.",
        error_messages={
            "required": "Enter the email address of the coach's account",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    field_order = ["email", *DETAILS]

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError("No account uses this email address: invite the coach")
        self.user = user
        return email


class DeclareConflictForm(OnceFormMixin, GovukForm):
    director = forms.ModelChoiceField(
        label="Director",
        queryset=get_user_model().objects.none(),
        empty_label="Select a director",
        error_messages={"required": "Select the director", "invalid_choice": "Select the director"},
    )
    reason = text_area_field(
        "What is the conflict of interest?", rows=3, empty="Enter the conflict of interest"
    )

    def __init__(self, *args, directors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["director"].queryset = directors


class RankingForm(GovukForm):
    """One rank per shortlisted coach: 1 for the coach they most want; blank leaves them out."""

    def __init__(self, *args, shortlisted, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not ranked")] + [(str(n), str(n)) for n in range(1, len(shortlisted) + 1)]
        for entry in shortlisted:
            self.fields[f"coach_{entry.coach.pk}"] = forms.TypedChoiceField(
                label=f"Rank for {entry.coach.user.full_name}",
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=entry.rank,
            )

    def clean(self):
        data = super().clean()
        seen = set()
        for name, value in list(data.items()):
            if value is None:
                continue
            if value in seen:
                self.add_error(name, "Select a different rank for each coach")
            seen.add(value)
        if not seen and not self.errors:
            raise forms.ValidationError("Select a rank for at least one coach")
        return data

    def ranks(self) -> dict[int, int]:
        return {
            int(name.removeprefix("coach_")): value
            for name, value in self.cleaned_data.items()
            if value is not None
        }


class EndCoachingForm(GovukForm):
    note = text_area_field("Why?", rows=3, empty="Enter why")

    def __init__(self, *args, label, empty, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].label = label
        self.fields["note"].error_messages["required"] = empty
