"""The permission matrix, generated from the URLconf: every named URL, every identity, GET and
(for views that change data) POST, with the exact status and no database writes on any GET or
on any refused POST. See matrix.py for the declaration and world.py for the objects."""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from tests.permissions import matrix, world
from tests.permissions.urlconf import url_names
from upon.accounts import roles
from upon.accounts.home import COMING
from upon.accounts.models import Role

WRITES = ("insert", "update", "delete", "replace", "merge")


class KnownViolation(AssertionError):
    """Only the wrongs the matrix already names (the test is an expected failure)."""


def test_every_url_has_a_row_and_every_row_a_url():
    names = set(url_names())
    missing = sorted(names - set(matrix.MATRIX))
    gone = sorted(set(matrix.MATRIX) - names)
    assert not (missing or gone), (
        f"URLs with no row in tests/permissions/matrix.py: {missing}; "
        f"rows there for URLs that no longer exist: {gone}"
    )


def test_every_row_declares_every_identity():
    for name, row in matrix.MATRIX.items():
        for method, expected in (("get", row.get), ("post", row.post)):
            if expected is None and method == "post":
                continue
            assert set(expected) == set(world.IDENTITIES), (name, method)
            assert None not in expected.values(), (name, method, expected)
        for method, identity in row.bugs:
            assert identity in world.IDENTITIES and getattr(row, method) is not None, name


def test_the_identities_cover_every_role_with_pages():
    every = {role.value for role in Role}
    assert set(matrix.ROLE_IDENTITIES) | matrix.ROLES_WITHOUT_PAGES == every, (
        "Give a new role an identity in world.py and matrix.ROLE_IDENTITIES, or list it in "
        "matrix.ROLES_WITHOUT_PAGES while it has no pages"
    )
    assert not set(matrix.ROLE_IDENTITIES) & matrix.ROLES_WITHOUT_PAGES
    # They are the roles the home page promises "Coming soon" to.
    assert set(COMING) == matrix.ROLES_WITHOUT_PAGES


@pytest.mark.django_db
def test_the_identities_hold_their_roles_in_the_world(built_world):
    built = built_world
    for role, identities in matrix.ROLE_IDENTITIES.items():
        for identity in identities:
            assert roles.has_role(built.users[identity], role), (identity, role)
    for identity in ("outsider", "applicant", "other_applicant"):
        assert not roles.role_names(built.users[identity]), identity
    # The world's people hold the roles with pages and no other.
    held = set()
    for identity in world.IDENTITIES:
        if built.users[identity] is not None:
            held |= roles.role_names(built.users[identity])
    assert held == set(matrix.ROLE_IDENTITIES)


def _params():
    for name, row in sorted(matrix.MATRIX.items()):
        reasons = [*row.bugs.values(), *([row.get_writes] if row.get_writes else [])]
        marks = (
            [pytest.mark.xfail(strict=True, raises=KnownViolation, reason="; ".join(reasons))]
            if reasons
            else []
        )
        yield pytest.param(name, id=name, marks=marks)


def _request(client, method, path, *, allow_session, allow_read_log=False):
    """The response and the writing statements it ran, the request rolled back afterwards so
    the next identity sees the same world. A GET may write the session table (`allow_session`)
    or add to the log of equality answers read (`allow_read_log`), and nothing else."""
    writes = []
    allowed = (['"django_session"'] if allow_session else []) + (
        ['insert into "reporting_equalityread"'] if allow_read_log else []
    )

    def watch(execute, sql, params, many, context):
        statement = sql.lstrip().lower()
        if statement.startswith(WRITES) and not any(table in statement for table in allowed):
            writes.append(" ".join(sql.split())[:120])
        return execute(sql, params, many, context)

    with transaction.atomic():
        with connection.execute_wrapper(watch):
            response = getattr(client, method)(path)
        transaction.set_rollback(True)
    return response, writes


def _outcome(response, sign_in):
    if response.status_code == 302 and response["Location"].startswith(sign_in):
        return matrix.SIGN_IN
    return response.status_code


def _matches(expected, got):
    return got == expected or (expected == matrix.FOUND and got == matrix.SIGN_IN)


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(_params()))
def test_matrix(name, authorities, built_world):
    row = matrix.MATRIX[name]
    built = built_world
    path = reverse(name, kwargs=row.kwargs(built))
    sign_in = reverse("accounts:sign_in")
    unexpected, known = [], []
    wrong_cells, get_wrote = set(), False
    for identity in world.IDENTITIES:
        client = Client(raise_request_exception=False)
        if built.users[identity] is not None:
            client.force_login(built.users[identity])
        for method in ("get", "post"):
            expected = getattr(row, method)
            if expected is None:
                continue
            response, writes = _request(
                client,
                method,
                path,
                allow_session=method == "get" and bool(row.session_writes),
                allow_read_log=method == "get" and bool(row.logs_reads),
            )
            got = _outcome(response, sign_in)
            found = known if (method, identity) in row.bugs else unexpected
            if not _matches(expected[identity], got):
                wrong_cells.add((method, identity))
                found.append(
                    f"{method.upper()} {path} as {identity}: expected {expected[identity]}, "
                    f"got {got}"
                )
            get_wrote = get_wrote or bool(writes and method == "get")
            if writes and (method == "get" or expected[identity] in matrix.REFUSALS):
                (known if method == "get" and row.get_writes else unexpected).append(
                    f"{method.upper()} {path} as {identity} ({got}) wrote: {writes}"
                )
    # Each known wrong is strict on its own: once right, its entry must go.
    for cell in sorted(set(row.bugs) - wrong_cells):
        unexpected.append(f"{cell[0].upper()} as {cell[1]} is right now: remove it from bugs")
    if row.get_writes and not get_wrote:
        unexpected.append("no GET writes now: remove get_writes")
    assert not unexpected, f"{name}:\n" + "\n".join(unexpected)
    if known:
        raise KnownViolation(f"{name} (known, see matrix.py):\n" + "\n".join(known))
