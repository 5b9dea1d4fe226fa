"""Background work for the national register, run by django-tasks (db_worker in production; at
once in tests and under `make run`'s default immediate backend)."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from upon.workforce import analytics


@task()
def refresh_analytics() -> str:
    """Work the analytics pages' figures out afresh into the cache, so that the first reader
    after a change to the register does not wait for them (`analytics.refresh`)."""
    return analytics.refresh(today=timezone.localdate())


def refresh_soon() -> None:
    """Refresh the analytics once the transaction that changed the register has committed (a
    task enqueued before then could read the register as it was, or one rolled back)."""
    transaction.on_commit(refresh_analytics.enqueue)
