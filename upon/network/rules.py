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


# The directory and messages (issue 13, items 1 and 2). The directory is seen by members only
# (403 for everyone else, the team included). A conversation is private to its two people,
# whatever roles they hold now: everyone else, the team included, finds no such page (404).


@rules.predicate
def is_in_conversation(user, conversation) -> bool:
    return user.pk in (conversation.first_id, conversation.second_id)


@rules.predicate
def is_in_conversation_of(user, message) -> bool:
    return is_in_conversation(user, message.conversation)


# A member reads another member's profile (a profile of someone no longer a member is gone).
add_perm("network.view_profile", is_network_member, roles=MEMBERS)
# A member writes to another member from their profile.
add_perm("network.write_to", is_network_member, roles=MEMBERS)
# The two people in a conversation read it, reply, block or unblock the other.
add_perm("network.take_part", is_in_conversation, roles=None)
# Either of them reports a message in it to the team.
add_perm("network.report_message", is_in_conversation_of, roles=None)
