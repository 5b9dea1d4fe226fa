"""Permissions, declared once in each app's `rules.py`, and the one way a view fetches an object.

Each permission names three things:

- `roles`: a person holding none of these roles anywhere is refused with 403 before anything is
  looked up (`None`: any signed-in person may try, as any signed-in person may apply);
- `reach`: the person has a relation to the object at all; without it the object does not
  exist for them (404), so nobody learns which other applications, cohorts or sets there are;
- `predicate`: what the permission grants; a person who reaches the object but is not granted
  it is refused with 403 (a team member who is not the lead, on the lead's report).

`reach` defaults to `predicate`. A permission check never writes to the database.

    # upon/programmes/rules.py
    add_perm("programmes.manage_intake", is_team_for_intake, roles=TEAM_ROLES)
    # a view
    intake = get_object_for(request.user, Intake.objects.all(), "programmes.manage_intake", pk=pk)

A permission may combine predicates with `&`, `|` and `~` and reach the object more widely
than it grants, as `accounts.invite` does (upon/accounts/rules.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from upon.accounts import roles as person_roles
from upon.accounts.models import Role


@dataclass(frozen=True)
class Declared:
    roles: frozenset[str] | None
    reach: rules.Predicate


_DECLARED: dict[str, Declared] = {}


def add_perm(
    name: str,
    predicate: rules.Predicate,
    *,
    roles: Iterable[str] | None,
    reach: rules.Predicate | None = None,
) -> None:
    """Declare a permission once (in the app's rules.py)."""
    if name in _DECLARED:
        raise ValueError(f"{name} is declared twice")
    rules.add_perm(name, predicate)
    _DECLARED[name] = Declared(
        roles=frozenset(roles) if roles is not None else None,
        reach=reach if reach is not None else predicate,
    )


def declared(name: str) -> Declared:
    try:
        return _DECLARED[name]
    except KeyError:
        raise LookupError(f"No permission {name} is declared in any rules.py") from None


def holds_role_for(user, perm: str) -> bool:
    """Whether the person holds a role that may ever be granted `perm` (no object needed)."""
    if not user.is_authenticated:
        return False
    wanted = declared(perm).roles
    return wanted is None or person_roles.has_role(user, *wanted)


def check_role(user, perm: str) -> None:
    """403 unless the person holds a role that may be granted `perm` somewhere."""
    if not holds_role_for(user, perm):
        wanted = declared(perm).roles or ()
        labels = sorted(Role(role).label for role in wanted)
        raise PermissionDenied(" or ".join(labels) + " only" if labels else "Sign in first")


def check_object(user, perm: str, obj: Model) -> None:
    """404 if the person has no relation to `obj`; 403 if related but not granted `perm`."""
    check_role(user, perm)
    if not declared(perm).reach.test(user, obj):
        raise Http404(f"No such {obj._meta.verbose_name} for this person")
    if not user.has_perm(perm, obj):
        raise PermissionDenied(f"Not allowed: {perm}")


def get_object_for(user, queryset: QuerySet | type[Model], perm: str, **lookup) -> Model:
    """The object `lookup` finds, if the person may `perm` it: else 403 (role) or 404."""
    check_role(user, perm)
    obj = get_object_or_404(queryset, **lookup)
    check_object(user, perm, obj)
    return obj
