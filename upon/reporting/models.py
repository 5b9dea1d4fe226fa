"""Equality monitoring: special category data, kept apart from the application on purpose;
and the programme's grant (budget lines and what was spent).

Nothing in recruitment or selection imports this module. Only aggregate reports, with counts
under 5 suppressed, read the monitoring answers, and only for the programme lead. See DESIGN.md.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from upon.service.versioning import Versioned

PREFER_NOT_TO_SAY = ("prefer_not_to_say", "Prefer not to say")


class Ethnicity(models.TextChoices):
    # ONS 2021 census groups for England.
    ASIAN_INDIAN = "asian_indian", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Asian or Asian British: Pakistani"
    ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Asian or Asian British: Chinese"
    ASIAN_OTHER = "asian_other", "Any other Asian background"
    BLACK_AFRICAN = "black_african", "Black, Black British, Caribbean or African: African"
    BLACK_CARIBBEAN = "black_caribbean", "Black, Black British, Caribbean or African: Caribbean"
    BLACK_OTHER = "black_other", "Any other Black, Black British or Caribbean background"
    MIXED_WHITE_ASIAN = "mixed_white_asian", "Mixed or multiple ethnic groups: White and Asian"
    MIXED_WHITE_BLACK_AFRICAN = (
        "mixed_white_black_african",
        "Mixed or multiple ethnic groups: White and Black African",
    )
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "mixed_white_black_caribbean",
        "Mixed or multiple ethnic groups: White and Black Caribbean",
    )
    MIXED_OTHER = "mixed_other", "Any other Mixed or multiple ethnic background"
    WHITE_BRITISH = "white_british", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "white_irish", "White: Irish"
    WHITE_GYPSY = "white_gypsy", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "White: Roma"
    WHITE_OTHER = "white_other", "Any other White background"
    ARAB = "arab", "Other ethnic group: Arab"
    OTHER = "other", "Any other ethnic group"
    PREFER_NOT = PREFER_NOT_TO_SAY


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    PREFER_NOT = PREFER_NOT_TO_SAY


class GenderIdentity(models.TextChoices):
    SAME = "same", "Yes, my gender identity is the same as the sex I was registered at birth"
    DIFFERENT = "different", "No, my gender identity is different"
    PREFER_NOT = PREFER_NOT_TO_SAY


class SexualOrientation(models.TextChoices):
    HETEROSEXUAL = "heterosexual", "Straight or heterosexual"
    GAY_LESBIAN = "gay_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Another sexual orientation"
    PREFER_NOT = PREFER_NOT_TO_SAY


class Disability(models.TextChoices):
    YES_A_LOT = "yes_a_lot", "Yes, limited a lot"
    YES_A_LITTLE = "yes_a_little", "Yes, limited a little"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT_TO_SAY


class Religion(models.TextChoices):
    NONE = "none", "No religion"
    BUDDHIST = "buddhist", "Buddhist"
    CHRISTIAN = "christian", "Christian"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Any other religion"
    PREFER_NOT = PREFER_NOT_TO_SAY


class AgeBand(models.TextChoices):
    UNDER_35 = "under_35", "Under 35"
    FROM_35_TO_44 = "35_44", "35 to 44"
    FROM_45_TO_54 = "45_54", "45 to 54"
    FROM_55_TO_64 = "55_64", "55 to 64"
    OVER_65 = "65_plus", "65 or over"
    PREFER_NOT = PREFER_NOT_TO_SAY


class CaringResponsibilities(models.TextChoices):
    NONE = "none", "No"
    CHILDREN = "children", "Yes, for a child or children"
    ADULT = "adult", "Yes, for an adult"
    BOTH = "both", "Yes, for both children and adults"
    PREFER_NOT = PREFER_NOT_TO_SAY


class SocioEconomicBackground(models.TextChoices):
    # The Social Mobility Commission's question: main earner's occupation when you were 14.
    PROFESSIONAL = "professional", "Modern or traditional professional occupation"
    INTERMEDIATE = "intermediate", "Clerical or intermediate occupation"
    SMALL_BUSINESS = "small_business", "Small business owner or self-employed"
    TECHNICAL = "technical", "Technical, craft, routine or semi-routine occupation"
    NOT_WORKING = "not_working", "Long-term unemployed or never worked"
    PREFER_NOT = PREFER_NOT_TO_SAY


# The questions, in the order asked, with the wording used on the form and in reports.
QUESTIONS = {
    "ethnicity": ("What is your ethnic group?", Ethnicity),
    "sex": ("What is your sex?", Sex),
    "gender_identity": (
        "Is the gender you identify with the same as your sex registered at birth?",
        GenderIdentity,
    ),
    "sexual_orientation": (
        "Which of the following best describes your sexual orientation?",
        SexualOrientation,
    ),
    "disability": (
        "Are your day-to-day activities limited because of a health problem or disability "
        "which has lasted, or is expected to last, at least 12 months?",
        Disability,
    ),
    "religion": ("What is your religion?", Religion),
    "age_band": ("What is your age?", AgeBand),
    "caring": (
        "Do you look after, or give any help or support to, anyone?",
        CaringResponsibilities,
    ),
    "socio_economic": (
        "What was the occupation of the main household earner when you were about 14?",
        SocioEconomicBackground,
    ),
}


class MonitoringResponse(models.Model):
    """One applicant's optional equality answers. Blank means not answered."""

    application = models.OneToOneField(
        "recruitment.Application", on_delete=models.CASCADE, related_name="+"
    )
    ethnicity = models.CharField(max_length=40, choices=Ethnicity.choices, blank=True)
    sex = models.CharField(max_length=20, choices=Sex.choices, blank=True)
    gender_identity = models.CharField(max_length=20, choices=GenderIdentity.choices, blank=True)
    sexual_orientation = models.CharField(
        max_length=20, choices=SexualOrientation.choices, blank=True
    )
    disability = models.CharField(max_length=20, choices=Disability.choices, blank=True)
    religion = models.CharField(max_length=20, choices=Religion.choices, blank=True)
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, blank=True)
    caring = models.CharField(max_length=20, choices=CaringResponsibilities.choices, blank=True)
    socio_economic = models.CharField(
        max_length=20, choices=SocioEconomicBackground.choices, blank=True
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return "Equality monitoring response"


# The grant: what the funder gave the programme, in budget lines, and what the team spent.


class BudgetLine(Versioned):
    """One line of a programme's grant: what it is for, how much, and the period it covers (a
    financial year, usually). The grant is the programme's lines together. The team changes
    lines (upon/reporting/grant.py), two of them perhaps at once: hence the version."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="budget_lines"
    )
    name = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    starts_on = models.DateField()
    ends_on = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="budget_line_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="budget_line_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return self.name


class Spend(models.Model):
    """Money the programme team spent against a budget line: when, how much, what for."""

    budget_line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="spends")
    spent_on = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    description = models.CharField(max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-spent_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="spend_amount_positive")
        ]

    def __str__(self):
        return self.description


# The funder's report (issue 14, item 6): built by a background job for a chosen period.


class ReportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being built"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class FunderReport(models.Model):
    """One version of a programme's report to its funder: the period it covers, the team's
    narrative, and, once the job has built them, the PDF and the workbook.

    The files are kept in the database, as the register's imports are: the worker that builds
    them (`db_worker`) and the web server that hands them out share the database and nothing
    else. A version is never edited (a new period or narrative is a new version), so it has no
    history; who asked for it and when are on the row, and the job alone moves its status."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="funder_reports"
    )
    version = models.PositiveIntegerField()
    starts_on = models.DateField()
    ends_on = models.DateField()
    narrative = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=200, blank=True)  # what the job is doing now
    error = models.TextField(blank=True)  # why it failed, in words
    pdf = models.BinaryField(default=b"")
    xlsx = models.BinaryField(default=b"")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "version"], name="one_funder_report_version"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="funder_report_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="funder_report_progress_percent"
            ),
        ]

    def __str__(self):
        return f"Funder's report, version {self.version}"

    @property
    def done(self) -> bool:
        return self.status == ReportStatus.DONE


# Equality answers are special category data (issue 15, item 4): every read is logged, and once
# an intake is old enough its answers are deleted and only its counts kept.


class EqualityRead(models.Model):
    """One read of equality monitoring answers: who, when, why and what. Written by the code
    that reads them (`equality_reads.record`), never by a view; the privacy pages list them."""

    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    read_at = models.DateTimeField(default=timezone.now)
    purpose = models.CharField(max_length=200)
    what = models.CharField(max_length=300)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-read_at", "-pk"]
        indexes = [models.Index(fields=["programme", "-read_at"])]

    def __str__(self):
        return f"{self.purpose}: {self.what}"


class EqualitySnapshot(models.Model):
    """An intake's equality counts, kept when its answers were deleted (`retention`): the raw
    counts of `stages.monitoring_counts` for the equality report's stages and for diversity
    through the funnel's, {question key: rows}. Counts only: no answer of any one person.
    The reports read these in place of the answers, hidden the same way."""

    intake = models.OneToOneField(
        "programmes.Intake", on_delete=models.CASCADE, related_name="equality_snapshot"
    )
    taken_at = models.DateTimeField(default=timezone.now)
    selection_counts = models.JSONField()
    funnel_counts = models.JSONField()

    def __str__(self):
        return f"Equality counts of {self.intake_id}"
