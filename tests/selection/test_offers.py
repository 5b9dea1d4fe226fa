"""Offers, acceptances, declines, lapses and the waitlist that promotes itself."""

import datetime

import pytest
from django.core import mail
from django.db.models.signals import pre_save
from django.urls import reverse

from tests.factories import RoleAssignmentFactory, SubmittedApplicationFactory, UserFactory
from tests.selection.factories import SelectionSettingsFactory, settings_form
from upon.accounts.models import Role
from upon.recruitment.models import ApplicationStatus
from upon.selection import offers
from upon.selection.models import AuditEvent, Offer, OfferStatus, SelectionSettings, WaitlistEntry

DAY = datetime.timedelta(days=1)


@pytest.fixture
def selection(intake):
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=intake.programme,
        user=UserFactory(email="team@programme.example"),
    )
    return SelectionSettingsFactory(intake=intake, places=2, offer_days=14)


def waitlist(intake, count):
    entries = []
    for n in range(1, count + 1):
        application = SubmittedApplicationFactory(intake=intake, status=ApplicationStatus.RESERVE)
        entries.append(
            WaitlistEntry.objects.create(intake=intake, application=application, position=n)
        )
    return entries


def offer_to(intake, **kwargs):
    application = SubmittedApplicationFactory(intake=intake)
    return offers.send_offer(application=application, **kwargs)


def test_an_offer_has_an_accept_by_date_and_emails_the_applicant(
    selection, intake, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        offer = offer_to(intake)
    assert offer.accept_by - offer.sent_at == 14 * DAY
    assert offer.application.status == ApplicationStatus.OFFERED
    assert mail.outbox[-1].to == [offer.application.applicant.email]
    assert mail.outbox[-1].subject == f"You have been offered a place on {intake.name}"
    assert (
        reverse("selection:respond_to_offer", args=[offer.application.reference])
        in mail.outbox[-1].body
    )


def test_accepting_takes_a_place(selection, intake):
    offer = offer_to(intake)
    offers.accept(offer=offer)
    offer.application.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert offer.application.status == ApplicationStatus.ACCEPTED
    assert offers.accepted_places(intake=intake) == 1
    assert AuditEvent.objects.filter(action="offer_accepted").count() == 1


def test_accepting_after_the_date_is_refused(selection, intake):
    offer = offer_to(intake)
    with pytest.raises(offers.OfferClosed):
        offers.accept(offer=offer, now=offer.accept_by + DAY)
    assert offers.accepted_places(intake=intake) == 0


def test_a_full_cohort_refuses_another_acceptance(selection, intake):
    first, second, third = offer_to(intake), offer_to(intake), offer_to(intake)
    offers.accept(offer=first)
    offers.accept(offer=second)
    with pytest.raises(offers.CohortFull):
        offers.accept(offer=third)
    third.refresh_from_db()
    assert third.status == OfferStatus.PENDING
    assert offers.accepted_places(intake=intake) == 2


def test_a_decline_offers_the_next_reserve_and_tells_the_team(
    selection, intake, django_capture_on_commit_callbacks
):
    first = offer_to(intake)
    offer_to(intake)
    entries = waitlist(intake, 2)
    with django_capture_on_commit_callbacks(execute=True):
        offers.decline(offer=first, reason="Moving abroad")
    promoted = Offer.objects.get(application=entries[0].application)
    assert promoted.from_waitlist is True
    assert promoted.status == OfferStatus.PENDING
    assert not Offer.objects.filter(application=entries[1].application).exists()
    team_email = next(m for m in mail.outbox if m.to == ["team@programme.example"])
    assert team_email.subject == f"Offer declined: {first.application.reference}"
    assert entries[0].application.reference in team_email.body
    first.refresh_from_db()
    assert first.decline_reason == "Moving abroad"


def test_a_lapsed_offer_promotes_the_next_reserve(selection, intake):
    first = offer_to(intake)
    offer_to(intake)
    entries = waitlist(intake, 1)
    assert offers.lapse_due_offers(now=first.accept_by + DAY) == 2
    first.refresh_from_db()
    assert first.status == OfferStatus.LAPSED
    assert Offer.objects.get(application=entries[0].application).status == OfferStatus.PENDING


def test_saving_settings_from_a_stale_copy_never_gives_places_back(client, selection, intake, team):
    first, second, third = offer_to(intake), offer_to(intake), offer_to(intake)

    def accept_meanwhile(sender, **kwargs):
        # An acceptance that arrives after the settings page read the row and before it writes.
        pre_save.disconnect(accept_meanwhile, sender=SelectionSettings)
        offers.accept(offer=first)

    pre_save.connect(accept_meanwhile, sender=SelectionSettings)
    client.force_login(team)
    try:
        response = client.post(reverse("selection:settings", args=[intake.pk]), settings_form())
    finally:
        pre_save.disconnect(accept_meanwhile, sender=SelectionSettings)
    assert response.status_code == 302
    offers.accept(offer=second)
    with pytest.raises(offers.CohortFull):
        offers.accept(offer=third)
    assert Offer.objects.filter(status=OfferStatus.ACCEPTED).count() == 2
    assert SelectionSettings.objects.get(intake=intake).offer_days == 21


# The applicant's page.


def test_applicant_accepts_on_their_page(client, selection, intake):
    offer = offer_to(intake)
    client.force_login(offer.application.applicant)
    url = reverse("selection:respond_to_offer", args=[offer.application.reference])
    assert "Accept my place" in client.get(url).content.decode()
    response = client.post(url, {"answer": "accept"}, follow=True)
    assert "You have accepted your place" in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED


def test_applicant_declines_with_a_reason(client, selection, intake):
    offer = offer_to(intake)
    client.force_login(offer.application.applicant)
    url = reverse("selection:decline_offer", args=[offer.application.reference])
    client.post(url, {"reason": "Family reasons"})
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DECLINED
    assert offer.decline_reason == "Family reasons"


def test_answering_with_neither_keeps_the_offer(client, selection, intake):
    offer = offer_to(intake)
    client.force_login(offer.application.applicant)
    url = reverse("selection:respond_to_offer", args=[offer.application.reference])
    response = client.post(url, {"reason": "Still thinking"})
    assert response.url == url
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING


def test_another_applicant_gets_404_and_an_outsider_gets_404(client, selection, intake, outsider):
    offer = offer_to(intake)
    other = offer_to(intake)
    url = reverse("selection:respond_to_offer", args=[offer.application.reference])
    client.force_login(other.application.applicant)
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer": "accept"}).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING


def test_answering_twice_says_the_offer_is_closed(client, selection, intake):
    offer = offer_to(intake)
    client.force_login(offer.application.applicant)
    url = reverse("selection:respond_to_offer", args=[offer.application.reference])
    client.post(url, {"answer": "accept"})
    response = client.post(url, {"answer": "decline"}, follow=True)
    assert "This offer can no longer be answered" in response.content.decode()


def test_applicant_dashboard_links_to_the_offer(client, selection, intake):
    offer = offer_to(intake)
    client.force_login(offer.application.applicant)
    content = client.get(reverse("recruitment:applications")).content.decode()
    assert reverse("selection:respond_to_offer", args=[offer.application.reference]) in content
    assert "accept or decline your offer" in content
