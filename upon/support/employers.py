"""The partnership with a director's employer: the contact is invited by the team or the
director, checks in at 3, 6, 12, 18 and 24 months by a signed link (no account needed) or
creates an account from it, and is reminded until each check-in is done. A "some" or "high"
risk to retention flags the director's case to the team.

When check-ins fall due: upon/support/algorithms/employers.py.
"""

import datetime

from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from upon.accounts.models import Invitation, Role
from upon.accounts.services import INVITATION_LIFETIME, normalise_email, site_link
from upon.accounts.tokens import make_token
from upon.service.mail import send_all, send_templated, templated
from upon.support.algorithms import employers as rule
from upon.support.models import (
    FLAGGED_RISKS,
    EmployerCheckIn,
    EmployerPartnership,
    Entitlement,
)

LINK_SALT = "upon.support.employer-check-ins"
# A link works through the two years of support and a little after.
LINK_LIFETIME = datetime.timedelta(days=31 * 27)


class CannotInvite(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class AlreadyDone(Exception):
    """The check-in was completed already (perhaps a moment ago, in another tab)."""


# Signed links: the partnership and the contact's address, so a new contact's link replaces
# the old one's. Nothing is stored; reminders sign the same link again.


def link_token(partnership: EmployerPartnership) -> str:
    return signing.dumps({"p": partnership.pk, "e": partnership.contact_email}, salt=LINK_SALT)


def check_ins_link(partnership: EmployerPartnership) -> str:
    return site_link("support:employer_check_ins", token=link_token(partnership))


def partnership_for_link(token: str) -> EmployerPartnership | None:
    """The partnership a signed link names, if the link is genuine, current and its contact
    still the one it was sent to; else None."""
    try:
        found = signing.loads(token, salt=LINK_SALT, max_age=LINK_LIFETIME)
    except signing.BadSignature:
        return None
    return (
        EmployerPartnership.objects.select_related(
            "entitlement__person", "local_authority", "programme"
        )
        .filter(pk=found.get("p"), contact_email=found.get("e"))
        .first()
    )


def invite(
    *, entitlement: Entitlement, contact_name: str, contact_email: str, by
) -> EmployerPartnership:
    """Start the partnership (or change its contact) and email the contact their link. The
    check-ins are scheduled from the start of the support; those done stay done."""
    if not entitlement.employer_partnership:
        raise CannotInvite("This support does not include a partnership with the employer")
    with transaction.atomic():
        partnership, _ = EmployerPartnership.objects.update_or_create(
            entitlement=entitlement,
            defaults={
                "programme_id": entitlement.programme_id,
                "local_authority_id": entitlement.appointment.local_authority_id,
                "contact_name": contact_name.strip(),
                "contact_email": normalise_email(contact_email),
                "invited_by": by,
                "invited_at": timezone.now(),
            },
        )
        held = set(partnership.check_ins.values_list("month", flat=True))
        EmployerCheckIn.objects.bulk_create(
            EmployerCheckIn(partnership=partnership, month=due.month, due_on=due.due_on)
            for due in rule.schedule(entitlement.starts_on)
            if due.month not in held
        )
    send_templated(
        to=partnership.contact_email,
        template="support/emails/employer_invitation.txt",
        context={
            "partnership": partnership,
            "director": entitlement.person,
            "invited_by": by,
            "link": check_ins_link(partnership),
        },
    )
    return partnership


def standing(check_in: EmployerCheckIn, today: datetime.date) -> str:
    return rule.standing(due_on=check_in.due_on, done=check_in.is_done, today=today)


def may_answer(check_in: EmployerCheckIn, today: datetime.date) -> bool:
    return standing(check_in, today) in (rule.DUE, rule.OVERDUE)


def complete(
    *,
    check_in: EmployerCheckIn,
    going_well: str,
    support_needed: str,
    retention_risk: str,
    risk_explanation: str,
    by=None,
    now: datetime.datetime | None = None,
) -> EmployerCheckIn:
    """Record the contact's answers, once. `by`: their account, if they used it."""
    now = now or timezone.now()
    answers = {
        "going_well": going_well.strip(),
        "support_needed": support_needed.strip(),
        "retention_risk": retention_risk,
        "risk_explanation": risk_explanation.strip() if retention_risk in FLAGGED_RISKS else "",
    }
    spent = EmployerCheckIn.objects.filter(pk=check_in.pk, completed_at__isnull=True).update(
        completed_at=now, completed_by=by, **answers
    )
    if not spent:
        raise AlreadyDone()
    for name, value in answers.items():
        setattr(check_in, name, value)
    check_in.completed_at, check_in.completed_by = now, by
    return check_in


def account_invitation(*, partnership: EmployerPartnership) -> str:
    """An invitation to the employer contact role for the contact's address, made from their
    signed link: the token for accounts' "create an account" page. The role is the
    programme's; what it reaches is the partnerships with this address (rules.py)."""
    token, token_hash = make_token()
    now = timezone.now()
    Invitation.objects.create(
        email=partnership.contact_email,
        role=Role.EMPLOYER_CONTACT,
        programme_id=partnership.programme_id,
        token_hash=token_hash,
        invited_by=partnership.invited_by,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    return token


def of_contact(user, programme_ids):
    """The partnerships whose contact is this person, with their check-ins."""
    return (
        EmployerPartnership.objects.filter(
            programme_id__in=programme_ids, contact_email=normalise_email(user.email)
        )
        .select_related("entitlement__person", "local_authority")
        .prefetch_related("check_ins")
    )


# The team's list of check-ins: what each choice shows.
SHOW = {
    "due": "Due or overdue",
    "overdue": "Overdue",
    "done": "Done",
    "flagged": "Flagged: risk to retention",
}


def for_team(programme_ids, *, shown: str, today: datetime.date):
    found = EmployerCheckIn.objects.filter(
        partnership__programme_id__in=programme_ids
    ).select_related("partnership__entitlement__person", "partnership__local_authority")
    overdue_by = today - rule.OVERDUE_AFTER
    if shown == "due":
        return found.filter(completed_at__isnull=True, due_on__lte=today)
    if shown == "overdue":
        return found.filter(completed_at__isnull=True, due_on__lte=overdue_by)
    if shown == "done":
        return found.filter(completed_at__isnull=False).order_by("-completed_at", "-pk")
    return found.filter(retention_risk__in=FLAGGED_RISKS).order_by("-completed_at", "-pk")


def with_flags(entitlements):
    """The entitlements, each with `retention_flagged`: an employer answered some or high."""
    return entitlements.annotate(
        retention_flagged=Exists(
            EmployerCheckIn.objects.filter(
                partnership__entitlement=OuterRef("pk"), retention_risk__in=FLAGGED_RISKS
            )
        )
    )


def send_check_in_reminders(*, now: datetime.datetime) -> int:
    """Email each contact about each check-in due or overdue and not done, at most once in 7
    days per check-in. Idempotent: a second run at the same time sends nothing. Each
    check-in is claimed by a conditional update before its email is written, so two runs at
    once cannot both send it. Returns how many emails were sent."""
    today = timezone.localdate(now)
    waiting = EmployerCheckIn.objects.filter(
        Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - rule.REMIND_EVERY),
        completed_at__isnull=True,
        due_on__lte=today,
        partnership__entitlement__status__in=("active", "paused"),
    ).select_related("partnership__entitlement__person")
    messages = []
    for check_in in waiting:
        claimed = (
            EmployerCheckIn.objects.filter(pk=check_in.pk, completed_at__isnull=True)
            .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - rule.REMIND_EVERY))
            .update(reminded_at=now)
        )
        if not claimed:
            continue
        partnership = check_in.partnership
        messages.append(
            templated(
                to=partnership.contact_email,
                template="support/emails/employer_reminder.txt",
                context={
                    "check_in": check_in,
                    "partnership": partnership,
                    "director": partnership.entitlement.person,
                    "overdue": standing(check_in, today) == rule.OVERDUE,
                    "link": check_ins_link(partnership),
                },
            )
        )
    return send_all(messages)
