"""Erasure that keeps the figures (issue 15, item 4).

A person is erased by anonymising, not deleting: every row that is theirs keeps its place (so
the funnel, the equality counts, attendance and coaching hours count the same) with its personal
fields blanked, its files deleted and its history purged; a few rows nothing counts are deleted;
their account is kept, nameless and unusable, so other people's records that point at it (a
decision they made, a role they granted) now point at "Erased person". Sessions end.

`anonymise` is shared with the retention schedule, which anonymises old applications alone.
"""

import logging

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.utils import timezone

from upon.privacy import registry
from upon.privacy.models import Anonymised, PersonalDataRequest, RequestKind
from upon.privacy.people import BY_EMAIL, Found, deletes, find

log = logging.getLogger(__name__)

ERASED_NAME = "Erased person"
ERASED = "Erased"


def erased_email(pk: int) -> str:
    return f"erased-{pk}@erased.invalid"


def _replacement(field, pk: int):
    """What a personal field becomes: empty where it may be, else a word that says nothing."""
    if isinstance(field, models.JSONField):
        return field.get_default()
    if isinstance(field, models.EmailField):
        return "" if field.blank else erased_email(pk)
    if field.unique:
        return f"X{pk}"[: field.max_length]
    if field.blank or field.null:
        return "" if field.blank else None
    return ERASED[: field.max_length] if field.max_length else ERASED


def personal_fields(model) -> list:
    """The fields anonymising blanks: text, e-mail and JSON without choices, not kept."""
    keep = registry.KEEP.get(model._meta.label, set())
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
        and not isinstance(field, models.GeneratedField)
        and not field.choices
        and not field.primary_key
        and field.name not in keep
    ]


def file_fields(model) -> list:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def anonymise(held: dict) -> tuple[int, int]:
    """Blank the personal fields of `held` {model: pks}, delete their files and history (or
    the rows themselves, for the models declared `deleted`). Returns (rows, files)."""
    rows = files = 0
    for model, pks in held.items():
        if not pks:
            continue
        manager = model._default_manager
        for field in file_fields(model):
            for name in manager.filter(pk__in=pks).values_list(field.name, flat=True):
                if name:
                    field.storage.delete(name)
                    files += 1
        history = getattr(model, "history", None)
        if history is not None:
            history.filter(id__in=pks).delete()
        if deletes(model):
            manager.filter(pk__in=pks).delete()
            rows += len(pks)
            continue
        fields = personal_fields(model) + file_fields(model)
        for pk in sorted(pks):
            values = {
                f.name: "" if isinstance(f, models.FileField) else _replacement(f, pk)
                for f in fields
            }
            if values:
                # update(): no history row is written for the anonymised values.
                manager.filter(pk=pk).update(**values)
            rows += 1
    return rows, files


def _purge_history_of(person) -> None:
    """History rows naming the person whose live row is gone (deleted since): found by the
    historical copies of the relations that make a row theirs."""
    for relation in registry.relations_into(registry.user_model()):
        link = registry.LINKS.get(registry.key(relation))
        history = getattr(relation.model, "history", None)
        if (
            link
            and link.kind == registry.SUBJECT
            and history is not None
            and not relation.many_to_many
        ):
            history.filter(**{f"{relation.name}_id": person.pk}).delete()


def _end_sessions(person) -> int:
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(person.pk):
            session.delete()
            ended += 1
    return ended


def _anonymise_account(person) -> None:
    person.email = erased_email(person.pk)
    person.full_name = ERASED_NAME
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.email_confirmed_at = None
    person.account_exists_emailed_at = None
    person.last_login = None
    person.set_unusable_password()
    person.save()
    person.groups.clear()
    person.user_permissions.clear()


def _anonymise_by_email(found: Found) -> int:
    """Rows holding their email address (an invitation, an endorsement they gave)."""
    done = 0
    for model, pks in found.by_email.items():
        field = model._meta.get_field(BY_EMAIL[model._meta.label])
        done += anonymise({model: pks})[0]
        for pk in pks:
            model._default_manager.filter(pk=pk).update(**{field.name: erased_email(pk)})
    return done


def _admin_log(found: Found) -> None:
    """The admin's log names the objects it changed: forget the person's."""
    for model, pks in [(registry.user_model(), {found.person.pk}), *found.held.items()]:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in pks],
        ).update(object_repr=ERASED, change_message="")


def erase(*, person, by, programme) -> PersonalDataRequest:
    """Erase `person` (the module's docstring), logged as done by `by` for `programme`."""
    with transaction.atomic():
        found = find(person)
        rows, files = anonymise(found.held)
        rows += _anonymise_by_email(found)
        _purge_history_of(person)
        _admin_log(found)
        record = PersonalDataRequest.objects.create(
            kind=RequestKind.ERASURE,
            person=person,
            programme=programme,
            done_by=by,
            rows=rows,
            files=files,
        )
        Anonymised.record(found.held)
        _anonymise_account(person)
        _end_sessions(person)
    log.info("Erased person %s: %s rows, %s files", person.pk, rows, files)
    return record
