"""Marking a session's register: who is on it, and saving the marks.

The register opens when the session starts. A facilitator may mark everyone not yet marked as
present in one go and then change the exceptions. Everyone newly counted as attending is asked
for feedback on the session once the marks are saved.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from upon.delivery import feedback
from upon.delivery.models import (
    ATTENDED,
    Attendance,
    AttendanceStatus,
    Participant,
    ParticipantStatus,
    Session,
)
from upon.service.times import time_on_date


class RegisterRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def when(moment) -> str:
    """A moment as people read it in the UK: 9:30am on 1 December 2026."""
    return time_on_date(moment)


def not_open_reason(*, session: Session, now=None) -> str:
    """Why the register cannot be taken yet, or "" when it can."""
    now = now or timezone.now()
    if not session.published:
        return "This session is not published yet, so it has no register."
    if session.starts_at > now:
        return (
            "You cannot take the register before the session starts. "
            f"It starts at {when(session.starts_at)}."
        )
    return ""


def on_register(*, session: Session):
    """The session's participants: its set's members for a set meeting, otherwise the whole
    cohort; only those taking part, and anyone already marked (withdrawn later, say)."""
    expected = Q(status__in=[ParticipantStatus.ACTIVE, ParticipantStatus.COMPLETED])
    if session.action_learning_set_id:
        expected &= Q(action_learning_set_id=session.action_learning_set_id)
    marked = Attendance.objects.filter(session=session).values("participant_id")
    # Everyone marked is in the session's cohort: filtering on it first keeps to its index.
    return (
        Participant.objects.filter(cohort_id=session.cohort_id)
        .filter(expected | Q(pk__in=marked))
        .select_related("user")
        .order_by("user__full_name", "pk")
    )


def marks_for(*, session: Session) -> dict[int, str]:
    return dict(Attendance.objects.filter(session=session).values_list("participant_id", "status"))


@transaction.atomic
def mark_register(
    *,
    session: Session,
    participants,
    marks: dict[int, str],
    by,
    everyone_else_present: bool = False,
    now=None,
) -> dict[str, int]:
    """Save the marks chosen ({participant id: status}; people left out keep what they had).
    With `everyone_else_present`, anyone on the register still unmarked is marked present.

    Returns how many marks were added and changed."""
    reason = not_open_reason(session=session, now=now)
    if reason:
        raise RegisterRefused(reason)
    now = now or timezone.now()
    valid = set(AttendanceStatus.values)
    on_it = {p.pk for p in participants}
    wanted = {pid: status for pid, status in marks.items() if status and pid in on_it}
    if any(status not in valid for status in wanted.values()):
        raise RegisterRefused("Select present, late, left early, apologies or absent")
    existing = {
        a.participant_id: a
        for a in Attendance.objects.select_for_update().filter(
            session=session, participant_id__in=on_it
        )
    }
    if everyone_else_present:
        for pid in on_it:
            if pid not in wanted and pid not in existing:
                wanted[pid] = AttendanceStatus.PRESENT
    added, changed, newly_attending = [], [], []
    for pid, status in wanted.items():
        mark = existing.get(pid)
        if mark is None:
            added.append(
                Attendance(
                    session=session, participant_id=pid, status=status, marked_by=by, marked_at=now
                )
            )
            if status in ATTENDED:
                newly_attending.append(pid)
        elif mark.status != status:
            if status in ATTENDED and mark.status not in ATTENDED:
                newly_attending.append(pid)
            mark.status, mark.marked_by, mark.marked_at = status, by, now
            changed.append(mark)
    Attendance.objects.bulk_create(added)
    Attendance.objects.bulk_update(changed, ["status", "marked_by", "marked_at"])
    if newly_attending:
        feedback.invite(session=session, participant_ids=newly_attending)
    return {"added": len(added), "changed": len(changed)}
