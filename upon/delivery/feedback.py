"""Session feedback: after each session its participants are asked two questions, a rating
from 1 to 5 and a comment; the team reads the results per session and per facilitator.

The team sees ratings and comments without names, so people can say what they think.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone

from upon.delivery.models import (
    ATTENDED,
    Attendance,
    AttendanceStatus,
    Participant,
    ParticipantStatus,
    Session,
    SessionFeedback,
)
from upon.delivery.participation import send_emails

RATINGS = [
    (5, "5: Excellent"),
    (4, "4: Good"),
    (3, "3: Adequate"),
    (2, "2: Poor"),
    (1, "1: Very poor"),
]


class FeedbackRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def invite(*, session: Session, participant_ids: list[int]) -> None:
    """Ask these participants for feedback on the session, by email once the change is saved.
    Anyone who has already given it is not asked again."""

    def send():
        given = SessionFeedback.objects.filter(session=session).values("participant_id")
        people = (
            Participant.objects.filter(pk__in=participant_ids)
            .exclude(pk__in=given)
            .select_related("user")
            .order_by("pk")
        )
        link = settings.SITE_URL + reverse("delivery:session_feedback", args=[session.pk])
        send_emails(
            messages=[
                (
                    person.user.email,
                    "delivery/feedback/emails/feedback_invitation.txt",
                    {"participant": person, "session": session, "link": link},
                )
                for person in people
            ]
        )

    transaction.on_commit(send)


def refusal(*, session: Session, participant: Participant, mark: str | None, now=None) -> str:
    """Why this person cannot give feedback on this session now, or "" when they can."""
    now = now or timezone.now()
    if participant.status in (ParticipantStatus.WITHDRAWN, ParticipantStatus.DEFERRED):
        return "You can no longer give feedback on sessions: your place is not active."
    if session.ends_at > now:
        return "You can give feedback once the session has finished."
    if mark in (AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT):
        return "You can only give feedback on sessions you attended."
    return ""


@transaction.atomic
def give(
    *, session: Session, participant: Participant, rating: int, comment: str, mark=None, now=None
) -> SessionFeedback:
    """Save the person's feedback on the session; giving it again replaces it."""
    reason = refusal(session=session, participant=participant, mark=mark, now=now)
    if reason:
        raise FeedbackRefused(reason)
    if rating not in range(1, 6):
        raise FeedbackRefused("Select a rating from 1 to 5")
    answer, _ = SessionFeedback.objects.update_or_create(
        session=session,
        participant=participant,
        defaults={
            "rating": rating,
            "comment": comment.strip(),
            "submitted_at": now or timezone.now(),
        },
    )
    return answer


@dataclass(frozen=True)
class Result:
    responses: int
    mean: float | None
    counts: tuple[int, ...]  # how many gave 1, 2, 3, 4 and 5
    attended: int | None = None

    @property
    def response_rate(self) -> int | None:
        """Responses as a whole percentage of those who attended."""
        if not self.attended:
            return None
        return round(100 * self.responses / self.attended)


EMPTY = Result(responses=0, mean=None, counts=(0, 0, 0, 0, 0))

_BY_RATING = {f"r{n}": Count("pk", filter=Q(rating=n)) for n in range(1, 6)}


def _result(row: dict, attended: int | None = None) -> Result:
    return Result(
        responses=row["responses"],
        mean=row["mean"],
        counts=tuple(row[f"r{n}"] for n in range(1, 6)),
        attended=attended,
    )


def session_results(*, session_ids: list[int]) -> dict[int, Result]:
    """Each session's results and attendance, in two queries."""
    rows = (
        SessionFeedback.objects.filter(session_id__in=session_ids)
        .values("session_id")
        .annotate(responses=Count("pk"), mean=Avg("rating"), **_BY_RATING)
        .order_by()
    )
    attended = dict(
        Attendance.objects.filter(session_id__in=session_ids, status__in=ATTENDED)
        .values("session_id")
        .annotate(n=Count("pk"))
        .values_list("session_id", "n")
        .order_by()
    )
    found = {row["session_id"]: _result(row, attended.get(row["session_id"], 0)) for row in rows}
    return {
        pk: found.get(
            pk, Result(responses=0, mean=None, counts=EMPTY.counts, attended=attended.get(pk, 0))
        )
        for pk in session_ids
    }


def facilitator_results(*, cohort) -> list[tuple[str, int, Result]]:
    """(facilitator's name, sessions with feedback, results) for everyone who ran a session
    of the cohort that has feedback, by name; one query."""
    rows = (
        SessionFeedback.objects.filter(session__cohort=cohort, session__facilitators__isnull=False)
        .values("session__facilitators", "session__facilitators__full_name")
        .annotate(
            sessions=Count("session", distinct=True),
            responses=Count("pk"),
            mean=Avg("rating"),
            **_BY_RATING,
        )
        .order_by("session__facilitators__full_name", "session__facilitators")
    )
    return [
        (row["session__facilitators__full_name"], row["sessions"], _result(row)) for row in rows
    ]


def overall(*, cohort) -> Result:
    row = SessionFeedback.objects.filter(session__cohort=cohort).aggregate(
        responses=Count("pk"), mean=Avg("rating"), **_BY_RATING
    )
    return _result(row)
