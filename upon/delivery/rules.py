"""Who may do what in delivery: declared once, checked by every view through
`upon.accounts.permissions.get_object_for` (403 for the wrong role, 404 for no relation).

Every delivery object belongs to one cohort (`cohort_of`), and the cohort to an intake of a
programme. Three relations follow from that, and nothing else:

- the programme team of a cohort: a team member or lead of the cohort's programme;
- a facilitator of a cohort ("facilitates"): someone who holds the facilitator role for the
  cohort's intake. That is the one meaning of "facilitates" everywhere in delivery: the
  cohort's facilitators are those the team may choose for a set or a session, who see and give
  feedback on the cohort's leadership challenges, and whose calendar feed lists the sessions
  they run. What a facilitator *runs* is narrower and always within what they facilitate:
  a session they are named on, or a meeting of the set they facilitate (`runs_session`); the
  set they are its facilitator of (`runs_set`). Losing the role ends both;
- a participant of a cohort ("participation"): their place in it (`places`: a place on a
  cohort of an intake they hold the participant role for). That is the one meaning of a
  person's place everywhere in delivery; what a place reaches depends only on its status
  (`has_place`, `participates`, `takes_part`): a withdrawn participant's place is kept for
  the record (their own programme page) but reaches nothing of the cohort; a deferred one
  still follows the cohort's sessions but takes no part in its sets, challenges or
  self-assessments until they return.

No predicate writes to the database. A predicate that queries remembers its answer on the
object for the length of the request, since `get_object_for` tests reach and grant in turn.
"""

import rules
from django.db.models import Q, QuerySet

from upon.accounts import roles
from upon.accounts.models import Role
from upon.accounts.permissions import add_perm
from upon.accounts.roles import TEAM_ROLES
from upon.delivery.completion import sessions_for
from upon.delivery.models import (
    ActionLearningSet,
    Challenge,
    ChallengeSubmission,
    ChallengeTeam,
    Cohort,
    DevelopmentGoal,
    Participant,
    ParticipantStatus,
    Session,
    SessionMaterial,
)
from upon.delivery.sets import MEMBER_STATUSES
from upon.programmes.rules import is_team_for_intake


def cohort_of(obj) -> Cohort:
    """The cohort any delivery object belongs to."""
    if isinstance(obj, Cohort):
        return obj
    if isinstance(obj, (Session, ActionLearningSet, Participant, Challenge)):
        return obj.cohort
    if isinstance(obj, SessionMaterial):
        return obj.session.cohort
    if isinstance(obj, ChallengeTeam):
        return obj.challenge.cohort
    if isinstance(obj, ChallengeSubmission):
        return obj.team.challenge.cohort
    raise TypeError(f"{type(obj).__name__} belongs to no cohort")


def _remembered(obj, name, user, answer) -> bool:
    """`answer()` once per object, question and person (a dict on the object, never the db)."""
    memo = obj.__dict__.setdefault("_delivery_rules", {})
    key = (name, user.pk)
    if key not in memo:
        memo[key] = bool(answer())
    return memo[key]


def facilitated_intake_ids(user) -> set[int]:
    """The intakes whose cohorts this person facilitates."""
    return roles.intake_ids(user, Role.FACILITATOR)


# The relations


@rules.predicate
def is_cohort_team(user, obj) -> bool:
    """On the programme team (team or lead) of the object's cohort's programme."""
    return cohort_of(obj).intake.programme_id in roles.team_programme_ids(user)


@rules.predicate
def facilitates(user, obj) -> bool:
    """A facilitator of the object's cohort: holds the facilitator role for its intake."""
    return cohort_of(obj).intake_id in facilitated_intake_ids(user)


def _runs(user, session: Session) -> bool:
    return (
        Session.objects.filter(pk=session.pk)
        .filter(Q(facilitators=user.pk) | Q(action_learning_set__facilitator_id=user.pk))
        .exists()
    )


@rules.predicate
def runs_session(user, session) -> bool:
    """A facilitator of the cohort who runs this session: named on it, or its set's facilitator."""
    if isinstance(session, SessionMaterial):
        session = session.session
    return facilitates(user, session) and _remembered(
        session, "runs", user, lambda: _runs(user, session)
    )


@rules.predicate
def runs_set(user, action_learning_set) -> bool:
    """A facilitator of the cohort who is this set's facilitator."""
    return facilitates(user, action_learning_set) and action_learning_set.facilitator_id == user.pk


@rules.predicate
def is_published(user, obj) -> bool:
    session = obj.session if isinstance(obj, SessionMaterial) else obj
    return session.published


# Participation


def places(user) -> QuerySet[Participant]:
    """The person's places, newest cohort first: the one meaning of participation. A place
    counts on a cohort of an intake they hold the participant role for; losing the role ends
    it, though the place is kept."""
    return Participant.objects.filter(
        user_id=user.pk, cohort__intake_id__in=roles.intake_ids(user, Role.PARTICIPANT)
    ).order_by("-cohort__starts_on", "-pk")


def place_for(user, obj) -> Participant | None:
    """The person's place that reaches `obj`, whatever its status: a place (or a development
    goal of one) only if it is theirs (the rule of `places`, on one place, with no query);
    anything else of a cohort, their place in that cohort, asked once a request."""
    if isinstance(obj, DevelopmentGoal):
        obj = obj.participant
    if isinstance(obj, Participant):
        if obj.user_id == user.pk and obj.cohort.intake_id in roles.intake_ids(
            user, Role.PARTICIPANT
        ):
            return obj
        return None
    cohort = cohort_of(obj)
    if cohort.intake_id not in roles.intake_ids(user, Role.PARTICIPANT):
        return None
    memo = cohort.__dict__.setdefault("_delivery_places", {})
    if user.pk not in memo:
        memo[user.pk] = (
            places(user).filter(cohort_id=cohort.pk).select_related("cohort", "user").first()
        )
    return memo[user.pk]


@rules.predicate
def has_place(user, obj) -> bool:
    """A place of theirs reaches the object, in any status: their own record."""
    return place_for(user, obj) is not None


@rules.predicate
def participates(user, obj) -> bool:
    """A participant of the object's cohort whose place is not withdrawn."""
    place = place_for(user, obj)
    return place is not None and place.status != ParticipantStatus.WITHDRAWN


@rules.predicate
def takes_part(user, obj) -> bool:
    """A participant of the object's cohort taking part (or completed): not withdrawn or
    deferred. Sets, challenges and self-assessments are for them."""
    place = place_for(user, obj)
    return place is not None and place.status in MEMBER_STATUSES


@rules.predicate
def attends_session(user, obj) -> bool:
    """A participant of the cohort (not withdrawn) to whom the session is theirs: the whole
    cohort's sessions, and only their own set's meetings."""
    session = obj.session if isinstance(obj, SessionMaterial) else obj
    return participates(user, session) and session.action_learning_set_id in (
        None,
        place_for(user, session).action_learning_set_id,
    )


@rules.predicate
def has_session(user, session) -> bool:
    """One of the participant's sessions (`completion.sessions_for`), in any status of their
    place: the feedback page says why a withdrawn or deferred person cannot give it."""
    return has_place(user, session) and _remembered(
        session,
        "has_session",
        user,
        lambda: sessions_for(participant=place_for(user, session)).filter(pk=session.pk).exists(),
    )


@rules.predicate
def is_in_a_set(user, obj) -> bool:
    """A participant taking part whose place (in the object's cohort) is in a set."""
    return takes_part(user, obj) and place_for(user, obj).action_learning_set_id is not None


@rules.predicate
def is_in_challenge_team(user, obj) -> bool:
    """A participant taking part (or completed) who is a member of the team that submitted
    this work."""
    team = obj.team if isinstance(obj, ChallengeSubmission) else obj
    return takes_part(user, team) and _remembered(
        team,
        "member",
        user,
        lambda: team.members.filter(pk=place_for(user, team).pk).exists(),
    )


TEAM = sorted(TEAM_ROLES)

# The programme team runs the cohort's year: the cohort, its sessions, venues, plan, sets,
# challenges, participants' places and certificates.
add_perm("delivery.manage_cohort", is_cohort_team, roles=TEAM)
# The intake's delivery page, where the cohort is made from those who accepted a place.
add_perm("delivery.make_cohort", is_team_for_intake, roles=TEAM)
# The register: the team, or a facilitator who runs the session.
add_perm(
    "delivery.take_register",
    is_cohort_team | runs_session,
    roles=[Role.FACILITATOR, *TEAM],
)
# A session's calendar file and its materials: the team; once published, whoever runs it and
# the participants it is for. Any signed-in person may ask; nobody else learns it exists.
add_perm(
    "delivery.view_session",
    is_cohort_team | (is_published & (runs_session | attends_session)),
    roles=None,
)
add_perm(
    "delivery.view_material",
    is_cohort_team | (is_published & (runs_session | attends_session)),
    roles=None,
)
# A set's private notes: its facilitator (the team never reads them; members reach their own
# set from who they are).
add_perm("delivery.facilitate_set", runs_set, roles=[Role.FACILITATOR])
# Leadership challenges: the cohort's facilitators read the teams' work and give feedback.
add_perm("delivery.facilitate_challenge", facilitates, roles=[Role.FACILITATOR])
# A submitted file: its team, the cohort's facilitators and the programme team.
add_perm(
    "delivery.view_challenge_file",
    is_cohort_team | facilitates | is_in_challenge_team,
    roles=None,
)

# A participant's own pages, found from who they are (`access.own_place`) or reached through
# their place: their record on the programme page and their certificate, whatever its status;
# the calendar while on the programme; feedback on their sessions; and, while taking part, their
# set, challenges, self-assessments and development goals.
P = [Role.PARTICIPANT]
add_perm("delivery.view_own_place", has_place, roles=P)
add_perm("delivery.follow_calendar", participates, roles=P)
add_perm("delivery.give_session_feedback", has_session, roles=P)
add_perm("delivery.take_part", takes_part, roles=P)
add_perm("delivery.meet_in_set", is_in_a_set, roles=P)
add_perm("delivery.submit_challenge_work", is_in_challenge_team, roles=P)
