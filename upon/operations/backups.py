"""Backups that restore: the database and the uploaded files (MEDIA_ROOT) in one .tar.gz.

The archive holds `manifest.json`, the database's copy (`database.sqlite3`, or `database.pgdump`
in pg_dump's custom format) and `media/`. The manifest says what the backup is of (format,
versions, the database's vendor, when), every table's row count and checksum, the copy's
SHA-256 and the uploads' count, size and checksum (upon/operations/fingerprints.py). A restore
refuses another vendor's backup and a damaged archive before it changes anything, and after
restoring checks every table and the uploads against the manifest.
"""

import datetime
import io
import json
import os
import shutil
import tarfile
import tempfile
import tomllib
from pathlib import Path

import django
from django.conf import settings

from upon.operations import databases
from upon.operations.databases import BackupError
from upon.operations.fingerprints import file_sha256, folder_fingerprint

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"

__all__ = ["BackupError", "create", "restore"]


def _version() -> str:
    # Read from the checkout: `make setup` installs the locked dependencies, not the project.
    with (settings.BASE_DIR / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["project"]["version"]


def create(*, connection, media_root: Path, target: Path) -> dict:
    """Write a backup of the database and `media_root` to `target`; return its manifest."""
    vendor = connection.vendor
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        copy = Path(work) / databases.FILE_NAMES.get(vendor, "database")
        tables = databases.dump(connection, copy)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "upon_version": _version(),
            "django_version": django.get_version(),
            "database": {"vendor": vendor, "file": copy.name, "sha256": file_sha256(copy)},
            "tables": tables,
            "media": folder_fingerprint(media_root),
        }
        partial = Path(work) / "backup.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            text = json.dumps(manifest, indent=2, sort_keys=True).encode()
            entry = tarfile.TarInfo(MANIFEST)
            entry.size, entry.mtime = len(text), int(datetime.datetime.now().timestamp())
            archive.addfile(entry, io.BytesIO(text))
            archive.add(copy, arcname=copy.name)
            if media_root.exists():
                archive.add(media_root, arcname=MEDIA)
        os.replace(partial, target)  # whole or not at all
    return manifest


def read_manifest(source: Path) -> dict:
    try:
        with tarfile.open(source, "r:gz") as archive:
            manifest = json.load(archive.extractfile(MANIFEST))
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{source} is not an Upon backup ({error}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is a backup of format {manifest.get('format')}, not {FORMAT}.")
    return manifest


def restore(*, connection, media_root: Path, source: Path) -> dict:
    """Replace the database and `media_root` with the backup in `source`; return its manifest.
    Raises BackupError, having changed nothing, for another vendor's or a damaged backup, and
    after restoring if anything differs from the manifest."""
    manifest = read_manifest(source)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"This backup is of a {vendor} database; this site's database is "
            f"{connection.vendor}. Restore it into a {vendor} database (DATABASE_URL)."
        )
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media_root.parent) as work:
        with tarfile.open(source, "r:gz") as archive:
            archive.extractall(work, filter="data")
        copy = Path(work) / manifest["database"]["file"]
        if file_sha256(copy) != manifest["database"]["sha256"]:
            raise BackupError(f"{source} is damaged: its database copy's checksum differs.")
        uploads = Path(work) / MEDIA
        if folder_fingerprint(uploads) != manifest["media"]:
            raise BackupError(f"{source} is damaged: its uploaded files differ from its manifest.")
        databases.load(connection, copy)
        _replace_contents(media_root, uploads)
    _check(manifest, databases.fingerprints(connection), folder_fingerprint(media_root))
    return manifest


def _replace_contents(folder: Path, new: Path) -> None:
    """Make `folder` hold what `new` holds. The folder itself stays (it may be a mount)."""
    folder.mkdir(exist_ok=True)
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    if new.exists():
        for entry in new.iterdir():
            shutil.move(entry, folder / entry.name)


def _check(manifest: dict, tables: dict, media: dict) -> None:
    wrong = [
        _difference(table, tables.get(table), manifest["tables"].get(table))
        for table in sorted(set(manifest["tables"]) | set(tables))
        if tables.get(table) != manifest["tables"].get(table)
    ]
    if media != manifest["media"]:
        wrong.append(
            f"uploads: {media['files']} files, the backup has {manifest['media']['files']}"
        )
    if wrong:
        raise BackupError("After restoring, these differ from the backup: " + "; ".join(wrong))


def _difference(table: str, found: dict | None, expected: dict | None) -> str:
    if found is None:
        return f"{table}: not in the restored database"
    if expected is None:
        return f"{table}: not in the backup"
    if found["rows"] != expected["rows"]:
        return f"{table}: {found['rows']} rows, the backup has {expected['rows']}"
    return f"{table}: the rows differ from the backup's (checksum)"
