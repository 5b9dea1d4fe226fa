from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("email_confirmed_at", timezone.now())
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Keyed by email; roles come from RoleAssignment, scoped to programme or intake."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    # When this address was last told "you already have an account" (at most once a day).
    account_exists_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # A confirmed authenticator app (upon/accounts/second_factor.py keeps this in step with the
    # django-otp devices), read from the row already loaded, so a request costs no query for it.
    second_factor_on = models.BooleanField(default=False, db_default=False, editable=False)
    # Both with a database default, so code from before this field (a migration's model, a
    # server not yet upgraded) can still create people.
    # Raised by each reset of the second factor: a session verified before it no longer counts.
    second_factor_epoch = models.PositiveIntegerField(default=0, db_default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    PARTICIPANT = "participant", "Participant"
    NEW_DIRECTOR = "new_director", "New director"
    ALUMNUS = "alumnus", "Alumnus"
    REVIEWER = "reviewer", "Reviewer"
    FACILITATOR = "facilitator", "Facilitator"
    COACH = "coach", "Coach"
    EMPLOYER_CONTACT = "employer_contact", "Employer contact"
    PROGRAMME_TEAM = "programme_team", "Programme team"
    PROGRAMME_LEAD = "programme_lead", "Programme lead"
    FUNDER = "funder", "Funder"


# Roles held for a whole programme; the rest are held for one intake.
PROGRAMME_SCOPED_ROLES = {
    Role.PROGRAMME_TEAM,
    Role.PROGRAMME_LEAD,
    Role.FUNDER,
    Role.COACH,
    Role.ALUMNUS,
    Role.NEW_DIRECTOR,
    Role.EMPLOYER_CONTACT,
}
INTAKE_SCOPED_ROLES = {Role.REVIEWER, Role.PARTICIPANT, Role.FACILITATOR}
# Everyone applies as themselves: "applicant" is not a granted role.


class RoleAssignment(models.Model):
    """One person holding one role, for one programme (and, for some roles, one intake)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="role_assignments"
    )
    intake = models.ForeignKey(
        "programmes.Intake",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    granted_at = models.DateTimeField(default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "programme"],
                condition=models.Q(intake__isnull=True),
                name="unique_programme_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "intake"],
                condition=models.Q(intake__isnull=False),
                name="unique_intake_role",
            ),
        ]

    def __str__(self):
        scope = self.intake or self.programme
        return f"{self.user} – {self.get_role_display()} – {scope}"


class SecondFactorReset(models.Model):
    """The audit of a programme lead resetting a person's second factor (their device lost)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="second_factor_resets"
    )
    reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="+"
    )
    reset_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reset_at"]

    def __str__(self):
        return f"Second factor of {self.user} reset by {self.reset_by}"


class Invitation(models.Model):
    """An emailed, single-use, expiring invitation to take a role."""

    email = models.EmailField()
    role = models.CharField(max_length=32, choices=Role.choices)
    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE)
    intake = models.ForeignKey("programmes.Intake", on_delete=models.CASCADE, null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation for {self.email} as {self.get_role_display()}"


class EmailConfirmation(models.Model):
    """A single-use, expiring link proving a person owns their email address (hash only)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_confirmations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Email confirmation for {self.user}"
