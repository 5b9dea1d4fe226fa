"""Liveness and readiness, for the load balancer and whoever runs the service.

Alive (`/healthz`): the process answers; it asks nothing of the database, so a database outage
does not make the orchestrator restart every healthy server. Ready (`/readyz`): this process can
serve pages now: every database answers, the cache stores and returns a value, and every
migration in the code is applied (a new release started before `migrate` is not ready).
"""

import functools
import logging
import os
import uuid
from dataclasses import dataclass

from django.core.cache import caches
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

logger = logging.getLogger(__name__)

OK, FAILED, SKIPPED = "ok", "failed", "skipped"


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    # Public (the body of /readyz): what failed, never the error's text, which can name hosts
    # and users. The text goes to the log.
    detail: str = ""


def readiness() -> list[Check]:
    """Every check, in order: each database, the cache, then the migrations (skipped when the
    default database did not answer)."""
    checks = [_database(alias) for alias in connections]
    checks.append(_cache("default"))
    if any(check.name == "database" and check.status == FAILED for check in checks):
        checks.append(Check("migrations", SKIPPED, "the database did not answer"))
    else:
        checks.append(_migrations("default"))
    return checks


def _failed(name: str, error: Exception) -> Check:
    logger.error("Readiness check %s failed: %s: %s", name, type(error).__name__, error)
    return Check(name, FAILED, type(error).__name__)


def _database(alias: str) -> Check:
    name = "database" if alias == "default" else f"database:{alias}"
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - whatever the driver raises, it is not ready
        return _failed(name, error)
    return Check(name, OK)


def _cache(alias: str) -> Check:
    name = "cache" if alias == "default" else f"cache:{alias}"
    key = f"operations:readyz:{os.getpid()}"
    value = uuid.uuid4().hex
    try:
        cache = caches[alias]
        cache.set(key, value, timeout=30)
        stored = cache.get(key)
    except Exception as error:  # noqa: BLE001 - whatever the client raises, it is not ready
        return _failed(name, error)
    if stored != value:
        logger.error("Readiness check %s failed: a value set was not read back", name)
        return Check(name, FAILED, "a value set was not read back")
    return Check(name, OK)


@functools.cache
def _migrations_in_code() -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    """Every migration on disk (read once a process) and the ones it replaces, if squashed."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {
        key: tuple(loader.disk_migrations[key].replaces) if key in loader.disk_migrations else ()
        for key in loader.graph.nodes
    }


def unapplied_migrations(alias: str = "default") -> list[str]:
    """The migrations in the code that the database has not applied, as "app.name"."""
    applied = MigrationRecorder(connections[alias]).applied_migrations()
    return sorted(
        f"{app}.{name}"
        for (app, name), replaces in _migrations_in_code().items()
        if (app, name) not in applied and not (replaces and all(r in applied for r in replaces))
    )


def _migrations(alias: str) -> Check:
    try:
        missing = unapplied_migrations(alias)
    except Exception as error:  # noqa: BLE001 - the table may not even exist yet
        return _failed("migrations", error)
    if missing:
        logger.error("Readiness check migrations failed: not applied: %s", ", ".join(missing))
        return Check("migrations", FAILED, f"{len(missing)} not applied")
    return Check("migrations", OK)
