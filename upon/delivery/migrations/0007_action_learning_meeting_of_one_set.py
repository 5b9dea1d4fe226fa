"""An action learning meeting belongs to exactly one set; no other kind of session has one."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("delivery", "0006_split_whole_cohort_meetings_by_set"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="session",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("action_learning_set__isnull", False), ("kind", "action_learning")),
                    models.Q(
                        models.Q(("kind", "action_learning"), _negated=True),
                        ("action_learning_set__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="action_learning_meeting_of_one_set",
            ),
        ),
    ]
