"""`manage.py backup` and `manage.py restore`: every table's row count and checksum, and the
uploaded files, are as they were after a round trip, on SQLite and on PostgreSQL."""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories import RoleAssignmentFactory, SubmittedApplicationFactory, UserFactory
from upon.accounts.models import User
from upon.operations import databases
from upon.operations.fingerprints import folder_fingerprint, table_fingerprints

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)

on_sqlite = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="the SQLite round trip"
)
on_postgresql = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the PostgreSQL round trip runs when the suite runs on PostgreSQL (DATABASE_URL)",
)


@pytest.fixture
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "challenges" / "7").mkdir(parents=True)
    (settings.MEDIA_ROOT / "challenges" / "7" / "work.pdf").write_bytes(b"%PDF-1.7 work\x00\xff")
    (settings.MEDIA_ROOT / "notes.txt").write_text("Session notes")
    return settings.MEDIA_ROOT


@pytest.fixture
def records(authorities):
    """Rows in many tables: people, roles, applications with their history."""
    RoleAssignmentFactory.create_batch(2)
    SubmittedApplicationFactory.create_batch(2)
    return UserFactory(email="kept@example.org", full_name="Kept Person")


def change_everything(uploads):
    User.objects.get(email="kept@example.org").delete()
    UserFactory(email="added@example.org")
    User.objects.update(full_name="Renamed")
    (uploads / "notes.txt").write_text("Changed")
    (uploads / "added.txt").write_text("Added after the backup")


@on_sqlite
def test_sqlite_round_trip(records, uploads, tmp_path):
    before, files_before = databases.fingerprints(connection), folder_fingerprint(uploads)
    archive = tmp_path / "backup.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    rows = sum(table["rows"] for table in before.values())
    assert out.getvalue() == (
        f"Backed up {len(before)} tables ({rows} rows) and 2 uploaded files to {archive}\n"
    )
    manifest = read_manifest(archive)
    assert manifest["tables"] == before
    assert (
        manifest["media"]
        == files_before
        == {
            "files": 2,
            "bytes": 28,
            "sha256": manifest["media"]["sha256"],
        }
    )
    assert manifest["database"]["vendor"] == "sqlite"
    # Read from pyproject.toml: the project itself is not installed (make setup, the lock).
    assert manifest["upon_version"] == "0.1.0"
    assert before["accounts_user"]["rows"] == User.objects.count()

    change_everything(uploads)
    assert databases.fingerprints(connection) != before

    call_command("restore", str(archive), "--no-input", stdout=io.StringIO())

    assert databases.fingerprints(connection) == before
    assert folder_fingerprint(uploads) == files_before
    assert User.objects.get(email="kept@example.org").full_name == "Kept Person"
    assert not User.objects.filter(email="added@example.org").exists()
    assert (uploads / "notes.txt").read_text() == "Session notes"
    assert not (uploads / "added.txt").exists()


@on_postgresql
def test_postgresql_round_trip_into_a_scratch_database(records, uploads, tmp_path):
    before, files_before = databases.fingerprints(connection), folder_fingerprint(uploads)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    assert read_manifest(archive)["tables"] == before
    assert read_manifest(archive)["database"]["vendor"] == "postgresql"

    with scratch_database() as url:
        restored_media = tmp_path / "restored-media"
        restore_elsewhere(archive, database_url=url, media_root=restored_media)
        assert fingerprints_at(url) == before
        assert folder_fingerprint(restored_media) == files_before

        # Restoring over a database that changed since puts it back as it was.
        with psycopg.connect(url, autocommit=True) as scratch:
            scratch.execute("UPDATE accounts_user SET full_name = 'Renamed'")
            scratch.execute("DELETE FROM django_session")
        (restored_media / "notes.txt").write_text("Changed")
        assert fingerprints_at(url) != before
        restore_elsewhere(archive, database_url=url, media_root=restored_media)
        assert fingerprints_at(url) == before
        assert folder_fingerprint(restored_media) == files_before


def test_a_backup_of_another_database_is_refused_before_anything_changes(
    records, uploads, tmp_path
):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    other = {"sqlite": "postgresql", "postgresql": "sqlite"}[connection.vendor]
    rewrite_manifest(archive, lambda manifest: manifest["database"].update(vendor=other))
    UserFactory(email="after@example.org")

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive), "--no-input")
    assert str(refused.value) == (
        f"This backup is of a {other} database; this site's database is {connection.vendor}. "
        f"Restore it into a {other} database (DATABASE_URL)."
    )
    assert User.objects.filter(email="after@example.org").exists()


def test_a_damaged_backup_is_refused_before_anything_changes(records, uploads, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    rewrite_manifest(archive, lambda manifest: manifest["database"].update(sha256="0" * 64))
    UserFactory(email="after@example.org")

    with pytest.raises(CommandError, match=r"is damaged: its database copy's checksum differs"):
        call_command("restore", str(archive), "--no-input")
    assert User.objects.filter(email="after@example.org").exists()
    assert (uploads / "notes.txt").read_text() == "Session notes"


def test_a_file_that_is_not_a_backup_is_refused(tmp_path, db):
    path = tmp_path / "notes.tar.gz"
    path.write_text("not an archive")
    with pytest.raises(CommandError, match=r"notes.tar.gz is not an Upon backup"):
        call_command("restore", str(path), "--no-input")


# Helpers


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as opened:
        return json.load(opened.extractfile("manifest.json"))


def rewrite_manifest(archive: Path, change) -> None:
    """The same archive with its manifest changed (to stand for a backup made elsewhere)."""
    with tarfile.open(archive, "r:gz") as opened:
        members = [(m, opened.extractfile(m).read() if m.isfile() else None) for m in opened]
    with tarfile.open(archive, "w:gz") as rewritten:
        for member, content in members:
            if member.name == "manifest.json":
                manifest = json.loads(content)
                change(manifest)
                content = json.dumps(manifest).encode()
                member.size = len(content)
            rewritten.addfile(member, io.BytesIO(content) if content is not None else None)


class scratch_database:  # noqa: N801 - used as a context manager
    """A PostgreSQL database of the test's own, dropped afterwards whatever happens."""

    def __init__(self):
        settings_dict = connection.settings_dict
        self.name = f"upon_restore_{uuid.uuid4().hex[:12]}"
        self.server = {
            "host": settings_dict["HOST"] or "127.0.0.1",
            "port": settings_dict["PORT"] or 5432,
            "user": settings_dict["USER"] or "postgres",
            "password": settings_dict["PASSWORD"] or None,
            "dbname": "postgres",
        }

    def url(self) -> str:
        password = f":{self.server['password']}" if self.server["password"] else ""
        return (
            f"postgres://{self.server['user']}{password}@{self.server['host']}:"
            f"{self.server['port']}/{self.name}"
        )

    def __enter__(self) -> str:
        with psycopg.connect(**self.server, autocommit=True) as server:
            server.execute(f'CREATE DATABASE "{self.name}"')
        return self.url()

    def __exit__(self, *exc):
        with psycopg.connect(**self.server, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def restore_elsewhere(archive: Path, *, database_url: str, media_root: Path) -> None:
    """`manage.py restore` as an operator runs it, on another database and uploads folder."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "restore", "--no-input", str(archive)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "each checked against the backup" in done.stdout


def fingerprints_at(url: str) -> dict:
    with psycopg.connect(url) as other, other.cursor() as cursor:
        return table_fingerprints(cursor, vendor="postgresql")


def test_a_restore_that_differs_from_its_manifest_names_each_difference():
    from upon.operations.backups import BackupError, _check

    manifest = {
        "tables": {
            "a": {"rows": 2, "sha256": "1"},
            "b": {"rows": 1, "sha256": "2"},
            "c": {"rows": 1, "sha256": "3"},
            "kept": {"rows": 5, "sha256": "4"},
        },
        "media": {"files": 2, "bytes": 10, "sha256": "5"},
    }
    restored = {
        "a": {"rows": 1, "sha256": "1"},
        "b": {"rows": 1, "sha256": "9"},
        "kept": {"rows": 5, "sha256": "4"},
        "new": {"rows": 0, "sha256": "0"},
    }
    with pytest.raises(BackupError) as failed:
        _check(manifest, restored, {"files": 1, "bytes": 4, "sha256": "6"})
    assert str(failed.value) == (
        "After restoring, these differ from the backup: a: 1 rows, the backup has 2; "
        "b: the rows differ from the backup's (checksum); c: not in the restored database; "
        "new: not in the backup; uploads: 1 files, the backup has 2"
    )
