"""The cohort's completion rule: who has completed, who is at risk, what each still needs.

The rule is set per cohort (by default 7 of 8 taught days and 75% of action learning meetings).
A taught day counts when the person was present, late or left early; apologies and absence are
misses; a session whose register has not been taken is neither. A person's action learning
meetings are the published meetings of the whole cohort and of their own set, and any other
meeting they have a mark for (they changed set).

`assess` is the arithmetic, on plain numbers; the functions below it read the database, in a
fixed number of queries whatever the size of the cohort.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from upon.delivery.models import (
    ATTENDED,
    Attendance,
    Cohort,
    Participant,
    ParticipantStatus,
    Session,
    SessionKind,
)

COMPLETED = "completed"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
CANNOT_COMPLETE = "cannot_complete"

LABELS = {
    COMPLETED: "Met the rule",
    ON_TRACK: "On track",
    AT_RISK: "At risk",
    CANNOT_COMPLETE: "Cannot complete",
}
TAGS = {
    COMPLETED: "govuk-tag--green",
    ON_TRACK: "govuk-tag--blue",
    AT_RISK: "govuk-tag--orange",
    CANNOT_COMPLETE: "govuk-tag--red",
}


@dataclass(frozen=True)
class Tally:
    """One part of the rule: how many count, how many are needed, attended and missed."""

    total: int
    required: int
    attended: int
    missed: int

    @property
    def met(self) -> bool:
        return self.attended >= self.required

    @property
    def still_needed(self) -> int:
        return max(self.required - self.attended, 0)

    @property
    def can_miss(self) -> int:
        """How many more can be missed with the rule still in reach."""
        return max(self.total - self.required - self.missed, 0)

    @property
    def possible(self) -> bool:
        return self.total - self.missed >= self.required

    @property
    def reads(self) -> str:
        """How the tally reads on a page: never more attended than needed ("6 of 4")."""
        if self.attended > self.required:
            return f"{self.required} of {self.required} ({self.attended} attended)"
        return f"{self.attended} of {self.required}"


@dataclass(frozen=True)
class Progress:
    taught: Tally
    meetings: Tally
    status: str

    @property
    def label(self) -> str:
        return LABELS[self.status]

    @property
    def tag(self) -> str:
        return TAGS[self.status]

    @property
    def needs(self) -> str:
        """What the person still needs, in a sentence."""
        if self.status == COMPLETED:
            return "Nothing: the completion rule is met."
        if self.status == CANNOT_COMPLETE:
            parts = []
            if not self.taught.possible:
                parts.append("too many taught days missed")
            if not self.meetings.possible:
                parts.append("too many action learning meetings missed")
            return f"Cannot meet the rule: {' and '.join(parts)}."
        parts = []
        if self.taught.still_needed:
            parts.append(_count(self.taught.still_needed, "more taught day"))
        if self.meetings.still_needed:
            parts.append(_count(self.meetings.still_needed, "more action learning meeting"))
        text = f"Needs {' and '.join(parts)}."
        slack = []
        if not self.taught.met:
            slack.append(_count(self.taught.can_miss, "taught day"))
        if not self.meetings.met:
            slack.append(_count(self.meetings.can_miss, "meeting"))
        return f"{text} Can miss {' and '.join(slack)} more."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def count_of(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def meetings_required(*, meetings: int, percent: int) -> int:
    """The fewest meetings that make `percent` of `meetings`, rounded up."""
    return math.ceil(meetings * percent / 100)


def assess(
    *,
    taught_total: int,
    taught_required: int,
    taught_attended: int,
    taught_missed: int,
    meetings_total: int,
    meetings_percent: int,
    meetings_attended: int,
    meetings_missed: int,
) -> Progress:
    """Apply the rule to one person's counts.

    Met the rule: both parts met. Cannot complete: too many missed in either part. At risk: not
    met, and one more miss in a part not yet met would put it out of reach. Otherwise on track.
    """
    taught = Tally(
        total=max(taught_total, taught_required),
        required=taught_required,
        attended=taught_attended,
        missed=taught_missed,
    )
    meetings = Tally(
        total=meetings_total,
        required=meetings_required(meetings=meetings_total, percent=meetings_percent),
        attended=meetings_attended,
        missed=meetings_missed,
    )
    if taught.met and meetings.met:
        status = COMPLETED
    elif not taught.possible or not meetings.possible:
        status = CANNOT_COMPLETE
    elif any(not part.met and part.can_miss == 0 for part in (taught, meetings)):
        status = AT_RISK
    else:
        status = ON_TRACK
    return Progress(taught=taught, meetings=meetings, status=status)


def _assess_counts(cohort: Cohort, counts: Counter, meetings_total: int) -> Progress:
    return assess(
        taught_total=cohort.taught_days_total,
        taught_required=cohort.taught_days_required,
        taught_attended=counts["taught_attended"],
        taught_missed=counts["taught_missed"],
        meetings_total=meetings_total,
        meetings_percent=cohort.action_learning_percent_required,
        meetings_attended=counts["meetings_attended"],
        meetings_missed=counts["meetings_missed"],
    )


def progress_from_sessions(*, participant: Participant, sessions, marks: dict) -> Progress:
    """One person's progress from what their home page has already loaded: their published
    sessions (the cohort's and their set's) and their marks ({session id: status})."""
    counts: Counter = Counter()
    meetings = 0
    for session in sessions:
        status = marks.get(session.pk)
        if session.kind == SessionKind.ACTION_LEARNING:
            meetings += 1
            prefix = "meetings"
        elif session.kind == SessionKind.TAUGHT_DAY:
            prefix = "taught"
        else:
            continue
        if status:
            counts[f"{prefix}_{'attended' if status in ATTENDED else 'missed'}"] += 1
    return _assess_counts(participant.cohort, counts, meetings)


def _meetings(cohort: Cohort):
    return Session.objects.filter(
        cohort=cohort, kind=SessionKind.ACTION_LEARNING, published=True
    ).order_by()


def cohort_progress(*, cohort: Cohort, participants) -> dict[int, Progress]:
    """Progress for each of these participants of the cohort, in two queries."""
    ids = [p.pk for p in participants]
    per_set = dict(
        _meetings(cohort)
        .values("action_learning_set_id")
        .annotate(n=Count("pk"))
        .values_list("action_learning_set_id", "n")
    )
    whole_cohort = per_set.get(None, 0)
    counts: dict[int, Counter] = defaultdict(Counter)
    # Marks for meetings outside the person's current set (they moved) count too.
    foreign_meetings: Counter = Counter()
    rows = (
        Attendance.objects.filter(
            participant_id__in=ids,
            session__published=True,
            session__kind__in=[SessionKind.TAUGHT_DAY, SessionKind.ACTION_LEARNING],
        )
        .values("participant_id", "session__kind", "session__action_learning_set_id")
        .annotate(
            attended=Count("pk", filter=Q(status__in=ATTENDED)),
            missed=Count("pk", filter=~Q(status__in=ATTENDED)),
        )
        .order_by()
    )
    sets = {p.pk: p.action_learning_set_id for p in participants}
    for row in rows:
        pid = row["participant_id"]
        prefix = "taught" if row["session__kind"] == SessionKind.TAUGHT_DAY else "meetings"
        counts[pid][f"{prefix}_attended"] += row["attended"]
        counts[pid][f"{prefix}_missed"] += row["missed"]
        meeting_set = row["session__action_learning_set_id"]
        if prefix == "meetings" and meeting_set not in (None, sets[pid]):
            foreign_meetings[pid] += row["attended"] + row["missed"]
    result = {}
    for participant in participants:
        own_set = participant.action_learning_set_id
        total = whole_cohort + (per_set.get(own_set, 0) if own_set else 0)
        result[participant.pk] = _assess_counts(
            cohort, counts[participant.pk], total + foreign_meetings[participant.pk]
        )
    return result


def sessions_for(*, participant: Participant):
    """The published sessions a participant is part of: the whole cohort's, their own set's
    meetings, and any other they have a mark for."""
    return Session.objects.filter(cohort_id=participant.cohort_id, published=True).filter(
        Q(action_learning_set__isnull=True)
        | Q(action_learning_set_id=participant.action_learning_set_id)
        | Q(pk__in=Attendance.objects.filter(participant=participant).values("session_id"))
    )


@dataclass(frozen=True)
class StillToCome:
    """Sessions the rule counts that have not been held yet."""

    taught_days: int
    meetings: int

    def __bool__(self) -> bool:
        return bool(self.taught_days or self.meetings)

    @property
    def message(self) -> str:
        parts = []
        if self.taught_days:
            parts.append(_count(self.taught_days, "taught day"))
        if self.meetings:
            parts.append(_count(self.meetings, "action learning meeting"))
        verb = "is" if self.taught_days + self.meetings == 1 else "are"
        return (
            "Completion cannot be confirmed until every session the completion rule counts has "
            f"been held: {' and '.join(parts)} {verb} still to come."
        )


def still_to_come(*, cohort: Cohort, now) -> StillToCome:
    """The taught days and action learning meetings not yet held: the rule's taught days less
    those that have ended (so days not yet in the timetable count) or, if more, those
    timetabled still to end, and meetings (published or
    not) that have not ended. One query."""
    counts = Session.objects.filter(
        cohort=cohort, kind__in=[SessionKind.TAUGHT_DAY, SessionKind.ACTION_LEARNING]
    ).aggregate(
        taught_held=Count("pk", filter=Q(kind=SessionKind.TAUGHT_DAY, ends_at__lte=now)),
        taught_to_come=Count("pk", filter=Q(kind=SessionKind.TAUGHT_DAY, ends_at__gt=now)),
        meetings_to_come=Count("pk", filter=Q(kind=SessionKind.ACTION_LEARNING, ends_at__gt=now)),
    )
    return StillToCome(
        taught_days=max(
            cohort.taught_days_total - counts["taught_held"], counts["taught_to_come"], 0
        ),
        meetings=counts["meetings_to_come"],
    )


def taking_part(cohort: Cohort):
    """Participants who count for completion: those taking part or already completed."""
    return cohort.participants.filter(
        status__in=[ParticipantStatus.ACTIVE, ParticipantStatus.COMPLETED]
    )
