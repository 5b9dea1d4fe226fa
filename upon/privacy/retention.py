"""The retention schedule (issue 15, item 4), run once a day by the scheduler
(`upon/service/schedule.py`) and by `manage.py apply_retention [--dry-run]`.

Each rule says what goes, and when, counted from the day the intake closed for applications:

- unsuccessful applications (never given a place on a cohort: drafts, withdrawn, not
  shortlisted, declined, still on the reserve list): anonymised as erasure anonymises (the
  application keeps its place in every count; the person's account, and anything else of
  theirs, is untouched) after RETENTION_UNSUCCESSFUL_MONTHS (12);
- equality monitoring answers: deleted after RETENTION_EQUALITY_MONTHS (36: the cohort year and
  the two years of support after it, so that the diversity figures up to appointment as a
  director are counted from the answers). The intake's counts are kept first
  (`reporting.EqualitySnapshot`), and the equality report, adverse impact monitoring and
  diversity through the funnel read them in the answers' place: the figures stay, and stop
  changing (someone appointed a director after that is not counted as appointed).

The schedule is what the privacy notice shows (`RULES`), from the same settings.
"""

import calendar
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from upon.delivery.models import Participant
from upon.privacy.erasure import anonymise
from upon.privacy.models import Anonymised
from upon.privacy.people import rows_of
from upon.programmes.models import Intake
from upon.recruitment.models import Application
from upon.reporting.diversity import funnel_counts
from upon.reporting.equality_reads import Reading, record
from upon.reporting.models import EqualitySnapshot, MonitoringResponse
from upon.reporting.stages import counts_to_keep, intake_selection_counts

SCHEDULE = Reading(None, "The retention schedule, keeping the counts before deleting answers")


@dataclass(frozen=True)
class Rule:
    what: str
    months: int
    then: str


def unsuccessful_months() -> int:
    return settings.RETENTION_UNSUCCESSFUL_MONTHS


def equality_months() -> int:
    return settings.RETENTION_EQUALITY_MONTHS


def rules() -> list[Rule]:
    """The schedule in words, for the privacy notice."""
    return [
        Rule(
            "Applications that did not lead to a place on the programme",
            unsuccessful_months(),
            "your name, contact details, career history, statements and your sponsor's details "
            "are removed; what is left is counted in the programme's figures and says nothing "
            "about who you are",
        ),
        Rule(
            "Equality monitoring answers",
            equality_months(),
            "deleted; only the totals already counted from everyone's answers are kept",
        ),
    ]


def months_before(moment, months: int):
    """The same day and time `months` calendar months earlier (the month's last day if the
    month is shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _closed_before(now, months: int):
    return Intake.objects.filter(closes_at__lte=months_before(now, months))


def due_applications(*, now):
    """Unsuccessful applications to intakes closed long enough ago, not yet anonymised."""
    placed = Participant.objects.values("application_id")
    done = Anonymised.objects.filter(model=Application._meta.label).values("object_id")
    return (
        Application.objects.filter(intake__in=_closed_before(now, unsuccessful_months()))
        .exclude(pk__in=placed)
        .exclude(pk__in=done)
        .order_by("pk")
    )


def due_equality_intakes(*, now):
    """Intakes closed long enough ago whose answers are still kept."""
    return (
        _closed_before(now, equality_months())
        .filter(applications__isnull=False)
        .exclude(equality_snapshot__isnull=False)
        .select_related("programme")
        .distinct()
        .order_by("pk")
    )


@dataclass(frozen=True)
class Plan:
    applications: list  # (reference, intake name)
    intakes: list  # (intake name, answers to delete)

    def __bool__(self):
        return bool(self.applications or self.intakes)


def plan(*, now) -> Plan:
    """What applying the schedule at `now` would do; changes nothing."""
    applications = due_applications(now=now).values_list("reference", "intake__name")
    intakes = [
        (intake.name, MonitoringResponse.objects.filter(application__intake=intake).count())
        for intake in due_equality_intakes(now=now)
    ]
    return Plan(list(applications), intakes)


def keep_counts_and_delete_answers(intake, *, now) -> int:
    """Keep the intake's equality counts, then delete its answers; how many were deleted."""
    record(SCHEDULE, what=f"Equality counts of {intake}", programme=intake.programme)
    EqualitySnapshot.objects.create(
        intake=intake,
        taken_at=now,
        selection_counts=counts_to_keep(intake_selection_counts(intake=intake)),
        funnel_counts=counts_to_keep(
            funnel_counts(programme=intake.programme, intakes=Intake.objects.filter(pk=intake.pk))
        ),
    )
    deleted, _ = MonitoringResponse.objects.filter(application__intake=intake).delete()
    return deleted


def apply_due(*, now) -> int:
    """Apply the schedule at `now` (the scheduler's job); how many records it changed."""
    changed = 0
    for intake in due_equality_intakes(now=now):
        with transaction.atomic():
            changed += keep_counts_and_delete_answers(intake, now=now)
    pks = list(due_applications(now=now).values_list("pk", flat=True))
    for start in range(0, len(pks), 200):
        batch = pks[start : start + 200]
        with transaction.atomic():
            held = rows_of(Application, batch).held
            changed += anonymise(held)[0]
            Anonymised.record(held)
    return changed
