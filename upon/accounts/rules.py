"""Who may invite whom: declared once, asked by the invitation page and its form.

The object is the invitation being made (saved or not): its `programme` and its `role`.
"""

import rules

from upon.accounts import roles
from upon.accounts.models import Role
from upon.accounts.permissions import add_perm
from upon.accounts.roles import TEAM_ROLES

# Only a programme lead may hand out the roles that see sensitive reports.
LEAD_ONLY_ROLES = frozenset({Role.PROGRAMME_LEAD, Role.FUNDER})


@rules.predicate
def is_team_for_programme_of(user, obj):
    """On the team of the programme `obj` belongs to (anything with a `programme_id`)."""
    return obj.programme_id in roles.team_programme_ids(user)


@rules.predicate
def is_lead_for_programme_of(user, obj):
    """The lead of the programme `obj` belongs to."""
    return obj.programme_id in roles.lead_programme_ids(user)


@rules.predicate
def is_for_a_lead_only_role(user, invitation):
    return invitation.role in LEAD_ONLY_ROLES


# A programme's team invites people to it; another programme is not there (404). Only its lead
# invites a programme lead or a funder; the rest of the team is refused (403).
add_perm(
    "accounts.invite",
    is_team_for_programme_of & (~is_for_a_lead_only_role | is_lead_for_programme_of),
    roles=TEAM_ROLES,
    reach=is_team_for_programme_of,
)


# A programme's lead resets the second factor of a person holding a role in it (the object is
# that role assignment); the rest of its team sees the person but may not (403); another
# programme's people are not there (404).
add_perm(
    "accounts.reset_second_factor",
    is_lead_for_programme_of,
    roles=TEAM_ROLES,
    reach=is_team_for_programme_of,
)
