"""Each database's way to copy itself to a file and back, consistently while the site runs.

SQLite: the online backup API (`sqlite3.Connection.backup`), page by page, a consistent copy
even while others write. PostgreSQL: `pg_dump` in the custom format, in the very snapshot the
row counts and checksums are read in (an exported snapshot), and back with `pg_restore` piped to
`psql` in one transaction that first drops the schema, so a failed restore changes nothing.
The PostgreSQL client programs (Debian: postgresql-client, the server's major version or newer)
must be on the PATH.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing
from pathlib import Path

from django.db import transaction

from upon.operations.fingerprints import table_fingerprints

FILE_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


# SQLite


def _sqlite_dump(connection, target: Path) -> dict:
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
        # A file that stands alone: no write-ahead log beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        return table_fingerprints(copy.cursor(), vendor="sqlite")


def _sqlite_load(connection, source: Path) -> None:
    connection.ensure_connection()
    with closing(sqlite3.connect(source)) as backup:
        backup.backup(connection.connection)


def _sqlite_fingerprints(connection) -> dict:
    # Read from a fresh copy: the site's own connection turns dates into Python objects.
    with tempfile.TemporaryDirectory() as folder:
        return _sqlite_dump(connection, Path(folder) / FILE_NAMES["sqlite"])


# PostgreSQL


def _program(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} is not installed: install PostgreSQL's client programs, the server's major "
            "version or newer (Debian: apt-get install postgresql-client)."
        )
    return found


def _libpq_env(connection) -> dict:
    """The connection's settings as libpq's environment variables: no password in argv."""
    given = connection.settings_dict
    env = dict(os.environ)
    for key, variable in [
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ]:
        if given.get(key):
            env[variable] = str(given[key])
    if given.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = given["OPTIONS"]["sslmode"]
    return env


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, check=False, **kwargs)  # noqa: S603  # nosec B603  # our own arguments, no shell
    if result.returncode:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.decode().strip()}")
    return result


def _postgresql_dump(connection, target: Path) -> dict:
    pg_dump = _program("pg_dump")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
            env=_libpq_env(connection),
        )
        return table_fingerprints(cursor, vendor="postgresql")


def _postgresql_load(connection, source: Path) -> None:
    pg_restore, psql = _program("pg_restore"), _program("psql")
    env = _libpq_env(connection)
    connection.close()  # holds no lock on what is dropped
    script = subprocess.Popen(  # noqa: S603  # nosec B603  # our own arguments
        [pg_restore, "--no-owner", "--no-privileges", "--file=-", str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    with script:
        loaded = subprocess.run(  # noqa: S603  # nosec B603  # our own arguments
            [
                psql,
                "--no-psqlrc",
                "--quiet",
                "--set=ON_ERROR_STOP=1",
                "--single-transaction",
                "--command=DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;",
                "--file=-",
            ],
            stdin=script.stdout,
            capture_output=True,
            env=env,
            check=False,
        )
        script.stdout.close()
        errors = script.stderr.read().decode().strip()
    if script.returncode:
        raise BackupError(f"pg_restore failed: {errors}")
    if loaded.returncode:
        raise BackupError(f"psql failed, nothing was changed: {loaded.stderr.decode().strip()}")


def _postgresql_fingerprints(connection) -> dict:
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return table_fingerprints(cursor, vendor="postgresql")


def dump(connection, target: Path) -> dict:
    """Copy the database to `target`; its tables' fingerprints, read in the same snapshot."""
    return {"sqlite": _sqlite_dump, "postgresql": _postgresql_dump}[_vendor(connection)](
        connection, target
    )


def load(connection, source: Path) -> None:
    """Replace the database's contents with the copy in `source`."""
    {"sqlite": _sqlite_load, "postgresql": _postgresql_load}[_vendor(connection)](
        connection, source
    )


def fingerprints(connection) -> dict:
    return {"sqlite": _sqlite_fingerprints, "postgresql": _postgresql_fingerprints}[
        _vendor(connection)
    ](connection)


def _vendor(connection) -> str:
    if connection.vendor not in FILE_NAMES:
        raise BackupError(f"Backups are made of SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor
