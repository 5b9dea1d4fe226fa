"""The home page starts with each role's work: the team's intakes and cohorts, the
facilitator's next session, the reviewer's queue; "Your applications" is for applicants."""

import datetime
import re

import pytest
from django.utils import timezone

from tests.delivery.factories import CohortFactory, SessionFactory, facilitator_for
from tests.factories import (
    ApplicationFactory,
    IntakeFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from tests.selection.factories import (
    ReviewAssignmentFactory,
    ReviewerFactory,
    SelectionSettingsFactory,
    submitted_review,
)
from upon.accounts.models import Role
from upon.selection.reviews import code_for
from upon.service.times import time_on_date

pytestmark = pytest.mark.django_db


def main(client) -> str:
    """The page's main content, spaces collapsed (the menu has its own links)."""
    content = client.get("/account/").content.decode()
    return " ".join(content.split("<main")[1].split("</main>")[0].split())


def headings(content: str) -> list[str]:
    return re.findall(r'<h2 class="govuk-heading-m">([^<]+)</h2>', content)


def test_an_applicant_starts_with_their_applications(client):
    client.force_login(UserFactory())
    content = main(client)
    assert headings(content) == ["Applying to the programme", "Your account"]
    assert '<a class="govuk-link" href="/applications/">Your applications</a>' in content


def test_a_role_holder_without_applications_is_not_sent_to_apply(client, team):
    client.force_login(team)
    content = main(client)
    assert "Applying to the programme" not in content
    assert 'href="/applications/"' not in content


def test_a_role_holder_who_has_applied_keeps_their_applications_after_their_work(
    client, team, intake
):
    ApplicationFactory(applicant=team, intake=intake)
    client.force_login(team)
    assert headings(main(client))[-3:] == [
        "Applying to the programme",
        "Your roles",
        "Your account",
    ]


def test_the_team_starts_with_their_intakes_and_cohorts(client, team, intake, stopped_clock):
    cohort = CohortFactory(intake=intake, name="2026 to 2027 cohort")
    elsewhere = CohortFactory()
    client.force_login(team)
    content = main(client)
    assert headings(content)[:2] == ["Your intakes", "Your cohorts"]
    assert (
        f'<a class="govuk-link" href="/team/intakes/{intake.pk}/">2026 to 2027 intake</a> '
        '<strong class="govuk-tag govuk-tag--green">Open</strong>' in content
    )
    assert (
        f'<a class="govuk-link" href="/team/intakes/{intake.pk}/delivery/">2026 to 2027 cohort</a>'
        in content
    )
    assert f"{cohort.starts_on:%-d %B %Y} to {cohort.ends_on:%-d %B %Y}" in content
    assert elsewhere.name not in content and elsewhere.intake.name not in content
    assert '<a class="govuk-link" href="/team/intakes/">All intakes</a>' in content


def test_the_reviewer_starts_with_their_queue(client, intake, stopped_clock):
    SelectionSettingsFactory(
        intake=intake, review_deadline=stopped_clock + datetime.timedelta(days=5)
    )
    reviewer = ReviewerFactory(intake=intake, user=UserFactory(full_name="Rowan Reviewer"))
    to_do = [ReviewAssignmentFactory(reviewer=reviewer) for _ in range(2)]
    submitted_review(ReviewAssignmentFactory(reviewer=reviewer), [3] * 7)
    someone_elses = ReviewAssignmentFactory(reviewer=ReviewerFactory(intake=intake))
    client.force_login(reviewer.user)
    content = main(client)
    assert headings(content)[0] == "Your reviews"
    deadline = stopped_clock + datetime.timedelta(days=5)
    assert "2 applications to review, 1 submitted." in content
    assert f"Review by {time_on_date(deadline)}." in content
    for assignment in to_do:
        code = code_for(assignment.application_id)
        assert f'<a class="govuk-link" href="/reviews/{assignment.pk}/">{code}</a>' in content
    assert code_for(someone_elses.application_id) not in content
    assert '<a class="govuk-link" href="/reviews/">All your reviews</a>' in content


def test_a_reviewer_with_every_review_done_says_so(client, intake):
    reviewer = ReviewerFactory(intake=intake)
    submitted_review(ReviewAssignmentFactory(reviewer=reviewer), [3] * 7)
    client.force_login(reviewer.user)
    assert "No applications to review, 1 submitted." in main(client)


def test_the_facilitator_starts_with_their_next_session(client, intake, stopped_clock):
    cohort = CohortFactory(intake=intake)
    fran = facilitator_for(cohort, full_name="Fran Facilitator")
    base = timezone.localtime(stopped_clock).replace(hour=9, minute=30, second=0, microsecond=0)
    past = SessionFactory(
        cohort=cohort, title="Taught day 1", starts_at=base - datetime.timedelta(days=7)
    )
    later = SessionFactory(
        cohort=cohort, title="Taught day 3", starts_at=base + datetime.timedelta(days=14)
    )
    nearest = SessionFactory(
        cohort=cohort, title="Taught day 2", starts_at=base + datetime.timedelta(days=2)
    )
    for session in (past, later, nearest):
        session.facilitators.add(fran)
    SessionFactory(
        cohort=cohort, title="Someone else's day", starts_at=base + datetime.timedelta(days=1)
    )
    client.force_login(fran)
    content = main(client)
    assert headings(content)[0] == "Your next session"
    starts = nearest.starts_at
    assert (
        f"<strong>Taught day 2</strong>, {timezone.localtime(starts):%a %-d %b %Y}, 9:30am, "
        f"{nearest.venue.name}" in content
    )
    assert "Taught day 3" not in content and "Someone else" not in content
    assert '<a class="govuk-link" href="/facilitating/">All your sessions</a>' in content


def test_several_roles_lead_with_the_team_then_facilitating_then_reviewing(
    client, programme, intake
):
    person = RoleAssignmentFactory(role=Role.PROGRAMME_LEAD, programme=programme).user
    other_intake = IntakeFactory(programme=programme)
    facilitator_for(CohortFactory(intake=intake))  # someone; the person facilitates below
    RoleAssignmentFactory(user=person, role=Role.FACILITATOR, programme=programme, intake=intake)
    ReviewerFactory(intake=other_intake, user=person)
    ApplicationFactory(applicant=person, intake=IntakeFactory())
    client.force_login(person)
    assert headings(main(client)) == [
        "Your intakes",
        "Your cohorts",
        "Your next session",
        "Your reviews",
        "Applying to the programme",
        "Your roles",
        "Your account",
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_the_team_home_query_count_does_not_grow(
    client, team, programme, count, django_assert_num_queries
):
    for _ in range(count):
        CohortFactory(intake=IntakeFactory(programme=programme))
    client.force_login(team)
    client.get("/account/")
    # Session, user, roles; intakes, cohorts; has applied; roles with scopes.
    with django_assert_num_queries(7):
        response = client.get("/account/")
    assert response.content.decode().count('/delivery/">') == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_reviewer_home_query_count_does_not_grow(
    client, intake, count, django_assert_num_queries
):
    reviewer = ReviewerFactory(intake=intake)
    for _ in range(count):
        ReviewAssignmentFactory(reviewer=reviewer)
    client.force_login(reviewer.user)
    # Session, user, roles; counts, the first to do with their deadlines; has applied; roles.
    with django_assert_num_queries(7):
        response = client.get("/account/")
    assert len(re.findall(r'href="/reviews/\d+/"', response.content.decode())) == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_facilitator_home_query_count_does_not_grow(
    client, intake, count, django_assert_num_queries, stopped_clock
):
    cohort = CohortFactory(intake=intake)
    fran = facilitator_for(cohort)
    for day in range(count):
        SessionFactory(
            cohort=cohort, starts_at=stopped_clock + datetime.timedelta(days=day + 1)
        ).facilitators.add(fran)
    client.force_login(fran)
    # Session, user, roles; the next session; has applied; roles.
    with django_assert_num_queries(6):
        response = client.get("/account/")
    assert response.content.decode().count("All your sessions") == 1


def test_work_shows_only_for_the_roles_named_and_when_there_is_some(team):
    from upon.accounts import home

    home.register_work(
        "coaching", roles=[Role.COACH], template="x.html", context=lambda user: {}, order=1
    )
    home.register_work(
        "nothing",
        roles=[Role.PROGRAMME_TEAM],
        template="y.html",
        context=lambda user: None,
        order=1,
    )
    try:
        assert [item["template"] for item in home.work_for(team)] == [
            "recruitment/home/team_intakes.html",
            "delivery/home/team_cohorts.html",
        ]
    finally:
        home.unregister_work("coaching")
        home.unregister_work("nothing")
