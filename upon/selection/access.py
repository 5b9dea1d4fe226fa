"""Fetch selection objects only for people allowed to touch them.

Someone without the role gets 403; someone with the role but not this object gets 404, so a
reviewer cannot learn which other applications exist.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from upon.accounts import roles
from upon.accounts.access import role_required
from upon.accounts.models import Role
from upon.selection.models import ReviewAssignment

reviewer_required = role_required(Role.REVIEWER)


def is_own_place(reviewer, user) -> bool:
    """The pool place is this person's: linked to their account, or (read only) added for
    their email address and not linked yet. Places are linked when the person is granted the
    reviewer role (selection.signals); a permission check never writes the link."""
    return reviewer.user_id == user.pk or (
        reviewer.user_id is None and reviewer.email == user.email
    )


def own_places(user, prefix: str = "") -> Q:
    """The same rule as is_own_place, as a filter on Reviewer (or through `prefix`)."""
    return Q(**{f"{prefix}user": user}) | Q(
        **{f"{prefix}user__isnull": True, f"{prefix}email": user.email}
    )


def get_assignment_for_reviewer(request, pk) -> ReviewAssignment:
    """One of the signed-in reviewer's own open assignments; anyone else's is 404.

    Views calling this are @reviewer_required (403 without the role)."""
    assignment = get_object_or_404(
        ReviewAssignment.objects.select_related("reviewer", "application__intake"),
        pk=pk,
        removed_at__isnull=True,
    )
    reviewer = assignment.reviewer
    intakes = roles.intake_ids(request.user, Role.REVIEWER)
    mine = is_own_place(reviewer, request.user)
    if not mine or reviewer.intake_id not in intakes or reviewer.withdrawn_at is not None:
        raise Http404("No such review for this person")
    return assignment
