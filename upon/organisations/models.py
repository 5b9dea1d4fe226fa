from django.db import models


class Region(models.TextChoices):
    NORTH_EAST = "E12000001", "North East"
    NORTH_WEST = "E12000002", "North West"
    YORKSHIRE = "E12000003", "Yorkshire and The Humber"
    EAST_MIDLANDS = "E12000004", "East Midlands"
    WEST_MIDLANDS = "E12000005", "West Midlands"
    EAST = "E12000006", "East of England"
    LONDON = "E12000007", "London"
    SOUTH_EAST = "E12000008", "South East"
    SOUTH_WEST = "E12000009", "South West"


class OrganisationKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    NHS_TRUST = "nhs_trust", "NHS trust"
    VOLUNTARY = "voluntary", "Voluntary or community sector"
    PRIVATE = "private", "Private provider"
    CENTRAL_GOVERNMENT = "central_government", "Central government"
    OTHER = "other", "Other"


class LocalAuthorityType(models.TextChoices):
    UNITARY = "unitary_authority", "Unitary authority"
    METROPOLITAN = "metropolitan_district", "Metropolitan district"
    LONDON_BOROUGH = "london_borough", "London borough"
    CITY_CORPORATION = "city_corporation", "City corporation"
    COUNTY = "county_council", "County council"


# The national benchmark dataset's synthetic authorities (demo/register.py) have codes that start
# with this, and the kind "other": they hold synthetic register tenures and are offered nowhere.
SYNTHETIC_CODE_PREFIX = "SYN"


class Organisation(models.Model):
    """An employer. The 153 local authorities are loaded by migration; others are added by name."""

    name = models.CharField(max_length=200)
    # Lower-cased, punctuation-free name: "St. Mary's Trust" and "st marys trust" are one employer.
    normalised_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    region = models.CharField(max_length=9, choices=Region.choices, blank=True)
    gss_code = models.CharField(max_length=9, unique=True, null=True, blank=True)
    former_gss_code = models.CharField(max_length=9, blank=True)
    dfe_la_code = models.CharField(max_length=3, blank=True)
    la_type = models.CharField(max_length=32, choices=LocalAuthorityType.choices, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "normalised_name"], name="unique_organisation_per_kind"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_local_authority(self) -> bool:
        return self.kind == OrganisationKind.LOCAL_AUTHORITY
