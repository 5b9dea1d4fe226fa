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
# Groups (issue 13, item 4): a cohort's group is its cohort's people's only (404 for everyone
# else); a region's or a topic's is read by any member, and posted in by those who joined. The
# team reads every group, to moderate it, and hides posts and resolves reports.


def _remembered(obj, name, user, answer) -> bool:
    """`answer()` once per object, question and person (a dict on the object, never the db)."""
    memo = obj.__dict__.setdefault("_network_rules", {})
    key = (name, user.pk)
    if key not in memo:
        memo[key] = bool(answer())
    return memo[key]


def group_of(obj):
    from upon.network.models import Group, Post, Thread

    if isinstance(obj, Group):
        return obj
    if isinstance(obj, Thread):
        return obj.group
    if isinstance(obj, Post):
        return obj.thread.group
    raise TypeError(f"{type(obj).__name__} belongs to no group")


def _in_cohort(user, group) -> bool:
    from upon.network.groups import is_cohort_person

    return _remembered(group, "cohort", user, lambda: is_cohort_person(user, group.cohort_id))


def _joined(user, group) -> bool:
    return _remembered(
        group, "joined", user, lambda: group.memberships.filter(member_id=user.pk).exists()
    )


@rules.predicate
def reads_group(user, obj) -> bool:
    """The team (to moderate); a member, in a region's or topic's group; a cohort's person in
    the cohort's group."""
    group = group_of(obj)
    if is_team(user):
        return True
    if not is_member(user):
        return False
    return group.kind != "cohort" or _in_cohort(user, group)


@rules.predicate
def posts_in_group(user, obj) -> bool:
    """A member of the group: a cohort's person in its group, one who joined in the others."""
    group = group_of(obj)
    if not is_member(user):
        return False
    if group.kind == "cohort":
        return _in_cohort(user, group)
    return _joined(user, group)


@rules.predicate
def may_join(user, group) -> bool:
    return is_member(user) and group.kind != "cohort"


@rules.predicate
def reports_post(user, post) -> bool:
    return is_member(user) and post.author_id != user.pk


@rules.predicate
def is_network_team(user, obj=None) -> bool:
    return is_team(user)


add_perm("network.read_group", reads_group, roles=[*MEMBERS, *TEAM])
add_perm("network.post_in_group", posts_in_group, roles=MEMBERS, reach=reads_group)
add_perm("network.join_group", may_join, roles=MEMBERS, reach=reads_group)
add_perm("network.report_post", reads_group & reports_post, roles=MEMBERS, reach=reads_group)
add_perm("network.moderate_post", is_network_team, roles=TEAM, reach=reads_group)
add_perm("network.resolve_report", is_network_team, roles=TEAM)


# Peer support: ask a peer (issue 13, item 3). A question is its asker's and the members asked
# it (`told`, annotated by `upon.network.peer.for_viewer`); an answer is its asker's and its
# author's. Everyone else, the team included, finds no such page (404), whatever their role.


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
