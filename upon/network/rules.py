"""Who may do what in the network: declared once, checked by every view through
`upon.accounts.permissions.get_object_for` (403 for the wrong role, 404 for no relation).

The network is the programme's people, across its programmes: participants, alumni and new
directors (`MEMBERS`). The programme team (of any programme) moderates it. Employer contacts
post opportunities. Private things (a conversation, a question's answers) belong to the people
in them only: everyone else, the team included, finds no such page (404).

Each part of the network adds its predicates and permissions below its own heading.
No predicate writes to the database or queries it beyond the person's roles.
"""

import rules

from upon.accounts import roles
from upon.accounts.models import Role
from upon.accounts.permissions import add_perm
from upon.accounts.roles import TEAM_ROLES

# The members of the network.
MEMBERS = (Role.PARTICIPANT, Role.ALUMNUS, Role.NEW_DIRECTOR)
TEAM = sorted(TEAM_ROLES)


def is_member(user) -> bool:
    return roles.has_role(user, *MEMBERS)


def is_team(user) -> bool:
    return roles.is_team(user)


@rules.predicate
def is_network_member(user, obj=None) -> bool:
    return is_member(user)


# The resource library (upon/network/library.py says who sees which resource)


@rules.predicate
def may_view_resource(user, resource) -> bool:
    from upon.network.library import may_view

    return may_view(user, resource)


@rules.predicate
def is_network_team(user, obj=None) -> bool:
    return is_team(user)


# Anyone may try (a public resource is open signed out too: the views check `may_view` then).
add_perm("network.view_resource", may_view_resource, roles=None)
add_perm("network.suggest_resource", is_network_member, roles=MEMBERS)
# The library is the network's, across programmes: any programme's team looks after it.
add_perm("network.manage_library", is_network_team, roles=TEAM)
