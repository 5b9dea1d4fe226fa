"""Partner organisations of a programme and the tokens they read the partner API with.

A token's secret is shown once, when the lead issues it; only its SHA-256 hash is kept (a
secret of 256 random bits needs no slower hash), with a short prefix that names it on the
lead's pages and in logs without giving it away.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

NAME_MAX = 200


class PartnerOrganisation(models.Model):
    """An organisation outside the programme that reads its figures through the API (a
    research partner, the funder's analysts). Not an employer: it is kept apart from
    `organisations.Organisation`, whose list applicants choose their employer from."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="partner_organisations"
    )
    name = models.CharField(max_length=NAME_MAX)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "programme", name="one_partner_name_per_programme"
            )
        ]

    def __str__(self):
        return self.name


class ApiToken(models.Model):
    partner = models.ForeignKey(
        PartnerOrganisation, on_delete=models.PROTECT, related_name="tokens"
    )
    name = models.CharField(max_length=100)  # what the partner uses it for
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-issued_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix})"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None
