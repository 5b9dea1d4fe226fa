"""Tell each director, and their programme's team, that the director's support is ending: 90
days and 30 days before its end, each once (the rule: `algorithms/ending_notices.py`). Run by
the schedule (`upon/service/schedule.py`), registered in `apps.py`."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from upon.accounts.models import RoleAssignment
from upon.accounts.roles import TEAM_ROLES
from upon.service.mail import send_templated
from upon.support.algorithms.ending_notices import NOTICE_DAYS, notice_due
from upon.support.models import EndingNotice, Entitlement, EntitlementStatus


def _team_addresses(programme_id) -> list[str]:
    return sorted(
        set(
            RoleAssignment.objects.filter(
                programme_id=programme_id, role__in=TEAM_ROLES
            ).values_list("user__email", flat=True)
        )
    )


def _send(entitlement: Entitlement, days_before: int, team: list[str]) -> None:
    context = {
        "entitlement": entitlement,
        "director": entitlement.person,
        "days_before": days_before,
    }
    send_templated(
        to=[entitlement.person.email],
        template="support/emails/ending_soon.txt",
        context={**context, "link": settings.SITE_URL + reverse("support:my_support")},
    )
    send_templated(
        to=team,
        template="support/emails/ending_soon_team.txt",
        context={**context, "link": settings.SITE_URL + reverse("support:team_entitlements")},
    )


def send_ending_notices(*, now: datetime.datetime) -> int:
    """Send each notice due today that has not been sent; returns how many entitlements were
    told. The notice's row is saved before its emails in one transaction: a second run, or a
    second worker, finds the row and sends nothing; a failed send leaves no row, to try again."""
    today = timezone.localdate(now)
    ending = (
        Entitlement.objects.filter(
            status=EntitlementStatus.ACTIVE,
            ends_on__gte=today,
            ends_on__lte=today + datetime.timedelta(days=max(NOTICE_DAYS)),
        )
        .select_related("person", "programme")
        .prefetch_related("ending_notices")
    )
    teams: dict[int, list[str]] = {}
    sent = 0
    for entitlement in ending:
        done = {
            n.days_before
            for n in entitlement.ending_notices.all()
            if n.ends_on == entitlement.ends_on
        }
        days_before = notice_due(days_left=(entitlement.ends_on - today).days, sent=done)
        if days_before is None:
            continue
        if entitlement.programme_id not in teams:
            teams[entitlement.programme_id] = _team_addresses(entitlement.programme_id)
        try:
            with transaction.atomic():
                EndingNotice.objects.create(
                    entitlement=entitlement,
                    ends_on=entitlement.ends_on,
                    days_before=days_before,
                    sent_at=now,
                )
                _send(entitlement, days_before, teams[entitlement.programme_id])
        except IntegrityError:  # another worker sent it first
            continue
        sent += 1
    return sent
