"""Background work for selection, run by django-tasks (db_worker in production)."""

from django_tasks import task

from upon.selection import offers


@task()
def lapse_offers() -> int:
    """Lapse offers past their accept-by date and offer the places to the next reserves."""
    return offers.lapse_due_offers()
