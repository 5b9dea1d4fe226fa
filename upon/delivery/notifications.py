"""Emails about sessions: a published timetable, and changes to when, where or how they meet.

One email a person, listing every session of theirs the change touches (a switch of ten sessions
is one email, not ten), with the new details in full so nobody has to sign in to find them.
Each template's first line is the subject; the rest the body. Called on commit.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse

from upon.delivery.models import Mode, Participant, ParticipantStatus, Session
from upon.service.mail import send_all, templated

# People told about their sessions: everyone still on the programme.
TOLD = (ParticipantStatus.ACTIVE, ParticipantStatus.DEFERRED)


def details(session: Session) -> list[str]:
    """How to get there or join, line by line, as an email shows it."""
    from upon.delivery.sessions import when

    lines = [f"When: {when(session.starts_at, session.ends_at)} (UK time)"]
    lines.append(f"How: {Mode(session.mode).label}")
    if session.mode != Mode.VIRTUAL and session.venue is not None:
        venue = session.venue
        lines.append(f"Where: {venue.name}, {', '.join(venue.address.splitlines())}")
        if venue.access_notes:
            lines.append(f"Access: {venue.access_notes}")
    if session.mode != Mode.IN_PERSON:
        if session.joining_link:
            lines.append(f"Join online: {session.joining_link}")
        if session.joining_details:
            lines.append(f"Joining details: {session.joining_details}")
    return lines


def _people(session_ids, *, published=True) -> dict[str, tuple[str, list[Session], bool]]:
    """email -> (name, their sessions in time order, whether they are a participant)."""
    sessions = list(
        Session.objects.filter(pk__in=list(session_ids), published=published)
        .select_related("venue", "cohort")
        .prefetch_related(Prefetch("facilitators"))
        .order_by("starts_at", "pk")
    )
    participants = defaultdict(list)
    for participant in Participant.objects.filter(
        cohort_id__in={s.cohort_id for s in sessions}, status__in=TOLD
    ).select_related("user"):
        participants[participant.cohort_id].append(participant)
    people: dict[str, tuple[str, list[Session], bool]] = {}

    def tell(user, session, is_participant):
        name, theirs, flag = people.setdefault(user.email, (user.full_name, [], False))
        if session not in theirs:
            theirs.append(session)
        people[user.email] = (name, theirs, flag or is_participant)

    for session in sessions:
        for participant in participants[session.cohort_id]:
            if session.action_learning_set_id in (None, participant.action_learning_set_id):
                tell(participant.user, session, True)
        for facilitator in session.facilitators.all():
            tell(facilitator, session, False)
    return people


def _send(*, session_ids, template: str) -> int:
    calendar_link = settings.SITE_URL + reverse("delivery:my_calendar")
    return send_all(
        templated(
            to=email,
            template=template,
            context={
                "name": name,
                "sessions": [(session, details(session)) for session in sessions],
                "calendar_link": calendar_link if is_participant else "",
            },
        )
        for email, (name, sessions, is_participant) in sorted(_people(session_ids).items())
    )


def sessions_changed(*, session_ids) -> int:
    """Tell each person whose published sessions changed the new details. Returns how many."""
    return _send(session_ids=session_ids, template="delivery/sessions/emails/changed.txt")


def told_on_publishing(*, session_ids) -> tuple[int, int]:
    """How many participants and facilitators publishing these (unpublished) sessions would
    email: the same people `sessions_published` tells once they are published."""
    people = _people(session_ids, published=False).values()
    participants = sum(1 for _, _, is_participant in people if is_participant)
    return participants, len(people) - participants


def sessions_published(*, session_ids) -> int:
    """Tell each person the sessions just added to their timetable. Returns how many."""
    return _send(session_ids=session_ids, template="delivery/sessions/emails/published.txt")
