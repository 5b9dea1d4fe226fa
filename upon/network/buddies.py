"""Buddy pairing: a new director (with support open) is offered an experienced alumnus director
as a buddy, proposed by the rule (upon/network/algorithms/buddies.py) or chosen by the team; the
new director accepts or declines; the buddy sees the new directors they are buddy to."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from upon.accounts.models import Role, RoleAssignment
from upon.network.algorithms.buddies import (
    EXPERIENCE_YEARS,
    Experienced,
    NewDirector,
    Proposal,
    eligible,
    propose,
    reasons_for,
)
from upon.network.models import BuddyPair, BuddyStatus
from upon.service.mail import send_templated
from upon.support.models import DIRECTOR_ROLES, Appointment, Entitlement, EntitlementStatus

OPEN = (BuddyStatus.OFFERED, BuddyStatus.ACCEPTED)
PAIRS = BuddyPair.objects.select_related("new_director", "buddy")
ENTITLEMENTS = Entitlement.objects.select_related("person", "appointment__local_authority")


class CannotPair(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def needing_buddies(programme_ids):
    """Active support of new directors in these programmes with no buddy offered or accepted."""
    return (
        ENTITLEMENTS.filter(status=EntitlementStatus.ACTIVE, programme_id__in=programme_ids)
        .filter(
            Exists(
                RoleAssignment.objects.filter(
                    user=OuterRef("person"),
                    role=Role.NEW_DIRECTOR,
                    programme=OuterRef("programme"),
                )
            )
        )
        .exclude(Exists(BuddyPair.objects.filter(new_director=OuterRef("person"), status__in=OPEN)))
        .order_by("starts_on", "pk")
    )


def new_director(entitlement) -> NewDirector:
    authority = entitlement.appointment.local_authority
    return NewDirector(
        person_id=entitlement.person_id,
        authority_id=authority.pk,
        authority=authority.name,
        region=authority.get_region_display() if authority.region else "",
        la_type=authority.get_la_type_display() if authority.la_type else "",
    )


def experienced(*, today: datetime.date) -> list[Experienced]:
    """Alumni who were directors, in a verified post that started two or more years ago: each
    with the authority of their latest such post and how many buddies they have now."""
    alumni = RoleAssignment.objects.filter(role=Role.ALUMNUS).values("user_id")
    posts = (
        Appointment.objects.filter(
            role__in=DIRECTOR_ROLES,
            verified_at__isnull=False,
            starts_on__lte=years_before(today, EXPERIENCE_YEARS),
            person__in=alumni,
        )
        .select_related("person", "local_authority")
        .order_by("person_id", "starts_on", "pk")
    )
    counts = dict(
        BuddyPair.objects.filter(status__in=OPEN)
        .values("buddy_id")
        .annotate(n=Count("pk"))
        .values_list("buddy_id", "n")
    )
    first: dict[int, Appointment] = {}
    latest: dict[int, Appointment] = {}
    for post in posts:
        first.setdefault(post.person_id, post)
        latest[post.person_id] = post
    found = []
    for person_id, post in latest.items():
        authority = post.local_authority
        found.append(
            Experienced(
                person_id=person_id,
                name=post.person.full_name,
                authority_id=authority.pk,
                authority=authority.name,
                region=authority.get_region_display() if authority.region else "",
                la_type=authority.get_la_type_display() if authority.la_type else "",
                director_since=first[person_id].starts_on.year,
                buddies=counts.get(person_id, 0),
            )
        )
    return sorted(found, key=lambda c: c.person_id)


def declined_by(person_ids) -> dict[int, frozenset[int]]:
    """The buddies each new director declined, so they are not proposed again."""
    declined: dict[int, set[int]] = {}
    for new, buddy in BuddyPair.objects.filter(
        new_director_id__in=person_ids, status=BuddyStatus.DECLINED
    ).values_list("new_director_id", "buddy_id"):
        declined.setdefault(new, set()).add(buddy)
    return {k: frozenset(v) for k, v in declined.items()}


def proposals(entitlements, *, today) -> list[tuple[Entitlement, Proposal | None]]:
    """The rule's proposal for each entitlement's director (three queries, however many)."""
    entitlements = list(entitlements)
    candidates = experienced(today=today)
    declined = declined_by([e.person_id for e in entitlements])
    return [
        (
            e,
            propose(new_director(e), candidates, exclude=declined.get(e.person_id, frozenset())),
        )
        for e in entitlements
    ]


def choices_for(entitlement, *, today) -> list[Experienced]:
    return eligible(new_director(entitlement), experienced(today=today))


def _check_open(entitlement):
    if BuddyPair.objects.filter(new_director=entitlement.person_id, status__in=OPEN).exists():
        raise CannotPair(f"{entitlement.person.full_name} has a buddy offered or accepted already.")


def offer(*, entitlement, buddy_id: int | None = None, by, now=None) -> BuddyPair:
    """Offer the rule's proposal, or (`buddy_id`, the team's choice) another eligible buddy."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        _check_open(entitlement)
        director = new_director(entitlement)
        if buddy_id is None:
            candidates = experienced(today=today)
            declined = declined_by([entitlement.person_id]).get(entitlement.person_id, frozenset())
            proposal = propose(director, candidates, exclude=declined)
            if proposal is None:
                raise CannotPair("No experienced director in another authority can be proposed.")
            chosen_by, buddy, reasons = None, proposal.buddy, list(proposal.reasons)
        else:
            found = [c for c in choices_for(entitlement, today=today) if c.person_id == buddy_id]
            if not found:
                raise CannotPair("Select an experienced director in another authority.")
            buddy = found[0]
            chosen_by = by
            reasons = [*reasons_for(director, buddy), "Chosen by the programme team"]
        pair = BuddyPair.objects.create(
            new_director_id=entitlement.person_id,
            buddy_id=buddy.person_id,
            reasons=reasons,
            chosen_by_team=chosen_by,
            offered_at=now,
        )
    send_templated(
        to=entitlement.person.email,
        template="network/buddies/emails/offered.txt",
        context={
            "person": entitlement.person,
            "buddy": buddy,
            "link": settings.SITE_URL + reverse("network:my_buddy"),
        },
    )
    return pair


def current_for(user) -> BuddyPair | None:
    """The new director's buddy offered or accepted, if any."""
    return PAIRS.filter(new_director=user, status__in=OPEN).first()


def answer(*, pair: BuddyPair, accept: bool, now=None) -> BuddyPair:
    if pair.status != BuddyStatus.OFFERED:
        raise CannotPair("You have answered this offer already.")
    pair.status = BuddyStatus.ACCEPTED if accept else BuddyStatus.DECLINED
    pair.answered_at = now or timezone.now()
    pair.save(update_fields=["status", "answered_at"])
    if accept:
        send_templated(
            to=pair.buddy.email,
            template="network/buddies/emails/accepted.txt",
            context={
                "pair": pair,
                "link": settings.SITE_URL + reverse("network:my_buddies"),
            },
        )
    return pair


def buddies_of(user):
    """The new directors the person is buddy to (accepted), newest first."""
    return PAIRS.filter(buddy=user, status=BuddyStatus.ACCEPTED).order_by("-offered_at", "-pk")
