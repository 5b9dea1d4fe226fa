"""One base for every form in Upon: GOV.UK Design System markup, error summary and wording."""

import datetime
import uuid

from django import forms
from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"


class GovukFormMixin:
    """Shared behaviour: set `page_heading_field` on a one-question page so its label is the h1."""

    page_heading_field: str | None = None
    template_name = "govuk/form.html"

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

    submission = forms.CharField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)

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

    def __init__(self, *, label_lower: str = "date", **kwargs):
        self.label_lower = label_lower
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
        return value

    def clean(self, value):
        # MultiValueField only calls compress when some value is present; run it always so
        # the messages above are the ones people see.
        return self.compress(value if isinstance(value, list | tuple) else [])


def count_words(text: str) -> int:
    return len(text.split())
