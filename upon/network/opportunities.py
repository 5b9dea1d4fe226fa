"""Opportunities: posts, secondments and shadowing offers the team or an employer contact
posts, open to members until their closing date (they leave the list by themselves after it),
and the alerts members follow: a member whose alert matches a new opportunity is emailed
once, however many of their alerts match, whether the request or the schedule tells them."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from upon.accounts import roles
from upon.accounts.models import User
from upon.network.models import Opportunity, OpportunityAlert, OpportunityNotice
from upon.network.peer import member_ids
from upon.organisations.models import Organisation, OrganisationKind
from upon.service.mail import send_templated

OPPORTUNITIES = Opportunity.objects.select_related("employer", "posted_by")
EMPLOYERS = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)


def open_on(today: datetime.date, *, region: str = "", kind: str = ""):
    """The opportunities open on `today` (closing today or later), soonest closing first."""
    found = OPPORTUNITIES.filter(closes_on__gte=today)
    if region:
        found = found.filter(region=region)
    if kind:
        found = found.filter(kind=kind)
    return found


def posted_by(user):
    """What the person may manage: the team every opportunity, anyone else their own."""
    if roles.is_team(user):
        return OPPORTUNITIES.order_by("-closes_on", "-pk")
    return OPPORTUNITIES.filter(posted_by=user).order_by("-closes_on", "-pk")


def post(*, by, now=None, **details) -> tuple[Opportunity, int]:
    """Save the opportunity (its region, if none is given, the employer's) and tell the members
    whose alerts match; returns it and how many were told."""
    now = now or timezone.now()
    details["region"] = details.get("region") or details["employer"].region
    opportunity = Opportunity.objects.create(posted_by=by, posted_at=now, **details)
    return opportunity, tell(opportunity=opportunity, now=now)


def change(*, opportunity, **details) -> Opportunity:
    details["region"] = details.get("region") or details["employer"].region
    for name, value in details.items():
        setattr(opportunity, name, value)
    opportunity.save()
    return opportunity


def withdraw(*, opportunity) -> None:
    opportunity.delete()


def alerted(opportunity) -> list[int]:
    """Members whose alert, made by the time it was posted, matches the opportunity and who
    have not been told of it, by id."""
    matching = OpportunityAlert.objects.filter(
        Q(region="") | Q(region=opportunity.region),
        Q(kind="") | Q(kind=opportunity.kind),
        created_at__lte=opportunity.posted_at,
    ).exclude(member__in=OpportunityNotice.objects.filter(opportunity=opportunity).values("member"))
    members = member_ids()
    return sorted({i for i in matching.values_list("member_id", flat=True) if i in members})


def link(opportunity) -> str:
    return settings.SITE_URL + reverse("network:opportunity", args=[opportunity.pk])


def tell(*, opportunity, now) -> int:
    """Email each member alerted and not yet told; how many were told. Each notice is saved
    with its email in one transaction: a second run finds it and sends nothing again, and a
    failed send leaves no notice, to try again."""
    if opportunity.closes_on < timezone.localdate(now):
        return 0
    told = 0
    for member in User.objects.filter(pk__in=alerted(opportunity)).order_by("pk"):
        try:
            with transaction.atomic():
                OpportunityNotice.objects.create(
                    opportunity=opportunity, member=member, sent_at=now
                )
                send_templated(
                    to=member.email,
                    template="network/opportunities/emails/alert.txt",
                    context={
                        "opportunity": opportunity,
                        "person": member,
                        "link": link(opportunity),
                        "alerts": settings.SITE_URL + reverse("network:opportunity_alerts"),
                    },
                )
        except IntegrityError:  # told meanwhile by another run
            continue
        told += 1
    return told


def send_opportunity_alerts(*, now: datetime.datetime) -> int:
    """The schedule's job: tell anyone the request did not (say a failed send), for every open
    opportunity. Idempotent: the notices say who was told."""
    return sum(
        tell(opportunity=opportunity, now=now) for opportunity in open_on(timezone.localdate(now))
    )


def alerts_of(user):
    return OpportunityAlert.objects.filter(member=user).order_by("region", "kind", "pk")


class DuplicateAlert(Exception):
    pass


def add_alert(*, member, region: str, kind: str, now=None) -> OpportunityAlert:
    if OpportunityAlert.objects.filter(member=member, region=region, kind=kind).exists():
        raise DuplicateAlert
    return OpportunityAlert.objects.create(
        member=member, region=region, kind=kind, created_at=now or timezone.now()
    )


def remove_alert(*, alert) -> None:
    alert.delete()
