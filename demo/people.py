"""The demo sign-ins (one per role, one shared password) and the other staff around them."""

from base64 import b32decode
from pathlib import Path

from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.common import DEMO_PASSWORD, DEMO_TOTP_KEY, SeedContext
from upon.accounts.models import INTAKE_SCOPED_ROLES, Role, RoleAssignment, User
from upon.accounts.roles import SECOND_FACTOR_ROLES
from upon.programmes.models import Intake, Programme
from upon.recruitment.models import ApplicationStatus

SIGN_INS_FILE = Path(__file__).resolve().parents[1] / "docs" / "demo-sign-ins.txt"

# (email, what they can see, role granted). Applicants hold no role: everyone applies as
# themselves. Intake-scoped roles are tied to an intake in grant_roles(). The one list of demo
# sign-ins: docs/demo-sign-ins.txt (sign_ins_table) and the README's table (sign_ins_markdown)
# are made from it, and tests/demo/test_sign_ins.py fails if either differs.
SIGN_INS = [
    ("applicant@upon.example", "Applicant with a draft application, partly done", None),
    ("submitted@upon.example", "Applicant with a submitted application", None),
    ("offer@upon.example", "Applicant with an offer to accept or decline", None),
    ("team@upon.example", "Programme team", Role.PROGRAMME_TEAM),
    ("lead@upon.example", "Programme lead (sensitive reports)", Role.PROGRAMME_LEAD),
    ("reviewer@upon.example", "Reviewer for the open intake", Role.REVIEWER),
    (
        "participant@upon.example",
        "Participant in last year's cohort, one taught day from completing",
        Role.PARTICIPANT,
    ),
    ("director@upon.example", "New director, in their first two years", Role.NEW_DIRECTOR),
    ("alumnus@upon.example", "Alumnus", Role.ALUMNUS),
    ("facilitator@upon.example", "Facilitator for last year's cohort", Role.FACILITATOR),
    ("coach@upon.example", "Coach", Role.COACH),
    ("employer@upon.example", "Employer contact", Role.EMPLOYER_CONTACT),
    ("funder@upon.example", "Funder", Role.FUNDER),
]
# More staff with invented names, so lists of reviewers, facilitators and coaches are not bare.
EXTRA_STAFF = {Role.REVIEWER: 5, Role.FACILITATOR: 2, Role.COACH: 3, Role.PROGRAMME_TEAM: 2}


def create_sign_ins(ctx: SeedContext) -> dict[str, User]:
    """The demo sign-ins, keyed by email; Faker names, email confirmed, the shared password."""
    users = [
        User(
            email=email,
            full_name=f"{ctx.fake.first_name()} {ctx.fake.last_name()}",
            password=ctx.password_hash,
            date_joined=ctx.midnight,
            email_confirmed_at=ctx.midnight,
        )
        for email, _label, _role in SIGN_INS
    ]
    User.objects.bulk_create(users)
    _give_staff_the_demo_app(
        [user for user, (_email, _label, role) in zip(users, SIGN_INS, strict=True) if role]
    )
    return {user.email: user for user in users}


def _give_staff_the_demo_app(users: list[User]) -> None:
    """The sign-ins whose roles need a second factor have the demo key's authenticator app."""
    roles = {email: role for email, _label, role in SIGN_INS}
    give_the_demo_app([user for user in users if roles[user.email] in SECOND_FACTOR_ROLES])


def give_the_demo_app(users: list[User]) -> None:
    """These people have set up the demo key's authenticator app (demo only; also the load
    database's staff, bench/load_check.py)."""
    key = b32decode(DEMO_TOTP_KEY).hex()
    TOTPDevice.objects.bulk_create(
        TOTPDevice(user=user, name="Authenticator app (demo key)", key=key, confirmed=True)
        for user in users
    )
    User.objects.filter(pk__in=[user.pk for user in users]).update(second_factor_on=True)


def grant_roles(
    ctx: SeedContext,
    programme: Programme,
    sign_ins: dict[str, User],
    *,
    open_intake: Intake,
    last_intake: Intake,
    alumni_intakes: list[Intake] = (),
) -> int:
    """Role assignments for the sign-ins, extra staff and the people who took up places."""
    scope = {
        Role.REVIEWER: open_intake,
        Role.PARTICIPANT: last_intake,
        Role.FACILITATOR: last_intake,
    }
    assignments = [
        RoleAssignment(
            user=sign_ins[email],
            role=role,
            programme=programme,
            intake=scope.get(role),
            granted_at=ctx.midnight,
        )
        for email, _label, role in SIGN_INS
        if role
    ]
    extra = _extra_staff(ctx)
    assignments += [
        RoleAssignment(
            user=user,
            role=role,
            programme=programme,
            intake=scope.get(role) if role in INTAKE_SCOPED_ROLES else None,
            granted_at=ctx.midnight,
        )
        for user, role in extra
    ]
    # Last year's accepted applicants are this year's participants; earlier ones are alumni,
    # and one in ten of those is now a new director.
    assignments += _people_who_took_places(ctx, programme, last_intake, Role.PARTICIPANT)
    for intake in alumni_intakes:
        assignments += _people_who_took_places(ctx, programme, intake, Role.ALUMNUS)
    unique = {}
    for assignment in assignments:  # a sign-in may also have taken a place
        key = (assignment.user_id or assignment.user.pk, assignment.role, assignment.intake)
        unique.setdefault(key, assignment)
    RoleAssignment.objects.bulk_create(unique.values(), batch_size=2000)
    return len(unique)


def _extra_staff(ctx: SeedContext) -> list[tuple[User, str]]:
    """More reviewers, facilitators and the like (EXTRA_STAFF), made-up people who joined at
    midnight, saved. Returns each with the role they are to be granted."""
    extra = []
    for role, count in EXTRA_STAFF.items():
        for _ in range(count):
            first, last = ctx.fake.first_name(), ctx.fake.last_name()
            user = User(
                email=ctx.unique_email(first, last),
                full_name=f"{first} {last}",
                password=ctx.password_hash,
                date_joined=ctx.midnight,
                email_confirmed_at=ctx.midnight,
            )
            extra.append((user, role))
    User.objects.bulk_create([user for user, _ in extra])
    return extra


def _people_who_took_places(ctx, programme, intake, role) -> list[RoleAssignment]:
    applicant_ids = intake.applications.filter(status=ApplicationStatus.ACCEPTED).values_list(
        "applicant_id", flat=True
    )
    granted = ctx.at(intake.programme_starts if role == Role.PARTICIPANT else intake.programme_ends)
    rows = []
    for user_id in sorted(applicant_ids):
        rows.append(
            RoleAssignment(
                user_id=user_id,
                role=role,
                programme=programme,
                intake=intake if role in INTAKE_SCOPED_ROLES else None,
                granted_at=granted,
            )
        )
        if role == Role.ALUMNUS and ctx.rng.random() < 0.1:
            rows.append(
                RoleAssignment(
                    user_id=user_id, role=Role.NEW_DIRECTOR, programme=programme, granted_at=granted
                )
            )
    return rows


def sign_ins_table() -> str:
    """The text of docs/demo-sign-ins.txt: role, email, password."""
    width = max(len(label) for _email, label, _role in SIGN_INS)
    email_width = max(len(email) for email, _label, _role in SIGN_INS)
    lines = [
        "Demo sign-ins (synthetic data; this password is for the demo only, never production)",
        "",
        f"{'Role':<{width}}  {'Email':<{email_width}}  Password",
        f"{'-' * width}  {'-' * email_width}  {'-' * len(DEMO_PASSWORD)}",
    ]
    lines += [
        f"{label:<{width}}  {email:<{email_width}}  {DEMO_PASSWORD}"
        for email, label, _role in SIGN_INS
    ]
    staff = ", ".join(
        Role(role).label.lower() for _email, _label, role in SIGN_INS if role in SECOND_FACTOR_ROLES
    )
    lines += [
        "",
        f"The staff ({staff}) also give a code from an authenticator app.",
        f"Add this demo key to an app (demo only, never production): {DEMO_TOTP_KEY}",
        "or print the current code with: .venv/bin/python manage.py demo_code",
    ]
    return "\n".join(lines) + "\n"


def sign_ins_markdown() -> str:
    """The README's table under "Demo sign-ins": role and email (the password is said above it)."""
    lines = ["| role | email |", "|---|---|"]
    lines += [f"| {label} | {email} |" for email, label, _role in SIGN_INS]
    return "\n".join(lines) + "\n"
