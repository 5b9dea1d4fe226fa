"""Records two people can edit at once: each carries a version.

An edit page sends the version the person opened (a hidden field, from `VersionedFormMixin`);
the save `claim`s the next version only if the record is still at that one, in one conditional
UPDATE, so of two saves of the same version exactly one wins (on PostgreSQL the second UPDATE
waits for the first to commit, then finds the version moved). The other is refused with
`StaleVersion`: nothing is overwritten, and the page shows what is saved now beside what the
person typed, keeping what they typed in the form with the version saved now, so saving again
applies their changes on top.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone


class Versioned(models.Model):
    """A version, and who changed the record last and when (empty until the first change)."""

    version = models.PositiveIntegerField(default=1)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Only claim and bump move a version (in the database, with F()), so saving a record
        # loaded earlier never takes its version back under someone else's claim.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in VERSION_FIELDS
            ]
        super().save(*args, **kwargs)


VERSION_FIELDS = ("version", "changed_by", "changed_at")


class StaleVersion(Exception):
    """Someone else saved this record since the person opened it: nothing was overwritten."""

    message = (
        "Someone else changed this since you opened it. Your changes have not been saved: "
        "check the latest version below and make your changes again."
    )


def claim(record: Versioned, *, version: int | None, by=None, now=None) -> None:
    """Move `record` to its next version if it is still at `version`, or raise StaleVersion.

    Call it first, inside the transaction that saves the change, so the row stays held until
    the change commits. A missing version (a page opened before versions, a hand-made request)
    is stale: the person sees what is saved now and saves again.
    """
    now = now or timezone.now()
    claimed = (
        type(record)
        ._default_manager.filter(pk=record.pk, version=version)
        .update(version=F("version") + 1, changed_by=by, changed_at=now)
    )
    if not claimed:
        raise StaleVersion()
    record.version, record.changed_by, record.changed_at = version + 1, by, now


@transaction.atomic
def save_form(form, *, by, also=()):
    """Save a valid model form (and `also`, the page's other forms, like a formset) if its
    record is still at the version the person opened; StaleVersion, saving nothing, if not."""
    claim(form.instance, version=form.cleaned_data.get("version"), by=by)
    saved = form.save()
    for other in also:
        other.save()
    return saved


def bump(queryset) -> int:
    """Move every record in `queryset` to its next version: for changes made without an edit
    page (several at once), so a page opened before them is refused, not overwriting them."""
    return queryset.update(version=F("version") + 1, changed_at=timezone.now())


@dataclass(frozen=True)
class Difference:
    label: str
    saved: str
    typed: str


@dataclass(frozen=True)
class Stale:
    """What the stale page shows: who changed the record last and when, and each field that
    differs between what is saved now and what the person typed."""

    changed_by: object
    changed_at: datetime.datetime | None
    differences: tuple[Difference, ...]


class VersionedFormMixin:
    """Put it first among a form's bases. Adds the hidden `version` of the record being changed
    (a model form's instance, or `record=`); a new record has none.

    After StaleVersion, `refuse_stale(saved)`, with an unbound form of the same class showing
    the record as saved now, keeps what the person typed, takes the saved version and sets
    `stale` for the page (govuk/error_summary.html shows govuk/stale_version.html).
    """

    stale: Stale | None = None

    def __init__(self, *args, record=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record if record is not None else getattr(self, "instance", None)
        if self.record is not None and self.record.pk is not None:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
            self.initial["version"] = self.record.version

    def refuse_stale(self, saved: "VersionedFormMixin", *, more=()) -> None:
        """`more`: differences in the page's other forms (an intake's capabilities)."""
        record = saved.record
        found = (*differences(self, saved), *more)
        self.stale = Stale(record.changed_by, record.changed_at, found)
        carry_version(self, record.version)


def carry_version(form, version: int) -> None:
    """Keep what the person typed in the bound `form`, but with the version saved now, so their
    next save applies it instead of being refused again and again."""
    form.data = form.data.copy()
    form.data[form.add_prefix("version")] = str(version)


def differences(typed, saved, *, label="{}") -> list[Difference]:
    """Each visible field whose value as typed (the bound form `typed`) is not what is saved
    now (the unbound form `saved`), labelled `label` with {} for the field's label."""
    found = []
    for name, field in typed.fields.items():
        if field.widget.is_hidden:
            continue
        now, wanted = shown(field, saved[name].value()), shown(field, typed[name].value())
        if now != wanted:
            found.append(Difference(label.format(field.label), now, wanted))
    return found


def shown(field: forms.Field, value) -> str:
    """A field's value (as saved, or as typed) the way the person would read it."""
    if isinstance(field, forms.MultiValueField):
        parts = value if isinstance(value, list | tuple) else field.widget.decompress(value)
        return " ".join(str(part).strip() for part in parts if part not in (None, ""))
    if isinstance(field, forms.BooleanField):
        return "Yes" if field.to_python(value) else "No"
    choices = getattr(field, "choices", None)
    if choices is not None:
        labels = {str(key): str(label) for key, label in choices}
        values = value if isinstance(value, list | tuple) else [value]
        keys = ["" if v is None else str(v) for v in values]
        return ", ".join(sorted(labels.get(key, key) for key in keys if labels.get(key, key)))
    return "" if value is None else str(value).strip().replace("\r\n", "\n")
