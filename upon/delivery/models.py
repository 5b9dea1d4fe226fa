"""Delivery: the cohort's year. Sessions and where they happen, who attends, action learning
sets, self-assessment against the capability framework, leadership challenges and feedback.

Thin on purpose: rules live in plain functions beside these (services modules) and the
algorithms in pure modules (timetabling, set_formation).
"""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from upon.service.versioning import Versioned


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Cohort(Versioned):
    """The people who accepted a place on one intake, and the rules for completing the year."""

    intake = models.OneToOneField(
        "programmes.Intake", on_delete=models.CASCADE, related_name="cohort"
    )
    name = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    taught_days_required = models.PositiveSmallIntegerField(default=7)
    taught_days_total = models.PositiveSmallIntegerField(default=8)
    action_learning_percent_required = models.PositiveSmallIntegerField(
        default=75, validators=[MaxValueValidator(100)]
    )
    min_gap_days = models.PositiveSmallIntegerField(
        default=14, help_text="Fewest days between one taught day and the next."
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Every change to the settings, with who made it; lowering the completion rule once the
    # year has started also keeps why (upon/delivery/completion_rule.py).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="cohort_ends_after"
            )
        ]

    def __str__(self):
        return self.name


class ParticipantStatus(models.TextChoices):
    ACTIVE = "active", "Taking part"
    DEFERRED = "deferred", "Deferred"
    WITHDRAWN = "withdrawn", "Withdrawn"
    COMPLETED = "completed", "Completed"


class Participant(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="participations"
    )
    application = models.OneToOneField(
        "recruitment.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participant",
    )
    status = models.CharField(
        max_length=20, choices=ParticipantStatus.choices, default=ParticipantStatus.ACTIVE
    )
    # Withdrawal or deferral: kept for the outcome figures.
    status_reason = models.TextField(blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # Who in the programme team withdrew, deferred, reinstated or confirmed completion.
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action_learning_set = models.ForeignKey(
        "ActionLearningSet",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    certificate_issued_at = models.DateTimeField(null=True, blank=True)
    # Every change of place (and completion confirmed) with who and when. The calendar
    # token is a secret: a copy in the history would outlive a reset.
    history = HistoricalRecords(excluded_fields=["calendar_token"])

    class Meta:
        ordering = ["cohort", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="one_place_per_cohort")
        ]

    def __str__(self):
        return f"{self.user} in {self.cohort}"


class FacilitatorCalendar(models.Model):
    """The secret address of a facilitator's calendar feed of the sessions they run."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facilitator_calendar"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)

    def __str__(self):
        return f"Calendar of {self.user}"


class Venue(Versioned):
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="venues"
    )
    name = models.CharField(max_length=200)
    address = models.TextField()
    access_notes = models.TextField(
        blank=True, help_text="Step-free access, parking, hearing loops."
    )
    capacity = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Unavailability(models.Model):
    """A facilitator or a venue not free from `starts_at` to `ends_at`."""

    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="unavailability",
    )
    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, null=True, blank=True, related_name="unavailability"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(facilitator__isnull=False, venue__isnull=True)
                | Q(facilitator__isnull=True, venue__isnull=False),
                name="unavailability_of_one_thing",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="unavailability_ends_after"
            ),
        ]


class SessionKind(models.TextChoices):
    TAUGHT_DAY = "taught_day", "Taught day"
    LEARNING_VISIT = "learning_visit", "Learning visit"
    ACTION_LEARNING = "action_learning", "Action learning set meeting"
    CHALLENGE = "challenge", "Leadership challenge activity"
    OTHER = "other", "Other"


class Mode(models.TextChoices):
    VIRTUAL = "virtual", "Virtual"
    IN_PERSON = "in_person", "In person"
    HYBRID = "hybrid", "Hybrid"


class Session(Versioned):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(max_length=20, choices=SessionKind.choices)
    # Taught days run in order: 1 to 8. Other kinds have none.
    sequence_number = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions"
    )
    joining_link = models.URLField(blank=True)
    joining_details = models.TextField(blank=True, help_text="Meeting ID, passcode, dial-in.")
    capacity = models.PositiveSmallIntegerField(null=True, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="facilitated_sessions"
    )
    contributors = models.CharField(max_length=300, blank=True, help_text="Guest speakers.")
    # An action learning meeting belongs to one set (its members attend, its facilitator runs
    # it); every other kind of session is for the whole cohort.
    action_learning_set = models.ForeignKey(
        "ActionLearningSet",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meetings",
    )
    # Which capabilities this session addresses (the cohort needs page).
    addresses = models.ManyToManyField("recruitment.Capability", blank=True, related_name="+")
    published = models.BooleanField(default=False)
    # iCalendar identity: the UID never changes; SEQUENCE goes up with every change people see.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ical_sequence = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["cohort", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after"
            ),
            models.CheckConstraint(
                condition=Q(kind=SessionKind.ACTION_LEARNING, action_learning_set__isnull=False)
                | (~Q(kind=SessionKind.ACTION_LEARNING) & Q(action_learning_set__isnull=True)),
                name="action_learning_meeting_of_one_set",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def needs_joining_link(self) -> bool:
        """Meets online (virtual or hybrid) but has no joining link yet."""
        return self.mode != Mode.IN_PERSON and not self.joining_link


class SessionMaterial(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="materials/%Y/", blank=True)
    url = models.URLField(blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""), name="material_is_a_file_or_a_link"
            )
        ]

    def __str__(self):
        return self.title


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    LATE = "late", "Late"
    LEFT_EARLY = "left_early", "Left early"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


# Counted as attending for the completion rule.
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY)


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="one_mark_a_session")
        ]


class ActionLearningSet(Versioned):
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="action_learning_sets"
    )
    name = models.CharField(max_length=100)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitated_sets",
    )

    class Meta:
        ordering = ["cohort", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "name"], name="set_names_unique_in_cohort")
        ]

    def __str__(self):
        return self.name


class SetNote(models.Model):
    """Meeting notes: private to the set's members and its facilitator."""

    action_learning_set = models.ForeignKey(
        ActionLearningSet, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]


class AssessmentPoint(models.TextChoices):
    START = "start", "Start of the year"
    MIDPOINT = "midpoint", "Midpoint"
    END = "end", "End of the year"


class SelfAssessment(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="self_assessments"
    )
    point = models.CharField(max_length=10, choices=AssessmentPoint.choices)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "point"], name="one_assessment_a_point")
        ]


class SelfRating(models.Model):
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="ratings")
    capability = models.ForeignKey(
        "recruitment.Capability", on_delete=models.CASCADE, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "capability"], name="one_rating_each"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="self_rating_1_to_5"
            ),
        ]


class DevelopmentGoal(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="development_goals"
    )
    capability = models.ForeignKey(
        "recruitment.Capability", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField()
    achieved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]


class Challenge(Versioned):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="challenges")
    title = models.CharField(max_length=200)
    brief = models.TextField()
    deadline = models.DateTimeField()

    class Meta:
        ordering = ["deadline", "pk"]

    def __str__(self):
        return self.title


class ChallengeTeam(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=100)
    members = models.ManyToManyField(Participant, related_name="challenge_teams")
    feedback = models.TextField(blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    feedback_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["challenge", "name"]


class ChallengeSubmission(models.Model):
    team = models.ForeignKey(ChallengeTeam, on_delete=models.CASCADE, related_name="submissions")
    file = models.FileField(upload_to="challenges/%Y/")
    original_name = models.CharField(max_length=255)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-pk"]


class SessionFeedback(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="feedback")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="session_feedback"
    )
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="one_feedback_a_session"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]
