"""Emails about selection. Each template's first line is the subject; the rest the body."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from upon.accounts.models import Role, RoleAssignment
from upon.service.mail import send_templated


def offer_made(*, offer) -> None:
    application = offer.application
    send_templated(
        to=[application.applicant.email],
        template="selection/emails/offer.txt",
        context={
            "application": application,
            "intake": application.intake,
            "accept_by": timezone.localtime(offer.accept_by),
            "link": settings.SITE_URL
            + reverse("selection:respond_to_offer", kwargs={"reference": application.reference}),
        },
    )


def tell_team(*, intake, subject_line: str, text: str) -> None:
    """Email everyone on the intake's programme team."""
    team = RoleAssignment.objects.filter(
        programme=intake.programme, role__in=[Role.PROGRAMME_TEAM, Role.PROGRAMME_LEAD]
    ).values_list("user__email", flat=True)
    send_templated(
        to=sorted(set(team)),
        template="selection/emails/team_notice.txt",
        context={"intake": intake, "subject_line": subject_line, "text": text},
    )


def decision_made(*, decision) -> None:
    application = decision.application
    send_templated(
        to=[application.applicant.email],
        template="selection/emails/unsuccessful.txt",
        context={
            "application": application,
            "intake": application.intake,
            "feedback": decision.feedback,
        },
    )
