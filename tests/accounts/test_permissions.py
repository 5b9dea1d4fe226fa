"""The one permission helper: 403 for the wrong role, 404 for no relation, the object otherwise."""

import ast
from pathlib import Path

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

import upon
from tests.factories import IntakeFactory, RoleAssignmentFactory, UserFactory
from upon.accounts import permissions
from upon.accounts.models import Role

pytestmark = pytest.mark.django_db

VIEW = "tests.view_intake_as_team"
LEAD = "tests.lead_intake"
ANYONE = "tests.see_own_intake"


@rules.predicate
def on_team(user, intake):
    return RoleAssignmentFactory._meta.model.objects.filter(
        user=user, programme=intake.programme, role__in=[Role.PROGRAMME_TEAM, Role.PROGRAMME_LEAD]
    ).exists()


@rules.predicate
def is_lead(user, intake):
    return RoleAssignmentFactory._meta.model.objects.filter(
        user=user, programme=intake.programme, role=Role.PROGRAMME_LEAD
    ).exists()


@rules.predicate
def never(user, intake):
    return False


if VIEW not in permissions._DECLARED:
    team_roles = [Role.PROGRAMME_TEAM, Role.PROGRAMME_LEAD]
    permissions.add_perm(VIEW, on_team, roles=team_roles)
    permissions.add_perm(LEAD, is_lead, roles=team_roles, reach=on_team)
    permissions.add_perm(ANYONE, never, roles=None)


@pytest.fixture
def intake():
    return IntakeFactory()


def member(intake, role=Role.PROGRAMME_TEAM):
    return RoleAssignmentFactory(role=role, programme=intake.programme).user


def fetch(user, intake, perm):
    return permissions.get_object_for(user, type(intake).objects.all(), perm, pk=intake.pk)


def test_the_team_of_the_programme_gets_the_intake(intake):
    assert fetch(member(intake), intake, VIEW) == intake


def test_a_person_without_the_role_is_refused_before_the_lookup(intake):
    with pytest.raises(PermissionDenied, match="Programme lead or Programme team only"):
        fetch(UserFactory(), intake, VIEW)


def test_a_team_member_of_another_programme_learns_nothing(intake):
    other = member(IntakeFactory())
    with pytest.raises(Http404):
        fetch(other, intake, VIEW)


def test_a_missing_object_is_404_for_someone_with_the_role(intake):
    with pytest.raises(Http404):
        permissions.get_object_for(member(intake), type(intake).objects.all(), VIEW, pk=0)


def test_reaching_an_object_without_the_grant_is_403(intake):
    with pytest.raises(PermissionDenied, match="Not allowed: tests.lead_intake"):
        fetch(member(intake), intake, LEAD)
    assert fetch(member(intake, Role.PROGRAMME_LEAD), intake, LEAD) == intake


def test_roles_none_lets_any_signed_in_person_try_and_hides_what_is_not_theirs(intake):
    with pytest.raises(Http404):
        fetch(UserFactory(), intake, ANYONE)
    with pytest.raises(PermissionDenied, match="Sign in first"):
        fetch(AnonymousUser(), intake, ANYONE)


def test_an_undeclared_permission_is_a_programming_error(intake):
    with pytest.raises(LookupError, match="tests.nothing"):
        fetch(member(intake), intake, "tests.nothing")


def test_declaring_twice_is_refused():
    with pytest.raises(ValueError, match="declared twice"):
        permissions.add_perm(VIEW, on_team, roles=None)


def test_a_check_writes_nothing(intake):
    user = member(intake)
    with CaptureQueriesContext(connection) as queries:
        fetch(user, intake, VIEW)
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []


CHECKS = {"has_perm", "get_object_for", "check_object", "check_role", "holds_role_for"}


def permissions_named_in(tree) -> set[str]:
    named = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in CHECKS:
                named |= {
                    arg.value
                    for arg in node.args
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                }
    return named


def test_every_permission_the_code_names_is_declared():
    """A misspelt permission in has_perm is refused silently; one in get_object_for is a 500."""
    named = set()
    for path in Path(upon.__file__).parent.rglob("*.py"):
        named |= permissions_named_in(ast.parse(path.read_text()))
    assert "programmes.manage_intake" in named, "the walk found nothing: out of date"
    assert sorted(named - set(permissions._DECLARED)) == []
