"""The reviewer pool: who reviews for an intake, how many each, and what they declare."""

from django.db import transaction
from django.utils import timezone

from upon.accounts import services as accounts
from upon.accounts.models import Role, RoleAssignment
from upon.selection import audit
from upon.selection.models import Reviewer, SelectionSettings


def settings_for(*, intake) -> SelectionSettings:
    """The intake's selection settings, created with defaults the first time they are needed."""
    selection, _ = SelectionSettings.objects.get_or_create(
        intake=intake, defaults={"places": intake.capacity}
    )
    return selection


def add_reviewer(
    *,
    intake,
    added_by,
    email: str,
    full_name: str,
    capacity: int,
    expertise: str = "",
    region: str = "",
    conflict_organisations=(),
    conflict_people: str = "",
) -> Reviewer:
    """Add a person to the pool and email them an invitation to the reviewer role."""
    email = accounts.normalise_email(email)
    with transaction.atomic():
        reviewer = Reviewer.objects.create(
            intake=intake,
            email=email,
            full_name=full_name,
            capacity=capacity,
            expertise=expertise,
            region=region,
            conflict_people=conflict_people,
        )
        reviewer.conflict_organisations.set(conflict_organisations)
        already = RoleAssignment.objects.filter(
            user__email=email, role=Role.REVIEWER, intake=intake
        ).exists()
        if not already:
            accounts.invite(
                invited_by=added_by,
                email=email,
                role=Role.REVIEWER,
                programme=intake.programme,
                intake=intake,
            )
        audit.record(
            intake=intake,
            actor=added_by,
            action="reviewer_added",
            after={"reviewer": email, "capacity": capacity},
        )
    return reviewer


def reviewer_for_user(*, user, intake) -> Reviewer | None:
    """The person's place in this intake's pool, linking their account the first time."""
    if not user.is_authenticated:
        return None
    reviewer = (
        Reviewer.objects.filter(intake=intake, user=user).first()
        or Reviewer.objects.filter(intake=intake, email=user.email, user__isnull=True).first()
    )
    if reviewer is None or reviewer.withdrawn_at is not None:
        return None
    if reviewer.user_id is None:
        reviewer.user = user
        reviewer.save(update_fields=["user"])
    return reviewer


def withdraw_reviewer(*, reviewer: Reviewer, withdrawn_by, reason: str) -> None:
    """Take a reviewer out of the pool. Their unfinished reviews go back to the solver."""
    from upon.selection.assignment import reassign_after_withdrawal

    with transaction.atomic():
        reviewer.withdrawn_at = timezone.now()
        reviewer.save(update_fields=["withdrawn_at"])
        audit.record(
            intake=reviewer.intake,
            actor=withdrawn_by,
            action="reviewer_withdrawn",
            before={"reviewer": reviewer.email},
            reason=reason,
        )
        reassign_after_withdrawal(reviewer=reviewer, actor=withdrawn_by)
