"""The optional assessment stage: slots for interviews or an assessment centre, booking the
shortlisted into them, panel scores, and the final merit that cohort composition uses.

With the intake's assessment weight at w per cent, an assessed applicant's final merit is
(1 − w/100) × calibrated review merit + w/100 × mean panel score, both on the 1 to 4 scale.
An applicant not yet assessed keeps their review merit, and the pages say so.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Avg, Count

from upon.recruitment.models import Application
from upon.selection import audit, calibration
from upon.selection.models import (
    AssessmentBooking,
    AssessmentScore,
    AssessmentSlot,
    Outcome,
)
from upon.selection.pool import settings_for
from upon.selection.rubric import HIGHEST, LOWEST


class SlotFull(Exception):
    message = "That slot is full. Choose another slot or add places to it."


class ScoreOutOfRange(Exception):
    message = f"Enter a score from {LOWEST} to {HIGHEST}"


@dataclass(frozen=True)
class Merit:
    review: float | None  # calibrated, from the reviews
    assessment: float | None  # mean panel score
    assessors: int
    final: float | None


def final_merit(*, review: float | None, assessment: float | None, weight: int) -> float | None:
    if review is None:
        return assessment if weight and assessment is not None else None
    if not weight or assessment is None:
        return review
    return (1 - weight / 100) * review + (weight / 100) * assessment


def assessment_means(*, intake) -> dict[int, tuple[float, int]]:
    rows = (
        AssessmentScore.objects.filter(application__intake=intake)
        .values("application_id")
        .annotate(mean=Avg("score"), n=Count("pk"))
    )
    return {row["application_id"]: (float(row["mean"]), row["n"]) for row in rows}


def merits(*, intake, weight: int | None = None) -> dict[int, Merit]:
    """Every reviewed or assessed application's review, assessment and final merit. `weight`
    is the intake's assessment weight, read from its settings when not given."""
    if weight is None:
        weight = settings_for(intake=intake).assessment_weight
    reviewed = calibration.intake_calibration(intake=intake).applications
    assessed = assessment_means(intake=intake) if weight else {}
    result = {}
    for pk in reviewed.keys() | assessed.keys():
        review = reviewed[pk].merit if pk in reviewed else None
        mean, n = assessed.get(pk, (None, 0))
        result[pk] = Merit(
            review, mean, n, final_merit(review=review, assessment=mean, weight=weight)
        )
    return result


def candidates(*, intake):
    """The shortlisted: the people the assessment stage sees."""
    return (
        Application.objects.filter(intake=intake, decision__outcome=Outcome.SHORTLIST)
        .select_related("assessment_booking__slot")
        .order_by("reference")
    )


def slots_with_bookings(*, intake):
    return AssessmentSlot.objects.filter(intake=intake).annotate(booked=Count("bookings"))


def add_slot(*, intake, actor, **fields) -> AssessmentSlot:
    return AssessmentSlot.objects.create(intake=intake, **fields)


@transaction.atomic
def book(*, application: Application, slot: AssessmentSlot, actor) -> AssessmentBooking:
    """Book the applicant into the slot (moving them from any other); refuses a full slot."""
    slot = AssessmentSlot.objects.select_for_update().get(pk=slot.pk, intake=application.intake)
    current = AssessmentBooking.objects.filter(application=application).first()
    if current and current.slot_id == slot.pk:
        return current
    if slot.bookings.count() >= slot.places:
        raise SlotFull()
    booking, _ = AssessmentBooking.objects.update_or_create(
        application=application, defaults={"slot": slot, "booked_by": actor}
    )
    audit.record(
        intake=application.intake,
        application=application,
        actor=actor,
        action="assessment_booked",
        before={"slot": str(current.slot)} if current else {},
        after={"slot": str(slot)},
    )
    return booking


@transaction.atomic
def record_score(*, application: Application, assessor, score: int, comment: str = ""):
    if not LOWEST <= score <= HIGHEST:
        raise ScoreOutOfRange()
    previous = AssessmentScore.objects.filter(application=application, assessor=assessor).first()
    saved, _ = AssessmentScore.objects.update_or_create(
        application=application,
        assessor=assessor,
        defaults={"score": score, "comment": comment},
    )
    audit.record(
        intake=application.intake,
        application=application,
        actor=assessor,
        action="assessment_scored",
        before={"score": previous.score, "comment": previous.comment} if previous else {},
        after={"score": score, "comment": comment},
    )
    return saved
