"""Selection: who reviews what, the scores, the panel's decisions, offers and the waitlist.

Thin on purpose: the rules live in plain service modules and the algorithms in the pure
`algorithms/` package (assignment, calibration, composition). Nothing here reads equality
monitoring.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from upon.service.times import time_on_date
from upon.service.versioning import Versioned


class SelectionSettings(Versioned):
    """How one intake selects: set by the team before review starts. Versioned: two people
    saving the settings page at once never overwrite each other."""

    intake = models.OneToOneField(
        "programmes.Intake", on_delete=models.CASCADE, related_name="selection"
    )
    reviews_per_application = models.PositiveSmallIntegerField(default=2)
    disagreement_threshold = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        default=1,
        help_text="A further review is assigned when reviewers' overall scores differ by more.",
    )
    review_deadline = models.DateTimeField(null=True, blank=True)
    max_per_employer = models.PositiveSmallIntegerField(null=True, blank=True, default=2)
    one_per_region = models.BooleanField(default=True)
    # {"local_authority": [min, max], ...}; empty means no bounds.
    sector_bounds = models.JSONField(default=dict, blank=True)
    offer_days = models.PositiveSmallIntegerField(
        default=14, help_text="Days an applicant has to accept an offer."
    )
    places = models.PositiveIntegerField()
    assessment_weight = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(100)],
        help_text="Percentage of the final merit from the assessment stage; 0 for none.",
    )
    # No count of accepted places is stored: it is the accepted offers, counted under a lock on
    # this row (selection/offers.py), so no save of the settings can give places back.
    composition_confirmed_at = models.DateTimeField(null=True, blank=True)

    # Every change, with who made it (the request's user, or `_history_user` set by the
    # service) and when.
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "selection settings"

    def __str__(self):
        return f"Selection for {self.intake}"


class Reviewer(models.Model):
    """A person in an intake's reviewer pool. `user` is set once they accept the invitation."""

    intake = models.ForeignKey(
        "programmes.Intake", on_delete=models.CASCADE, related_name="reviewers"
    )
    email = models.EmailField()
    full_name = models.CharField(max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewer_places",
    )
    capacity = models.PositiveSmallIntegerField(help_text="Most applications they will review.")
    expertise = models.CharField(max_length=300, blank=True)
    region = models.CharField(max_length=9, blank=True)
    conflict_organisations = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="+"
    )
    # One name or email address a line.
    conflict_people = models.TextField(blank=True)
    added_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(fields=["intake", "email"], name="one_reviewer_per_email")
        ]

    def __str__(self):
        return self.full_name or self.email

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class ConflictKind(models.TextChoices):
    APPLICANT = "applicant", "Reviewer is the applicant"
    EMPLOYER = "employer", "Same current or recent employer"
    ENDORSER = "endorser", "Reviewer endorsed the application"
    PERSON = "person", "Declared conflict with this person"
    DECLARED = "declared", "Reviewer declared a conflict on opening the application"
    TEAM = "team", "Recorded by the programme team"


class Conflict(models.Model):
    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="conflicts")
    application = models.ForeignKey(
        "recruitment.Application", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=ConflictKind.choices)
    detail = models.CharField(max_length=300, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "application", "kind"], name="one_conflict_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} / {self.application}: {self.get_kind_display()}"


class AssignmentSource(models.TextChoices):
    SOLVER = "solver", "Assigned automatically"
    TEAM = "team", "Added by the programme team"
    FURTHER = "further", "Further review after disagreement"
    REASSIGNED = "reassigned", "Reassigned after a withdrawal or conflict"


class ReviewAssignment(models.Model):
    """One reviewer asked to review one application. Removed assignments are kept, closed."""

    application = models.ForeignKey(
        "recruitment.Application", on_delete=models.CASCADE, related_name="review_assignments"
    )
    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="assignments")
    source = models.CharField(max_length=16, choices=AssignmentSource.choices)
    assigned_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"],
                condition=Q(removed_at__isnull=True),
                name="one_open_assignment_per_pair",
            )
        ]
        indexes = [models.Index(fields=["reviewer", "removed_at"])]

    def __str__(self):
        return f"{self.application} to {self.reviewer}"


class Recommendation(models.TextChoices):
    SHORTLIST = "shortlist", "Shortlist"
    RESERVE = "reserve", "Reserve"
    DECLINE = "decline", "Do not shortlist"


class Confidence(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class Review(models.Model):
    """A reviewer's scores for one assignment: a draft until submitted."""

    assignment = models.OneToOneField(
        ReviewAssignment, on_delete=models.CASCADE, related_name="review"
    )
    recommendation = models.CharField(max_length=16, choices=Recommendation.choices, blank=True)
    confidence = models.CharField(max_length=8, choices=Confidence.choices, blank=True)
    # Mean of the capability scores, set on submission; what calibration reads.
    overall = models.DecimalField(max_digits=4, decimal_places=3, null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    def __str__(self):
        return f"Review of {self.assignment}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class CapabilityScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    capability = models.ForeignKey(
        "recruitment.Capability", on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "capability"], name="one_score_a_capability"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=4),
                name="score_on_the_rubric",
            ),
        ]

    def __str__(self):
        return f"{self.capability}: {self.score}"


class Outcome(models.TextChoices):
    SHORTLIST = "shortlist", "Shortlist"
    RESERVE = "reserve", "Reserve"
    DECLINE = "decline", "Decline"


class Decision(models.Model):
    """The panel's moderation decision on one application."""

    application = models.OneToOneField(
        "recruitment.Application", on_delete=models.CASCADE, related_name="decision"
    )
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    rationale = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    # Feedback for an unsuccessful applicant, drawn from reviewer comments and approved.
    feedback = models.TextField(blank=True)
    feedback_approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.application}: {self.get_outcome_display()}"


class OfferStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a reply"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    LAPSED = "lapsed", "Lapsed"


class Offer(models.Model):
    application = models.OneToOneField(
        "recruitment.Application", on_delete=models.CASCADE, related_name="offer"
    )
    status = models.CharField(
        max_length=16, choices=OfferStatus.choices, default=OfferStatus.PENDING
    )
    sent_at = models.DateTimeField(default=timezone.now)
    accept_by = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    from_waitlist = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["status", "accept_by"])]

    def __str__(self):
        return f"Offer to {self.application}"


class WaitlistEntry(models.Model):
    """A reserve, in the order the lead confirmed. Offered entries keep their place, marked."""

    intake = models.ForeignKey(
        "programmes.Intake", on_delete=models.CASCADE, related_name="waitlist"
    )
    application = models.OneToOneField(
        "recruitment.Application", on_delete=models.CASCADE, related_name="waitlist_entry"
    )
    position = models.PositiveIntegerField()
    offered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["intake", "position"], name="one_reserve_a_position")
        ]

    def __str__(self):
        return f"{self.position}. {self.application}"


class AuditEvent(models.Model):
    """Who did what to selection, when, with the values before and after."""

    LABELS = {
        "assignment_added": "Reviewer added by hand",
        "assignment_added_despite_conflict": "Reviewer added by hand despite a conflict",
        "assignment_removed": "Reviewer removed",
        "assignment_run": "Reviewers assigned",
        "assessment_booked": "Assessment slot booked",
        "assessment_scored": "Assessment score recorded",
        "cohort_confirmed": "Cohort confirmed",
        "conflict_declared": "Conflict of interest declared",
        "decision_recorded": "Decision recorded",
        "decision_changed": "Decision changed",
        "decision_reversed": "Published decision reversed",
        "decision_published": "Decision sent to the applicant",
        "feedback_approved": "Feedback approved",
        "offer_sent": "Offer sent",
        "offer_accepted": "Offer accepted",
        "offer_declined": "Offer declined",
        "offer_lapsed": "Offer lapsed",
        "review_submitted": "Review submitted",
        "review_changed": "Submitted review changed",
        "reviewer_added": "Reviewer added to the pool",
        "reviewer_withdrawn": "Reviewer withdrawn",
        "waitlisted_after_confirmation": "Added to the end of the waiting list",
    }

    intake = models.ForeignKey(
        "programmes.Intake", on_delete=models.CASCADE, related_name="selection_audit"
    )
    application = models.ForeignKey(
        "recruitment.Application", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["intake", "-at"])]

    def __str__(self):
        return f"{self.action} at {time_on_date(self.at)}"

    @property
    def label(self) -> str:
        return self.LABELS.get(self.action, self.action.replace("_", " ").capitalize())


class AssessmentKind(models.TextChoices):
    INTERVIEW = "interview", "Interview"
    ASSESSMENT_CENTRE = "assessment_centre", "Assessment centre"


class AssessmentSlot(models.Model):
    """A time when the assessment panel sees shortlisted applicants."""

    intake = models.ForeignKey(
        "programmes.Intake", on_delete=models.CASCADE, related_name="assessment_slots"
    )
    kind = models.CharField(max_length=20, choices=AssessmentKind.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=300, help_text="Venue address or joining link.")
    places = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="assessment_slot_ends_after"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, {time_on_date(self.starts_at)}"


class AssessmentBooking(models.Model):
    application = models.OneToOneField(
        "recruitment.Application", on_delete=models.CASCADE, related_name="assessment_booking"
    )
    slot = models.ForeignKey(AssessmentSlot, on_delete=models.PROTECT, related_name="bookings")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    booked_at = models.DateTimeField(default=timezone.now)


class AssessmentScore(models.Model):
    """One panel member's score for one applicant at assessment, 1 to 4 like the rubric."""

    application = models.ForeignKey(
        "recruitment.Application", on_delete=models.CASCADE, related_name="assessment_scores"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "assessor"], name="one_assessment_score_each"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=4), name="assessment_score_1_to_4"
            ),
        ]
