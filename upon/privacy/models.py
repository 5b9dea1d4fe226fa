"""What the programme's lead did with a person's data: every subject access export and erasure,
who did it and when (issue 15, item 4). The person is named by their account's number only,
so the log outlives their erasure without keeping their name."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class RequestKind(models.TextChoices):
    EXPORT = "export", "Subject access export"
    ERASURE = "erasure", "Erasure"


class PersonalDataRequest(models.Model):
    kind = models.CharField(max_length=16, choices=RequestKind.choices)
    # The person's account: kept, anonymised, after erasure.
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="+"
    )
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    done_at = models.DateTimeField(default=timezone.now)
    rows = models.PositiveIntegerField(default=0)  # how many records it covered
    files = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-done_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} of person {self.person_id}"


class Anonymised(models.Model):
    """A row already anonymised (by erasure or the retention schedule), so the schedule never
    does it twice and can say what it did."""

    model = models.CharField(max_length=100)  # app_label.Model
    object_id = models.PositiveBigIntegerField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "object_id"], name="anonymised_once")
        ]

    def __str__(self):
        return f"{self.model} {self.object_id}"

    @classmethod
    def record(cls, held: dict) -> None:
        """Remember every row of `held` {model: pks} (those already remembered stay)."""
        rows = [
            cls(model=model._meta.label, object_id=pk) for model, pks in held.items() for pk in pks
        ]
        cls.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
