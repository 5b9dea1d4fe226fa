"""Helpers for tests in any app."""

import contextlib
import re
import uuid

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


def assert_saved_once(client, url, data, queryset, *, times: int = 10, files=None):
    """Post the same form (one submission token) `times` times: exactly one thing is saved,
    and every answer sends the person to the same place. Returns the answers."""
    token = str(uuid.uuid4())
    before = queryset.count()
    answers = []
    for _ in range(times):
        posted = {**data, "submission": token}
        for name, make in (files or {}).items():
            posted[name] = make()  # an upload is read once, so each post gets its own
        answers.append(client.post(url, posted))
    assert [answer.status_code for answer in answers] == [302] * times
    assert queryset.count() == before + 1
    assert len({answer.url for answer in answers}) == 1
    return answers
