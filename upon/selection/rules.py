"""Who may do what in selection: declared once, fetched through get_object_for.

A reviewer reaches only their own open assignments; the programme team its programme's intakes,
applications, reviewer places and assignments; the applicant their own offer. Confirming the
cohort is the programme lead's.
"""

import rules
from django.db.models import Q

from upon.accounts import roles
from upon.accounts.models import Role
from upon.accounts.permissions import add_perm
from upon.accounts.roles import TEAM_ROLES
from upon.programmes.rules import is_lead_for_intake, is_team_for_intake
from upon.recruitment.rules import is_own_application, is_team_for_application


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


@rules.predicate
def is_own_open_assignment(user, assignment):
    """Still assigned, to the person's own place, in an intake they review for, not withdrawn."""
    reviewer = assignment.reviewer
    return (
        assignment.removed_at is None
        and reviewer.withdrawn_at is None
        and is_own_place(reviewer, user)
        and reviewer.intake_id in roles.intake_ids(user, Role.REVIEWER)
    )


@rules.predicate
def is_team_for_reviewer_place(user, reviewer):
    return is_team_for_intake(user, reviewer.intake)


@rules.predicate
def is_team_for_assignment(user, assignment):
    return is_team_for_application(user, assignment.application)


@rules.predicate
def is_own_offer(user, offer):
    return is_own_application(user, offer.application)


# A reviewer scores (or declares a conflict on) their own open assignments; another's is 404.
add_perm("selection.review_application", is_own_open_assignment, roles=[Role.REVIEWER])
# The programme team runs selection for its programme's intakes and applications.
add_perm("selection.manage_selection", is_team_for_intake, roles=TEAM_ROLES)
add_perm("selection.decide_application", is_team_for_application, roles=TEAM_ROLES)
add_perm("selection.manage_reviewer", is_team_for_reviewer_place, roles=TEAM_ROLES)
add_perm("selection.manage_assignment", is_team_for_assignment, roles=TEAM_ROLES)
# Confirming the cohort sends the offers: the lead's; the rest of the team is refused (403).
add_perm("selection.confirm_cohort", is_lead_for_intake, roles=TEAM_ROLES, reach=is_team_for_intake)
# The applicant answers the offer made on their own application.
add_perm("selection.respond_to_offer", is_own_offer, roles=None)
