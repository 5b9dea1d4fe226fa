"""Why the team declined a library suggestion, kept on the resource (shown to the member who
suggested it and to the team). SQLite adds the column by rebuilding `network_resource`, which
drops 0002's full-text triggers with the old table: they are made again (and the index rebuilt)
after it."""

import importlib

from django.db import migrations, models

library_search = importlib.import_module("upon.network.migrations.0002_library_search")


def triggers_again(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        library_search.sqlite_forward(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("network", "0002_library_search")]

    operations = [
        migrations.AddField(
            model_name="resource",
            name="declined_reason",
            field=models.TextField(blank=True, max_length=1000),
        ),
        migrations.RunPython(triggers_again, migrations.RunPython.noop, elidable=False),
    ]
