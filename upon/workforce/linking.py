"""Linking a director in the register to their Upon account.

- A team member links a director to someone who holds the new director or alumnus role in one
  of the team member's programmes: the team knows its own people, and another programme's
  people are not theirs to name.
- One Upon account is one director in the register (the database holds this too).
- Only the team of a programme where the linked person is a new director or alumnus may change
  or remove the link; the rest of the team, nationally, reads it.
- Verifying an appointment in support does not touch the register: the team links by hand.

Every link and unlink is kept in the director's history with who made it.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from upon.accounts import roles
from upon.accounts.models import Role, RoleAssignment
from upon.workforce.models import Director
from upon.workforce.register import RegisterProblem

# The roles of the people a team may link: alumni, and alumni now in a director's post.
LINKABLE_ROLES = (Role.NEW_DIRECTOR, Role.ALUMNUS)
# The most people the link page lists at once; a search narrows the rest.
LISTED = 20


def candidates(*, team_member, query: str = "") -> QuerySet:
    """The people this team member may link: new directors and alumni of their programmes, by
    name, narrowed by a part of their name or email address."""
    holders = RoleAssignment.objects.filter(
        role__in=LINKABLE_ROLES, programme_id__in=roles.team_programme_ids(team_member)
    ).values("user_id")
    people = get_user_model().objects.filter(pk__in=holders)
    query = query.strip()
    if query:
        people = people.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    return people.select_related("register_entry").order_by("full_name", "pk")


def may_change_link(*, team_member, director: Director) -> bool:
    """Whether this team member may link, change or unlink this director's account."""
    if director.user_id is None:
        return True
    return candidates(team_member=team_member).filter(pk=director.user_id).exists()


def _as(director, by):
    director._history_user = by
    return director


@transaction.atomic
def link_account(*, director: Director, user, by) -> Director:
    """Link the director to this Upon account (replacing any link it had)."""
    if not candidates(team_member=by).filter(pk=user.pk).exists():
        raise RegisterProblem("user", "Select a new director or alumnus of your programmes to link")
    other = Director.objects.filter(user=user).exclude(pk=director.pk).first()
    if other is not None:
        raise RegisterProblem(
            "user",
            f"{user.full_name} is already linked to {other.name} in the register: "
            "unlink them there first",
        )
    director.user = user
    try:
        with transaction.atomic():
            _as(director, by).save()
    except IntegrityError:
        # Someone linked the same person to another director a moment ago.
        raise RegisterProblem(
            "user", f"{user.full_name} is already linked to another director in the register"
        ) from None
    return director


@transaction.atomic
def unlink_account(*, director: Director, by) -> Director:
    if director.user_id is not None:
        director.user = None
        _as(director, by).save()
    return director
