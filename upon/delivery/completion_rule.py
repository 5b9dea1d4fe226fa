"""Changing the completion rule once the programme year has started.

Raising the rule, or changing it before the first day, is an ordinary edit. Lowering what a
participant must attend once the year has started changes who completes: it needs a reason,
which is kept in the cohort's history (`history_change_reason`, with who and when), and the
team is told how many people's progress it changes before and after it is saved.
"""

import copy
from dataclasses import dataclass

from django.utils import timezone

from upon.delivery import completion
from upon.delivery.models import Cohort, ParticipantStatus
from upon.service import checks

REASON_MAX = 100  # the history's change reason column


@dataclass(frozen=True)
class Rule:
    taught_days_required: int
    action_learning_percent_required: int

    @classmethod
    def of(cls, cohort: Cohort) -> "Rule":
        return cls(cohort.taught_days_required, cohort.action_learning_percent_required)

    def lower_than(self, other: "Rule") -> bool:
        return (
            self.taught_days_required < other.taught_days_required
            or self.action_learning_percent_required < other.action_learning_percent_required
        )


@dataclass(frozen=True)
class Lowering:
    """Who a lowered rule changes: participants taking part whose progress reads differently."""

    people: list

    @property
    def count(self) -> int:
        return len(self.people)

    @property
    def message(self) -> str:
        n = self.count
        text = f"Lowering the completion rule changes the progress of {n} {_people(n)}"
        named = checks.few(p.user.full_name for p in self.people)
        return f"{text}: {', '.join(named)}." if named else f"{text}."


def _people(n: int) -> str:
    return "person" if n == 1 else "people"


def has_started(*, cohort: Cohort, today=None) -> bool:
    return cohort.starts_on <= (today or timezone.localdate())


def lowering(*, cohort: Cohort, before: Rule, today=None) -> Lowering | None:
    """What lowering the rule from `before` to the cohort's rule (as edited, not yet saved)
    changes, or None when it is not a lowering once the year has started."""
    after = Rule.of(cohort)
    if not (after.lower_than(before) and has_started(cohort=cohort, today=today)):
        return None
    people = list(
        cohort.participants.filter(status=ParticipantStatus.ACTIVE)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    then = copy.copy(cohort)
    then.taught_days_required = before.taught_days_required
    then.action_learning_percent_required = before.action_learning_percent_required
    old = completion.cohort_progress(cohort=then, participants=people)
    new = completion.cohort_progress(cohort=cohort, participants=people)
    return Lowering([p for p in people if old[p.pk].status != new[p.pk].status])


def changed_message(change: Lowering) -> str:
    n = change.count
    return f"Lowering the completion rule changed the progress of {n} {_people(n)}."


def last_lowered(*, cohort: Cohort):
    """The cohort's latest history record with a reason for lowering the rule, or None."""
    return (
        cohort.history.exclude(history_change_reason__isnull=True)
        .exclude(history_change_reason="")
        .select_related("history_user")
        .first()
    )
