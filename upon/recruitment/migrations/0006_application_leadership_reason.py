from django.db import migrations, models

# Django would rebuild the application table on SQLite to add a NOT NULL column, which fails on
# the list-order index (SQLite refuses NULLS LAST; see 0002 and 0003). ALTER TABLE ADD COLUMN
# with a constant default works on both databases; PostgreSQL then drops the default, as Django
# does, so the column matches what the model declares.
ADD = (
    'ALTER TABLE "recruitment_application" '
    "ADD COLUMN \"leadership_reason\" text NOT NULL DEFAULT ''"
)


def add_column(apps, schema_editor):
    schema_editor.execute(ADD)
    if schema_editor.connection.vendor != "sqlite":
        schema_editor.execute(
            'ALTER TABLE "recruitment_application" ALTER COLUMN "leadership_reason" DROP DEFAULT'
        )


def drop_column(apps, schema_editor):
    schema_editor.execute('ALTER TABLE "recruitment_application" DROP COLUMN "leadership_reason"')


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0005_programmes_moved")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="application",
                    name="leadership_reason",
                    field=models.TextField(blank=True),
                ),
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        ),
        migrations.AddField(
            model_name="historicalapplication",
            name="leadership_reason",
            field=models.TextField(blank=True),
        ),
    ]
