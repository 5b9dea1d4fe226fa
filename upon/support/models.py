"""Support for new directors: the posts people are appointed to, and the two years of support a
director's appointment opens.

Thin on purpose: the rules live in `appointments.py` (recording, ending and verifying posts).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from upon.service.versioning import Versioned


class PostRole(models.TextChoices):
    DCS = "dcs", "Director of Children's Services (DCS)"
    TWIN_HAT = "dcs_and_dass", "DCS and Director of Adult Social Services (twin hat)"
    ASSISTANT_OR_DEPUTY = "assistant_or_deputy", "Assistant or deputy director"
    OTHER = "other", "Other"


# The posts that make a person a director of children's services.
DIRECTOR_ROLES = (PostRole.DCS, PostRole.TWIN_HAT)


class Tenure(models.TextChoices):
    PERMANENT = "permanent", "Permanent"
    INTERIM = "interim", "Interim"


class EndReason(models.TextChoices):
    NEW_POST = "new_post", "Moved to another post"
    INTERIM_ENDED = "interim_ended", "The interim post ended"
    RETIRED = "retired", "Retired"
    LEFT_SECTOR = "left_sector", "Left the sector"
    OTHER = "other", "Another reason"


class Appointment(Versioned):
    """One person's post in one local authority, from its start to (later) its end. The person
    records it (or edits it, which asks the team to verify it again); the team verifies it.
    Every change is kept with who made it (`history`): it feeds the national register."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="appointments"
    )
    local_authority = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="appointments"
    )
    role = models.CharField(max_length=32, choices=PostRole.choices)
    tenure = models.CharField(max_length=16, choices=Tenure.choices)
    shared = models.BooleanField(
        default=False, help_text="The post is shared across more than one local authority."
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=32, choices=EndReason.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="appointment_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()}, {self.local_authority}"

    @property
    def is_director(self) -> bool:
        return self.role in DIRECTOR_ROLES

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class EntitlementStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


class Entitlement(Versioned):
    """Two years of support opened by a director's verified post (`appointment`): a coaching
    hours budget, places at further learning events and a partnership with the employer.
    Where it stands (status, end, pause) is worked out by `entitlements.refresh` from the
    person's posts whenever one changes (the rule: upon/support/algorithms/entitlements.py)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="entitlements"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="entitlements"
    )
    appointment = models.OneToOneField(
        Appointment, on_delete=models.PROTECT, related_name="entitlement"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(
        max_length=16, choices=EntitlementStatus.choices, default=EntitlementStatus.ACTIVE
    )
    paused_since = models.DateField(null=True, blank=True)
    coaching_hours = models.PositiveSmallIntegerField()
    further_learning_places = models.PositiveSmallIntegerField()
    employer_partnership = models.BooleanField(default=True)
    opened_at = models.DateTimeField(default=timezone.now)
    # The team member who opened it though the rule did not (a second entitlement), or None.
    opened_by_team = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["ends_on", "pk"]

    def __str__(self):
        return f"Support for {self.person} until {self.ends_on:%-d %B %Y}"

    def status_on(self, today) -> str:
        """The stored status, ended once its last day has passed (before the next refresh)."""
        if self.status != EntitlementStatus.ENDED and today > self.ends_on:
            return EntitlementStatus.ENDED
        return self.status


class CoachingMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    EITHER = "either", "In person or online"


class Coach(models.Model):
    """A coach in the programme's pool: who they are, what they bring (specialisms tagged to
    the seven capabilities of the framework, by position 1 to 7), where and how they coach,
    how many directors they take and when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coaching"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="coaches"
    )
    background = models.TextField(blank=True)
    specialisms = models.JSONField(default=list, blank=True)  # capability positions, 1 to 7
    regions = models.JSONField(default=list, blank=True)  # Region codes
    mode = models.CharField(
        max_length=16, choices=CoachingMode.choices, default=CoachingMode.EITHER
    )
    capacity = models.PositiveSmallIntegerField(default=3)
    available_from = models.DateField(null=True, blank=True)
    available_until = models.DateField(null=True, blank=True)
    # The day the coach left the pool: kept, with every relationship and session, never deleted.
    left_pool_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["user__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "programme"], name="one_coach_per_programme")
        ]

    def __str__(self):
        return str(self.user)


class DeclaredConflict(models.Model):
    """A conflict of interest between a coach and a director that no record shows (the coach
    managed or coached them, a friendship): declared by either, or by the team."""

    coach = models.ForeignKey(Coach, on_delete=models.CASCADE, related_name="declared_conflicts")
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["coach", "director"], name="one_declaration_per_pair")
        ]


class Ranking(models.Model):
    """Where a director puts a coach of their shortlist: 1 for the coach they most want. Kept
    per entitlement, so a second period of support asks again."""

    entitlement = models.ForeignKey(Entitlement, on_delete=models.CASCADE, related_name="rankings")
    coach = models.ForeignKey(Coach, on_delete=models.CASCADE, related_name="rankings")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["entitlement", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["entitlement", "coach"], name="one_rank_per_coach")
        ]


class CoachingEnd(models.TextChoices):
    COACH_DECLINED = "coach_declined", "The coach declined"
    REMATCH_ASKED = "rematch_asked", "The director asked to be matched again"
    COACH_LEFT = "coach_left", "The coach left the pool"


class CoachingRelationship(models.Model):
    """A coach and a director, matched by the team for the director's entitlement: from the
    team confirming the match to the coach declining or the director asking to be rematched.
    A coach is never deleted while they have one (the director's history stays)."""

    coach = models.ForeignKey(Coach, on_delete=models.PROTECT, related_name="relationships")
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coached_in"
    )
    entitlement = models.ForeignKey(
        Entitlement, on_delete=models.PROTECT, related_name="relationships"
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=32, choices=CoachingEnd.choices, blank=True)
    end_note = models.TextField(blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entitlement"],
                condition=Q(ended_on__isnull=True),
                name="one_running_relationship_per_entitlement",
            )
        ]

    def __str__(self):
        return f"{self.coach} coaching {self.director}"

    @property
    def programme_id(self):
        return self.coach.programme_id

    @property
    def is_running(self) -> bool:
        return self.ended_on is None


class EmployerPartnership(models.Model):
    """The partnership with a director's employer that their support includes: the contact at
    the authority of the post (`local_authority`), invited by the team or the director, who
    checks in at 3, 6, 12, 18 and 24 months (`check_ins`) by a signed link or, once they have
    one, their account. Rules: upon/support/employers.py."""

    entitlement = models.OneToOneField(
        Entitlement, on_delete=models.PROTECT, related_name="employer"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="+"
    )
    local_authority = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    contact_name = models.CharField(max_length=200)
    contact_email = models.EmailField()  # lower case: compared with the account's
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.contact_name}, {self.local_authority}"


class RetentionRisk(models.TextChoices):
    NONE = "none", "None"
    SOME = "some", "Some"
    HIGH = "high", "High"


# The answers that flag the director's case to the programme team.
FLAGGED_RISKS = (RetentionRisk.SOME, RetentionRisk.HIGH)


class EmployerCheckIn(models.Model):
    """One of the employer's structured check-ins, due `month` months into the support: what is
    going well, what support is needed and the risk to keeping the director (with why)."""

    partnership = models.ForeignKey(
        EmployerPartnership, on_delete=models.CASCADE, related_name="check_ins"
    )
    month = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    going_well = models.TextField(blank=True)
    support_needed = models.TextField(blank=True)
    retention_risk = models.CharField(max_length=8, choices=RetentionRisk.choices, blank=True)
    risk_explanation = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "month"], name="one_check_in_a_month")
        ]

    def __str__(self):
        return f"{self.month}-month check-in"

    @property
    def is_done(self) -> bool:
        return self.completed_at is not None

    @property
    def is_flagged(self) -> bool:
        return self.retention_risk in FLAGGED_RISKS


class EndingNotice(models.Model):
    """A notice sent to a director and the team that the entitlement ends on `ends_on`, sent
    `days_before` days before (90, then 30). The unique row is what makes it go once; a new end
    (after a pause) earns its own notices."""

    entitlement = models.ForeignKey(
        Entitlement, on_delete=models.CASCADE, related_name="ending_notices"
    )
    ends_on = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["entitlement", "ends_on", "days_before"], name="one_ending_notice_each"
            )
        ]

    def __str__(self):
        return f"{self.days_before} days before {self.ends_on:%-d %B %Y}: {self.entitlement}"


class LearningEvent(models.Model):
    """A masterclass or other further learning event for new directors and alumni, with the
    places it has. Bookings beyond them wait on its waiting list (`further_learning.py`)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="learning_events"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    places = models.PositiveSmallIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="learning_event_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"


class Booking(models.Model):
    """A person's booking on a further learning event: a place, or a place on the waiting list
    (in the order `requested_at`), or cancelled. One a person an event."""

    event = models.ForeignKey(LearningEvent, on_delete=models.CASCADE, related_name="bookings")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="learning_bookings"
    )
    status = models.CharField(max_length=16, choices=BookingStatus.choices)
    requested_at = models.DateTimeField(default=timezone.now)
    # Recorded by the team after the event: True, False, or None (not yet recorded).
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="one_booking_per_person")
        ]

    def __str__(self):
        return f"{self.person} on {self.event}: {self.get_status_display()}"

    @property
    def attended_label(self) -> str:
        return {True: "Attended", False: "Did not attend", None: "Not recorded"}[self.attended]


class CoachingSessionMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    TELEPHONE = "telephone", "Telephone"


# No coaching session is longer than a day.
MAX_SESSION_MINUTES = 24 * 60


class CoachingSession(models.Model):
    """One coaching session of a relationship: when, how long, how, and the themes it touched
    (capability positions 1 to 7). The notes and goals are private to the coach and the director:
    the team sees hours and counts only (`coaching_log.py`). Protected from the relationship's
    deletion, so a director's log outlives a coach leaving the pool."""

    relationship = models.ForeignKey(
        CoachingRelationship, on_delete=models.PROTECT, related_name="sessions"
    )
    held_on = models.DateField()
    minutes = models.PositiveSmallIntegerField()
    mode = models.CharField(max_length=16, choices=CoachingSessionMode.choices)
    themes = models.JSONField(default=list, blank=True)  # capability positions, 1 to 7
    notes = models.TextField(blank=True)
    goals = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1, minutes__lte=MAX_SESSION_MINUTES),
                name="coaching_session_at_most_a_day",
            )
        ]

    def __str__(self):
        return f"Coaching session on {self.held_on:%-d %B %Y}"


class CheckSide(models.TextChoices):
    COACH = "coach", "Coach"
    DIRECTOR = "director", "Director"


class RelationshipCheck(models.Model):
    """After the third session each side answers two questions about the relationship (1 to 5).
    A low answer alerts the team, who see the answers but never the notes."""

    relationship = models.ForeignKey(
        CoachingRelationship, on_delete=models.PROTECT, related_name="checks"
    )
    side = models.CharField(max_length=16, choices=CheckSide.choices)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    working_well = models.PositiveSmallIntegerField()
    progress = models.PositiveSmallIntegerField()
    answered_at = models.DateTimeField(default=timezone.now)
    # When the team looked at a low answer (None: not yet, or nothing low).
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-answered_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "side"], name="one_relationship_check_each_side"
            ),
            models.CheckConstraint(
                condition=Q(working_well__gte=1, working_well__lte=5)
                & Q(progress__gte=1, progress__lte=5),
                name="relationship_check_answers_1_to_5",
            ),
        ]
