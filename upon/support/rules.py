"""Who may do what in support: declared once, checked by every view through
`upon.accounts.permissions.get_object_for` (403 for the wrong role, 404 for no relation).

Every support object belongs to one person and one programme. Two relations follow:

- the person's own (`is_own_post`): their appointment, in a programme where they still hold a
  role that records posts (participant, alumnus or new director);
- the programme team's (`is_support_team`): a team member or lead of the object's programme.

No predicate writes to the database or queries it.
"""

import rules

from upon.accounts import roles
from upon.accounts.models import Role
from upon.accounts.permissions import add_perm
from upon.accounts.roles import TEAM_ROLES

# Who records their own posts: someone on the programme or who has been, and new directors.
RECORDS_POSTS = (Role.PARTICIPANT, Role.ALUMNUS, Role.NEW_DIRECTOR)


def post_programme_ids(user) -> set[int]:
    """The programmes where the person may record their posts."""
    return roles.programme_ids(user, *RECORDS_POSTS)


@rules.predicate
def is_own_post(user, appointment) -> bool:
    return appointment.person_id == user.pk and appointment.programme_id in post_programme_ids(user)


@rules.predicate
def is_support_team(user, obj) -> bool:
    return obj.programme_id in roles.team_programme_ids(user)


TEAM = sorted(TEAM_ROLES)

# The person's own posts: change the details, or record that the post ended.
add_perm("support.change_own_post", is_own_post, roles=RECORDS_POSTS)
# The team checks a recorded post against what the authority publishes and verifies it.
add_perm("support.verify_appointment", is_support_team, roles=TEAM)
# The team opens support on a director's post though the rule did not (a second entitlement).
add_perm("support.open_entitlement", is_support_team, roles=TEAM)


# Employers: the partnership of a director's support, and its contact's check-ins.


@rules.predicate
def is_own_entitlement(user, entitlement) -> bool:
    return entitlement.person_id == user.pk and entitlement.programme_id in roles.programme_ids(
        user, Role.NEW_DIRECTOR
    )


# The team, or the director for their own support, invites the employer's contact.
add_perm(
    "support.invite_employer",
    is_support_team | is_own_entitlement,
    roles=[*TEAM, Role.NEW_DIRECTOR],
)
