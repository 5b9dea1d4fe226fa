"""One schedule for every periodic job: reminders, check-ins due, entitlements ending, offers
lapsing, forgetting old form tokens. `manage.py run_schedule` runs the jobs that are due (`make
worker` starts it); nothing runs from cron.

An app registers its jobs in its `AppConfig.ready()`:

    schedule.register("lapse offers", every=timedelta(hours=1), job=offers.lapse_due_offers)

A job is a function taking only the keyword `now` (the moment of this run) that does what is due
at `now` and returns how many things it did. It must be idempotent: run twice at the same
moment, the second run does nothing (it records what it sent, and skips what is recorded).

A job is due when it has never run, or when `every` has passed since it last started. The start
is claimed in the database (`JobRun`) with one conditional UPDATE before the job runs, so two
workers, or a worker restarted mid-interval, run it once an interval. A job that raises is
logged with its traceback and its error kept on its `JobRun`; the other jobs still run, and it
is tried again when its next interval comes.
"""

import datetime
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from upon.service.models import JobRun

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: datetime.timedelta
    job: Callable[..., object]


_jobs: dict[str, Job] = {}


def register(name: str, *, every: datetime.timedelta, job: Callable[..., object]) -> None:
    """Add a job, or replace the one with this name (registering twice changes nothing)."""
    _jobs[name] = Job(name, every, job)


def unregister(name: str) -> None:
    _jobs.pop(name, None)


def jobs() -> list[Job]:
    return sorted(_jobs.values(), key=lambda job: job.name)


def claim(job: Job, *, now: datetime.datetime) -> bool:
    """Mark the job started at `now` if it is due; False if it is not (or another worker took
    it first). One UPDATE with the condition in its WHERE: the database lets one writer win."""
    JobRun.objects.get_or_create(name=job.name)
    due = Q(started_at__isnull=True) | Q(started_at__lte=now - job.every)
    return bool(JobRun.objects.filter(due, name=job.name).update(started_at=now, finished_at=None))


def run(job: Job, *, now: datetime.datetime) -> bool:
    """Run one claimed job and record how it went; False if it raised."""
    try:
        done = job.job(now=now)
    except Exception:
        log.exception("Scheduled job %r failed", job.name)
        JobRun.objects.filter(name=job.name).update(
            finished_at=timezone.now(), outcome="failed", error=traceback.format_exc()
        )
        return False
    log.info("Scheduled job %r done: %s", job.name, done)
    JobRun.objects.filter(name=job.name).update(
        finished_at=timezone.now(), outcome=str(done)[:200], error=""
    )
    return True


def run_due(*, now: datetime.datetime) -> dict[str, bool]:
    """Run every job due at `now`, each once; returns {name: succeeded} for the jobs run."""
    return {job.name: run(job, now=now) for job in jobs() if claim(job, now=now)}
