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


# Coaches and matching (issue 12, items 3 and 4).


@rules.predicate
def is_programme_team(user, programme) -> bool:
    return programme.pk in roles.team_programme_ids(user)


# The team records a post for someone of its programme (issue 12, item 1).
add_perm("support.record_post_for", is_programme_team, roles=TEAM)


@rules.predicate
def is_their_coach(user, relationship) -> bool:
    """The coach in the relationship, still a coach of its programme."""
    return relationship.coach.user_id == user.pk and relationship.programme_id in (
        roles.programme_ids(user, Role.COACH)
    )


@rules.predicate
def is_coached(user, relationship) -> bool:
    """The director in the relationship, still a new director of its programme."""
    return relationship.director_id == user.pk and relationship.programme_id in (
        roles.programme_ids(user, Role.NEW_DIRECTOR)
    )


# The team keeps its programme's coach pool and declares conflicts of interest.
add_perm("support.change_coach", is_support_team, roles=TEAM)
add_perm("support.manage_coach_pool", is_programme_team, roles=TEAM)
# The team runs its programme's match and confirms it.
add_perm("support.run_match", is_programme_team, roles=TEAM)
# A coach declines a director matched with them; a director asks to be matched again.
add_perm("support.decline_director", is_their_coach, roles=[Role.COACH])
add_perm("support.ask_rematch", is_coached, roles=[Role.NEW_DIRECTOR])


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


# The coaching log (issue 12, item 5): private to the coach and the director of the
# relationship, whatever roles they hold now (a director who has left the programme keeps
# their log); everyone else, the team included, finds no such page (404).


@rules.predicate
def is_in_coaching(user, relationship) -> bool:
    return user.pk in (relationship.director_id, relationship.coach.user_id)


@rules.predicate
def is_team_for_check(user, check) -> bool:
    return check.relationship.coach.programme_id in roles.team_programme_ids(user)


# The coach or the director reads the log, logs a session and answers the relationship check.
add_perm("support.keep_coaching_log", is_in_coaching, roles=None)
# The team marks a low answer to a relationship check as reviewed.
add_perm("support.review_relationship_check", is_team_for_check, roles=TEAM)
# Further learning (issue 12, item 7): the team's events; new directors and alumni book them.

BOOKS_LEARNING = (Role.NEW_DIRECTOR, Role.ALUMNUS)


@rules.predicate
def may_book(user, event) -> bool:
    """A new director or alumnus of the event's programme (further_learning.eligible)."""
    return event.programme_id in roles.programme_ids(user, *BOOKS_LEARNING)


@rules.predicate
def is_own_booking(user, booking) -> bool:
    return booking.person_id == user.pk and may_book(user, booking.event)


# The team adds events to its programme and changes them, sees bookings, takes the register.
add_perm("support.add_learning_event", is_programme_team, roles=TEAM)
add_perm("support.change_learning_event", is_support_team, roles=TEAM)
# New directors and alumni see and book their programme's events, and cancel their bookings.
add_perm("support.book_learning_event", may_book, roles=BOOKS_LEARNING)
add_perm("support.cancel_own_booking", is_own_booking, roles=BOOKS_LEARNING)
