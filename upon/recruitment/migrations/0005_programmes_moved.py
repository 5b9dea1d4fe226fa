"""Programme and Intake now live in the programmes app (programmes 0001), on the same tables.

State only: recruitment's own foreign keys are pointed at programmes.Intake, then the two models
leave recruitment's state. Nothing in the database changes. This runs after every other app has
pointed its foreign keys at programmes, so no state ever refers to a model that is gone.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0004_programmes_moved"),
        ("delivery", "0003_programmes_moved"),
        ("programmes", "0001_initial"),
        ("recruitment", "0004_capability_order_without_join"),
        ("selection", "0003_programmes_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="capability",
                    name="intake",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="capabilities", to="programmes.intake"),
                ),
                migrations.AlterField(
                    model_name="historicalapplication",
                    name="intake",
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="programmes.intake"),
                ),
                migrations.AlterField(
                    model_name="application",
                    name="intake",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="applications", to="programmes.intake"),
                ),
                migrations.DeleteModel(name="Intake"),
                migrations.DeleteModel(name="Programme"),
            ],
        ),
    ]
