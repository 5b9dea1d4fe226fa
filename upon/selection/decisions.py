"""The panel's decisions: shortlist, reserve or decline, each with a rationale.

Every decision is audited with before and after. Once published (the applicant has been told),
a decision changes only through a recorded reversal with a reason. Two panel members saving the
same decision never overwrite each other silently: each save names the version it changes.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from upon.recruitment.models import ApplicationStatus
from upon.selection import audit, offers
from upon.selection.audit import StaleVersion
from upon.selection.models import Decision, Outcome, Review

STATUS_FOR = {
    Outcome.SHORTLIST: ApplicationStatus.SHORTLISTED,
    Outcome.RESERVE: ApplicationStatus.RESERVE,
    Outcome.DECLINE: ApplicationStatus.UNSUCCESSFUL,
}


class ReversalNeedsReason(Exception):
    message = "Enter a reason for reversing this published decision"


def _snapshot(decision: Decision | None) -> dict:
    if decision is None:
        return {}
    return {"outcome": decision.outcome, "rationale": decision.rationale}


@transaction.atomic
def decide(
    *,
    application,
    outcome: str,
    rationale: str,
    decided_by,
    version: int | None,
    reversal_reason: str = "",
) -> Decision:
    """Record or change the panel's decision. `version` is None for a first decision.

    Shortlisted or made a reserve after the cohort was confirmed, the application goes to the
    end of the waiting list; the returned decision's `waitlist_entry` says where (None when it
    was not added).
    """
    current = Decision.objects.select_for_update().filter(application=application).first()
    if current is None:
        if version is not None:
            raise StaleVersion()
        decision = Decision.objects.create(
            application=application, outcome=outcome, rationale=rationale, decided_by=decided_by
        )
        action = "decision_recorded"
    else:
        if version != current.version:
            raise StaleVersion()
        if current.published_at and not reversal_reason.strip():
            raise ReversalNeedsReason()
        before = _snapshot(current)
        Decision.objects.filter(pk=current.pk).update(version=F("version") + 1)
        current.outcome, current.rationale = outcome, rationale
        current.decided_by, current.decided_at = decided_by, timezone.now()
        current.version += 1
        current.save()
        decision = current
        action = "decision_reversed" if current.published_at else "decision_changed"
    if application.status in STATUS_FOR.values() or application.status == (
        ApplicationStatus.SUBMITTED
    ):
        application.status = STATUS_FOR[outcome]
        application.save(update_fields=["status", "updated_at"])
    audit.record(
        intake=application.intake,
        application=application,
        actor=decided_by,
        action=action,
        before=before if current is not None else {},
        after=_snapshot(decision),
        reason=reversal_reason,
    )
    decision.waitlist_entry = None
    if outcome in (Outcome.SHORTLIST, Outcome.RESERVE):
        decision.waitlist_entry = offers.waitlist_after_confirmation(
            application=application, actor=decided_by
        )
    return decision


@dataclass(frozen=True)
class BulkResult:
    recorded: tuple[str, ...]
    changed_since: tuple[str, ...]  # someone else changed it after the page was shown
    published: tuple[str, ...]  # already told: a reversal needs its own reason
    waitlisted: tuple[str, ...] = ()  # decided after confirmation: added to the waiting list


@transaction.atomic
def decide_many(
    *, applications_and_versions, outcome: str, rationale: str, decided_by
) -> BulkResult:
    """The same decision for several applications, each checked against the version the panel
    saw; one that changed since, or was already published, is left as it is and reported.

    Anything else that fails (an error, not one of those refusals) saves none of them: a batch
    is never left half recorded."""
    recorded, changed_since, published, waitlisted = [], [], [], []
    for application, version in applications_and_versions:
        try:
            decision = decide(
                application=application,
                outcome=outcome,
                rationale=rationale,
                decided_by=decided_by,
                version=version,
            )
        except StaleVersion:
            changed_since.append(application.reference)
        except ReversalNeedsReason:
            published.append(application.reference)
        else:
            recorded.append(application.reference)
            if decision.waitlist_entry is not None:
                waitlisted.append(application.reference)
    return BulkResult(tuple(recorded), tuple(changed_since), tuple(published), tuple(waitlisted))


# Feedback for declined applicants ----------------------------------------------------------


def suggested_feedback(*, application) -> str:
    """The reviewers' comments on a declined application, as a starting point for feedback."""
    return "\n".join(
        f"{score.capability.name}: {score.comment}"
        for review in Review.objects.filter(
            assignment__application=application, submitted_at__isnull=False
        ).prefetch_related("scores__capability")
        for score in review.scores.all()
        if score.comment
    )


@transaction.atomic
def approve_feedback(*, decision: Decision, feedback: str, approved_by) -> Decision:
    """The team approves the feedback a declined applicant will be sent; audited."""
    before = {"feedback": decision.feedback, "approved": decision.feedback_approved_at is not None}
    decision.feedback = feedback
    decision.feedback_approved_at = timezone.now()
    decision.save(update_fields=["feedback", "feedback_approved_at"])
    audit.record(
        intake=decision.application.intake,
        application=decision.application,
        actor=approved_by,
        action="feedback_approved",
        before=before,
        after={"feedback": feedback, "approved": True},
    )
    return decision
