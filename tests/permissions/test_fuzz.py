"""Odd addresses never make a server error: every URL pattern, with odd values in each part of
its path and odd query strings on its real address, as signed out and as someone the page is
for. Whatever the answer (400, 404, a page, a redirect), it is never 5xx.

The query keys are every one a view reads (`page`, `show`, `next`, ...), found in the code, so a
new one is fuzzed without being listed here.
"""

import functools
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissions import matrix, world

UPON = Path(__file__).resolve().parents[2] / "upon"

# Path values that a converter might pass on and a view or the database might choke on.
ODD_PATH_VALUES = (
    "%00",
    "0",
    "-1",
    "99999999999999999999",
    "x",
    "%C3%A9",
    "%FF",
    "..",
    "a" * 300,
    "%27%22%3C%3E",
    "2026-02-30",
)
# Values for every query key a view reads, and some for keys no view reads.
ODD_QUERY_VALUES = (
    "",
    "%00",
    "-1",
    "0",
    "x",
    "99999999999999999999",
    "home",
    "//evil.example",
    "%FF",
    "a" * 3000,
)
EXTRA_QUERIES = ("page=1&page=2", "%FF=%FF", "status=nonsense&status=", "q[]=1")


@functools.cache
def query_keys() -> tuple[str, ...]:
    """Every key a view reads from request.GET, and every field of a form bound to it (read
    from the code once per session)."""
    keys = {"page", "q", "status", "region", "sector", "endorsement", "next"}
    for path in UPON.rglob("*.py"):
        keys |= set(re.findall(r"GET\.get(?:list)?\(\s*\"([a-z_]+)\"", path.read_text()))
    return tuple(sorted(keys))


def routes(patterns=None, prefix: str = "", namespace: str = "") -> dict[str, str]:
    """{name: full route with its <converter:name> parts} for every named pattern."""
    found = {}
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found |= routes(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found[f"{namespace}{pattern.name}"] = route
    return found


PART = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def odd_paths(route: str, valid: dict) -> list[str]:
    """The route with each of its parts in turn replaced by each odd value, the others valid."""
    names = [m["name"] for m in PART.finditer(route)]
    paths = []
    for odd_name in names:
        for odd in ODD_PATH_VALUES:

            def fill(match, odd_name=odd_name, odd=odd):
                return odd if match["name"] == odd_name else str(valid[match["name"]])

            paths.append("/" + PART.sub(fill, route))
    return paths


def reached_by(row) -> str:
    """Someone the page is for: the first identity that GETs or POSTs it successfully."""
    for expected in (row.get, row.post or {}):
        for identity in world.IDENTITIES:
            if expected.get(identity) in (matrix.OK, matrix.FOUND):
                return identity
    return "anonymous"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(matrix.MATRIX))
def test_no_odd_address_makes_a_server_error(name, authorities, built_world):
    row = matrix.MATRIX[name]
    built = built_world
    kwargs = row.kwargs(built)
    valid_path = reverse(name, kwargs=kwargs)
    paths = odd_paths(routes()[name], {key: str(value) for key, value in kwargs.items()})
    # Every key at once with each odd value: one request per value, not per key and value.
    queries = ["&".join(f"{key}={value}" for key in query_keys()) for value in ODD_QUERY_VALUES]
    queried = [f"{valid_path}?{query}" for query in (*queries, *EXTRA_QUERIES)]
    methods = ("get", "post") if row.post is not None else ("get",)
    someone = reached_by(row)
    failures = []
    for identity in dict.fromkeys(("anonymous", someone)):
        client = Client(raise_request_exception=False)
        if built.users[identity] is not None:
            client.force_login(built.users[identity])
        tries = [(m, a) for m in methods for a in paths]
        if identity == someone:  # the query strings matter only to someone the page is for
            tries += [("get", address) for address in queried]
        for method, address in tries:
            if getattr(client, method)(address).status_code >= 500:
                failures.append(f"{method.upper()} {address[:120]} as {identity}")
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures[:20])
