"""/healthz (alive: asks the database nothing) and /readyz (database, cache, migrations)."""

import socket

import pytest
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from upon.operations import health

READY = {
    "status": "ready",
    "failed": [],
    "checks": {
        "database": {"status": "ok"},
        "cache": {"status": "ok"},
        "migrations": {"status": "ok"},
    },
}


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def database_down(db, tmp_path):
    """The default connection replaced, for the test, by one to a database that is not there:
    PostgreSQL on a closed port, or an SQLite file in a folder that does not exist."""
    working = connections["default"]
    settings_dict = dict(working.settings_dict)
    if working.vendor == "postgresql":
        settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    else:
        settings_dict["NAME"] = str(tmp_path / "no-such-folder" / "db.sqlite3")
    connections["default"] = working.__class__(settings_dict, alias="default")
    yield
    connections["default"].close()
    connections["default"] = working


def test_healthz_answers_without_the_database(client):
    # No `db` fixture: any query at all would raise here.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_healthz_answers_while_the_database_is_down(client, database_down):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok\n")


def test_readyz_is_ready_when_everything_answers(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == READY


def test_readyz_names_the_database_when_it_is_down(client, database_down, caplog):
    response = client.get("/readyz", HTTP_X_REQUEST_ID="probe-1")
    assert response.status_code == 503
    assert response.json() == {
        "status": "not ready",
        "failed": ["database"],
        "checks": {
            "database": {"status": "failed", "detail": "OperationalError"},
            "cache": {"status": "ok"},
            "migrations": {"status": "skipped", "detail": "the database did not answer"},
        },
    }
    # The error's own text (which names hosts) is in the log, not in the public body.
    [record] = [r for r in caplog.records if r.name == "upon.operations.health"]
    assert record.getMessage().startswith("Readiness check database failed: OperationalError: ")
    assert record.request_id == "probe-1"


def test_readyz_names_a_migration_not_applied(client, db, caplog):
    latest = MigrationRecorder.Migration.objects.filter(app="network").latest("id")
    latest.delete()  # as if the code were deployed before `migrate` ran; rolled back after
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "not ready",
        "failed": ["migrations"],
        "checks": {
            "database": {"status": "ok"},
            "cache": {"status": "ok"},
            "migrations": {"status": "failed", "detail": "1 not applied"},
        },
    }
    assert [r.getMessage() for r in caplog.records if r.name == "upon.operations.health"] == [
        f"Readiness check migrations failed: not applied: network.{latest.name}"
    ]


def test_readyz_names_the_cache_when_it_is_down(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]
    assert response.json()["checks"]["cache"] == {"status": "failed", "detail": "ConnectionError"}


def test_every_migration_in_the_code_is_applied_in_the_test_database(db):
    assert health.unapplied_migrations() == []


def test_readiness_is_refused_to_a_post(client, db):
    assert client.post("/readyz").status_code == 405
