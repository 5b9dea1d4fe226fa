"""Emails about an application. Each template's first line is the subject; the rest the body."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone


def _send(*, to: str, template: str, context: dict) -> None:
    context = {"support_email": settings.SUPPORT_EMAIL, **context}
    subject, _, body = render_to_string(template, context).partition("\n")
    send_mail(subject.strip(), body.lstrip("\n"), None, [to])


def _application_url(application, name: str = "applications:task_list") -> str:
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
    _send(
        to=endorsement.sponsor_email,
        template="recruitment/endorsement/emails/request.txt",
        context=_sponsor_context(endorsement, link),
    )


def endorsement_reminder(*, endorsement, link: str) -> None:
    _send(
        to=endorsement.sponsor_email,
        template="recruitment/endorsement/emails/reminder.txt",
        context=_sponsor_context(endorsement, link),
    )


def endorsement_answered(*, endorsement) -> None:
    application = endorsement.application
    _send(
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
    _send(
        to=application.applicant.email,
        template="recruitment/applications/emails/submitted.txt",
        context={
            "application": application,
            "intake": application.intake,
            "link": settings.SITE_URL + reverse("applications:dashboard"),
        },
    )


def application_withdrawn(*, application) -> None:
    _send(
        to=application.applicant.email,
        template="recruitment/applications/emails/withdrawn.txt",
        context={"application": application, "intake": application.intake},
    )
