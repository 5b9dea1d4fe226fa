"""The reviewer's queue: the applications still assigned to a person's places as a reviewer,
and what their home page shows of it."""

from django.db.models import Count, Min, Q, QuerySet

from upon.accounts import roles
from upon.accounts.models import Role
from upon.selection import reviews
from upon.selection.models import ReviewAssignment
from upon.selection.rules import own_places

# The reviews still to do that the home page lists; the queue has them all.
FIRST = 3
NOT_SUBMITTED = Q(review__submitted_at__isnull=True)


def queue_for(user) -> QuerySet[ReviewAssignment]:
    """Assignments to the person's places in the intakes they review for, not removed or
    withdrawn, oldest intake and assignment first."""
    return ReviewAssignment.objects.filter(
        own_places(user, prefix="reviewer__"),
        reviewer__withdrawn_at__isnull=True,
        reviewer__intake__in=roles.intake_ids(user, Role.REVIEWER),
        removed_at__isnull=True,
    ).order_by("reviewer__intake__opens_at", "assigned_at", "pk")


def reviewer_work(user) -> dict:
    """How many reviews are to do and submitted, the first few to do, and the soonest
    deadline among those to do."""
    queue = queue_for(user)
    totals = queue.aggregate(
        to_do=Count("pk", filter=NOT_SUBMITTED),
        submitted=Count("pk", filter=~NOT_SUBMITTED),
        deadline=Min("reviewer__intake__selection__review_deadline", filter=NOT_SUBMITTED),
    )
    first = queue.filter(NOT_SUBMITTED).only("pk", "application_id")[:FIRST]
    return {
        **totals,
        "first": [
            (assignment, reviews.code_for(assignment.application_id)) for assignment in first
        ],
    }
