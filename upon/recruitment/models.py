from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat, Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords

from upon.programmes.models import Intake


class Capability(models.Model):
    """One capability of the framework an intake selects against; one statement each."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="capabilities")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    description = models.TextField()
    word_limit = models.PositiveIntegerField(default=300)

    class Meta:
        ordering = ["intake_id", "position"]  # by id: ordering by "intake" joins Intake
        constraints = [
            models.UniqueConstraint(
                fields=["intake", "position"], name="unique_capability_position"
            )
        ]

    def __str__(self):
        return self.name


class Sector(models.TextChoices):
    LOCAL_GOVERNMENT = "local_government", "Local government children's services"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    VOLUNTARY = "voluntary", "Voluntary or community sector"
    PRIVATE = "private", "Private sector"
    CENTRAL_GOVERNMENT = "central_government", "Central government"
    OTHER = "other", "Other"


class RoleLevel(models.TextChoices):
    DIRECTOR = "director", "Director or deputy director"
    ASSISTANT_DIRECTOR = "assistant_director", "Assistant director or head of service"
    SERVICE_MANAGER = "service_manager", "Service manager"
    TEAM_MANAGER = "team_manager", "Team manager or below"


class SponsorRole(models.TextChoices):
    LINE_MANAGER = "line_manager", "Line manager"
    DCS = "dcs", "Director of Children's Services"
    OTHER_SENIOR = "other_senior", "Other senior leader"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"
    # Set by selection.
    SHORTLISTED = "shortlisted", "Shortlisted"
    RESERVE = "reserve", "Reserve"
    OFFERED = "offered", "Offered a place"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined offer"
    UNSUCCESSFUL = "unsuccessful", "Unsuccessful"


class Application(models.Model):
    """One person's application to one intake. Monitoring answers live elsewhere, on purpose."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    intake = models.ForeignKey(Intake, on_delete=models.PROTECT, related_name="applications")
    reference = models.CharField(max_length=20, unique=True)
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    # About you.
    full_name = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    # Eligibility answers, carried over from the eligibility check.
    leadership_years = models.PositiveSmallIntegerField(null=True, blank=True)
    director_potential = models.BooleanField(null=True, blank=True)
    # Why the career history shows less senior leadership than the minimum, given on submitting.
    leadership_reason = models.TextField(blank=True)
    # Current role and employer.
    job_title = models.CharField(max_length=200, blank=True)
    role_level = models.CharField(max_length=32, choices=RoleLevel.choices, blank=True)
    sector = models.CharField(max_length=32, choices=Sector.choices, blank=True)
    employer = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    region = models.CharField(max_length=9, blank=True)
    role_started = models.DateField(null=True, blank=True)
    # Sections the applicant has marked as completed (task list keys).
    completed_sections = models.JSONField(default=list, blank=True)
    declaration_confirmed_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    # What the team's search looks in, lower-cased in one column the database keeps up to date:
    # one LIKE over an index, not three over the table.
    search_text = models.GeneratedField(
        expression=Lower(Concat("reference", Value(" "), "full_name", Value(" "), "job_title")),
        output_field=models.CharField(max_length=420),
        db_persist=True,
    )

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "intake"], name="one_application_per_person_per_intake"
            )
        ]
        indexes = [
            models.Index(fields=["intake", "status"]),
            models.Index(fields=["intake", "region"]),
            models.Index(fields=["intake", "sector"]),
            models.Index(fields=["intake", "search_text"], name="application_intake_search"),
            # Serves the team's list order (newest submitted first, drafts last, then reference)
            # straight from the index, so the first page does not sort the whole intake.
            models.Index(
                models.F("intake"),
                models.F("submitted_at").desc(nulls_last=True),
                models.F("reference"),
                name="application_intake_newest",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_editable(self) -> bool:
        return self.status == ApplicationStatus.DRAFT


class CareerEntry(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="career")
    employer_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200)
    started = models.DateField()
    ended = models.DateField(null=True, blank=True, help_text="Empty for the current role.")
    senior_leadership = models.BooleanField(default=False)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["application", "-started"]

    def __str__(self):
        return f"{self.job_title}, {self.employer_name}"


class CapabilityStatement(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="statements"
    )
    capability = models.ForeignKey(Capability, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()

    class Meta:
        ordering = ["application", "capability__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "capability"], name="one_statement_per_capability"
            )
        ]


class EndorsementStatus(models.TextChoices):
    NOT_REQUESTED = "not_requested", "Not requested"
    REQUESTED = "requested", "Waiting for sponsor"
    ENDORSED = "endorsed", "Endorsed"
    DECLINED = "declined", "Not supported"
    EXPIRED = "expired", "Link expired"


class Endorsement(models.Model):
    """The sponsor's support. The sponsor answers by a single-use, expiring link; no account."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="endorsement"
    )
    sponsor_name = models.CharField(max_length=200)
    sponsor_email = models.EmailField()
    sponsor_role = models.CharField(max_length=32, choices=SponsorRole.choices)
    status = models.CharField(
        max_length=20, choices=EndorsementStatus.choices, default=EndorsementStatus.NOT_REQUESTED
    )
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    requested_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)

    history = HistoricalRecords()

    def __str__(self):
        return f"Endorsement of {self.application} by {self.sponsor_email}"
