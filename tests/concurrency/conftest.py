"""Real threads against a real database: each thread its own connection, released together.

These run on PostgreSQL only. SQLite serialises writers (one writer holds the whole database
for its transaction), so the races they reproduce cannot happen there and the row locks they
check (`select_for_update`) are no-ops. CI's PostgreSQL step (`.ci/run`) runs them.
"""

import pytest
from django.db import connection


def pytest_collection_modifyitems(config, items):
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(
        reason="Concurrency tests need PostgreSQL row locks; SQLite serialises writers. "
        "Run with DATABASE_URL=postgres://..."
    )
    for item in items:
        if "tests/concurrency/" in item.nodeid:
            item.add_marker(skip)
