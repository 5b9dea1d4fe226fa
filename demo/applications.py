"""Applications in bulk: applicant, application, career, statements, endorsement, monitoring.

One code path for the demo (150 applications) and the national benchmark (50,000): rows are
built in Python from the seeded generators and written with bulk_create, a batch at a time.
bulk_create writes no simple_history rows, which is fine for seed data.
"""

import datetime
import hashlib
import itertools
from dataclasses import dataclass

from demo import monitoring, text
from demo.common import BATCH_SIZE, SeedContext, ascii_slug
from upon.accounts.models import User
from upon.organisations.models import OrganisationKind
from upon.programmes.models import Intake
from upon.recruitment.models import (
    Application,
    ApplicationStatus,
    CapabilityStatement,
    CareerEntry,
    Endorsement,
    EndorsementStatus,
    RoleLevel,
    Sector,
    SponsorRole,
)
from upon.reporting.models import MonitoringResponse

S = ApplicationStatus
E = EndorsementStatus

# The task list's sections, in order; a draft has completed the first few of them.
SECTION_KEYS = ["about_you", "current_role", "career", "statements", "endorsement"]

JOB_TITLES = {
    RoleLevel.DIRECTOR: [
        "Deputy Director, Children's Services",
        "Director of Early Help and Prevention",
        "Deputy Director, Education and Inclusion",
    ],
    RoleLevel.ASSISTANT_DIRECTOR: [
        "Assistant Director, Children's Social Care",
        "Assistant Director, Safeguarding and Quality Assurance",
        "Assistant Director, Education and Inclusion",
        "Head of Service, Children in Care",
        "Head of Service, Early Help",
    ],
    RoleLevel.SERVICE_MANAGER: [
        "Service Manager, Children in Care",
        "Service Manager, Assessment and Intervention",
        "Principal Social Worker",
        "Service Manager, Youth Justice",
    ],
    RoleLevel.TEAM_MANAGER: [
        "Team Manager, Assessment",
        "Team Manager, Fostering",
        "Practice Manager, Child Protection",
    ],
}
ROLE_LEVEL_WEIGHTS = {
    RoleLevel.ASSISTANT_DIRECTOR: 50,
    RoleLevel.SERVICE_MANAGER: 25,
    RoleLevel.DIRECTOR: 15,
    RoleLevel.TEAM_MANAGER: 10,
}
SECTOR_BY_KIND = {
    OrganisationKind.NHS_TRUST: Sector.HEALTH,
    OrganisationKind.VOLUNTARY: Sector.VOLUNTARY,
    OrganisationKind.PRIVATE: Sector.PRIVATE,
}
WITHDRAWAL_REASONS = [
    "My circumstances at work have changed and I cannot commit to the programme this year.",
    "I have been appointed to an interim director post and will apply again later.",
    "Family reasons.",
    "",
]
# Endorsement outcomes dealt in turn, per application status, so every outcome appears.
ENDORSEMENT_CYCLES = {
    "draft_ready": [E.REQUESTED, E.REQUESTED, E.EXPIRED, E.ENDORSED, E.DECLINED],
    S.SUBMITTED: [E.ENDORSED] * 5 + [E.REQUESTED],
    S.WITHDRAWN: [E.ENDORSED, E.REQUESTED, E.EXPIRED],
    S.UNSUCCESSFUL: [E.ENDORSED, E.ENDORSED, E.DECLINED],
}
# A draft's progress through SECTION_KEYS, dealt in turn: 0 to all five sections done.
DRAFT_PROGRESS = [1, 0, 2, 3, 4, 5, 2, 3]


@dataclass
class FixedApplicant:
    """A named demo person (a sign-in) whose application is built with the rest."""

    user: User
    status: str
    sections_done: int = len(SECTION_KEYS)


class _Dealer:
    """Hands out the next item of a named cycle: deterministic without touching the rng."""

    def __init__(self):
        self._cycles = {}

    def next(self, name, items):
        if name not in self._cycles:
            self._cycles[name] = itertools.cycle(items)
        return next(self._cycles[name])


def build_applications(
    ctx: SeedContext,
    intake: Intake,
    statuses: list,
    *,
    authorities: list,
    others: list,
    progress=None,
    first: int = 1,
) -> list[Application]:
    """Create one application per item of `statuses` (a status, or a FixedApplicant).

    References run f"{prefix}-{year}-{n:05d}" from `first` (after the intake's applications so
    far) in the order the applications were started.
    `progress(n)` is called after each batch of n applications.
    """
    end = min(intake.closes_at, ctx.midnight)
    started = sorted(ctx.between(intake.opens_at, end) for _ in statuses)
    dealer = _Dealer()
    created = []
    for offset in range(0, len(statuses), BATCH_SIZE):
        batch = []
        for n in range(offset, min(offset + BATCH_SIZE, len(statuses))):
            item = statuses[n]
            batch.append(
                _draft_row(
                    ctx, intake, item, first + n, started[n], end, authorities, others, dealer
                )
            )
        _write(ctx, intake, batch)
        created.extend(row["application"] for row in batch)
        if progress:
            progress(len(batch))
    return created


def _draft_row(ctx, intake, item, n, started, end, authorities, others, dealer) -> dict:
    """Everything for one application, as unsaved model objects in a dict: the applicant, the
    application filled in as far as its sections go, career, statements, endorsement and
    monitoring answers."""
    fixed = item if isinstance(item, FixedApplicant) else None
    status = fixed.status if fixed else item
    user, full_name = _applicant(ctx, fixed, started)
    if status == S.DRAFT:
        done = fixed.sections_done if fixed else dealer.next("draft", DRAFT_PROGRESS)
    else:
        done = len(SECTION_KEYS)
    application, employer = _application(
        ctx,
        intake,
        n,
        status=status,
        done=done,
        full_name=full_name,
        started=started,
        end=end,
        employers=(authorities, others),
    )
    row = {"user": user, "application": application, "career": [], "statements": []}
    if done >= 3 or (done == 2 and ctx.rng.random() < 0.5):
        row["career"] = _career(ctx, application, authorities)
    row["statements"] = _statements(ctx, intake, application, done)
    row["endorsement"] = _endorsement(ctx, application, status, done, employer, dealer)
    row["monitoring"] = _monitoring(ctx, application, status)
    return row


def _applicant(ctx: SeedContext, fixed, started) -> tuple[User, str]:
    """The sign-in for a fixed applicant, else a new person with a made-up name who signed up
    when they started their application."""
    if fixed:
        return fixed.user, fixed.user.full_name
    first, last = ctx.fake.first_name(), ctx.fake.last_name()
    full_name = f"{first} {last}"
    user = User(
        email=ctx.unique_email(first, last),
        full_name=full_name,
        password=ctx.password_hash,
        date_joined=started,
        email_confirmed_at=started,
    )
    return user, full_name


def _application(
    ctx: SeedContext, intake, n: int, *, status, done, full_name, started, end, employers
):
    """The application, with the sections `done` filled in (contact, then current role with an
    employer: a local authority 85 times in 100), submitted or withdrawn as its status says.
    Returns it and the employer drawn for it."""
    rng = ctx.rng
    authorities, others = employers
    level = rng.choices(list(ROLE_LEVEL_WEIGHTS), weights=ROLE_LEVEL_WEIGHTS.values())[0]
    employer = rng.choice(authorities) if rng.random() < 0.85 else rng.choice(others)
    role_started = ctx.today - datetime.timedelta(days=rng.randint(300, 3000))
    application = Application(
        intake=intake,
        reference=f"{intake.reference_prefix}-{intake.opens_at.year}-{n:05d}",
        status=status,
        created_at=started,
        full_name=full_name,
        leadership_years=rng.randint(3, 15),
        director_potential=True,
        completed_sections=SECTION_KEYS[:done],
    )
    if done >= 1:
        application.phone = f"07700 900{rng.randrange(1000):03d}"
    if done >= 2:
        application.job_title = rng.choice(JOB_TITLES[level])
        application.role_level = level
        application.employer = employer
        application.region = employer.region
        application.sector = SECTOR_BY_KIND.get(employer.kind, Sector.LOCAL_GOVERNMENT)
        application.role_started = min(role_started, intake.opens_at.date())
    if status != S.DRAFT:
        application.submitted_at = ctx.between(started, end)
        application.declaration_confirmed_at = application.submitted_at
    if status == S.WITHDRAWN:
        application.withdrawn_at = ctx.between(application.submitted_at, end)
        application.withdrawal_reason = rng.choice(WITHDRAWAL_REASONS)
    return application, employer


def _statements(ctx: SeedContext, intake, application, done: int) -> list[CapabilityStatement]:
    """A statement for every capability once that section is done; a few (0 to 4) while it is
    in progress; none before."""
    rng = ctx.rng
    if done >= 4:
        count = len(intake.capability_list)
    elif done == 3:
        count = rng.randint(0, 4)
    else:
        count = 0
    return [
        CapabilityStatement(
            application=application,
            capability=capability,
            text=text.statement(
                rng, capability.position - 1, words=_words(ctx, capability.word_limit)
            ),
        )
        for capability in intake.capability_list[:count]
    ]


def _words(ctx: SeedContext, limit: int) -> tuple[int, int]:
    low, high = ctx.statement_words
    return min(low, limit), min(high, limit)


def _career(ctx, application, authorities) -> list[CareerEntry]:
    rng = ctx.rng
    current = CareerEntry(
        application=application,
        employer_name=application.employer.name,
        job_title=application.job_title,
        started=application.role_started,
        ended=None,
        senior_leadership=application.role_level
        in (RoleLevel.DIRECTOR, RoleLevel.ASSISTANT_DIRECTOR),
        summary=text.career_summary(rng),
    )
    entries = [current]
    for _ in range(rng.choice([0, 1, 1, 2])):
        later = entries[-1].started
        started = later - datetime.timedelta(days=rng.randint(700, 1800))
        level = rng.choice([RoleLevel.SERVICE_MANAGER, RoleLevel.TEAM_MANAGER])
        entries.append(
            CareerEntry(
                application=application,
                employer_name=rng.choice(authorities).name,
                job_title=rng.choice(JOB_TITLES[level]),
                started=started,
                ended=later - datetime.timedelta(days=1),
                senior_leadership=level == RoleLevel.SERVICE_MANAGER,
                summary=text.career_summary(rng),
            )
        )
    return entries


def _endorsement(ctx, application, status, done, employer, dealer) -> Endorsement | None:
    if done < 4:
        return None
    if status == S.DRAFT:
        outcome = (
            E.NOT_REQUESTED
            if done == 4
            else dealer.next("draft_ready", ENDORSEMENT_CYCLES["draft_ready"])
        )
    else:
        outcome = dealer.next(status, ENDORSEMENT_CYCLES.get(status, [E.ENDORSED]))
    rng, fake = ctx.rng, ctx.fake
    first, last = fake.first_name(), fake.last_name()
    endorsement = Endorsement(
        application=application,
        sponsor_name=f"{first} {last}",
        sponsor_email=(
            f"{ascii_slug(first, '')}.{ascii_slug(last, '')}@{ascii_slug(employer.name)}.example"
        ),
        sponsor_role=rng.choice([SponsorRole.DCS, SponsorRole.DCS, SponsorRole.LINE_MANAGER]),
        status=outcome,
    )
    if outcome != E.NOT_REQUESTED:
        latest = ctx.midnight - datetime.timedelta(minutes=1)  # before the start of today
        asked = min(application.created_at + datetime.timedelta(days=rng.randint(1, 5)), latest)
        endorsement.requested_at = asked
        endorsement.expires_at = asked + datetime.timedelta(days=14)
        # A hash of nothing anyone holds: the demo links cannot be used, on purpose.
        endorsement.token_hash = hashlib.sha256(
            f"demo-{application.reference}".encode()
        ).hexdigest()
        if outcome in (E.ENDORSED, E.DECLINED):
            endorsement.responded_at = min(
                asked + datetime.timedelta(days=rng.randint(1, 10)), latest
            )
            endorsement.comment = (
                "I support this application without reservation."
                if outcome == E.ENDORSED
                else "I do not think the timing is right this year."
            )
    return endorsement


def _monitoring(ctx, application, status) -> MonitoringResponse | None:
    """Most people answer (a quarter of drafts get that far), shaped like the senior workforce
    (demo/monitoring.py)."""
    if ctx.rng.random() > (0.25 if status == S.DRAFT else 0.85):
        return None
    return MonitoringResponse(
        application=application, updated_at=application.created_at, **monitoring.answers(ctx.rng)
    )


def _write(ctx: SeedContext, intake: Intake, batch: list[dict]) -> None:
    """Write one batch, parents first so children can take their ids."""
    new_users = [row["user"] for row in batch if row["user"].pk is None]
    User.objects.bulk_create(new_users, batch_size=BATCH_SIZE)
    for row in batch:
        row["application"].applicant = row["user"]
    Application.objects.bulk_create([row["application"] for row in batch], batch_size=BATCH_SIZE)
    for model, key in (
        (CareerEntry, "career"),
        (CapabilityStatement, "statements"),
    ):
        objects = [obj for row in batch for obj in row[key]]
        for obj in objects:
            obj.application_id = obj.application.pk
        model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
    for model, key in ((Endorsement, "endorsement"), (MonitoringResponse, "monitoring")):
        objects = [row[key] for row in batch if row[key] is not None]
        for obj in objects:
            obj.application_id = obj.application.pk
        model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
