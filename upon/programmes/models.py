"""Programmes and their intakes: the scope every role is granted in.

The tables kept the names they had when these models lived in recruitment.
"""

from django.db import models
from django.utils import timezone

from upon.service.versioning import Versioned

# The longest a programme's year may run, first day to last: the planner and every form that
# sets a programme's dates keep to it (a year with room either side).
LONGEST_PROGRAMME_DAYS = 2 * 366


class Programme(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    summary = models.TextField(help_text="One paragraph for the public programme page.")
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "recruitment_programme"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Intake(Versioned):
    """One recruitment round of a programme, leading to one cohort."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="intakes")
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    selection_starts = models.DateField()
    selection_ends = models.DateField()
    programme_starts = models.DateField()
    programme_ends = models.DateField()
    capacity = models.PositiveIntegerField()
    delivery_summary = models.TextField()
    # Eligibility rules.
    min_leadership_years = models.PositiveSmallIntegerField(default=3)
    director_horizon_years = models.CharField(max_length=20, default="three to five")
    reference_prefix = models.CharField(max_length=8, default="ADCS")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "recruitment_intake"
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="intake_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return self.name

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at
