"""The subject access export (issue 15, item 4): a zip of everything the service holds about one
person, as JSON, and the files they uploaded. Produced by the programme's lead, logged.

- `account.json`: their account (never the password's hash);
- `records/<app>.<Model>.json`: every row that is theirs or part of theirs, and the rows they
  share with another person (a conversation, a coaching relationship), in Django's
  serialisation (`model`, `pk`, `fields`);
- `history/<app>.<Model>.json`: the history kept of those rows;
- `actions.json`: other people's records on which they are named as having acted (which
  record, and as what), without the records themselves;
- `files/<app>.<Model>/<pk>/<name>`: their uploads.

Coaching notes are private to the coach and the director (DESIGN.md). A director's export holds
the notes of their own coaching, as theirs; a coach's holds their relationships and, as
actions, the sessions they recorded, without the notes (`registry.COACHING_NOTES`).
Equality answers are in a person's export (they are theirs): the read is logged.
"""

import io
import json
import zipfile
from pathlib import PurePosixPath

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from upon.privacy import registry
from upon.privacy.erasure import file_fields
from upon.privacy.models import PersonalDataRequest, RequestKind
from upon.privacy.people import Found, find
from upon.reporting.equality_reads import Reading, record
from upon.reporting.models import MonitoringResponse

README = """Everything Upon holds about you, as of {at}.

account.json      your account
records/          every record that is yours, part of yours, or shared with another person
history/          the earlier versions kept of those records
actions.json      other people's records on which you are named as having acted
files/            the files you uploaded

Each record is JSON: "model" says what it is, "pk" its number, "fields" what it holds.
"""


def _dump(model, pks) -> str:
    rows = model._default_manager.filter(pk__in=pks).order_by("pk")
    secret = registry.NOT_EXPORTED.get(model._meta.label)
    if not secret:
        return serializers.serialize("json", rows, indent=2)
    opts = model._meta
    fields = [f.name for f in [*opts.concrete_fields, *opts.many_to_many] if not f.primary_key]
    kept = [name for name in fields if name not in secret]
    return serializers.serialize("json", rows, indent=2, fields=kept)


def _history(model, pks) -> list[dict] | None:
    history = getattr(model, "history", None)
    if history is None:
        return None
    return list(history.filter(id__in=pks).order_by("id", "history_date").values())


def account(person) -> dict:
    fields = [
        "id",
        "email",
        "full_name",
        "is_active",
        "date_joined",
        "last_login",
        "email_confirmed_at",
    ]
    return {name: getattr(person, name) for name in fields}


def _files(found: Found):
    for model, pks in found.held.items():
        for field in file_fields(model):
            for pk, name in model._default_manager.filter(pk__in=pks).values_list("pk", field.name):
                if name and field.storage.exists(name):
                    with field.storage.open(name, "rb") as handle:
                        yield model, pk, PurePosixPath(name).name, handle.read()


def build(found: Found, *, at) -> tuple[bytes, int, int]:
    """The zip's bytes, how many records and how many files it holds."""
    buffer = io.BytesIO()
    records = files = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(at=at.isoformat()))
        archive.writestr(
            "account.json", json.dumps(account(found.person), cls=DjangoJSONEncoder, indent=2)
        )
        groups = [found.held, found.shared, found.by_email]
        for model in sorted({m for g in groups for m in g}, key=lambda m: m._meta.label):
            pks = set().union(*(g.get(model, set()) for g in groups))
            if not pks:
                continue
            label = model._meta.label
            archive.writestr(f"records/{label}.json", _dump(model, pks))
            records += len(pks)
            history = _history(model, pks)
            if history:
                archive.writestr(
                    f"history/{label}.json",
                    json.dumps(history, cls=DjangoJSONEncoder, indent=2),
                )
        actions = [
            {"record": model._meta.label, "id": pk, "named_as": name}
            for (model, name), pks in sorted(
                found.actions.items(), key=lambda item: (item[0][0]._meta.label, item[0][1])
            )
            for pk in sorted(pks)
        ]
        archive.writestr("actions.json", json.dumps(actions, indent=2))
        for model, pk, name, content in _files(found):
            archive.writestr(f"files/{model._meta.label}/{pk}/{name}", content)
            files += 1
    return buffer.getvalue(), records, files


def export(*, person, by, programme, at) -> tuple[bytes, PersonalDataRequest]:
    """The person's zip, and the log row saying who produced it and when."""
    with transaction.atomic():
        found = find(person)
        if found.held.get(MonitoringResponse):
            record(
                Reading(by, "A subject access export for the person"),
                what=f"Equality answers of person {person.pk}",
                programme=programme,
            )
        content, records, files = build(found, at=at)
        logged = PersonalDataRequest.objects.create(
            kind=RequestKind.EXPORT,
            person=person,
            programme=programme,
            done_by=by,
            done_at=at,
            rows=records,
            files=files,
        )
    return content, logged
