"""The reviewer pool: who reviews for an intake, how many each, and what they declare."""

from django.db import transaction
from django.utils import timezone

from upon.accounts import services as accounts
from upon.accounts.models import Role, RoleAssignment
from upon.selection import audit
from upon.selection.models import Reviewer, SelectionSettings
from upon.service.versioning import claim


def settings_for(*, intake) -> SelectionSettings:
    """The intake's selection settings; reads only.

    Until the team saves them (or something that must lock them, like confirming the cohort,
    starts them) they are the defaults, unsaved, so showing a page never creates them.
    """
    selection = SelectionSettings.objects.filter(intake=intake).first()
    return selection or SelectionSettings(intake=intake, places=intake.capacity)


def saved_settings_for(*, intake) -> SelectionSettings:
    """The intake's selection settings as a row, created with the defaults if need be."""
    selection, _ = SelectionSettings.objects.get_or_create(
        intake=intake, defaults={"places": intake.capacity}
    )
    return selection


def save_settings(*, intake, changes: dict, changed_by, version: int | None) -> SelectionSettings:
    """Write the team's changes to the settings, and nothing else; the history records who.

    The row is locked and read afresh, and only the changed fields are written, so a page
    opened before the cohort was confirmed (or anything else changed the row) never writes
    back what it read. `version` is the one the person opened (1 for settings not yet saved):
    if someone else saved since, StaleVersion and nothing is written.
    """
    with transaction.atomic():
        saved_settings_for(intake=intake)
        selection = SelectionSettings.objects.select_for_update().get(intake=intake)
        claim(selection, version=version, by=changed_by)
        for name, value in changes.items():
            setattr(selection, name, value)
        selection._history_user = changed_by
        selection.save(update_fields=list(changes))
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
        already = (
            RoleAssignment.objects.filter(user__email=email, role=Role.REVIEWER, intake=intake)
            .select_related("user")
            .first()
        )
        if already:
            # They hold the role already, so there is no invitation to accept: link now.
            reviewer.user = already.user
            reviewer.save(update_fields=["user"])
        else:
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


def link_pool_places(*, user, programme, intake=None) -> int:
    """Tie the pool places added for this person's email address to their account.

    Called when the person is granted the reviewer role (accepting their invitation), so that
    reading pages and checking permissions never have to write the link themselves.
    """
    places = Reviewer.objects.filter(email=accounts.normalise_email(user.email), user__isnull=True)
    places = places.filter(intake=intake) if intake else places.filter(intake__programme=programme)
    return places.update(user=user)


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
