"""Emails about an application. Each template's first line is the subject; the rest the body."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from upon.service.mail import send_templated


def _application_url(application, name: str = "recruitment:task_list") -> str:
    return settings.SITE_URL + reverse(name, kwargs={"reference": application.reference})


def _sponsor_context(endorsement, link: str) -> dict:
    application = endorsement.application
    return {
        "endorsement": endorsement,
        "application": application,
        "intake": application.intake,
        "link": link,
        "expires_at": timezone.localtime(endorsement.expires_at),
    }


def endorsement_requested(*, endorsement, link: str) -> None:
    send_templated(
        to=endorsement.sponsor_email,
        template="recruitment/endorsement/emails/request.txt",
        context=_sponsor_context(endorsement, link),
    )


def endorsement_reminder(*, endorsement, link: str) -> None:
    send_templated(
        to=endorsement.sponsor_email,
        template="recruitment/endorsement/emails/reminder.txt",
        context=_sponsor_context(endorsement, link),
    )


def endorsement_answered(*, endorsement) -> None:
    application = endorsement.application
    send_templated(
        to=application.applicant.email,
        template="recruitment/endorsement/emails/answered.txt",
        context={
            "endorsement": endorsement,
            "application": application,
            "endorsed": endorsement.status == "endorsed",
            "link": _application_url(application),
        },
    )


def application_submitted(*, application) -> None:
    send_templated(
        to=application.applicant.email,
        template="recruitment/applications/emails/submitted.txt",
        context={
            "application": application,
            "intake": application.intake,
            "link": settings.SITE_URL + reverse("recruitment:applications"),
        },
    )


def application_withdrawn(*, application) -> None:
    send_templated(
        to=application.applicant.email,
        template="recruitment/applications/emails/withdrawn.txt",
        context={"application": application, "intake": application.intake},
    )
