from django.db import models
from django.utils import timezone


class Submission(models.Model):
    """A form that has been sent and saved: its token, and where the answer sent the person.

    The unique index on `token` is what makes a form sent twice save once (see `once.py`).
    """

    token = models.UUIDField(unique=True)
    location = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return str(self.token)


class JobRun(models.Model):
    """When a scheduled job (`schedule.py`) last ran, one row a job. A worker claims a run by
    moving `started_at` forward in one conditional UPDATE, so two workers, or a worker restarted
    mid-interval, never run a job twice in one interval."""

    name = models.CharField(max_length=100, unique=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=200, blank=True)  # what the job returned
    error = models.TextField(blank=True)  # the last run's exception, or empty if it succeeded

    def __str__(self) -> str:
        return self.name
