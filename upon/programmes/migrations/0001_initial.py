"""Programme and Intake moved here from recruitment, keeping their tables.

The tables (recruitment_programme, recruitment_intake) were created by recruitment's first
migration and are not touched: this migration only tells Django's model state that the models
now belong to this app. recruitment 0005 removes them from recruitment's state, after every
foreign key in every app has been pointed here (state only too: the database constraints
already point at the same tables).

On an existing database the content types of the two models are relabelled, so permissions and
anything else keyed by content type keep pointing at the same rows.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

MOVED = ["programme", "intake"]


def relabel_content_types(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if ContentType.objects.using(db).filter(app_label=new, model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor):
    relabel_content_types(apps, schema_editor, "recruitment", "programmes")


def backwards(apps, schema_editor):
    relabel_content_types(apps, schema_editor, "programmes", "recruitment")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("recruitment", "0004_capability_order_without_join"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Programme",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=200)),
                        ("slug", models.SlugField(unique=True)),
                        ("summary", models.TextField(help_text="One paragraph for the public programme page.")),
                        ("description", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                    ],
                    options={
                        "db_table": "recruitment_programme",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="Intake",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=200)),
                        ("slug", models.SlugField(unique=True)),
                        ("opens_at", models.DateTimeField()),
                        ("closes_at", models.DateTimeField()),
                        ("selection_starts", models.DateField()),
                        ("selection_ends", models.DateField()),
                        ("programme_starts", models.DateField()),
                        ("programme_ends", models.DateField()),
                        ("capacity", models.PositiveIntegerField()),
                        ("delivery_summary", models.TextField()),
                        ("min_leadership_years", models.PositiveSmallIntegerField(default=3)),
                        ("director_horizon_years", models.CharField(default="three to five", max_length=20)),
                        ("reference_prefix", models.CharField(default="ADCS", max_length=8)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("programme", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="intakes", to="programmes.programme")),
                    ],
                    options={
                        "db_table": "recruitment_intake",
                        "ordering": ["-opens_at"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("closes_at__gt", models.F("opens_at"))),
                                name="intake_closes_after_it_opens",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards, elidable=True),
    ]
