"""Blind review: what a reviewer may see of an application, and saving their scores.

A reviewer sees an applicant code, experience, career history (employers withheld) and the
statements; never the name, contact details, employer, endorser or monitoring answers. Drafts
save as often as the reviewer likes; a submitted review stays editable until the deadline.
Every save checks the version the reviewer opened, so two tabs never overwrite each other.
"""

import hashlib
import hmac
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from upon.recruitment.models import Application
from upon.selection import audit
from upon.selection.audit import StaleVersion
from upon.selection.models import CapabilityScore, Review, ReviewAssignment
from upon.selection.pool import settings_for


class ReviewClosed(Exception):
    message = "The review deadline has passed, so this review can no longer be changed."


class ReviewIncomplete(Exception):
    """What a submitted review lacks: (what, message) pairs, where what is a capability's pk,
    "recommendation" or "confidence"."""

    def __init__(self, missing: list[tuple[int | str, str]]):
        super().__init__("; ".join(message for _, message in missing))
        self.missing = missing


def applicant_code(application: Application) -> str:
    """A stable code for an application that says nothing about who the applicant is."""
    return code_for(application.pk)


def code_for(application_id: int) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"applicant:{application_id}".encode(), hashlib.sha256
    ).hexdigest()
    return f"APP-{digest[:6].upper()}"


@dataclass(frozen=True)
class CareerLine:
    job_title: str
    started: object
    ended: object
    senior_leadership: bool
    summary: str


@dataclass(frozen=True)
class BlindApplication:
    """Everything a reviewer may see, and nothing more."""

    code: str
    leadership_years: int | None
    role_level: str
    sector: str
    job_title: str
    career: tuple[CareerLine, ...]
    statements: dict  # capability id -> statement text


def blind_view(application: Application) -> BlindApplication:
    career = tuple(
        CareerLine(
            job_title=entry.job_title,
            started=entry.started,
            ended=entry.ended,
            senior_leadership=entry.senior_leadership,
            summary=entry.summary,
        )
        for entry in application.career.all()
    )
    return BlindApplication(
        code=applicant_code(application),
        leadership_years=application.leadership_years,
        role_level=application.get_role_level_display(),
        sector=application.get_sector_display(),
        job_title=application.job_title,
        career=career,
        statements={s.capability_id: s.text for s in application.statements.all()},
    )


def review_for(*, assignment: ReviewAssignment) -> Review:
    """The assignment's review to show; reads only.

    Before the reviewer's first save there is no row: this is an unsaved Review at version 1,
    and save_review starts it, so opening the page (a GET) changes nothing.
    """
    review = Review.objects.filter(assignment=assignment).first() or Review(assignment=assignment)
    review.assignment = assignment  # already loaded with its application and intake
    return review


def start_review(*, assignment: ReviewAssignment) -> Review:
    """The assignment's review, started (with an empty score per capability) if it is not."""
    review, created = Review.objects.get_or_create(assignment=assignment)
    review.assignment = assignment
    if created:
        capabilities = assignment.application.intake.capabilities.all()
        CapabilityScore.objects.bulk_create(
            CapabilityScore(review=review, capability=capability) for capability in capabilities
        )
    return review


def is_open_for_changes(*, review: Review, now=None, deadline=...) -> bool:
    """Before the intake's review deadline (pass `deadline` when it has been read already)."""
    if deadline is ...:
        deadline = settings_for(intake=review.assignment.application.intake).review_deadline
    return deadline is None or (now or timezone.now()) < deadline


def _snapshot(review: Review, scores) -> dict:
    return {
        "scores": {str(s.capability_id): s.score for s in scores},
        "recommendation": review.recommendation,
        "confidence": review.confidence,
        "submitted": review.submitted_at.isoformat() if review.submitted_at else None,
    }


@transaction.atomic
def save_review(
    *,
    review: Review,
    version: int,
    scores: dict[int, int | None],
    comments: dict[int, str],
    recommendation: str,
    confidence: str,
    submit: bool,
    now=None,
) -> Review:
    """Save a draft, or submit. Raises StaleVersion, ReviewClosed or ReviewIncomplete.

    `review` may be the unsaved one review_for gives before the first save: it is started
    here, and the saved review is returned. Use what this returns.
    """
    now = now or timezone.now()
    if not is_open_for_changes(review=review, now=now):
        raise ReviewClosed()
    if review.pk is None:
        review = start_review(assignment=review.assignment)
    claimed = Review.objects.filter(pk=review.pk, version=version).update(
        version=F("version") + 1, updated_at=now
    )
    if not claimed:
        raise StaleVersion()
    rows = list(review.scores.select_related("capability").order_by("capability__position"))
    before = _snapshot(review, rows)
    if submit or review.is_submitted:
        missing = [
            (row.capability_id, f"Select a score for {row.capability.name}")
            for row in rows
            if scores.get(row.capability_id) is None
        ]
        if not recommendation:
            missing.append(("recommendation", "Select your overall recommendation"))
        if not confidence:
            missing.append(("confidence", "Select how confident you are in this review"))
        if missing:
            raise ReviewIncomplete(missing)
    for row in rows:
        row.score = scores.get(row.capability_id)
        row.comment = comments.get(row.capability_id, "")
        row.save(update_fields=["score", "comment"])
    review.recommendation = recommendation
    review.confidence = confidence
    review.version = version + 1
    if submit or review.is_submitted:
        values = [row.score for row in rows]
        review.overall = (Decimal(sum(values)) / len(values)).quantize(Decimal("0.001"))
        review.submitted_at = review.submitted_at or now
    review.save()
    if review.is_submitted:
        application = review.assignment.application
        audit.record(
            intake=application.intake,
            application=application,
            actor=review.assignment.reviewer.user,
            action="review_submitted" if before["submitted"] is None else "review_changed",
            before=before if before["submitted"] else {},
            after=_snapshot(review, rows),
        )
    return review
