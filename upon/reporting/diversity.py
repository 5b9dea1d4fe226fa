"""Diversity through the funnel: each equality monitoring answer at every stage from applying
to becoming a director, across the programme's intakes, against the applicants.

Lead only (special category data: DESIGN.md). Each stage counts applications that reached it
and every stage before it, so that each is inside the one before, as the suppression rules
need (`algorithms/suppression.py`):

- applied: submitted (`stages.stage_filters`);
- eligible: applied, with answers that meet the intake's eligibility rules (`funnel.py`);
- shortlisted, offered, accepted: eligible, then as the equality report counts them;
- completed: accepted, and their place on the cohort was confirmed as completed;
- appointed: completed, with a verified DCS (or twin-hat) post starting after their cohort
  began, at any time since (`funnel.director_post_filter`).

So a stage here can be smaller than on the funnel page (someone shortlisted whose own answers
did not meet the eligibility rules is counted there, not here). The lead reads every count of
the funnel page, so the totals here are shown whatever their size and the cells are protected
with the totals known (`suppress_report(..., known_totals=True)`); every hidden count says the
same words, whether small or hidden to protect a small one.

Two queries whatever the number of intakes or applicants: the totals, and every answer at
every stage in one aggregate. No one person's answers leave this module.
"""

from django.db.models import Q

from upon.delivery.models import Participant, ParticipantStatus
from upon.recruitment.models import Application
from upon.reporting.algorithms import equality
from upon.reporting.algorithms.suppression import (
    HIDDEN_TEXT,
    PROTECTING,
    SMALL,
    suppress_report,
)
from upon.reporting.equality_reads import Reading, record
from upon.reporting.funnel import director_post_filter, eligible_filter
from upon.reporting.models import EqualitySnapshot, MonitoringResponse
from upon.reporting.stages import monitoring_counts, questions_from, stage_filters

# One word for every hidden count: with the totals known, telling a small count from one hidden
# to protect it would give some away (`algorithms/suppression.py`).
HIDDEN = {SMALL: HIDDEN_TEXT, PROTECTING: HIDDEN_TEXT}
STAGES = (
    ("applied", "Applied"),
    ("eligible", "Eligible"),
    ("shortlisted", "Shortlisted"),
    ("offered", "Offered a place"),
    ("accepted", "Accepted a place"),
    ("completed", "Completed the programme"),
    ("appointed", "Appointed director"),
)


def diversity_filters(*, programme, prefix: str = "") -> dict[str, Q]:
    """Who is at each stage (the module's docstring), for Application or a model beside it."""
    selection = stage_filters(prefix)
    completers = Participant.objects.filter(
        cohort__intake__programme=programme, status=ParticipantStatus.COMPLETED
    )
    appointed = completers.filter(director_post_filter("user__appointments__"))
    found = {"applied": selection["applied"], "eligible": eligible_filter(prefix)}
    found["shortlisted"] = found["eligible"] & selection["shortlisted"]
    found["offered"] = found["shortlisted"] & selection["offered"]
    found["accepted"] = found["offered"] & selection["accepted"]
    found["completed"] = found["accepted"] & Q(
        **{f"{prefix}pk__in": completers.values("application_id")}
    )
    found["appointed"] = found["completed"] & Q(
        **{f"{prefix}pk__in": appointed.values("application_id")}
    )
    return found


def funnel_counts(*, programme, intakes=None) -> list[tuple]:
    """Every answer at every stage (`stages.monitoring_counts`), for the programme's intakes
    (or only `intakes`, a queryset of them)."""
    applications = Application.objects.filter(intake__programme=programme)
    responses = MonitoringResponse.objects.filter(application__intake__programme=programme)
    if intakes is not None:
        applications = applications.filter(intake__in=intakes)
        responses = responses.filter(application__intake__in=intakes)
    return monitoring_counts(
        applications=applications,
        responses=responses,
        rules=diversity_filters(programme=programme),
        response_rules=diversity_filters(programme=programme, prefix="application__"),
        stages=[key for key, _ in STAGES],
    )


def diversity_counts(*, programme, reading: Reading) -> list[tuple]:
    """Every answer at every stage across the programme's intakes (`stages.monitoring_counts`),
    unsuppressed. Intakes whose answers the retention schedule deleted add the counts they
    kept: their people are counted at the stages they had reached when the answers went."""
    record(reading, what=f"Diversity through the funnel of {programme}", programme=programme)
    snapshots = EqualitySnapshot.objects.filter(intake__programme=programme)
    questions = funnel_counts(
        programme=programme,
        intakes=programme.intakes.exclude(pk__in=snapshots.values("intake_id")),
    )
    for snapshot in snapshots.only("funnel_counts"):
        questions = questions_from(snapshot.funnel_counts, add=questions)
    return questions


def diversity_tables(*, programme, reading: Reading) -> list[equality.Table]:
    """A suppressed table per monitoring question: a row per answer, a column per stage."""
    questions = diversity_counts(programme=programme, reading=reading)
    suppressions = suppress_report([rows for *_, rows in questions], known_totals=True)
    return [
        equality.build_table(
            key=key,
            question=wording,
            groups=groups,
            counts=rows,
            suppression=suppression,
            texts=HIDDEN,
        )
        for (key, wording, groups, rows), suppression in zip(questions, suppressions, strict=True)
    ]
