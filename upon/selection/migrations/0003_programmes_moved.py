"""Selection's models point at programmes.Intake (moved from recruitment; same table)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("programmes", "0001_initial"),
        ("selection", "0002_assessment_stage"),
    ]

    operations = [
        # State only: the column and its constraint already point at the same table.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="assessmentslot",
                    name="intake",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="assessment_slots", to="programmes.intake"),
                ),
                migrations.AlterField(
                    model_name="auditevent",
                    name="intake",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="selection_audit", to="programmes.intake"),
                ),
                migrations.AlterField(
                    model_name="reviewer",
                    name="intake",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="reviewers", to="programmes.intake"),
                ),
                migrations.AlterField(
                    model_name="selectionsettings",
                    name="intake",
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="selection", to="programmes.intake"),
                ),
                migrations.AlterField(
                    model_name="waitlistentry",
                    name="intake",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="waitlist", to="programmes.intake"),
                ),
            ],
        ),
    ]
