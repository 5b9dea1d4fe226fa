import django.db.models.functions.text
from django.db import migrations, models

# SQLite cannot ALTER TABLE ADD a STORED generated column, and Django would rebuild the table
# instead, which fails on the list-order index (SQLite refuses NULLS LAST; see 0002). SQLite
# gets a VIRTUAL column, which reads the same and can be indexed; PostgreSQL gets the STORED
# column the model declares.
SEARCH_TEXT = "lower(\"reference\" || ' ' || \"full_name\" || ' ' || \"job_title\")"
INDEX = (
    'CREATE INDEX "application_intake_search" ON "recruitment_application" '
    '("intake_id", "search_text")'
)


def add_search_text(apps, schema_editor):
    kind = "VIRTUAL" if schema_editor.connection.vendor == "sqlite" else "STORED"
    schema_editor.execute(
        'ALTER TABLE "recruitment_application" ADD COLUMN "search_text" varchar(420) '
        f"GENERATED ALWAYS AS ({SEARCH_TEXT}) {kind}"
    )
    schema_editor.execute(INDEX)


def remove_search_text(apps, schema_editor):
    schema_editor.execute('DROP INDEX "application_intake_search"')
    schema_editor.execute('ALTER TABLE "recruitment_application" DROP COLUMN "search_text"')


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0002_application_list_order_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="application",
                    name="search_text",
                    field=models.GeneratedField(
                        db_persist=True,
                        expression=django.db.models.functions.text.Lower(
                            django.db.models.functions.text.Concat(
                                "reference",
                                models.Value(" "),
                                "full_name",
                                models.Value(" "),
                                "job_title",
                            )
                        ),
                        output_field=models.CharField(max_length=420),
                    ),
                ),
                migrations.AddIndex(
                    model_name="application",
                    index=models.Index(
                        fields=["intake", "search_text"], name="application_intake_search"
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_search_text, remove_search_text)],
        ),
    ]
