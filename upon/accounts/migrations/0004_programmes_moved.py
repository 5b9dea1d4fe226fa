"""Roles and invitations are scoped by programmes.Programme and programmes.Intake (moved from
recruitment; same tables)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_email_confirmation_links"),
        ("programmes", "0001_initial"),
    ]

    operations = [
        # State only: the column and its constraint already point at the same table.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="invitation",
                    name="intake",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to="programmes.intake"),
                ),
                migrations.AlterField(
                    model_name="invitation",
                    name="programme",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="programmes.programme"),
                ),
                migrations.AlterField(
                    model_name="roleassignment",
                    name="intake",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="role_assignments", to="programmes.intake"),
                ),
                migrations.AlterField(
                    model_name="roleassignment",
                    name="programme",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="role_assignments", to="programmes.programme"),
                ),
            ],
        ),
    ]
