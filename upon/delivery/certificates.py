"""Completion certificates: the team confirms who has met the cohort's rule, and each of them
can then download a PDF certificate (made with WeasyPrint from an HTML template).

WeasyPrint needs Pango from the operating system (Debian: libpango-1.0-0 and
libpangoft2-1.0-0); it is imported only when a certificate is made, so the rest of the service
runs without it.
"""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_update_with_history

from upon.delivery import completion
from upon.delivery.models import Cohort, Participant, ParticipantStatus
from upon.delivery.participation import home_link, send_emails
from upon.service import checks


class CompletionRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NoCertificate(Exception):
    message = "This person has no certificate: their completion has not been confirmed."


def ready_to_confirm(*, cohort: Cohort) -> list[Participant]:
    """Participants still taking part who have met the completion rule."""
    people = list(
        cohort.participants.filter(status=ParticipantStatus.ACTIVE)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    progress = completion.cohort_progress(cohort=cohort, participants=people)
    return [p for p in people if progress[p.pk].status == completion.COMPLETED]


def refusal(*, cohort: Cohort, now=None) -> str:
    """Why completion cannot be confirmed yet (sessions the rule counts are still to come), or
    "" when it can."""
    to_come = completion.still_to_come(cohort=cohort, now=now or timezone.now())
    return to_come.message if to_come else ""


@transaction.atomic
def confirm_completion(*, cohort: Cohort, by, now=None, expected=None) -> list[Participant]:
    """Mark everyone who has met the rule as completed and issue their certificates (`by`: who
    in the team confirmed, kept in each one's history); each is told by email once this is
    saved. Returns who was confirmed.

    Refused (CompletionRefused) while sessions the rule counts are still to come: a rule met
    early is not yet earned. `expected`: the participants the check page showed; refused
    (ChangedSinceChecked) if who is ready differs now."""
    now = now or timezone.now()
    if why := refusal(cohort=cohort, now=now):
        raise CompletionRefused(why)
    people = ready_to_confirm(cohort=cohort)
    checks.refuse_if_changed(expected=expected, now=[p.pk for p in people])
    for person in people:
        person.status = ParticipantStatus.COMPLETED
        person.status_reason = ""
        person.status_changed_at = now
        person.status_changed_by = by
        person.certificate_issued_at = now
    fields = ["status", "status_reason", "status_changed_at", "status_changed_by"]
    bulk_update_with_history(
        people,
        Participant,
        [*fields, "certificate_issued_at"],
        default_user=by,
        default_date=now,
    )
    messages = [
        (
            person.user.email,
            "delivery/completion/emails/certificate.txt",
            {"participant": person, "cohort": cohort, "link": home_link()},
        )
        for person in people
    ]
    transaction.on_commit(lambda: send_emails(messages=messages))
    return people


def filename(*, participant: Participant) -> str:
    return f"certificate-{slugify(participant.user.full_name) or participant.pk}.pdf"


def certificate_document(*, participant: Participant):
    """The participant's certificate laid out by WeasyPrint (participant with cohort, intake,
    programme and user loaded)."""
    if participant.status != ParticipantStatus.COMPLETED or not participant.certificate_issued_at:
        raise NoCertificate()
    from weasyprint import CSS, HTML

    cohort = participant.cohort
    context = {
        "participant": participant,
        "cohort": cohort,
        "programme": cohort.intake.programme,
        "issued": timezone.localtime(participant.certificate_issued_at),
    }
    html = render_to_string("delivery/completion/certificate.html", context)
    css = render_to_string("delivery/completion/certificate.css", context)
    return HTML(string=html).render(stylesheets=[CSS(string=css)])


def certificate_pdf(*, participant: Participant) -> bytes:
    return certificate_document(participant=participant).write_pdf()
