"""One person's rows across every app, found by walking `registry.LINKS` from the user, and the
people a programme's lead may export or erase (those with a place in the programme)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q

from upon.accounts.models import RoleAssignment
from upon.privacy import registry
from upon.privacy.registry import ACTOR, PART, SHARED, SUBJECT
from upon.recruitment.models import Application

# Rows that hold a person's email address without pointing at their account: an invitation
# to them, an endorsement they gave as sponsor, the contact of an employer's partnership.
BY_EMAIL = {
    "accounts.Invitation": "email",
    "recruitment.Endorsement": "sponsor_email",
    "support.EmployerPartnership": "contact_email",
}


@dataclass
class Found:
    """The person's rows: held[model] (theirs, or part of theirs) and shared[model] by pk, and
    actions[(model, field)]: pks of other people's rows they acted on."""

    person: object
    held: dict = field(default_factory=lambda: defaultdict(set))
    shared: dict = field(default_factory=lambda: defaultdict(set))
    by_email: dict = field(default_factory=lambda: defaultdict(set))
    actions: dict = field(default_factory=lambda: defaultdict(set))

    def count(self) -> int:
        return sum(len(pks) for pks in (*self.held.values(), *self.shared.values()))


def find(person) -> Found:
    """Every row about `person` (registry.py), in a handful of queries a model."""
    found = walk(Found(person), registry.user_model(), {person.pk})
    for label, field_name in BY_EMAIL.items():
        model = apps.get_model(label)
        rows = model._default_manager.filter(**{f"{field_name}__iexact": person.email})
        found.by_email[model] |= set(rows.values_list("pk", flat=True)) - found.held[model]
    for model in list(found.shared):
        found.shared[model] -= found.held[model]
    return found


def rows_of(model, pks) -> Found:
    """`model`'s rows `pks` and every row that is part of them (an application's statements,
    endorsement, reviews, ...), as `find` would hold them for their owner."""
    found = Found(None)
    found.held[model] |= set(pks)
    return walk(found, model, set(pks))


def walk(found: Found, start, pks) -> Found:
    todo = [(start, pks)]
    while todo:
        target, pks = todo.pop()
        for relation in registry.relations_into(target):
            link = registry.LINKS.get(registry.key(relation))
            if link is None or link.kind == registry.EXCLUDED:
                continue
            model = relation.model
            rows = set(
                model._default_manager.filter(**{f"{relation.name}__in": pks})
                .values_list("pk", flat=True)
                .distinct()
            )
            if link.kind == ACTOR:
                found.actions[model, relation.name] |= rows
            elif link.kind == SHARED:
                found.shared[model] |= rows
            elif link.kind in (SUBJECT, PART):
                new = rows - found.held[model]
                if new:
                    found.held[model] |= new
                    todo.append((model, new))
    return found


def deletes(model) -> bool:
    """Whether the person's rows of `model` are deleted on erasure (registry `deleted`)."""
    return any(
        link.delete and name.startswith(model._meta.label + ".")
        for name, link in registry.LINKS.items()
    )


def in_programme(programme):
    """The people with an application to one of the programme's intakes, or a role in it."""
    return registry.user_model().objects.filter(
        Q(pk__in=Application.objects.filter(intake__programme=programme).values("applicant_id"))
        | Q(pk__in=RoleAssignment.objects.filter(programme=programme).values("user_id"))
    )


def programme_ids_of(person) -> set[int]:
    applied = Application.objects.filter(applicant=person).values_list(
        "intake__programme_id", flat=True
    )
    roles = RoleAssignment.objects.filter(user=person).values_list("programme_id", flat=True)
    return {*applied, *roles}
