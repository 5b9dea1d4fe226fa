"""Helpers for tests in any app."""

import contextlib
import re

from django.db import connections

WRITE = re.compile(
    r"^\s*(?:/\*.*?\*/\s*)*(INSERT|UPDATE|DELETE|REPLACE|MERGE|TRUNCATE|CREATE|DROP|ALTER)\b",
    re.IGNORECASE | re.DOTALL,
)


@contextlib.contextmanager
def assert_no_writes():
    """Fail if the block writes anything to any database.

    Every statement run inside the block is checked, on every configured connection; the
    failure lists each write. Nothing is exempt, not even the session table: a GET by a signed
    in person reads their session and saves it only when something changed it, so a page that
    writes the session on GET is doing something it should not (sign in before the block).
    """
    writes: list[str] = []

    def watch(execute, sql, params, many, context):
        if WRITE.match(sql):
            writes.append(sql)
        return execute(sql, params, many, context)

    with contextlib.ExitStack() as stack:
        for connection in connections.all():
            stack.enter_context(connection.execute_wrapper(watch))
        yield writes
    assert not writes, f"{len(writes)} database write(s):\n" + "\n".join(writes)
