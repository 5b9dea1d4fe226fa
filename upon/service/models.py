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
