"""Conflicts of interest between reviewers and applications, found automatically.

A reviewer is conflicted with an application when the reviewer is the applicant (the same
account, or the same mailbox: addresses are compared without a "+tag"); when the applicant's
current or recent employer (the last three years of their career history) is one the reviewer
declared; when the reviewer is the applicant's endorser; or when the reviewer declared the
applicant by name or email. No one reviews their own application, even by hand.
Conflicts a reviewer or the team records by hand are kept in the Conflict table and count too.
"""

import datetime
from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from upon.organisations.services import normalise_name
from upon.recruitment.models import Application, ApplicationStatus, CareerEntry
from upon.selection.models import Conflict, ConflictKind, Reviewer
from upon.service.mail import mailbox

RECENT_YEARS = 3
# Waiting for reviewers: what an assignment run fills.
IN_REVIEW = (ApplicationStatus.SUBMITTED,)
# Everything reviewers may see, before or after the panel decides: what conflicts are checked on.
REVIEWED = tuple(
    s for s in ApplicationStatus if s not in (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)
)


def applications_in_review(*, intake):
    return Application.objects.filter(intake=intake, status__in=IN_REVIEW)


def applications_reviewed(*, intake):
    return Application.objects.filter(intake=intake, status__in=REVIEWED)


def _declared_people(text: str) -> set[str]:
    return {line.strip().lower() for line in text.splitlines() if line.strip()}


def find_conflicts(*, intake, today: datetime.date | None = None) -> dict[tuple[int, int], list]:
    """{(application id, reviewer id): [(kind, detail), ...]} for every conflicted pair."""
    today = today or timezone.localdate()
    recent = today.replace(year=today.year - RECENT_YEARS)
    reviewers = list(
        Reviewer.objects.filter(intake=intake)
        .select_related("user")
        .prefetch_related("conflict_organisations")
    )
    applications = list(
        applications_reviewed(intake=intake)
        .select_related("applicant", "employer", "endorsement")
        .only(
            "pk",
            "applicant_id",
            "full_name",
            "employer__name",
            "employer__normalised_name",
            "applicant__email",
            "endorsement__sponsor_email",
        )
    )
    past_employers = defaultdict(set)
    career = CareerEntry.objects.filter(
        Q(ended__isnull=True) | Q(ended__gte=recent),
        application__in=[a.pk for a in applications],
    ).values_list("application_id", "employer_name")
    for application_id, name in career:
        past_employers[application_id].add(normalise_name(name))

    found: dict[tuple[int, int], list] = defaultdict(list)
    for reviewer in reviewers:
        organisations = {o.normalised_name: o.name for o in reviewer.conflict_organisations.all()}
        people = _declared_people(reviewer.conflict_people)
        declared_mailboxes = {mailbox(person) for person in people if "@" in person}
        mailboxes = {mailbox(reviewer.email)}
        if reviewer.user is not None:
            mailboxes.add(mailbox(reviewer.user.email))
        for application in applications:
            key = (application.pk, reviewer.pk)
            applicant = mailbox(application.applicant.email)
            if reviewer.user_id == application.applicant_id or applicant in mailboxes:
                found[key].append((ConflictKind.APPLICANT, ""))
            employers = set(past_employers[application.pk])
            if application.employer is not None:
                employers.add(application.employer.normalised_name)
            for shared in sorted(employers & organisations.keys()):
                found[key].append((ConflictKind.EMPLOYER, organisations[shared]))
            endorsement = getattr(application, "endorsement", None)
            if endorsement is not None and mailbox(endorsement.sponsor_email) in mailboxes:
                found[key].append((ConflictKind.ENDORSER, ""))
            if application.full_name.strip().lower() in people or applicant in declared_mailboxes:
                found[key].append((ConflictKind.PERSON, ""))
    recorded = Conflict.objects.filter(reviewer__intake=intake).values_list(
        "application_id", "reviewer_id", "kind", "detail"
    )
    for application_id, reviewer_id, kind, detail in recorded:
        entry = (kind, detail)
        if entry not in found[(application_id, reviewer_id)]:
            found[(application_id, reviewer_id)].append(entry)
    return dict(found)


def conflicts_for_pair(*, application, reviewer) -> list[tuple[str, str]]:
    """The conflicts between one reviewer and one application (for the team's warnings)."""
    return find_conflicts(intake=application.intake).get((application.pk, reviewer.pk), [])


def describe(conflicts: list[tuple[str, str]]) -> list[str]:
    labels = dict(ConflictKind.choices)
    return [f"{labels[kind]}: {detail}" if detail else labels[kind] for kind, detail in conflicts]
