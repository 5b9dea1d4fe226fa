"""Offers under load: acceptances, declines, lapses and settings saves arriving at once.

Each test releases real threads together (see threads.py); PostgreSQL only (see conftest.py).
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.concurrency.threads import errors, run_together
from tests.factories import (
    IntakeFactory,
    RoleAssignmentFactory,
    SubmittedApplicationFactory,
)
from tests.selection.factories import settings_form
from upon.accounts.models import Role
from upon.recruitment.models import ApplicationStatus
from upon.selection import offers
from upon.selection.models import Offer, OfferStatus, SelectionSettings, WaitlistEntry

pytestmark = pytest.mark.django_db(transaction=True)

DAY = datetime.timedelta(days=1)


@pytest.fixture
def intake(authorities):
    return IntakeFactory()


def selection_for(intake, places):
    return SelectionSettings.objects.create(intake=intake, places=places, offer_days=14)


def offer_to(intake, *, now=None):
    return offers.send_offer(application=SubmittedApplicationFactory(intake=intake), now=now)


def waitlist(intake, count):
    return [
        WaitlistEntry.objects.create(
            intake=intake,
            application=SubmittedApplicationFactory(
                intake=intake, status=ApplicationStatus.RESERVE
            ),
            position=n,
        )
        for n in range(1, count + 1)
    ]


def fresh(offer):
    """The offer as a thread would load it: its own copy, read on its own connection."""
    return lambda: Offer.objects.select_related("application__intake").get(pk=offer.pk)


def accepting(offer):
    return lambda: offers.accept(offer=fresh(offer)())


def declining(offer, reason):
    return lambda: offers.decline(offer=fresh(offer)(), reason=reason)


def accepted(intake) -> int:
    return Offer.objects.filter(application__intake=intake, status=OfferStatus.ACCEPTED).count()


def test_fourteen_accepting_the_last_place_leaves_exactly_one_accepted(intake):
    selection_for(intake, places=3)
    for offer in [offer_to(intake), offer_to(intake)]:
        offers.accept(offer=offer)
    racing = [offer_to(intake) for _ in range(14)]

    results = run_together(*(accepting(offer) for offer in racing))

    assert [type(r) for r in results].count(Offer) == 1
    assert [type(r) for r in results].count(offers.CohortFull) == 13
    assert errors(results) == [r for r in results if isinstance(r, offers.CohortFull)]
    assert accepted(intake) == 3
    still_pending = Offer.objects.filter(pk__in=[o.pk for o in racing], status="pending")
    assert still_pending.count() == 13


def test_acceptances_racing_a_settings_save_never_oversell_and_the_settings_are_kept(intake):
    selection_for(intake, places=40)
    racing = [offer_to(intake) for _ in range(46)]
    team = RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, programme=intake.programme).user
    client = Client()
    client.force_login(team)
    url = reverse("selection:settings", args=[intake.pk])

    results = run_together(
        lambda: client.post(url, settings_form()).status_code,
        *(accepting(offer) for offer in racing),
    )

    assert results[0] == 302
    took = [r for r in results[1:] if isinstance(r, Offer)]
    full = [r for r in results[1:] if isinstance(r, offers.CohortFull)]
    assert (len(took), len(full)) == (40, 6)
    assert accepted(intake) == 40
    selection = SelectionSettings.objects.get(intake=intake)
    assert (selection.reviews_per_application, selection.offer_days) == (3, 21)
    assert offers.open_places(intake=intake) == 0


def test_ten_declines_at_once_are_all_kept_and_promote_ten_reserves_once_each_in_order(intake):
    selection_for(intake, places=10)
    declining_offers = [offer_to(intake) for _ in range(10)]
    entries = waitlist(intake, 14)

    results = run_together(
        *(declining(offer, f"Reason {n}") for n, offer in enumerate(declining_offers))
    )

    assert errors(results) == []
    declined = Offer.objects.filter(pk__in=[o.pk for o in declining_offers]).order_by("pk")
    assert [(o.status, o.decline_reason) for o in declined] == [
        (OfferStatus.DECLINED, f"Reason {n}") for n in range(10)
    ]
    promoted = Offer.objects.filter(from_waitlist=True).order_by("pk")
    assert [o.application_id for o in promoted] == [e.application_id for e in entries[:10]]
    assert [o.status for o in promoted] == [OfferStatus.PENDING] * 10
    offered = WaitlistEntry.objects.filter(offered_at__isnull=False).order_by("position")
    assert [e.position for e in offered] == list(range(1, 11))
    assert offers.open_places(intake=intake) == 0


def test_declines_and_lapses_at_once_keep_every_answer_and_promote_each_reserve_once(intake):
    selection_for(intake, places=10)
    long_ago = timezone.now() - 20 * DAY
    overdue = [offer_to(intake, now=long_ago) for _ in range(5)]
    declining_offers = [offer_to(intake) for _ in range(5)]
    entries = waitlist(intake, 14)

    results = run_together(
        offers.lapse_due_offers,
        offers.lapse_due_offers,
        *(declining(offer, "Changed jobs") for offer in declining_offers),
    )

    assert errors(results) == []
    statuses = dict(
        Offer.objects.filter(from_waitlist=False).values_list("pk", "status").order_by("pk")
    )
    assert statuses == {
        **{o.pk: OfferStatus.LAPSED for o in overdue},
        **{o.pk: OfferStatus.DECLINED for o in declining_offers},
    }
    promoted = Offer.objects.filter(from_waitlist=True).order_by("pk")
    assert [o.application_id for o in promoted] == [e.application_id for e in entries[:10]]
    assert offers.open_places(intake=intake) == 0
