"""Applications stranded in a state with no next step, each with what the team should do.

Every state here is one nothing in the service will move on by itself: once the cohort is
confirmed, a shortlisted or reserve application with neither an offer nor a place on the
waiting list, a decline whose decision was never sent, a submitted application the panel never
decided; once review has closed, a submitted application nobody was asked to review.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from upon.recruitment.models import Application, ApplicationStatus
from upon.selection.models import Offer, Outcome, ReviewAssignment, WaitlistEntry
from upon.selection.pool import settings_for


@dataclass(frozen=True)
class Stranded:
    application: Application
    state: str
    action: tuple[str, str]  # (what to do, the page to do it on)


def _conditions(*, confirmed: bool, review_closed: bool) -> Q:
    unplaced = Q(has_offer=False, on_waitlist=False)
    conditions = Q(pk__in=[])
    if confirmed:
        conditions |= Q(decision__outcome=Outcome.SHORTLIST) & unplaced
        conditions |= Q(decision__outcome=Outcome.RESERVE) & unplaced
        conditions |= Q(decision__outcome=Outcome.DECLINE, decision__published_at__isnull=True)
        conditions |= Q(status=ApplicationStatus.SUBMITTED, decision__isnull=True)
    if review_closed:
        conditions |= Q(
            status=ApplicationStatus.SUBMITTED, decision__isnull=True, has_reviewers=False
        )
    return conditions


def stranded_queryset(*, intake, now):
    """The intake's stranded applications, by reference, with what `describe` reads, and
    whether review has closed (which `describe` needs too)."""
    selection = settings_for(intake=intake)
    confirmed = selection.composition_confirmed_at is not None
    review_closed = selection.review_deadline is not None and selection.review_deadline <= now
    return (
        Application.objects.filter(intake=intake)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .annotate(
            has_offer=Exists(Offer.objects.filter(application=OuterRef("pk"))),
            on_waitlist=Exists(WaitlistEntry.objects.filter(application=OuterRef("pk"))),
            has_reviewers=Exists(
                ReviewAssignment.objects.filter(application=OuterRef("pk"), removed_at__isnull=True)
            ),
        )
        .filter(_conditions(confirmed=confirmed, review_closed=review_closed))
        .select_related("decision")
        .order_by("reference")
    ), review_closed


def describe(application: Application, *, review_closed: bool) -> Stranded:
    """What state `application` (from `stranded_queryset`) is stuck in and what to do."""
    decision = getattr(application, "decision", None)
    reference = application.reference
    decide = reverse("selection:decide", args=[reference])
    if decision is None and not application.has_reviewers and review_closed:
        return Stranded(
            application,
            "Submitted with no reviewers, and review has closed",
            (
                "Add a reviewer by hand, or record a panel decision",
                reverse("selection:application_reviewers", args=[reference]),
            ),
        )
    if decision is None:
        return Stranded(
            application,
            "Submitted with no panel decision, and the cohort has been confirmed",
            ("Record a panel decision", decide),
        )
    if decision.outcome == Outcome.SHORTLIST:
        return Stranded(
            application,
            "Shortlisted after the cohort was confirmed, with no offer and no place on the "
            "waiting list",
            ("Save the panel decision again to put it at the end of the waiting list", decide),
        )
    if decision.outcome == Outcome.RESERVE:
        return Stranded(
            application,
            "Reserve with no place on the waiting list",
            ("Save the panel decision again to put it at the end of the waiting list", decide),
        )
    if decision.feedback_approved_at is None:
        action = (
            "Approve their feedback, then send decisions from the cohort page",
            reverse("selection:feedback", args=[reference]),
        )
    else:
        action = (
            "Send decisions from the cohort page",
            reverse("selection:cohort", args=[application.intake_id]),
        )
    return Stranded(application, "Declined, and the decision has not been sent", action)


def stranded_applications(*, intake, now) -> list[Stranded]:
    """Every stranded application of the intake (for tests and small intakes; the page pages)."""
    queryset, review_closed = stranded_queryset(intake=intake, now=now)
    return [describe(application, review_closed=review_closed) for application in queryset]
