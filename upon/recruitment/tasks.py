"""Background work for applications, run by django-tasks (db_worker in production)."""

from django.utils import timezone
from django_tasks import task

from upon.recruitment import endorsements


@task()
def send_endorsement_reminders() -> int:
    """Remind sponsors who have not responded (after 3 and after 7 days, at most twice)."""
    return endorsements.send_due_reminders(now=timezone.now())
