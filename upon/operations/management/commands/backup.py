import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from upon.operations import backups


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite through its online backup API; PostgreSQL with pg_dump, "
        "which must be installed) and the uploaded files (MEDIA_ROOT) into one .tar.gz with a "
        "manifest of every table's row count and checksum. Safe while the site runs: the copy "
        "is one consistent moment. Restore it with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="Where to write it (default: backups/upon-<database>-<UTC time>.tar.gz).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, path=None, database=DEFAULT_DB_ALIAS, **options):
        connection = connections[database]
        # A file name, not a time shown to a person: 2026-03-02T093000Z.
        now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        stamp = now.isoformat(timespec="seconds").replace(":", "") + "Z"
        target = Path(
            path or settings.BASE_DIR / "backups" / f"upon-{connection.vendor}-{stamp}.tar.gz"
        )
        try:
            manifest = backups.create(
                connection=connection, media_root=Path(settings.MEDIA_ROOT), target=target
            )
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            f"Backed up {len(manifest['tables'])} tables ({rows} rows) and "
            f"{manifest['media']['files']} uploaded files to {target}"
        )
