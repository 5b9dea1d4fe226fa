"""Background work for the national register: a django-tasks task (db_worker in production; at
once in tests and under `make run`'s default immediate backend) after each change, and a job on the
schedule (`run_schedule`) for each new day."""

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


def refresh_for_the_day(*, now) -> int:
    """The schedule's job (every quarter of an hour): the figures are kept under the day, so
    without it the first reader of each day would wait for them, as would the first after the
    shared cache was emptied (Redis restarted). Does nothing but ask the register's state while
    the cache has today's figures. Returns how many sets of figures it worked out."""
    reading = analytics.Reading()
    analytics.refresh(today=timezone.localdate(now), reading=reading)
    return reading.worked_out
