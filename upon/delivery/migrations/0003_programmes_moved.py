"""Cohorts and venues point at programmes.Intake and programmes.Programme (moved from
recruitment; same tables)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("delivery", "0002_facilitator_calendar"),
        ("programmes", "0001_initial"),
    ]

    operations = [
        # State only: the column and its constraint already point at the same table.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="cohort",
                    name="intake",
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="cohort", to="programmes.intake"),
                ),
                migrations.AlterField(
                    model_name="venue",
                    name="programme",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="venues", to="programmes.programme"),
                ),
            ],
        ),
    ]
