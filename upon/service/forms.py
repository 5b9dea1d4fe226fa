"""One base for every form in Upon: GOV.UK Design System markup, error summary and wording."""

import datetime
import re
import uuid

from django import forms
from django.core import validators
from django.forms.renderers import TemplatesSetting
from django.utils import timezone


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"


# The most a person may type where a field names no maximum of its own: a box of several pages,
# a one-line answer (and a password: hashing has a cost per character).
LONG_TEXT = 10_000
SHORT_TEXT = 1_000


def cap_text(field: forms.Field) -> None:
    """Give a text field with no maximum the default one, with a GOV.UK message."""
    if not isinstance(field, forms.CharField) or field.max_length is not None:
        return
    field.max_length = LONG_TEXT if isinstance(field.widget, forms.Textarea) else SHORT_TEXT
    field.validators.append(validators.MaxLengthValidator(field.max_length))
    label = field.label or "This"
    field.error_messages.setdefault(
        "max_length", f"{label} must be {field.max_length:,} characters or fewer"
    )


class GovukFormMixin:
    """Shared behaviour: set `page_heading_field` on a one-question page so its label is the h1.

    No text field is unbounded: one that names no `max_length` gets LONG_TEXT (a text area) or
    SHORT_TEXT characters, so nothing far beyond what a page could hold is ever saved.
    """

    page_heading_field: str | None = None
    template_name = "govuk/form.html"

    def full_clean(self):
        # Here rather than in __init__, so fields a form adds in its own __init__ are capped too.
        for field in self.fields.values():
            cap_text(field)
        super().full_clean()

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor id, message) pairs for the GOV.UK error summary, in field order."""
        items = []
        for error in self.non_field_errors():
            items.append(("", error))
        for field in self:
            for error in field.errors:
                items.append((first_input_id(field), error))
        return items


class GovukForm(GovukFormMixin, forms.Form):
    pass


class OnceFormMixin(forms.Form):
    """A hidden token, fresh on each page and kept when the form comes back with errors, so
    a view decorated with `upon.service.once.once` saves a form sent twice once. The view
    reads the token itself: the form only carries it."""

    submission = forms.CharField(
        widget=forms.HiddenInput, required=False, initial=uuid.uuid4, max_length=36
    )

    def full_clean(self):
        super().full_clean()
        # Not an answer: views that pass cleaned_data on as keyword arguments never see it.
        getattr(self, "cleaned_data", {}).pop("submission", None)


class OnceForm(OnceFormMixin, forms.Form):
    """The token alone, for a form that is only a button (`{% once_field %}`)."""


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


def first_input_id(bound_field) -> str:
    """The id of the input an error summary link should focus."""
    widget_type = bound_field.widget_type
    if widget_type in {"radioselect", "checkboxselectmultiple", "govukdate"}:
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


class GovukDateWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year in three boxes."""

    def __init__(self, attrs=None):
        super().__init__(
            [
                forms.TextInput(attrs={"inputmode": "numeric"}),
                forms.TextInput(attrs={"inputmode": "numeric"}),
                forms.TextInput(attrs={"inputmode": "numeric"}),
            ],
            attrs,
        )

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    widget = GovukDateWidget

    def __init__(self, *, label_lower: str = "date", years_ahead: int = 10, **kwargs):
        """A date from 1900 to the end of the year `years_ahead` from now: far enough for any
        programme, near enough that a typo like 9999 is caught rather than planned for."""
        self.label_lower = label_lower
        self.years_ahead = years_ahead
        required = kwargs.get("required", True)
        fields = (
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
        )
        super().__init__(fields=fields, require_all_fields=False, **kwargs)
        self.required = required

    def compress(self, data_list):
        if not data_list or not any(data_list):
            if self.required:
                raise forms.ValidationError(f"Enter the {self.label_lower}", code="required")
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = [
            name for name, part in (("day", day), ("month", month), ("year", year)) if not part
        ]
        if missing:
            raise forms.ValidationError(
                f"The {self.label_lower} must include a {' and '.join(missing)}", code="incomplete"
            )
        try:
            value = datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(
                f"The {self.label_lower} must be a real date", code="invalid"
            ) from None
        if value.year < 1900:
            raise forms.ValidationError(
                f"The {self.label_lower} must be a real date", code="invalid"
            )
        latest = datetime.date(timezone.localdate().year + self.years_ahead, 12, 31)
        if value > latest:
            raise forms.ValidationError(
                f"The {self.label_lower} must be {latest.day} {latest:%B %Y} or earlier",
                code="too_late",
            )
        return value

    def clean(self, value):
        # MultiValueField only calls compress when some value is present; run it always so
        # the messages above are the ones people see.
        return self.compress(value if isinstance(value, list | tuple) else [])


TIME_PATTERN = re.compile(r"^(\d{1,2})[:.](\d{2})$")


class TimeField(forms.CharField):
    """A 24-hour time typed as hh:mm, like 09:00 or 23:59."""

    def __init__(self, *, label_lower: str, **kwargs):
        self.label_lower = label_lower
        kwargs.setdefault("help_text", "Use the 24-hour clock, UK time, like 09:00 or 23:59")
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"class": "govuk-input--width-5", "spellcheck": "false"},
            ),
        )
        super().__init__(
            error_messages={"required": f"Enter the {label_lower}"}, max_length=5, **kwargs
        )

    def clean(self, value):
        text = super().clean(value).strip()
        if not text and not self.required:
            return None
        match = TIME_PATTERN.match(text)
        if match:
            hour, minute = int(match[1]), int(match[2])
            if hour < 24 and minute < 60:
                return datetime.time(hour, minute)
        raise forms.ValidationError(
            f"Enter the {self.label_lower} in the 24-hour format hh:mm, like 09:00 or 23:59",
            code="invalid",
        )


# Field makers for the shapes every app repeats. `empty` is the GOV.UK message when nothing is
# given; a field made without it is optional.


def _messages(empty: str | None, **messages: str | None) -> dict[str, str]:
    return {
        key: message
        for key, message in {"required": empty, **messages}.items()
        if message is not None
    }


def radio_field(
    label: str, choices, *, empty: str | None = None, invalid: str | None = None, **kwargs
) -> forms.ChoiceField:
    """GOV.UK radios: one answer from a few."""
    kwargs.setdefault("required", empty is not None)
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages=_messages(empty, invalid_choice=invalid),
        **kwargs,
    )


def text_area_field(
    label: str, *, rows: int, empty: str | None = None, too_long: str | None = None, **kwargs
) -> forms.CharField:
    """A GOV.UK textarea of `rows` lines."""
    kwargs.setdefault("required", empty is not None)
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=_messages(empty, max_length=too_long),
        **kwargs,
    )


def numeric_input(width: int = 3, **attrs: str) -> forms.TextInput:
    """A narrow text box with the numeric keypad: GOV.UK's advice for whole numbers."""
    return forms.TextInput(
        attrs={"inputmode": "numeric", **attrs, "class": f"govuk-input--width-{width}"}
    )


def whole_number_field(
    label: str,
    min_value: int,
    max_value: int,
    *,
    empty: str,
    named: str | None = None,
    invalid: str | None = None,
    too_small: str | None = None,
    too_big: str | None = None,
    **kwargs,
) -> forms.IntegerField:
    """A whole number from `min_value` to `max_value`, typed in `numeric_input()` unless a
    widget is given. With `named`, the messages are "<named> must be a whole number" and
    "<named> must be between <min> and <max>"."""
    if named:
        invalid = invalid or f"{named} must be a whole number"
        between = f"{named} must be between {min_value} and {max_value}"
        too_small, too_big = too_small or between, too_big or between
    kwargs.setdefault("widget", numeric_input())
    return forms.IntegerField(
        label=label,
        min_value=min_value,
        max_value=max_value,
        error_messages=_messages(empty, invalid=invalid, min_value=too_small, max_value=too_big),
        **kwargs,
    )


def count_words(text: str) -> int:
    return len(text.split())
