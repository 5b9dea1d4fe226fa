"""The selection journey in a browser: the team assigns reviewers, a reviewer works the queue
and submits a blind review, the panel moderates, the lead confirms the cohort and sends offers,
one applicant accepts and another declines, which offers the place to the next reserve.

axe-core runs on every page the journey reaches.
"""

import re

import pytest
from django.core import mail

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, table_rows
from tests.factories import (
    PASSWORD,
    CapabilityStatementFactory,
    IntakeFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    SubmittedApplicationFactory,
    UserFactory,
)
from tests.selection.factories import ReviewerFactory, SelectionSettingsFactory, submitted_review
from upon.accounts.models import Role
from upon.recruitment.models import ApplicationStatus
from upon.selection.models import Offer, OfferStatus, Review, ReviewAssignment

pytestmark = pytest.mark.django_db(transaction=True)

# Each application's scores from every reviewer but the one in the browser: best first.
SCORES = {"Ada Able": 4, "Ben Bright": 3, "Cal Capable": 3, "Dee Developing": 2}


@pytest.fixture
def selection(authorities):
    intake = IntakeFactory(name="2027 intake", slug="2027-intake")
    SelectionSettingsFactory(
        intake=intake,
        places=2,
        reviews_per_application=2,
        max_per_employer=None,
        one_per_region=False,
    )
    people = {
        "team": RoleAssignmentFactory(
            role=Role.PROGRAMME_TEAM,
            programme=intake.programme,
            user__email="terry@team.example",
            user__full_name="Terry Team",
        ).user,
        "lead": RoleAssignmentFactory(
            role=Role.PROGRAMME_LEAD,
            programme=intake.programme,
            user__email="lena@team.example",
            user__full_name="Lena Lead",
        ).user,
    }
    for name in ("Rowan Reviewer", "Sam Second"):
        email = name.split()[0].lower() + "@review.example"
        ReviewerFactory(intake=intake, capacity=4, user=UserFactory(email=email, full_name=name))
    applications = {}
    for name in SCORES:
        email = name.split()[0].lower() + "@council.example"
        application = SubmittedApplicationFactory(
            intake=intake,
            applicant=UserFactory(email=email, full_name=name),
            full_name=name,
            employer=OrganisationFactory(name=f"{name.split()[1]} Borough Council"),
        )
        for capability in intake.capabilities.all():
            CapabilityStatementFactory(
                application=application, capability=capability, text=f"Evidence of {capability}."
            )
        applications[name] = application
    return intake, people, applications


def go(page, url: str) -> None:
    page.goto(url)
    assert_accessible(page)


def test_from_assignment_to_a_promoted_reserve(page, selection):
    intake, people, applications = selection

    # The team assigns reviewers: four applications, two reviewers each.
    sign_in(page, "terry@team.example", PASSWORD)
    go(page, f"/team/intakes/{intake.pk}/selection/")
    click_and_wait(page, page.get_by_role("button", name="Assign reviewers"))
    assert "8 reviews assigned. Every application has its reviewers." in page.content()
    assert_accessible(page)
    assert ReviewAssignment.objects.count() == 8
    page.context.clear_cookies()

    # The reviewer works the queue and scores one application blind.
    sign_in(page, "rowan@review.example", PASSWORD)
    click_and_wait(
        page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="Your reviews")
    )
    assert_accessible(page)
    queue = table_rows(page, "Applications to review, page 1 of 1")
    assert len(queue) == 4 and all(row[3] == "Not started" for row in queue)
    click_and_wait(page, page.locator("tbody a").first)
    assert_accessible(page)
    assert page.locator("h1").inner_text().startswith("Review APP-")
    content = page.content()
    for name in SCORES:
        assert name not in content and name.split()[1] not in content
    for capability in intake.capabilities.order_by("position"):
        page.get_by_role("group", name=f"Score for {capability.name}").get_by_label(
            "3: Clear evidence"
        ).check()
    page.get_by_role("group", name="Overall recommendation").get_by_label(
        "Shortlist", exact=True
    ).check()
    page.get_by_role("group", name="How confident").get_by_label("High").check()
    click_and_wait(page, page.get_by_role("button", name="Submit review"))
    assert "Review submitted. Thank you." in page.content()
    assert_accessible(page)
    statuses = [row[3] for row in table_rows(page, "Applications to review, page 1 of 1")]
    assert sorted(statuses) == ["Not started", "Not started", "Not started", "Submitted"]
    submitted = Review.objects.get(submitted_at__isnull=False)
    assert submitted.overall == 3
    page.context.clear_cookies()

    # Every other review comes in.
    for assignment in ReviewAssignment.objects.exclude(review__submitted_at__isnull=False):
        score = SCORES[assignment.application.full_name]
        submitted_review(assignment, [score] * 7)

    # The panel moderates: the best application first; it is shortlisted.
    sign_in(page, "terry@team.example", PASSWORD)
    go(page, f"/team/intakes/{intake.pk}/selection/panel/")
    ranking = table_rows(page, "Ranking, page 1 of 1")
    best = applications["Ada Able"].reference
    # Two places: the cut line is drawn after the second.
    cut = ["Cut line: the applications above this line would be offered the 2 places."]
    assert ranking[2] == cut
    del ranking[2]
    assert ranking[0][2] == best and [row[7] for row in ranking] == ["Not decided"] * 4
    click_and_wait(page, page.get_by_role("link", name=best))
    assert_accessible(page)
    page.get_by_role("group", name="Panel decision").get_by_label("Shortlist", exact=True).check()
    page.get_by_label("Rationale").fill("Strong evidence throughout.")
    click_and_wait(page, page.get_by_role("button", name="Record decision"))
    assert f"Decision recorded for {best}." in page.content()
    assert_accessible(page)
    # The rest in bulk: two ticked and shortlisted together, then one declined.
    for names, outcome in [
        (["Ben Bright", "Cal Capable"], "Shortlist"),
        (["Dee Developing"], "Decline"),
    ]:
        for name in names:
            page.get_by_label(f"Select {applications[name].reference}").check()
        page.get_by_role("group", name="Decision for the selected applications").get_by_label(
            outcome, exact=True
        ).check()
        page.get_by_label("Rationale").fill("Panel view")
        click_and_wait(
            page, page.get_by_role("button", name="Record decision for selected applications")
        )
        assert f"Decision recorded for {len(names)} application" in page.content()
    assert_accessible(page)
    assert [row[-1] for row in table_rows(page, "Ranking, page 1 of 1")] == [
        "Shortlist",
        "Shortlist",
        cut[0],
        "Shortlist",
        "Decline",
    ]
    # The assessment pages (this intake has no assessment stage, so merit is unchanged).
    go(page, f"/team/intakes/{intake.pk}/selection/assessment/")
    assert len(table_rows(page, "Shortlisted applicants and their merit")) == 3
    click_and_wait(page, page.get_by_role("link", name=best).last)
    assert_accessible(page)
    page.context.clear_cookies()

    # The lead confirms the proposed cohort of two; the third shortlisted waits.
    sign_in(page, "lena@team.example", PASSWORD)
    go(page, f"/team/intakes/{intake.pk}/selection/cohort/")
    assert "Proposed cohort of 2" in page.content()
    click_and_wait(page, page.get_by_role("link", name="Check and confirm the cohort"))
    assert_accessible(page)
    assert "You are confirming a cohort of 2 and sending 2 offers:" in page.content()
    assert "1 person will go on the waiting list" in page.content()
    assert not Offer.objects.exists()
    click_and_wait(page, page.get_by_role("button", name="Confirm cohort and send offers"))
    assert_accessible(page)
    offered = [row[0] for row in table_rows(page, "Offers")]
    assert offered == [applications["Ada Able"].reference, applications["Ben Bright"].reference]
    assert [m.to for m in mail.outbox if "offer" in m.subject.lower()] == [
        ["ada@council.example"],
        ["ben@council.example"],
    ]
    page.context.clear_cookies()

    # Ada accepts from her dashboard.
    sign_in(page, "ada@council.example", PASSWORD)
    go(page, "/applications/")
    click_and_wait(page, page.get_by_role("link", name=re.compile("accept or decline your offer")))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Accept my place"))
    assert "You have accepted your place on 2027 intake." in page.content()
    assert_accessible(page)
    page.context.clear_cookies()

    # Ben declines with a reason: Cal, first on the waiting list, is offered the place.
    mail.outbox.clear()
    sign_in(page, "ben@council.example", PASSWORD)
    go(page, f"/applications/{applications['Ben Bright'].reference}/offer/")
    click_and_wait(page, page.get_by_role("link", name="Decline my place"))
    assert_accessible(page)
    assert "Your place will be offered to the next person on the waiting list." in page.content()
    page.get_by_label("Why are you declining? (optional)").fill("My employer needs me this year.")
    click_and_wait(page, page.get_by_role("button", name="Decline my place"))
    assert "You have declined your offer." in page.content()
    assert_accessible(page)
    cal = applications["Cal Capable"]
    assert Offer.objects.get(application=cal).status == OfferStatus.PENDING
    assert Offer.objects.get(application=applications["Ben Bright"]).decline_reason == (
        "My employer needs me this year."
    )
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == ["cal@council.example", "lena@team.example", "terry@team.example"]
    page.context.clear_cookies()

    sign_in(page, "lena@team.example", PASSWORD)
    go(page, f"/team/intakes/{intake.pk}/selection/cohort/")
    offers = {row[0]: row[1] for row in table_rows(page, "Offers")}
    assert offers[f"{cal.reference} (from waiting list)"] == "Waiting for a reply"
    assert offers[applications["Ada Able"].reference] == "Accepted"
    cal.refresh_from_db()
    assert cal.status == ApplicationStatus.OFFERED
