"""A participant's place on the programme: withdrawal and deferral, with the reason kept for
the outcome figures, and the emails that tell people about their place.

The programme team makes these changes. A withdrawn or deferred person leaves the registers
of sessions still to come; marks already made stay.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from upon.delivery.models import Participant, ParticipantStatus
from upon.service.mail import send_all, templated

WITHDRAW = "withdraw"
DEFER = "defer"
REINSTATE = "reinstate"

CHANGES = {
    WITHDRAW: "Withdraw from the programme",
    DEFER: "Defer their place",
    REINSTATE: "Return to taking part",
}
# Which changes each status allows.
ALLOWED = {
    ParticipantStatus.ACTIVE: (WITHDRAW, DEFER),
    ParticipantStatus.DEFERRED: (REINSTATE, WITHDRAW),
    ParticipantStatus.WITHDRAWN: (),
    ParticipantStatus.COMPLETED: (),
}
NEW_STATUS = {
    WITHDRAW: ParticipantStatus.WITHDRAWN,
    DEFER: ParticipantStatus.DEFERRED,
    REINSTATE: ParticipantStatus.ACTIVE,
}


class ChangeRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def send_emails(*, messages: list[tuple[str, str, dict]]) -> None:
    """Send (address, template, context) emails over one connection. A template's first line
    is the subject and the rest the body, as in the selection emails."""
    send_all(
        templated(to=to, template=template, context=context) for to, template, context in messages
    )


def home_link() -> str:
    return settings.SITE_URL + reverse("delivery:programme")


def allowed_changes(*, participant: Participant) -> list[tuple[str, str]]:
    return [(change, CHANGES[change]) for change in ALLOWED[participant.status]]


@transaction.atomic
def change_place(*, participant: Participant, change: str, reason: str, by, now=None):
    """Withdraw, defer or reinstate a participant (`by`: who in the team). A withdrawal or
    deferral needs a reason; the person is told by email once the change is saved."""
    if change not in ALLOWED[participant.status]:
        raise ChangeRefused(
            f"{participant.user.full_name} is {participant.get_status_display().lower()}: "
            f"choose one of the changes shown"
        )
    reason = reason.strip()
    if change in (WITHDRAW, DEFER) and not reason:
        raise ChangeRefused("Enter the reason")
    participant.status = NEW_STATUS[change]
    # A return keeps nothing of the deferral's reason: the person is simply taking part again.
    participant.status_reason = reason if change != REINSTATE else ""
    participant.status_changed_at = now or timezone.now()
    participant.status_changed_by = by
    participant._history_user = by
    participant._history_date = participant.status_changed_at
    participant.save(
        update_fields=["status", "status_reason", "status_changed_at", "status_changed_by"]
    )
    context = {
        "participant": participant,
        "cohort": participant.cohort,
        "change": change,
        "link": home_link(),
    }
    transaction.on_commit(
        lambda: send_emails(
            messages=[
                (participant.user.email, "delivery/cohorts/emails/place_changed.txt", context)
            ]
        )
    )
    return participant
