"""Action learning meetings: each belongs to one set.

The programme team plans a set's meetings one by one: when, and whether the set meets online
(with a joining link, which may come later: the meeting is not published without it) or face to
face (at one of the programme's venues). The set's facilitator runs every meeting of the set;
when the set gets another facilitator, its meetings still to come follow them (those over keep
who ran them, for the record). Only the set's members see its meetings (`rules.attends_session`,
`calendars.sessions_for`); the set's facilitator takes the register (`rules.runs_session`).

Everything else about a meeting (clashes, publishing, the emails and calendar updates when it
changes) is a session's, in `sessions`.
"""

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from upon.delivery import sessions as session_service
from upon.delivery.models import ActionLearningSet, Mode, Session, SessionKind

# How a set meets: online or face to face (the team switches a meeting, never splits it).
MEETING_MODES = (Mode.VIRTUAL, Mode.IN_PERSON)


def title_for(action_learning_set: ActionLearningSet) -> str:
    return f"{action_learning_set.name} meeting"


def _runners(action_learning_set: ActionLearningSet) -> list:
    facilitator = action_learning_set.facilitator
    return [facilitator] if facilitator is not None else []


def _where(*, mode: str, venue, joining_link: str, joining_details: str) -> dict:
    """The fields for how the meeting happens; a face to face one keeps no link, an online one
    no venue."""
    if mode not in MEETING_MODES:
        raise session_service.SessionRefused(
            ["Select whether the set meets online or face to face"]
        )
    online = mode == Mode.VIRTUAL
    if not online and venue is None:
        raise session_service.SessionRefused(["Select the venue for a face to face meeting"])
    return {
        "mode": mode,
        "venue": None if online else venue,
        "joining_link": joining_link if online else "",
        "joining_details": joining_details if online else "",
    }


def plan_meeting(
    *,
    action_learning_set: ActionLearningSet,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    mode: str,
    venue=None,
    joining_link: str = "",
    joining_details: str = "",
) -> Session:
    """A new, unpublished meeting of the set, run by its facilitator. Refused (SessionRefused)
    if the facilitator or the venue is busy then."""
    return session_service.create_session(
        cohort=action_learning_set.cohort,
        facilitators=_runners(action_learning_set),
        kind=SessionKind.ACTION_LEARNING,
        action_learning_set=action_learning_set,
        title=title_for(action_learning_set),
        starts_at=starts_at,
        ends_at=ends_at,
        **_where(
            mode=mode, venue=venue, joining_link=joining_link, joining_details=joining_details
        ),
    )


def change_meeting(
    *,
    meeting: Session,
    version: int | None,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    mode: str,
    venue=None,
    joining_link: str = "",
    joining_details: str = "",
    by=None,
    now: datetime.datetime | None = None,
) -> bool:
    """Change when and how a meeting happens (StaleVersion, SessionRefused as any session).
    Returns whether its people were emailed the new details."""
    return session_service.update_session(
        session=meeting,
        facilitators=_runners(meeting.action_learning_set),
        version=version,
        by=by,
        now=now,
        starts_at=starts_at,
        ends_at=ends_at,
        **_where(
            mode=mode, venue=venue, joining_link=joining_link, joining_details=joining_details
        ),
    )


def meetings_of(*, action_learning_set: ActionLearningSet) -> QuerySet[Session]:
    """The set's meetings, soonest first."""
    return (
        Session.objects.filter(action_learning_set=action_learning_set)
        .select_related("venue")
        .prefetch_related("facilitators")
        .order_by("starts_at", "pk")
    )


@transaction.atomic
def follow_facilitator(
    *, action_learning_set: ActionLearningSet, now: datetime.datetime | None = None
) -> list[Session]:
    """The set's meetings not over yet are run by its facilitator now (refused whole if they
    are busy at one of them). Returns the meetings that changed."""
    upcoming = meetings_of(action_learning_set=action_learning_set).filter(
        ends_at__gt=now or timezone.now()
    )
    return session_service.restaff(
        sessions=list(upcoming), facilitators=_runners(action_learning_set)
    )
