"""The national register of directors of children's services (issue 14): who led each authority,
from when to when.

Thin on purpose: the rules (no overlap in one authority, no future dates, a reason only once a
tenure has ended) live in `register.py`; reading and checking a spreadsheet in `imports.py`.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from upon.service.versioning import Versioned

# Interim or permanent: the same two words as a post recorded in support.
from upon.support.models import Tenure as Basis

NAME_MAX = 200


class Director(models.Model):
    """A person in the register, by the name the register knows them by. Linked to their Upon
    account when they have one (an alumnus who became a director). The demo and the tests use
    invented names only, never a real director's."""

    name = models.CharField(max_length=NAME_MAX)
    # Lower-cased, single-spaced: "Sam  Example" and "sam example" are one person on import.
    normalised_name = models.CharField(max_length=NAME_MAX, db_index=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="register_entry",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["normalised_name", "pk"]

    def __str__(self):
        return self.name


class LeavingReason(models.TextChoices):
    ANOTHER_DCS_POST = "another_dcs_post", "Became director in another authority"
    PROMOTED = "promoted", "Promoted within the authority (such as chief executive)"
    INTERIM_ENDED = "interim_ended", "The interim post ended"
    RETIRED = "retired", "Retired"
    LEFT_SECTOR = "left_sector", "Left the sector"
    RESTRUCTURE = "restructure", "The post was restructured"
    OTHER = "other", "Another reason"
    UNKNOWN = "unknown", "Not known"


class Tenure(Versioned):
    """One director's time leading one authority's children's services: from `started_on` to
    `ended_on` (empty: in post). `shared`: they lead another authority at the same time under a
    shared arrangement (each authority has its own tenure, both flagged). `twin_hat`: they are
    also the authority's Director of Adult Social Services."""

    authority = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="director_tenures"
    )
    director = models.ForeignKey(Director, on_delete=models.PROTECT, related_name="tenures")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    basis = models.CharField(max_length=16, choices=Basis.choices)
    twin_hat = models.BooleanField(default=False)
    shared = models.BooleanField(default=False)
    leaving_reason = models.CharField(max_length=32, choices=LeavingReason.choices, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="tenure_ends_on_or_after_it_starts",
            ),
            # A reason for leaving only once they have left.
            models.CheckConstraint(
                condition=Q(ended_on__isnull=False) | Q(leaving_reason=""),
                name="tenure_reason_only_once_ended",
            ),
            # What an import matches a row on: the same person starting in the same authority
            # on the same day is the same tenure.
            models.UniqueConstraint(
                fields=["authority", "director", "started_on"], name="one_tenure_per_start"
            ),
        ]
        indexes = [
            models.Index(fields=["authority", "ended_on"], name="tenure_current"),
            # The register's state (workforce/analytics.py: `state`), asked by every analytics
            # page: the latest recorded and changed, each from its index, not a scan.
            models.Index(fields=["recorded_at"], name="tenure_recorded"),
            models.Index(fields=["changed_at"], name="tenure_changed"),
        ]

    def __str__(self):
        return f"{self.director.name}, {self.authority.name}"

    @property
    def in_post(self) -> bool:
        return self.ended_on is None


class RegisterImport(models.Model):
    """A spreadsheet a team member uploaded: kept so the dry run can be read back and the import
    finished from it, and so the register says who imported what."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    imported_at = models.DateTimeField(null=True, blank=True)
    created = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.file_name
