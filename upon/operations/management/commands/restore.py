from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from upon.operations import backups


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files (MEDIA_ROOT) with a backup made by "
        "`manage.py backup`. Refuses a backup of another kind of database, or a damaged one, "
        "before changing anything; afterwards checks every table's row count and checksum and "
        "the uploads against the backup's manifest. Stop the site and its workers first. "
        "PostgreSQL: needs pg_restore and psql, and replaces the public schema in one "
        "transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup (.tar.gz) to restore.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Do not ask to confirm."
        )

    def handle(self, *args, path, database=DEFAULT_DB_ALIAS, interactive=True, **options):
        connection = connections[database]
        source = Path(path)
        try:
            manifest = backups.read_manifest(source)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        name = connection.settings_dict["NAME"]
        if interactive:
            answer = input(
                f"This replaces every table of {connection.vendor} database {name} and every file "
                f"in {settings.MEDIA_ROOT} with the backup made {manifest['created_at']}.\n"
                "Type 'yes' to go on: "
            )
            if answer != "yes":
                raise CommandError("Nothing restored.")
        try:
            backups.restore(
                connection=connection, media_root=Path(settings.MEDIA_ROOT), source=source
            )
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            f"Restored {len(manifest['tables'])} tables ({rows} rows) and "
            f"{manifest['media']['files']} uploaded files from {source}; each checked against "
            "the backup. Run `manage.py migrate` if the code is newer than the backup."
        )
