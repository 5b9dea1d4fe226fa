"""Composing and confirming the cohort; feedback and decision emails."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from tests.factories import OrganisationFactory, SubmittedApplicationFactory, UserFactory
from tests.selection.factories import (
    ReviewAssignmentFactory,
    ReviewerFactory,
    SelectionSettingsFactory,
    submitted_review,
)
from upon.recruitment.models import ApplicationStatus
from upon.selection import composition, decisions, offers
from upon.selection.models import (
    AuditEvent,
    Decision,
    Offer,
    SelectionSettings,
    WaitlistEntry,
)


@pytest.fixture
def shortlist(intake, team):
    """Five shortlisted, two from one employer, plus one reserve; three places, max 1 each."""
    SelectionSettingsFactory(intake=intake, places=3, max_per_employer=1, one_per_region=False)
    reviewer = ReviewerFactory(intake=intake, capacity=20)
    shared = OrganisationFactory(name="Shared Council")
    people = []
    for n, score in enumerate([4, 4, 3, 3, 2, 2]):
        employer = shared if n < 2 else OrganisationFactory()
        application = SubmittedApplicationFactory(
            intake=intake, employer=employer, region="E12000007", full_name=f"Person {n}"
        )
        scores = [score] * 6 + [score - 1 if n % 2 else score]
        submitted_review(
            ReviewAssignmentFactory(reviewer=reviewer, application=application), scores
        )
        outcome = "reserve" if n == 5 else "shortlist"
        decisions.decide(
            application=application, outcome=outcome, rationale="r", decided_by=team, version=None
        )
        people.append(application)
    return people


def test_the_proposal_keeps_to_one_per_employer_and_says_why(client, team, intake, shortlist):
    client.force_login(team)
    content = client.get(reverse("selection:cohort", args=[intake.pk])).content.decode()
    assert "Proposed cohort of 3" in content
    assert shortlist[0].reference in content
    assert "Shared Council" in content
    assert "The programme lead confirms the cohort." in content  # team member, not lead


def test_only_the_lead_confirms(client, team, intake, shortlist):
    client.force_login(team)
    response = client.post(reverse("selection:confirm", args=[intake.pk]))
    assert response.status_code == 403
    assert not Offer.objects.exists()


def test_confirming_sends_offers_and_orders_the_waitlist(
    client, lead, intake, shortlist, django_capture_on_commit_callbacks
):
    client.force_login(lead)
    checked = ",".join(str(a.pk) for a in (shortlist[0], shortlist[2], shortlist[3]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("selection:confirm", args=[intake.pk]), {"checked": checked}, follow=True
        )
    assert "Cohort confirmed. 3 offers sent" in response.content.decode()
    offered = {o.application for o in Offer.objects.all()}
    assert offered == {shortlist[0], shortlist[2], shortlist[3]}
    order = [e.application for e in WaitlistEntry.objects.order_by("position")]
    assert order == [shortlist[1], shortlist[4], shortlist[5]]
    assert sorted(m.to[0] for m in mail.outbox if "offered a place" in m.subject) == sorted(
        a.applicant.email for a in offered
    )
    again = client.post(
        reverse("selection:confirm", args=[intake.pk]), {"checked": checked}, follow=True
    )
    assert "already been confirmed" in again.content.decode()
    assert Offer.objects.count() == 3


def test_another_programmes_team_gets_404(client, other_team, intake, shortlist):
    client.force_login(other_team)
    assert client.get(reverse("selection:cohort", args=[intake.pk])).status_code == 404
    assert client.post(reverse("selection:confirm", args=[intake.pk])).status_code == 404


def test_feedback_is_approved_then_sent_once(client, team, intake, shortlist):
    declined = SubmittedApplicationFactory(intake=intake)
    decisions.decide(
        application=declined, outcome="decline", rationale="r", decided_by=team, version=None
    )
    client.force_login(team)
    url = reverse("selection:feedback", args=[declined.reference])
    client.post(url, {"feedback": "Your statements were strong on partnership."})
    decision = Decision.objects.get(application=declined)
    assert decision.feedback_approved_at is not None
    client.post(reverse("selection:publish_decisions", args=[intake.pk]))
    client.post(reverse("selection:publish_decisions", args=[intake.pk]))
    sent = [m for m in mail.outbox if m.to == [declined.applicant.email]]
    assert len(sent) == 1
    assert "Your statements were strong on partnership." in sent[0].body
    declined.refresh_from_db()
    assert declined.status == ApplicationStatus.UNSUCCESSFUL


def test_approving_feedback_writes_exactly_one_audit_event(client, team, intake):
    declined = SubmittedApplicationFactory(intake=intake)
    decisions.decide(
        application=declined, outcome="decline", rationale="r", decided_by=team, version=None
    )
    client.force_login(team)
    url = reverse("selection:feedback", args=[declined.reference])
    client.get(url)
    assert not AuditEvent.objects.filter(action="feedback_approved").exists()

    before = set(AuditEvent.objects.values_list("pk", flat=True))
    response = client.post(url, {"feedback": "Strong on partnership."})

    assert response.status_code == 302
    events = list(AuditEvent.objects.exclude(pk__in=before))
    assert len(events) == 1
    event = events[0]
    assert (event.action, event.actor, event.application, event.intake) == (
        "feedback_approved",
        team,
        declined,
        intake,
    )
    assert event.before == {"feedback": "", "approved": False}
    assert event.after == {"feedback": "Strong on partnership.", "approved": True}


def test_feedback_page_is_404_for_another_programme(client, other_team, intake, team):
    declined = SubmittedApplicationFactory(intake=intake, applicant=UserFactory())
    decisions.decide(
        application=declined, outcome="decline", rationale="r", decided_by=team, version=None
    )
    client.force_login(other_team)
    url = reverse("selection:feedback", args=[declined.reference])
    assert client.get(url).status_code == 404


def test_feedback_for_an_application_not_declined_sends_the_team_back_with_a_message(
    client, team, intake
):
    shortlisted = SubmittedApplicationFactory(intake=intake)
    decisions.decide(
        application=shortlisted, outcome="shortlist", rationale="r", decided_by=team, version=None
    )
    client.force_login(team)
    url = reverse("selection:feedback", args=[shortlisted.reference])
    for response in (client.get(url), client.post(url, {"feedback": "Not for this one."})):
        assert response.status_code == 302
        assert response.url == reverse("selection:cohort", args=[intake.pk])
        shown = {str(m) for m in get_messages(response.wsgi_request)}
        assert shown == {
            f"{shortlisted.reference} was not declined: feedback is only for those it was"
        }
    assert Decision.objects.get(application=shortlisted).feedback == ""


@pytest.mark.parametrize("with_settings", [True, False], ids=["settings-saved", "no-settings"])
def test_the_cohort_page_with_no_one_shortlisted_says_so(client, team, intake, with_settings):
    if with_settings:
        SelectionSettingsFactory(intake=intake, places=3)
    SubmittedApplicationFactory(intake=intake)  # applied, not yet shortlisted
    client.force_login(team)
    response = client.get(reverse("selection:cohort", args=[intake.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "No one has been shortlisted yet." in content
    assert "Confirm cohort and send offers" not in content


def test_confirming_with_no_one_shortlisted_sends_nothing(client, lead, intake):
    SelectionSettingsFactory(intake=intake, places=3)
    client.force_login(lead)
    response = client.post(
        reverse("selection:confirm", args=[intake.pk]), {"checked": ""}, follow=True
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The cohort cannot be composed: No one is shortlisted yet."
    ]
    assert not Offer.objects.exists()
    assert not WaitlistEntry.objects.exists()


def test_the_confirmed_cohort_and_the_overview_count_accepted_offers(
    client, lead, intake, shortlist
):
    composition.confirm(intake=intake, confirmed_by=lead)
    offers.accept(offer=Offer.objects.order_by("pk").first())
    client.force_login(lead)
    cohort = client.get(reverse("selection:cohort", args=[intake.pk])).content.decode()
    assert "1 of 3 places accepted; 0 open." in cohort
    overview = client.get(reverse("selection:overview", args=[intake.pk])).content.decode()
    assert "3 (1 accepted)" in overview
    assert SelectionSettings.objects.get(intake=intake).history.first().history_user == lead


def test_near_miss_reasons_name_the_employer_never_its_id(client, team, intake, shortlist):
    client.force_login(team)
    content = client.get(reverse("selection:cohort", args=[intake.pk])).content.decode()
    shared = shortlist[1].employer
    assert "Would make more than 1 person from Shared Council." in content
    assert f"from {shared.pk}." not in content


def test_named_near_misses_map_ids_to_names(intake, shortlist):
    proposal = composition.propose(intake=intake)
    named = composition.named_near_misses(intake=intake, proposal=proposal)
    assert named[0].application == shortlist[1]
    assert named[0].reasons == ("Would make more than 1 person from Shared Council.",)


def test_region_and_sector_reasons_are_named():
    labels = {**dict(composition.Region.choices), **composition._sector_labels()}
    assert (
        composition._with_labels("The last place was needed for region E12000003.", labels)
        == "The last place was needed for region Yorkshire and The Humber."
    )
    assert (
        composition._with_labels("The voluntary sector is at its maximum of 2.", labels)
        == "The Voluntary or community sector is at its maximum of 2."
    )


def _confirmed(intake, lead):
    composition.confirm(intake=intake, confirmed_by=lead)


def test_shortlisting_after_confirmation_goes_to_the_end_of_the_waitlist(
    client, team, lead, intake, shortlist
):
    _confirmed(intake, lead)
    late = SubmittedApplicationFactory(intake=intake)
    client.force_login(team)
    response = client.post(
        reverse("selection:decide", args=[late.reference]),
        {"outcome": "shortlist", "rationale": "Strong late review"},
        follow=True,
    )
    assert (
        f"Decision recorded for {late.reference}. The cohort is already confirmed, so "
        f"{late.reference} is 4th on the waiting list." in response.content.decode()
    )
    entry = WaitlistEntry.objects.get(application=late)
    assert entry.position == 4
    event = AuditEvent.objects.get(action="waitlisted_after_confirmation")
    assert (event.application, event.actor, event.after) == (late, team, {"position": 4})
    assert not Offer.objects.filter(application=late).exists()


def test_shortlisting_before_confirmation_adds_no_waitlist_entry(team, intake, shortlist):
    assert not WaitlistEntry.objects.exists()
    assert not AuditEvent.objects.filter(action="waitlisted_after_confirmation").exists()


def test_changing_a_waitlisted_decision_keeps_its_place(team, lead, intake, shortlist):
    _confirmed(intake, lead)
    waiting = WaitlistEntry.objects.get(application=shortlist[1])
    decision = Decision.objects.get(application=shortlist[1])
    decisions.decide(
        application=shortlist[1],
        outcome="shortlist",
        rationale="again",
        decided_by=team,
        version=decision.version,
    )
    assert WaitlistEntry.objects.get(application=shortlist[1]).position == waiting.position
    assert WaitlistEntry.objects.count() == 3


def test_bulk_shortlisting_after_confirmation_says_who_was_waitlisted(
    client, team, lead, intake, shortlist
):
    _confirmed(intake, lead)
    late = [SubmittedApplicationFactory(intake=intake) for _ in range(2)]
    client.force_login(team)
    response = client.post(
        reverse("selection:bulk_decide", args=[intake.pk]),
        {
            "selected": [a.reference for a in late],
            "outcome": "shortlist",
            "rationale": "Late",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Decision recorded for 2 applications." in page
    assert (
        "The cohort is already confirmed, so they were added to the end of the waiting list: "
        f"{late[0].reference}, {late[1].reference}." in page
    )
    assert [e.application for e in WaitlistEntry.objects.filter(position__gt=3)] == late
