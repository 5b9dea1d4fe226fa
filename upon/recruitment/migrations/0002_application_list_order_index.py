from django.db import migrations, models

# PostgreSQL sorts NULLs first in a DESC index unless told otherwise; SQLite sorts them last in
# DESC already and refuses "NULLS LAST" in CREATE INDEX. Same order on both: drafts come last.
CREATE = {
    "postgresql": (
        'CREATE INDEX "application_intake_newest" ON "recruitment_application" '
        '("intake_id", "submitted_at" DESC NULLS LAST, "reference")'
    ),
    "sqlite": (
        'CREATE INDEX "application_intake_newest" ON "recruitment_application" '
        '("intake_id", "submitted_at" DESC, "reference")'
    ),
}


def create_index(apps, schema_editor):
    schema_editor.execute(CREATE[schema_editor.connection.vendor])


def drop_index(apps, schema_editor):
    schema_editor.execute('DROP INDEX "application_intake_newest"')


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0001_initial")]

    operations = [
        migrations.RemoveIndex(model_name="application", name="recruitment_intake__102c3a_idx"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="application",
                    index=models.Index(
                        models.F("intake"),
                        models.OrderBy(
                            models.F("submitted_at"), descending=True, nulls_last=True
                        ),
                        models.F("reference"),
                        name="application_intake_newest",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(create_index, drop_index)],
        ),
    ]
