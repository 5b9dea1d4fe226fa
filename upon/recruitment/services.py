"""The application: starting it, its sections and their statuses, submitting and withdrawing.

Views call these; they hold the rules. Equality monitoring answers are not read here: the task
list knows only whether the applicant chose to answer (the "equality" section key).
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone

from upon.organisations.models import OrganisationKind
from upon.organisations.services import find_or_create_employer
from upon.programmes.models import Intake
from upon.recruitment import emails
from upon.recruitment.algorithms.eligibility import (
    has_enough_leadership,
    senior_leadership_months,
    years_and_months,
)
from upon.recruitment.models import (
    Application,
    ApplicationStatus,
    CapabilityStatement,
    EndorsementStatus,
)
from upon.service.forms import count_words
from upon.service.times import calendar_date, time_on_date

ABOUT_YOU = "about_you"
CURRENT_ROLE = "current_role"
CAREER = "career"
ENDORSEMENT = "endorsement"
EQUALITY = "equality"
WITHDRAWABLE = (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED)


def statement_key(position: int) -> str:
    return f"statement_{position}"


class IntakeClosed(Exception):
    """The intake is not taking applications now."""


class AlreadyApplied(Exception):
    def __init__(self, application: Application):
        super().__init__(application.reference)
        self.application = application


class CannotSubmit(Exception):
    def __init__(self, problems: list["Problem"]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


class NotEditable(Exception):
    """The application is no longer a draft."""


def closed_message(intake: Intake, *, now: datetime.datetime) -> str:
    """Why the intake is not taking applications, in the applicant's words."""
    moment = time_on_date(intake.closes_at if now >= intake.closes_at else intake.opens_at)
    if now >= intake.closes_at:
        return f"Applications for {intake.name} closed at {moment}"
    return f"Applications for {intake.name} open at {moment}"


def format_reference(intake: Intake, n: int) -> str:
    return f"{intake.reference_prefix}-{intake.opens_at.year}-{n:05d}"


def start_application(
    *, applicant, intake: Intake, eligibility: dict | None = None, now: datetime.datetime
) -> Application:
    """Create the person's draft for this intake with the next reference in the intake.

    Refuses a closed intake and a second application to one intake. Eligibility answers from
    the check, when complete, are copied in so nobody types them twice.
    """
    if not intake.is_open(now):
        raise IntakeClosed(closed_message(intake, now=now))
    existing = Application.objects.filter(applicant=applicant, intake=intake).first()
    if existing:
        raise AlreadyApplied(existing)
    carried = {}
    if eligibility:
        carried = {
            key: eligibility[key]
            for key in ("leadership_years", "sector", "role_level", "director_potential")
            if key in eligibility
        }
    n = Application.objects.filter(intake=intake).count() + 1
    for _attempt in range(20):
        try:
            with transaction.atomic():
                return Application.objects.create(
                    applicant=applicant,
                    intake=intake,
                    reference=format_reference(intake, n),
                    full_name=applicant.full_name,
                    created_at=now,
                    **carried,
                )
        except IntegrityError:
            existing = Application.objects.filter(applicant=applicant, intake=intake).first()
            if existing:  # a double click created it a moment ago
                raise AlreadyApplied(existing) from None
            n += 1  # someone else took this reference: try the next one
    raise RuntimeError("Could not find a free application reference")


def require_draft(application: Application) -> None:
    if not application.is_editable:
        raise NotEditable(application.reference)


def set_section_completed(*, application: Application, key: str, completed: bool) -> None:
    """Record whether the applicant says this section is finished."""
    sections = [s for s in application.completed_sections if s != key]
    if completed:
        sections.append(key)
    if sections != application.completed_sections:
        application.completed_sections = sections
        application.save(update_fields=["completed_sections", "updated_at"])


def save_about_you(*, application: Application, data: dict) -> None:
    """Save the valid parts of the about you section."""
    require_draft(application)
    for key in ("full_name", "phone"):
        if key in data:
            setattr(application, key, data[key].strip())
    application.save(update_fields=["full_name", "phone", "updated_at"])


def save_current_role(*, application: Application, data: dict) -> None:
    """Save the valid parts of the current role section (`data` is a form's cleaned_data).

    The employer is a local authority, which brings its own region, or an organisation found
    or created by kind and name, whose region the applicant gives.
    """
    require_draft(application)
    for key in ("job_title", "role_level", "sector"):
        if key in data:
            setattr(application, key, (data[key] or "").strip())
    if "role_started" in data:
        application.role_started = data["role_started"]
    # The employer is changed only when all its parts were valid (saving for later with an
    # error elsewhere keeps what was saved before).
    if all(k in data for k in ("employer_kind", "local_authority", "employer_name", "region")):
        kind = data["employer_kind"] or ""
        employer, region = None, data["region"] or ""
        if kind == OrganisationKind.LOCAL_AUTHORITY:
            employer = data["local_authority"]
            region = employer.region if employer else ""
        elif kind and (data["employer_name"] or "").strip():
            employer = find_or_create_employer(name=data["employer_name"], kind=kind)
        application.employer = employer
        application.region = region
    application.save()


# Statements --------------------------------------------------------------------------------


def statement_problem(*, capability, text: str) -> str | None:
    """Why a statement cannot be accepted as complete, or None."""
    if not text.strip():
        return f"Enter your statement for {capability.name}"
    if count_words(text) > capability.word_limit:
        return f"{capability.name} must be {capability.word_limit} words or fewer"
    return None


def save_statement(*, application: Application, capability, text: str) -> None:
    """Keep whatever was typed, even over the limit, so nothing is lost; blank removes it."""
    require_draft(application)
    if text.strip():
        CapabilityStatement.objects.update_or_create(
            application=application, capability=capability, defaults={"text": text}
        )
    else:
        CapabilityStatement.objects.filter(application=application, capability=capability).delete()


# The task list ---------------------------------------------------------------------------

COMPLETED = "Completed"
IN_PROGRESS = "In progress"
NOT_STARTED = "Not yet started"
CANNOT_START = "Cannot start yet"
OPTIONAL = "Optional"


@dataclass(frozen=True)
class Task:
    key: str
    name: str
    url: str | None  # None when it cannot be started yet
    status: str
    hint: str = ""

    @property
    def is_required(self) -> bool:
        return self.key != EQUALITY


@dataclass(frozen=True)
class TaskGroup:
    heading: str
    tasks: list[Task]


@dataclass(frozen=True)
class Problem:
    message: str
    url: str | None = None


def _status(done: bool, started: bool) -> str:
    if done:
        return COMPLETED
    return IN_PROGRESS if started else NOT_STARTED


def _url(name: str, application: Application, **kwargs) -> str:
    return reverse(name, kwargs={"reference": application.reference, **kwargs})


def task_groups(application: Application) -> list[TaskGroup]:
    """The sections of the task list with their statuses.

    A section counts as completed only when the applicant said so AND its content still meets
    the rules, so a statement edited past its limit after completion is not "Completed".
    """
    done = set(application.completed_sections)
    capabilities = list(application.intake.capabilities.all())
    statements = {s.capability_id: s.text for s in application.statements.all()}
    entries = list(application.career.all())
    endorsement = getattr_endorsement(application)

    about_started = bool(application.phone)
    role_started = any([application.job_title, application.employer_id, application.role_started])
    about = Task(
        ABOUT_YOU,
        "About you",
        _url("recruitment:about_you", application),
        _status(
            ABOUT_YOU in done and bool(application.full_name and application.phone), about_started
        ),
    )
    role = Task(
        CURRENT_ROLE,
        "Current role and employer",
        _url("recruitment:current_role", application),
        _status(CURRENT_ROLE in done and _role_complete(application), role_started),
    )
    career = Task(
        CAREER,
        "Career history",
        _url("recruitment:career", application),
        _status(CAREER in done and bool(entries), bool(entries)),
        hint=f"{len(entries)} role{'s' if len(entries) != 1 else ''} added" if entries else "",
    )
    statement_tasks = []
    for capability in capabilities:
        key = statement_key(capability.position)
        text = statements.get(capability.id, "")
        ok = statement_problem(capability=capability, text=text) is None
        statement_tasks.append(
            Task(
                key,
                capability.name,
                _url("recruitment:statement", application, position=capability.position),
                _status(key in done and ok, bool(text)),
                hint=f"Up to {capability.word_limit} words",
            )
        )
    endorsement_status = endorsement.status if endorsement else EndorsementStatus.NOT_REQUESTED
    sponsor = Task(
        ENDORSEMENT,
        "Sponsor endorsement",
        _url("recruitment:endorsement", application),
        _status(
            endorsement_status == EndorsementStatus.ENDORSED,
            endorsement_status != EndorsementStatus.NOT_REQUESTED,
        ),
        hint=sponsor_hint(endorsement),
    )
    equality = Task(
        EQUALITY,
        "Equality monitoring",
        reverse("reporting:monitoring_form", kwargs={"reference": application.reference}),
        COMPLETED if EQUALITY in done else OPTIONAL,
    )
    required = [about, role, career, *statement_tasks, sponsor]
    ready = all(task.status == COMPLETED for task in required)
    check = Task(
        "check",
        "Check answers and submit",
        _url("recruitment:check_answers", application) if ready else None,
        NOT_STARTED if ready else CANNOT_START,
    )
    return [
        TaskGroup("About you and your role", [about, role, career]),
        TaskGroup("Your capability statements", statement_tasks),
        TaskGroup("Support for your application", [sponsor, equality]),
        TaskGroup("Submit", [check]),
    ]


def getattr_endorsement(application: Application):
    """The application's endorsement, or None (the reverse one-to-one raises otherwise)."""
    try:
        return application.endorsement
    except Application.endorsement.RelatedObjectDoesNotExist:
        return None


def sponsor_hint(endorsement, *, now: datetime.datetime | None = None) -> str:
    if endorsement is None or endorsement.status == EndorsementStatus.NOT_REQUESTED:
        return "Name someone senior who supports your application"
    now = now or timezone.now()
    lapsed = endorsement.expires_at is not None and now >= endorsement.expires_at
    if endorsement.responded_at is None and lapsed:
        return "The link expired: send it again"
    labels = {
        EndorsementStatus.REQUESTED: f"Waiting for {endorsement.sponsor_name} to respond",
        EndorsementStatus.ENDORSED: f"{endorsement.sponsor_name} supports your application",
        EndorsementStatus.DECLINED: f"{endorsement.sponsor_name} does not support it",
        EndorsementStatus.EXPIRED: "The link expired: send it again",
    }
    return labels.get(endorsement.status, "")


def _role_complete(application: Application) -> bool:
    return all(
        [
            application.job_title,
            application.role_level,
            application.sector,
            application.employer_id,
            application.region,
            application.role_started,
        ]
    )


def count_tasks(groups: list[TaskGroup]) -> tuple[int, int]:
    """(completed, total) over the required sections."""
    required = [t for g in groups for t in g.tasks if t.is_required and t.key != "check"]
    return sum(t.status == COMPLETED for t in required), len(required)


# Submitting ------------------------------------------------------------------------------


def submission_problems(*, application: Application, user, now: datetime.datetime) -> list[Problem]:
    """Everything that stops this application being submitted now, each with where to fix it."""
    problems = []
    if application.status != ApplicationStatus.DRAFT:
        return [Problem("This application has already been submitted")]
    if not application.intake.is_open(now):
        problems.append(Problem(closed_message(application.intake, now=now)))
    for group in task_groups(application):
        for task in group.tasks:
            if not task.is_required or task.key == "check" or task.status == COMPLETED:
                continue
            if task.key == ENDORSEMENT:
                problems.append(_endorsement_problem(application, task.url))
            else:
                problems.append(Problem(f"Complete the section: {task.name}", task.url))
    if user.email_confirmed_at is None:
        problems.append(
            Problem(
                f"Confirm your email address ({user.email}) using the link we sent you, "
                "or ask for a new link",
                reverse("accounts:home"),
            )
        )
    return problems


def _endorsement_problem(application: Application, url: str) -> Problem:
    endorsement = getattr_endorsement(application)
    status = endorsement.status if endorsement else EndorsementStatus.NOT_REQUESTED
    if status == EndorsementStatus.DECLINED:
        return Problem(
            f"{endorsement.sponsor_name} does not support your application: talk to the "
            "programme team before you go further",
            url,
        )
    if status == EndorsementStatus.NOT_REQUESTED:
        return Problem("Ask your sponsor to endorse your application", url)
    return Problem(f"Your sponsor, {endorsement.sponsor_name}, has not endorsed it yet", url)


@dataclass(frozen=True)
class LeadershipShortfall:
    """The career history shows less senior leadership than the intake's minimum."""

    months: int
    stated_years: int | None
    min_years: int

    @property
    def history(self) -> str:
        return years_and_months(self.months)


def leadership_shortfall(
    *, application: Application, today: datetime.date, career=None
) -> LeadershipShortfall | None:
    """The senior leadership the career history shows on `today`, if below the minimum.

    The eligibility check takes the applicant's own figure; this checks it against the roles
    they listed (`career`, read from the application if not given), with the one rule that
    counts them (`senior_leadership_months`).
    """
    min_years = application.intake.min_leadership_years
    entries = application.career.all() if career is None else career
    months = senior_leadership_months(entries, today=today)
    if has_enough_leadership(months=months, min_years=min_years):
        return None
    return LeadershipShortfall(
        months=months, stated_years=application.leadership_years, min_years=min_years
    )


def leadership_reason_missing(shortfall: LeadershipShortfall) -> str:
    """The GOV.UK error when a shortfall comes with no reason."""
    return (
        "Enter why your career history shows less senior leadership than the minimum of "
        f"{shortfall.min_years} years"
    )


def submit_application(
    *, application: Application, user, now: datetime.datetime, leadership_reason: str = ""
) -> Application:
    """Submit the draft once: a second click or a second tab finds it already submitted.

    A career history below the senior leadership minimum needs `leadership_reason`, which is
    kept with the application; without a shortfall no reason is kept.
    """
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("intake", "applicant")
            .get(pk=application.pk)
        )
        problems = submission_problems(application=locked, user=user, now=now)
        shortfall = leadership_shortfall(application=locked, today=timezone.localdate(now))
        reason = leadership_reason.strip() if shortfall else ""
        if shortfall and not reason:
            problems.append(Problem(leadership_reason_missing(shortfall), "#id_leadership_reason"))
        if problems:
            raise CannotSubmit(problems)
        locked.leadership_reason = reason
        locked.status = ApplicationStatus.SUBMITTED
        locked.submitted_at = now
        locked.declaration_confirmed_at = now
        locked.save()
    emails.application_submitted(application=locked)
    return locked


def withdraw_application(*, application: Application, reason: str, now: datetime.datetime):
    """Withdraw a draft or submitted application. Once withdrawn it cannot change."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status not in WITHDRAWABLE:
            raise NotEditable(locked.reference)
        locked.status = ApplicationStatus.WITHDRAWN
        locked.withdrawn_at = now
        locked.withdrawal_reason = reason.strip()
        locked.save()
    locked.intake = application.intake
    emails.application_withdrawn(application=locked)
    return locked


# The applicant's dashboard ---------------------------------------------------------------


def applicant_applications(user) -> QuerySet[Application]:
    """The person's applications, newest intake first, with what the dashboard needs."""
    return (
        Application.objects.filter(applicant=user)
        .select_related("intake__programme", "endorsement")
        .annotate(capability_count=Count("intake__capabilities", distinct=True))
        .order_by("-intake__opens_at", "-created_at")
    )


def open_intakes_not_applied(user, *, now: datetime.datetime) -> QuerySet[Intake]:
    return (
        Intake.objects.filter(opens_at__lte=now, closes_at__gt=now)
        .exclude(applications__applicant=user)
        .select_related("programme")
        .order_by("closes_at")
    )


def next_step(application: Application, *, now: datetime.datetime) -> str:
    """What the applicant should do next, in one sentence, for the dashboard."""
    intake = application.intake
    if application.status == ApplicationStatus.DRAFT:
        if not intake.is_open(now):
            return "Applications have closed. This draft was not submitted."
        total = 4 + getattr(application, "capability_count", 0)
        endorsement = getattr_endorsement(application)
        endorsed = endorsement is not None and endorsement.status == EndorsementStatus.ENDORSED
        marked = [s for s in application.completed_sections if s != EQUALITY]
        done = min(len(marked) + endorsed, total)
        return (
            f"Complete and submit it by {time_on_date(intake.closes_at)}. "
            f"You have marked {done} of {total} sections as complete."
        )
    if application.status == ApplicationStatus.SUBMITTED:
        if timezone.localdate(now) > intake.selection_ends:
            return (
                f"Nothing to do. Selection ended on {calendar_date(intake.selection_ends)}: "
                "we will tell you the outcome soon."
            )
        return (
            f"Nothing to do. We will tell you the outcome after selection, which ends on "
            f"{intake.selection_ends:%-d %B %Y}."
        )
    if application.status == ApplicationStatus.WITHDRAWN:
        return "You withdrew this application."
    if application.status == ApplicationStatus.OFFERED:
        return "You have been offered a place: accept or decline your offer"
    if application.status == ApplicationStatus.ACCEPTED:
        return "You have accepted your place: see your offer"
    if application.status == ApplicationStatus.DECLINED:
        return "You did not take up your offer: see your offer"
    return "We will contact you about the next steps."
