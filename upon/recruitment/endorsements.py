"""The sponsor's endorsement: asking, resending, answering by a single-use link, reminding.

Rules:
- A link works once and expires 14 days after it is sent or when the intake closes, whichever
  comes first. Only a hash of the token is stored.
- Sending again (or naming a different sponsor) makes a new link; the old one stops working.
- Once the sponsor has answered, the applicant cannot change the sponsor; a sponsor who does
  not support the application blocks submission until the applicant talks to the team.
- Sponsors who have not answered get a reminder 3 days and 7 days after the request: at most
  two reminders, each with a new link (the first email's link then stops working, which the
  reminder says).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from upon.accounts.tokens import hash_token, make_token
from upon.recruitment import emails
from upon.recruitment.models import Application, ApplicationStatus, Endorsement, EndorsementStatus

LINK_LIFETIME = datetime.timedelta(days=14)
REMINDER_AFTER = (datetime.timedelta(days=3), datetime.timedelta(days=7))
MAX_REMINDERS = len(REMINDER_AFTER)


class EndorsementLocked(Exception):
    """The sponsor has already answered, or the application is no longer a draft."""


def link_expiry(*, application: Application, now: datetime.datetime) -> datetime.datetime:
    return min(now + LINK_LIFETIME, application.intake.closes_at)


def endorse_url(token: str) -> str:
    return settings.SITE_URL + reverse("recruitment:endorse", kwargs={"token": token})


def can_change_sponsor(endorsement: Endorsement | None, application: Application) -> bool:
    if not application.is_editable:
        return False
    return endorsement is None or endorsement.responded_at is None


def _new_link(endorsement: Endorsement, *, now: datetime.datetime) -> str:
    token, token_hash = make_token()
    endorsement.token_hash = token_hash
    endorsement.status = EndorsementStatus.REQUESTED
    endorsement.requested_at = now
    endorsement.expires_at = link_expiry(application=endorsement.application, now=now)
    endorsement.reminders_sent = 0
    endorsement.last_reminded_at = None
    return token


def request_endorsement(
    *,
    application: Application,
    sponsor_name: str,
    sponsor_email: str,
    sponsor_role: str,
    now: datetime.datetime,
) -> Endorsement:
    """Name (or rename) the sponsor and email them a new link."""
    with transaction.atomic():
        # Lock the application: two quick clicks must not both create an endorsement.
        Application.objects.select_for_update().filter(pk=application.pk).first()
        endorsement = Endorsement.objects.filter(application=application).first()
        if not can_change_sponsor(endorsement, application):
            raise EndorsementLocked(application.reference)
        endorsement = endorsement or Endorsement(application=application)
        endorsement.application = application
        endorsement.sponsor_name = sponsor_name.strip()
        endorsement.sponsor_email = sponsor_email.strip().lower()
        endorsement.sponsor_role = sponsor_role
        token = _new_link(endorsement, now=now)
        endorsement.save()
    emails.endorsement_requested(endorsement=endorsement, link=endorse_url(token))
    return endorsement


def resend_request(*, application: Application, now: datetime.datetime) -> Endorsement:
    """Send the same sponsor a new link; the old one stops working."""
    endorsement = application.endorsement
    return request_endorsement(
        application=application,
        sponsor_name=endorsement.sponsor_name,
        sponsor_email=endorsement.sponsor_email,
        sponsor_role=endorsement.sponsor_role,
        now=now,
    )


# The sponsor's side ----------------------------------------------------------------------

VALID = "valid"
USED = "used"
EXPIRED = "expired"


@dataclass(frozen=True)
class LinkState:
    endorsement: Endorsement
    state: str


def find_by_token(token: str, *, now: datetime.datetime) -> LinkState | None:
    """What this link is now: valid, already used, or expired. None for an unknown link."""
    endorsement = (
        Endorsement.objects.select_related("application__intake")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if endorsement is None:
        return None
    return LinkState(endorsement, _state(endorsement, now=now))


def _state(endorsement: Endorsement, *, now: datetime.datetime) -> str:
    if endorsement.responded_at is not None:
        return USED
    if (
        endorsement.expires_at is None
        or now >= endorsement.expires_at
        or endorsement.application.status != ApplicationStatus.DRAFT
    ):
        return EXPIRED
    return VALID


def record_response(
    *, token: str, supports: bool, comment: str, now: datetime.datetime
) -> LinkState | None:
    """Record the sponsor's answer once. Returns the link's state before answering."""
    with transaction.atomic():
        endorsement = (
            Endorsement.objects.select_for_update(of=("self",))
            .select_related("application__intake", "application__applicant")
            .filter(token_hash=hash_token(token))
            .first()
        )
        if endorsement is None:
            return None
        state = _state(endorsement, now=now)
        if state != VALID:
            return LinkState(endorsement, state)
        endorsement.status = EndorsementStatus.ENDORSED if supports else EndorsementStatus.DECLINED
        endorsement.responded_at = now
        endorsement.comment = comment.strip()
        endorsement.save()
    emails.endorsement_answered(endorsement=endorsement)
    return LinkState(endorsement, VALID)


def expire_if_due(endorsement: Endorsement | None, *, now: datetime.datetime) -> None:
    """Show an unanswered, lapsed request as expired so the applicant knows to resend."""
    if (
        endorsement is not None
        and endorsement.status == EndorsementStatus.REQUESTED
        and endorsement.expires_at is not None
        and now >= endorsement.expires_at
    ):
        endorsement.status = EndorsementStatus.EXPIRED
        endorsement.save(update_fields=["status"])


# Reminders -------------------------------------------------------------------------------


def due_reminders(*, now: datetime.datetime):
    """Unanswered, unexpired requests on drafts whose next reminder is due."""
    due = Q()
    for count, after in enumerate(REMINDER_AFTER):
        due |= Q(reminders_sent=count, requested_at__lte=now - after)
    return (
        Endorsement.objects.filter(
            due,
            status=EndorsementStatus.REQUESTED,
            responded_at__isnull=True,
            expires_at__gt=now,
            application__status=ApplicationStatus.DRAFT,
        )
        .select_related("application__intake", "application__applicant")
        .order_by("pk")
    )


def send_due_reminders(*, now: datetime.datetime) -> int:
    """Remind each sponsor whose reminder is due (after 3 and 7 days, at most 2). Returns count."""
    sent = 0
    for endorsement in due_reminders(now=now):
        with transaction.atomic():
            locked = Endorsement.objects.select_for_update().get(pk=endorsement.pk)
            # Another worker may have sent it, or the sponsor answered, since the query.
            if locked.reminders_sent != endorsement.reminders_sent or locked.responded_at:
                continue
            token, token_hash = make_token()
            locked.token_hash = token_hash
            locked.reminders_sent += 1
            locked.last_reminded_at = now
            locked.save()
        locked.application = endorsement.application
        emails.endorsement_reminder(endorsement=locked, link=endorse_url(token))
        sent += 1
    return sent
