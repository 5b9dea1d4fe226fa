"""Deterministic factories for selection: reviewers, assignments, reviews."""

import factory

from tests.factories import IntakeFactory, SubmittedApplicationFactory, UserFactory
from upon.accounts.models import Role, RoleAssignment
from upon.selection.models import (
    AssignmentSource,
    CapabilityScore,
    Review,
    ReviewAssignment,
    Reviewer,
    SelectionSettings,
)


class SelectionSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelectionSettings

    intake = factory.SubFactory(IntakeFactory)
    places = 2


class ReviewerFactory(factory.django.DjangoModelFactory):
    """A reviewer in an intake's pool who has accepted the role (pass user=None for not yet)."""

    class Meta:
        model = Reviewer
        skip_postgeneration_save = True

    intake = factory.SubFactory(IntakeFactory)
    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "pending@example.org")
    full_name = factory.LazyAttribute(lambda o: o.user.full_name if o.user else "Pending")
    capacity = 10

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and self.user is not None and extracted is not False:
            RoleAssignment.objects.get_or_create(
                user=self.user,
                role=Role.REVIEWER,
                programme=self.intake.programme,
                intake=self.intake,
            )


class ReviewAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewAssignment

    reviewer = factory.SubFactory(ReviewerFactory)
    application = factory.SubFactory(
        SubmittedApplicationFactory, intake=factory.SelfAttribute("..reviewer.intake")
    )
    source = AssignmentSource.SOLVER


def submitted_review(assignment, scores, *, recommendation="shortlist", confidence="high"):
    """A submitted review with these capability scores, in framework order."""
    from decimal import Decimal

    from django.utils import timezone

    review = Review.objects.create(
        assignment=assignment,
        recommendation=recommendation,
        confidence=confidence,
        overall=(Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.001")),
        submitted_at=timezone.now(),
    )
    capabilities = assignment.application.intake.capabilities.order_by("position")
    CapabilityScore.objects.bulk_create(
        CapabilityScore(review=review, capability=c, score=s)
        for c, s in zip(capabilities, scores, strict=False)
    )
    return review


def settings_form(**changes) -> dict:
    """A valid POST for the team's selection settings page, with these values changed."""
    return {
        "reviews_per_application": "3",
        "disagreement_threshold": "1.5",
        "offer_days": "21",
        "max_per_employer": "4",
        "assessment_weight": "0",
        "deadline_date_0": "31",
        "deadline_date_1": "1",
        "deadline_date_2": "2027",
        "deadline_time": "17:00",
        "version": "1",  # as a page opened on settings never changed since shows it
        **changes,
    }
