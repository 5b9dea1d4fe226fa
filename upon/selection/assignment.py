"""Assigning applications to reviewers: gathers the intake from the database, asks the pure
solver (selection/algorithms/assignment.py) for the optimum, and records the result.

Assignments already made are passed to the solver as fixed, so running it again only fills the
gaps (new applications, a reviewer who withdrew, a declared conflict) and finished reviews never
move.
"""

from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils import timezone

from upon.organisations.models import Region
from upon.recruitment.models import Sector
from upon.selection import audit, conflicts
from upon.selection.models import (
    AssignmentSource,
    Conflict,
    ConflictKind,
    ReviewAssignment,
    Reviewer,
)
from upon.selection.pool import settings_for

REGION_INDEX = {code: index for index, code in enumerate(Region.values)}
SECTOR_LABELS = dict(Sector.choices)


def expertise_terms(expertise: str) -> list[str]:
    """The reviewer's expertise as the team wrote it: terms separated by commas or semicolons."""
    return [t.strip().lower() for t in expertise.replace(";", ",").split(",") if t.strip()]


def affinity_matrix(applications, reviewers) -> np.ndarray | None:
    """How many of each reviewer's expertise terms appear in each application's sector or
    current role; None when the team gave no expertise that matches anyone (all equal)."""
    terms = [expertise_terms(expertise) for *_, expertise in reviewers]
    if not any(terms):
        return None
    texts = [
        f"{SECTOR_LABELS.get(sector, '')} {job_title}".lower()
        for _, _, _, sector, job_title in applications
    ]
    affinity = np.array(
        [[sum(term in text for term in reviewer) for reviewer in terms] for text in texts],
        dtype=float,
    ).reshape(len(applications), len(reviewers))
    return affinity if affinity.any() else None


@dataclass(frozen=True)
class AssignmentRun:
    assigned: int
    short: tuple[str, ...]  # references of applications that could not get enough reviewers
    # (reference, why) for each of `short`, in the same order.
    why_short: tuple[tuple[str, str], ...] = ()


NO_CAPACITY = "no reviewer has capacity left"
ALL_CONFLICTED = "every reviewer with capacity left has a conflict of interest with it"
EVERYONE_ON_IT = "every reviewer already reviews it"
NOT_MATCHED = (
    "the reviewers with capacity left could not take it without breaking the assignment rules"
)


def _why_short(i, *, held, reviewers, spare, conflicted) -> str:
    """Why application `i` got too few reviewers: who else could have, and what stopped them."""
    others = [
        j for j, (_, _, withdrawn, _) in enumerate(reviewers) if not withdrawn and j not in held
    ]
    if not others:
        return EVERYONE_ON_IT
    free = [j for j in others if spare[j] > 0]
    if not free:
        return NO_CAPACITY
    if all((i, j) in conflicted for j in free):
        return ALL_CONFLICTED
    return NOT_MATCHED


class ConflictWarning(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


class ConflictReasonMissing(ConflictWarning):
    """Assigning despite a conflict needs the team's reason why it does not matter."""

    message = "Enter why this conflict of interest does not matter"


class OwnApplication(Exception):
    """No one reviews their own application, whatever the team chooses."""

    message = "This reviewer is the applicant. No one can review their own application."


class CannotRemove(Exception):
    pass


def _open_assignments(intake):
    return ReviewAssignment.objects.filter(
        application__intake=intake, removed_at__isnull=True
    ).values_list("application_id", "reviewer_id")


@transaction.atomic
def run_assignment(
    *, intake, actor, only_applications=None, extra_reviews: int = 0, source=None
) -> AssignmentRun:
    """Give each application in review its k reviewers (k + extra_reviews for only_applications)."""
    from upon.selection.algorithms.assignment import AssignmentProblem, assign

    selection = settings_for(intake=intake)
    applications = conflicts.applications_in_review(intake=intake)
    if only_applications is not None:
        applications = applications.filter(pk__in=only_applications)
    applications = list(
        applications.order_by("pk").values_list("pk", "reference", "region", "sector", "job_title")
    )
    if not applications:
        return AssignmentRun(assigned=0, short=())
    existing = list(_open_assignments(intake))
    busy_reviewers = {reviewer for _, reviewer in existing}
    reviewers = list(
        Reviewer.objects.filter(intake=intake)
        .order_by("pk")
        .values_list("pk", "capacity", "withdrawn_at", "expertise")
    )
    reviewers = [r for r in reviewers if r[2] is None or r[0] in busy_reviewers]
    app_index = {pk: i for i, (pk, *_) in enumerate(applications)}
    rev_index = {pk: j for j, (pk, *_) in enumerate(reviewers)}
    loads = np.zeros(len(reviewers), dtype=np.int64)
    fixed = []
    for application_id, reviewer_id in existing:
        j = rev_index[reviewer_id]
        loads[j] += 1
        if application_id in app_index:
            fixed.append((app_index[application_id], j))
    # A withdrawn reviewer keeps only the reviews they already hold.
    capacities = np.array(
        [
            loads[j] if withdrawn else max(capacity, loads[j])
            for j, (_, capacity, withdrawn, _) in enumerate(reviewers)
        ],
        dtype=np.int64,
    )
    # Reviews held on applications outside this run still use up capacity.
    in_run = np.bincount(np.array([j for _, j in fixed], dtype=np.int64), minlength=len(reviewers))
    capacities = capacities - (loads - in_run)
    conflicted = [
        (app_index[a], rev_index[r])
        for (a, r) in conflicts.find_conflicts(intake=intake)
        if a in app_index and r in rev_index and (app_index[a], rev_index[r]) not in set(fixed)
    ]
    problem = AssignmentProblem(
        n_applications=len(applications),
        n_reviewers=len(reviewers),
        reviews_per_application=selection.reviews_per_application + extra_reviews,
        capacities=capacities,
        conflicts=np.array(conflicted, dtype=np.int64).reshape(-1, 2),
        application_regions=np.array(
            [REGION_INDEX.get(region, len(REGION_INDEX)) for _, _, region, *_ in applications],
            dtype=np.int64,
        ),
        affinity=affinity_matrix(applications, reviewers),
        fixed=np.array(fixed, dtype=np.int64).reshape(-1, 2),
    )
    result = assign(problem=problem)
    fixed_set = set(fixed)
    new_pairs = [(int(i), int(j)) for i, j in result.pairs if (int(i), int(j)) not in fixed_set]
    ReviewAssignment.objects.bulk_create(
        ReviewAssignment(
            application_id=applications[i][0],
            reviewer_id=reviewers[j][0],
            source=source or AssignmentSource.SOLVER,
        )
        for i, j in new_pairs
    )
    short = tuple(applications[i][1] for i in result.unfilled)
    why_short = ()
    if short:
        pairs = [(int(i), int(j)) for i, j in result.pairs]
        spare = capacities - np.bincount(
            np.array([j for _, j in pairs], dtype=np.int64), minlength=len(reviewers)
        )
        conflicted_set = set(conflicted)
        why_short = tuple(
            (
                applications[i][1],
                _why_short(
                    i,
                    held={j for a, j in pairs if a == i},
                    reviewers=reviewers,
                    spare=spare,
                    conflicted=conflicted_set,
                ),
            )
            for i in map(int, result.unfilled)
        )
    audit.record(
        intake=intake,
        actor=actor,
        action="assignment_run",
        after={"assigned": len(new_pairs), "short": [list(pair) for pair in why_short]},
    )
    return AssignmentRun(assigned=len(new_pairs), short=short, why_short=why_short)


def reassign_after_withdrawal(*, reviewer: Reviewer, actor) -> AssignmentRun:
    """Close a withdrawn reviewer's unfinished assignments and re-solve only those gaps."""
    now = timezone.now()
    unfinished = ReviewAssignment.objects.filter(
        reviewer=reviewer, removed_at__isnull=True
    ).exclude(review__submitted_at__isnull=False)
    gaps = list(unfinished.values_list("application_id", flat=True))
    unfinished.update(removed_at=now, removed_reason="Reviewer withdrew")
    if not gaps:
        return AssignmentRun(assigned=0, short=())
    return run_assignment(
        intake=reviewer.intake,
        actor=actor,
        only_applications=gaps,
        source=AssignmentSource.REASSIGNED,
    )


@transaction.atomic
def add_assignment(
    *, application, reviewer, actor, despite_conflict: bool = False, reason: str = ""
):
    """The team gives one application to one reviewer by hand, warned of any conflict.

    Over a conflict only `despite_conflict` and with `reason` (why it does not matter), which
    the audit record keeps beside the conflicts; never to the applicant themselves.
    """
    found = conflicts.conflicts_for_pair(application=application, reviewer=reviewer)
    if any(kind == ConflictKind.APPLICANT for kind, _detail in found):
        raise OwnApplication()
    if found and not despite_conflict:
        raise ConflictWarning(conflicts.describe(found))
    if found and not reason.strip():
        raise ConflictReasonMissing(conflicts.describe(found))
    assignment, created = ReviewAssignment.objects.get_or_create(
        application=application,
        reviewer=reviewer,
        removed_at__isnull=True,
        defaults={"source": AssignmentSource.TEAM},
    )
    if created:
        audit.record(
            intake=application.intake,
            actor=actor,
            application=application,
            action="assignment_added" if not found else "assignment_added_despite_conflict",
            after={"reviewer": reviewer.email}
            | ({"conflicts": conflicts.describe(found)} if found else {}),
            reason=reason.strip() if found else "",
        )
    return assignment


@transaction.atomic
def remove_assignment(*, assignment: ReviewAssignment, actor, reason: str) -> None:
    review = getattr(assignment, "review", None)
    if review is not None and review.is_submitted:
        raise CannotRemove("This review has been submitted, so it stays with the application.")
    assignment.removed_at = timezone.now()
    assignment.removed_reason = reason
    assignment.save(update_fields=["removed_at", "removed_reason"])
    audit.record(
        intake=assignment.application.intake,
        actor=actor,
        application=assignment.application,
        action="assignment_removed",
        before={"reviewer": assignment.reviewer.email},
        reason=reason,
    )


@transaction.atomic
def declare_conflict(*, assignment: ReviewAssignment, reason: str) -> AssignmentRun:
    """A reviewer declares a conflict on opening an application: it goes to someone else."""
    Conflict.objects.get_or_create(
        reviewer=assignment.reviewer,
        application=assignment.application,
        kind=ConflictKind.DECLARED,
        defaults={"detail": reason[:300]},
    )
    assignment.removed_at = timezone.now()
    assignment.removed_reason = "Reviewer declared a conflict"
    assignment.save(update_fields=["removed_at", "removed_reason"])
    intake = assignment.application.intake
    audit.record(
        intake=intake,
        actor=assignment.reviewer.user,
        application=assignment.application,
        action="conflict_declared",
        reason=reason,
    )
    return run_assignment(
        intake=intake,
        actor=assignment.reviewer.user,
        only_applications=[assignment.application_id],
        source=AssignmentSource.REASSIGNED,
    )
