"""Confirming the cohort (which sends the offers) and declining a place go through a page that
says exactly what will happen; the old one-click post does nothing without it."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories import OrganisationFactory, SubmittedApplicationFactory
from tests.selection.factories import (
    ReviewAssignmentFactory,
    ReviewerFactory,
    SelectionSettingsFactory,
    submitted_review,
)
from tests.selection.test_cohort import shortlist  # noqa: F401 (a fixture)
from upon.recruitment.models import ApplicationStatus
from upon.selection import decisions, offers
from upon.selection.models import Offer, OfferStatus, SelectionSettings, WaitlistEntry


def test_the_check_page_names_who_is_offered_a_place_and_counts_the_waiting_list(
    client,
    lead,
    intake,
    shortlist,  # noqa: F811
):
    client.force_login(lead)
    response = client.get(reverse("selection:confirm", args=[intake.pk]))
    content = response.content.decode()
    assert "You are confirming a cohort of 3 and sending 3 offers:" in content
    for offered in (shortlist[0], shortlist[2], shortlist[3]):
        assert f'<li class="check-offered">{offered.reference} {offered.full_name}</li>' in content
    assert "3 people will go on the waiting list, in order" in content
    assert "Each person offered a place is emailed and has 14 days to accept." in content
    assert "You cannot undo this." in content
    checked = ",".join(
        str(a.pk) for a in sorted([shortlist[0], shortlist[2], shortlist[3]], key=lambda a: a.pk)
    )
    assert f'name="checked" value="{checked}"' in content
    assert not Offer.objects.exists()


def test_the_old_one_click_post_sends_no_offers(client, lead, intake, shortlist):  # noqa: F811
    client.force_login(lead)
    url = reverse("selection:confirm", args=[intake.pk])
    response = client.post(url)
    assert response.status_code == 302 and response.url == url
    assert not Offer.objects.exists()
    assert SelectionSettings.objects.get(intake=intake).composition_confirmed_at is None


def test_confirming_from_the_check_page_sends_the_offers_it_showed(
    client,
    lead,
    intake,
    shortlist,  # noqa: F811
):
    client.force_login(lead)
    checked = f"{shortlist[0].pk},{shortlist[2].pk},{shortlist[3].pk}"
    response = client.post(reverse("selection:confirm", args=[intake.pk]), {"checked": checked})
    assert response.url == reverse("selection:cohort", args=[intake.pk])
    assert {o.application for o in Offer.objects.all()} == {
        shortlist[0],
        shortlist[2],
        shortlist[3],
    }
    assert WaitlistEntry.objects.count() == 3


def test_a_changed_proposal_stops_confirmation_and_shows_the_page_again(
    client,
    lead,
    intake,
    shortlist,  # noqa: F811
):
    client.force_login(lead)
    checked = f"{shortlist[0].pk},{shortlist[1].pk},{shortlist[2].pk}"
    response = client.post(reverse("selection:confirm", args=[intake.pk]), {"checked": checked})
    assert response.status_code == 409
    content = response.content.decode()
    assert "This has changed since you opened the page, so nothing has been done." in content
    assert "You are confirming a cohort of 3" in content
    assert not Offer.objects.exists()


def test_only_the_lead_sees_the_check_page(
    client,
    team,
    other_team,
    outsider,
    intake,
    shortlist,  # noqa: F811
):
    url = reverse("selection:confirm", args=[intake.pk])
    client.force_login(other_team)
    assert client.get(url).status_code == 404
    for person in (team, outsider):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, {"checked": str(shortlist[0].pk)}).status_code == 403
    assert not Offer.objects.exists()


# Declining a place.


@pytest.fixture
def offer(intake):
    SelectionSettingsFactory(intake=intake, places=2, offer_days=14)
    return offers.send_offer(application=SubmittedApplicationFactory(intake=intake))


def test_the_decline_page_says_what_happens(client, offer):
    client.force_login(offer.application.applicant)
    url = reverse("selection:decline_offer", args=[offer.application.reference])
    content = client.get(url).content.decode()
    assert "Are you sure you want to decline your place?" in content
    assert "Your place will be offered to the next person on the waiting list." in content
    assert "You cannot undo this." in content
    assert "Why are you declining? (optional)" in content
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING


def test_the_old_decline_button_only_leads_to_the_decline_page(client, offer):
    client.force_login(offer.application.applicant)
    reference = offer.application.reference
    url = reverse("selection:respond_to_offer", args=[reference])
    response = client.post(url, {"answer": "decline", "reason": "Family reasons"})
    assert response.url == reverse("selection:decline_offer", args=[reference])
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING


def test_declining_on_the_decline_page_keeps_the_reason(client, offer):
    client.force_login(offer.application.applicant)
    reference = offer.application.reference
    url = reverse("selection:decline_offer", args=[reference])
    response = client.post(url, {"reason": "Family reasons"})
    assert response.url == reverse("selection:respond_to_offer", args=[reference])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "You have declined your offer. Thank you for telling us."
    ]
    offer.refresh_from_db()
    assert (offer.status, offer.decline_reason) == (OfferStatus.DECLINED, "Family reasons")
    offer.application.refresh_from_db()
    assert offer.application.status == ApplicationStatus.DECLINED


def test_a_reason_too_long_is_shown_again_next_to_the_field(client, offer):
    client.force_login(offer.application.applicant)
    url = reverse("selection:decline_offer", args=[offer.application.reference])
    response = client.post(url, {"reason": "x" * 1001})
    assert response.status_code == 200
    assert response.context["form"]["reason"].value() == "x" * 1001
    assert list(response.context["form"].errors) == ["reason"]
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING


def test_an_answered_offer_cannot_be_declined(client, offer):
    offers.accept(offer=offer)
    client.force_login(offer.application.applicant)
    reference = offer.application.reference
    url = reverse("selection:decline_offer", args=[reference])
    for response in (client.get(url), client.post(url, {"reason": "Changed my mind"})):
        assert response.url == reverse("selection:respond_to_offer", args=[reference])
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED


def test_only_the_applicant_declines_their_place(client, offer, intake, outsider, team):
    other = offers.send_offer(application=SubmittedApplicationFactory(intake=intake))
    url = reverse("selection:decline_offer", args=[offer.application.reference])
    for person in (other.application.applicant, outsider, team):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "Not mine"}).status_code == 404
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING


@pytest.mark.parametrize("count", [1, 3])
def test_the_confirm_check_page_query_count_is_the_same_for_1_and_3_offers(
    client, lead, team, intake, django_assert_num_queries, count
):
    SelectionSettingsFactory(intake=intake, places=3, one_per_region=False)
    reviewer = ReviewerFactory(intake=intake, capacity=20)
    for _ in range(count):
        application = SubmittedApplicationFactory(
            intake=intake, employer=OrganisationFactory(), region="E12000007"
        )
        submitted_review(
            ReviewAssignmentFactory(reviewer=reviewer, application=application), [3] * 7
        )
        decisions.decide(
            application=application,
            outcome="shortlist",
            rationale="r",
            decided_by=team,
            version=None,
        )
    client.force_login(lead)
    url = reverse("selection:confirm", args=[intake.pk])
    client.get(url)
    # The proposal reads the shortlist and its merits once, the reserves once more.
    with django_assert_num_queries(14):
        response = client.get(url)
    content = response.content.decode()
    assert f"sending {count} offer{'s' if count > 1 else ''}:" in content
    assert content.count('<li class="check-offered">') == count
