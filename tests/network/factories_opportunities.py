"""Opportunities and alerts, deterministic."""

import datetime

from upon.network.models import Opportunity, OpportunityAlert
from upon.organisations.models import Organisation


def authority(name="Leeds"):
    return Organisation.objects.get(kind="local_authority", name=name)


def opportunity(*, by=None, employer=None, title="Interim director", **more):
    employer = employer or authority()
    details = {
        "kind": "interim_dcs",
        "region": employer.region,
        "description": "Twelve months, starting in September.",
        "closes_on": datetime.date(2026, 6, 30),
        **more,
    }
    return Opportunity.objects.create(title=title, employer=employer, posted_by=by, **details)


def alert(member, *, region="", kind="", created_at=None):
    more = {"created_at": created_at} if created_at else {}
    return OpportunityAlert.objects.create(member=member, region=region, kind=kind, **more)
