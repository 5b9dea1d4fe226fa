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


# Peer support: ask a peer (issue 13, item 3). A question is its asker's and the members asked
# it (`told`, annotated by `upon.network.peer.for_viewer`); an answer is its asker's and its
# author's. Everyone else, the team included, finds no such page (404), whatever their role.

from upon.accounts.permissions import add_perm  # noqa: E402


@rules.predicate
def is_asker(user, question) -> bool:
    return question.asker_id == user.pk


@rules.predicate
def is_told(user, question) -> bool:
    return bool(getattr(question, "told", False))


@rules.predicate
def is_answer_asker(user, answer) -> bool:
    return answer.question.asker_id == user.pk


@rules.predicate
def is_answer_author(user, answer) -> bool:
    return answer.author_id == user.pk


# The asker and those asked read the question (each sees the answers that are theirs).
add_perm("network.read_question", is_asker | is_told, roles=None)
# Those asked answer it; the asker reaches it but does not answer their own question (403).
add_perm(
    "network.answer_question", is_told & is_network_member, roles=None, reach=is_asker | is_told
)
# The asker and the answer's author each agree to share it in the library.
add_perm("network.share_answer", is_answer_asker | is_answer_author, roles=None)


# Opportunities (issue 13, item 5): the team and employer contacts post them; the poster, or
# any of the team, changes or withdraws one; members read the open ones and keep their alerts.

from django.utils import timezone  # noqa: E402

POSTS_OPPORTUNITIES = (*TEAM, Role.EMPLOYER_CONTACT)


@rules.predicate
def is_network_team(user, obj=None) -> bool:
    return is_team(user)


@rules.predicate
def is_poster(user, opportunity) -> bool:
    return opportunity.posted_by_id == user.pk


@rules.predicate
def is_open(user, opportunity) -> bool:
    return opportunity.closes_on >= timezone.localdate()


@rules.predicate
def is_own_alert(user, alert) -> bool:
    return alert.member_id == user.pk


add_perm(
    "network.read_opportunity",
    (is_network_member & is_open) | is_network_team | is_poster,
    roles=[*MEMBERS, *POSTS_OPPORTUNITIES],
)
add_perm("network.change_opportunity", is_network_team | is_poster, roles=POSTS_OPPORTUNITIES)
add_perm("network.remove_opportunity_alert", is_own_alert, roles=MEMBERS)


# Buddy pairing (issue 13, item 3): the team of the director's programme pairs them; the new
# director answers their offer.


@rules.predicate
def is_team_for_entitlement(user, entitlement) -> bool:
    return entitlement.programme_id in roles.team_programme_ids(user)


@rules.predicate
def is_offered_director(user, pair) -> bool:
    return pair.new_director_id == user.pk


add_perm("network.pair_buddy", is_team_for_entitlement, roles=TEAM)
add_perm("network.answer_buddy", is_offered_director, roles=[Role.NEW_DIRECTOR])
