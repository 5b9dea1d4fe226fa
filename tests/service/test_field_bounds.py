"""Every field a person types into has a bound: text a maximum length, dates a window of years.
Found, not listed: every form class in upon/, its declared fields."""

import datetime
import importlib
import inspect
import pkgutil

import pytest
from django import forms

import upon
from upon.service.forms import (
    LONG_TEXT,
    SHORT_TEXT,
    GovukDateField,
    GovukForm,
    GovukFormMixin,
)


def form_classes():
    found = {}
    for module_info in pkgutil.walk_packages(upon.__path__, "upon."):
        name = module_info.name
        if ".migrations" in name or name.endswith((".admin", "settings", ".wsgi", ".asgi")):
            continue
        if name.rsplit(".", 1)[-1].startswith("test"):
            continue
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                found[f"{name}.{cls.__name__}"] = cls
    return found


FORMS = form_classes()


def unbounded(field) -> str | None:
    if isinstance(field, forms.DateField | forms.DateTimeField):
        return "a plain date field (use GovukDateField, which has a window of years)"
    return None


def test_forms_are_found():
    assert len(FORMS) > 40


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_form_caps_the_text_it_does_not_bound_itself(name):
    form = FORMS[name]
    unbounded_text = [
        field_name
        for field_name, field in form.base_fields.items()
        if isinstance(field, forms.CharField) and field.max_length is None
    ]
    assert issubclass(form, GovukFormMixin) or not unbounded_text, unbounded_text


def test_a_text_field_with_no_maximum_gets_the_default_one():
    class Notes(GovukForm):
        note = forms.CharField(label="Note", widget=forms.Textarea)
        name = forms.CharField(label="Name")
        code = forms.CharField(label="Code", max_length=5)

    form = Notes({"note": "x" * (LONG_TEXT + 1), "name": "x" * (SHORT_TEXT + 1), "code": "abc"})
    assert form.errors == {
        "note": ["Note must be 10,000 characters or fewer"],
        "name": ["Name must be 1,000 characters or fewer"],
    }
    assert Notes({"note": "x" * LONG_TEXT, "name": "x" * SHORT_TEXT, "code": "abc"}).is_valid()


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_date_has_a_window_of_years(name):
    problems = {
        field_name: problem
        for field_name, field in FORMS[name].base_fields.items()
        if not isinstance(field.widget, forms.HiddenInput) and (problem := unbounded(field))
    }
    assert not problems, problems


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        (["1", "1", "1899"], "The start date must be a real date"),
        (["31", "12", "9999"], "The start date must be 31 December 2036 or earlier"),
        (["1", "1", "2036"], None),
    ],
)
def test_dates_have_a_window_of_years(typed, error, stopped_clock, time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
    field = GovukDateField(label_lower="start date")
    if error is None:
        assert field.clean(typed) == datetime.date(*map(int, reversed(typed)))
    else:
        with pytest.raises(forms.ValidationError) as raised:
            field.clean(typed)
        assert raised.value.messages == [error]
