"""Action learning sets, self-assessment and challenges in a browser: the team forms the sets and
moves one person, with the warning shown as the choice changes (and, without JavaScript, when
the sets are checked); a participant completes a self-assessment and the team reads the cohort's
needs; a challenge goes from brief to feedback.

axe-core runs on every page the journeys reach.
"""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait
from tests.delivery.factories import CohortFactory, ParticipantFactory, facilitator_for
from tests.delivery.test_sets import KINDS, NAMES, REGIONS, SECTORS
from tests.factories import (
    PASSWORD,
    IntakeFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    SubmittedApplicationFactory,
    UserFactory,
)
from upon.accounts.models import Role
from upon.delivery.models import (
    ActionLearningSet,
    ChallengeSubmission,
    ChallengeTeam,
    Participant,
    SelfAssessment,
)
from upon.recruitment.models import ApplicationStatus

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cohort(authorities):
    """Twelve participants, two from each of six employers (Ada and Ben from Employer A), and
    the programme team's Terry."""
    cohort = CohortFactory(intake=IntakeFactory(name="2027 intake", slug="2027-intake"))
    intake = cohort.intake
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=intake.programme,
        user__email="terry@team.example",
        user__full_name="Terry Team",
    )
    employers = [
        OrganisationFactory(name=f"Employer {letter}", kind=KINDS[i % 3])
        for i, letter in enumerate("ABCDEF")
    ]
    for i, name in enumerate(NAMES):
        user = UserFactory(full_name=name, email=name.split()[0].lower() + "@people.example")
        application = SubmittedApplicationFactory(
            intake=intake,
            applicant=user,
            employer=employers[i // 2],
            region=REGIONS[i % 4],
            sector=SECTORS[i % 3],
            status=ApplicationStatus.ACCEPTED,
        )
        ParticipantFactory(cohort=cohort, user=user, application=application)
    return cohort


def go(page, url: str) -> None:
    page.goto(url)
    assert_accessible(page)


def set_of(name: str) -> ActionLearningSet:
    return Participant.objects.get(user__full_name=name).action_learning_set


def test_the_team_forms_sets_and_moves_one_person_with_a_warning(page, cohort):
    sign_in(page, "terry@team.example", PASSWORD)
    go(page, f"/team/cohorts/{cohort.pk}/sets/")
    click_and_wait(page, page.get_by_role("button", name="Form sets automatically"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "12 people formed into 2 sets. Mix score"
    )
    assert_accessible(page)
    assert ActionLearningSet.objects.filter(cohort=cohort).count() == 2
    ben_set = set_of("Ben Bright")
    assert set_of("Ada Able") != ben_set

    click_and_wait(page, page.get_by_role("link", name="Move people between sets"))
    assert_accessible(page)
    expect(page.locator("#set-warnings")).to_have_text(
        "No problems: every set has 5 to 7 people, the sizes are balanced and no set holds two "
        "people from one employer."
    )
    # Moving Ada into Ben's set: the check updates as the choice changes.
    page.get_by_label("Set for Ada Able").select_option(label=ben_set.name)
    warnings = page.locator("#set-warnings")
    expect(warnings).to_contain_text(f"{ben_set.name} has 2 people from Employer A: ")
    expect(warnings).to_contain_text("Set sizes differ by more than one")
    assert_accessible(page)
    assert set_of("Ada Able") != ben_set  # nothing saved yet

    page.get_by_label("Save anyway: I have read the warnings and want these sets").check()
    click_and_wait(page, page.get_by_role("button", name="Save the sets"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "1 person moved. The sets are saved."
    )
    assert_accessible(page)
    assert set_of("Ada Able") == ben_set
    expect(page.locator("main")).to_contain_text(f"{ben_set.name} has 2 people from Employer A")


def test_without_javascript_the_check_button_shows_the_warning(js_disabled_page, cohort):
    page = js_disabled_page
    sign_in(page, "terry@team.example", PASSWORD)
    go(page, f"/team/cohorts/{cohort.pk}/sets/")
    click_and_wait(page, page.get_by_role("button", name="Form sets automatically"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Move people between sets"))
    assert_accessible(page)
    ben_set = set_of("Ben Bright")
    page.get_by_label("Set for Ada Able").select_option(label=ben_set.name)
    click_and_wait(page, page.get_by_role("button", name="Check the sets"))
    expect(page.locator("#set-warnings")).to_contain_text(
        f"{ben_set.name} has 2 people from Employer A: "
    )
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Save the sets"))
    expect(page.locator("main")).to_contain_text("Not saved. Tick")
    assert_accessible(page)
    assert set_of("Ada Able") != ben_set


def test_a_participant_completes_a_self_assessment_and_the_team_sees_the_needs(page, cohort):
    sign_in(page, "ada@people.example", PASSWORD)
    go(page, "/programme/")
    click_and_wait(page, page.get_by_role("link", name="Your self-assessment and development plan"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Start of the year"))
    assert_accessible(page)
    capabilities = list(cohort.intake.capabilities.order_by("position"))
    # A first try with one capability missed shows the error and keeps the rest.
    for capability in capabilities[1:]:
        page.get_by_role("group", name=capability.name).get_by_label("3: Developing").check()
    click_and_wait(page, page.get_by_role("button", name="Submit self-assessment"))
    assert page.title().startswith("Error: ")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        f"Select how you rate yourself on {capabilities[0].name}"
    )
    assert_accessible(page)
    page.locator(".govuk-error-summary a").first.click()
    expect(page.get_by_label("1: Just starting").first).to_be_focused()
    page.get_by_role("group", name=capabilities[0].name).get_by_label("2: Emerging").check()
    click_and_wait(page, page.get_by_role("button", name="Submit self-assessment"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Self-assessment for the start of the year submitted."
    )
    assert_accessible(page)
    assessment = SelfAssessment.objects.get(participant__user__email="ada@people.example")
    assert assessment.submitted_at is not None
    assert sorted(assessment.ratings.values_list("rating", flat=True)) == [2] + [3] * 6

    click_and_wait(page, page.get_by_role("link", name="Add a goal"))
    assert_accessible(page)
    page.get_by_label("Your goal").fill("Chair the partnership board's review of early help.")
    page.get_by_label("Capability it develops (optional)").select_option(
        label="Systems leadership, building alliances and partnerships"
    )
    click_and_wait(page, page.get_by_role("button", name="Save goal"))
    expect(page.locator("main")).to_contain_text("Chair the partnership board")
    assert_accessible(page)
    page.context.clear_cookies()

    sign_in(page, "terry@team.example", PASSWORD)
    go(page, f"/team/cohorts/{cohort.pk}/needs/")
    expect(page.locator("main")).to_contain_text(
        "Self-assessments submitted for the start of the year: 1 of 12 participants."
    )
    assert "Ada" not in page.locator("main").inner_text()


def test_a_challenge_from_brief_to_feedback(page, cohort, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    facilitator_for(cohort, email="fran@facilitators.example", full_name="Fran Facilitator")
    sign_in(page, "terry@team.example", PASSWORD)
    go(page, f"/team/cohorts/{cohort.pk}/challenges/")
    click_and_wait(page, page.get_by_role("link", name="Add a challenge"))
    assert_accessible(page)
    deadline = timezone.localdate() + datetime.timedelta(days=21)
    page.get_by_label("Title").fill("Reduce placement moves")
    page.get_by_label("Brief").fill("Propose how to halve placement moves.")
    page.get_by_label("Day").fill(str(deadline.day))
    page.get_by_label("Month").fill(str(deadline.month))
    page.get_by_label("Year").fill(str(deadline.year))
    page.get_by_label("Deadline time").fill("17:00")
    click_and_wait(page, page.get_by_role("button", name="Save challenge"))
    assert_accessible(page)
    page.get_by_label("Number of teams").fill("3")
    click_and_wait(page, page.get_by_role("button", name="Form teams automatically"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("3 teams formed.")
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Choose each person's team"))
    assert_accessible(page)
    page.context.clear_cookies()

    team = ChallengeTeam.objects.get(members__user__email="ada@people.example")
    sign_in(page, "ada@people.example", PASSWORD)
    go(page, "/programme/challenges/")
    click_and_wait(page, page.get_by_role("link", name="Reduce placement moves"))
    assert_accessible(page)
    page.get_by_label("Upload your team's work").set_input_files(
        files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello"}]
    )
    click_and_wait(page, page.get_by_role("button", name="Submit your team's work"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The selected file must be a PDF, DOCX, PPTX or XLSX"
    )
    assert_accessible(page)
    page.get_by_label("Upload your team's work").set_input_files(
        files=[{"name": "Our plan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n"}]
    )
    click_and_wait(page, page.get_by_role("button", name="Submit your team's work"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"{team.name}'s work is submitted."
    )
    assert_accessible(page)
    assert ChallengeSubmission.objects.get().original_name == "Our plan.pdf"
    page.context.clear_cookies()

    sign_in(page, "fran@facilitators.example", PASSWORD)
    go(page, "/facilitating/challenges/")
    click_and_wait(page, page.get_by_role("link", name="Reduce placement moves"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name=f"Give feedback for {team.name}"))
    assert_accessible(page)
    page.get_by_label(f"Feedback for {team.name}").fill("A clear, costed plan.")
    click_and_wait(page, page.get_by_role("button", name="Save feedback"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"Feedback for {team.name} saved. We have emailed the team."
    )
    assert_accessible(page)
    team.refresh_from_db()
    assert team.feedback == "A clear, costed plan."
    assert mail.outbox[-1].subject == "Feedback on your team's work: Reduce placement moves"
