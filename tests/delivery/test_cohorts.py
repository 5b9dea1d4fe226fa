"""Making the cohort from accepted offers, the team's delivery page and the cohort's settings."""

import datetime

import pytest
from django.urls import reverse

from tests.delivery.factories import ParticipantFactory
from tests.factories import ApplicationFactory, IntakeFactory, RoleAssignmentFactory, UserFactory
from upon.accounts.models import Role, RoleAssignment
from upon.delivery import cohorts
from upon.delivery.models import Cohort, Participant, ParticipantStatus
from upon.recruitment.models import ApplicationStatus


@pytest.fixture
def intake(authorities):
    return IntakeFactory(name="2028 intake", slug="2028-intake")


@pytest.fixture
def team_for_intake(intake):
    return RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, programme=intake.programme).user


def accepted(intake, name):
    return ApplicationFactory(
        intake=intake,
        status=ApplicationStatus.ACCEPTED,
        applicant=UserFactory(full_name=name),
        full_name=name,
    )


def participant_roles(intake):
    return sorted(
        RoleAssignment.objects.filter(role=Role.PARTICIPANT, intake=intake).values_list(
            "user__full_name", flat=True
        )
    )


def test_the_cohort_is_made_from_accepted_offers_only(intake, team_for_intake):
    ada, ben = accepted(intake, "Ada Able"), accepted(intake, "Ben Bright")
    for status in (
        ApplicationStatus.OFFERED,
        ApplicationStatus.DECLINED,
        ApplicationStatus.RESERVE,
    ):
        ApplicationFactory(intake=intake, status=status)
    accepted(IntakeFactory(programme=intake.programme), "Cal Elsewhere")
    made = cohorts.make_cohort(intake=intake, granted_by=team_for_intake)
    assert made.created is True
    cohort = made.cohort
    assert (cohort.name, cohort.starts_on, cohort.ends_on) == (
        "2028 intake cohort",
        intake.programme_starts,
        intake.programme_ends,
    )
    assert sorted((p.user_id, p.application_id) for p in made.added) == sorted(
        [(ada.applicant_id, ada.pk), (ben.applicant_id, ben.pk)]
    )
    assert participant_roles(intake) == ["Ada Able", "Ben Bright"]
    assert set(
        RoleAssignment.objects.filter(role=Role.PARTICIPANT).values_list("granted_by", flat=True)
    ) == {team_for_intake.pk}


def test_making_it_again_adds_only_the_newly_accepted_and_undoes_nothing(intake):
    accepted(intake, "Ada Able")
    first = cohorts.make_cohort(intake=intake)
    ada = first.added[0]
    ada.status = ParticipantStatus.WITHDRAWN
    ada.status_reason = "Moved abroad"
    ada.save()
    again = cohorts.make_cohort(intake=intake)
    assert (again.created, again.added) == (False, [])
    dee = accepted(intake, "Dee Developing")
    third = cohorts.make_cohort(intake=intake)
    assert [p.application for p in third.added] == [dee]
    assert Cohort.objects.count() == 1
    assert Participant.objects.count() == 2
    ada.refresh_from_db()
    assert ada.status == ParticipantStatus.WITHDRAWN
    assert participant_roles(intake) == ["Ada Able", "Dee Developing"]


def test_someone_who_already_has_the_role_keeps_one_assignment(intake):
    ada = accepted(intake, "Ada Able")
    RoleAssignmentFactory(
        user=ada.applicant, role=Role.PARTICIPANT, programme=intake.programme, intake=intake
    )
    made = cohorts.make_cohort(intake=intake)
    assert len(made.added) == 1
    assert RoleAssignment.objects.filter(user=ada.applicant, role=Role.PARTICIPANT).count() == 1


def test_making_the_cohort_tells_of_each_grant_as_a_single_grant_does(intake):
    from upon.accounts.signals import role_granted

    heard = []

    def listen(sender, *, user, role, programme, intake, **kwargs):
        heard.append((user.pk, role, programme.pk, intake.pk))

    role_granted.connect(listen, dispatch_uid="test_cohort_grants")
    try:
        ada, ben = accepted(intake, "Ada Able"), accepted(intake, "Ben Bright")
        cohorts.make_cohort(intake=intake)
    finally:
        role_granted.disconnect(dispatch_uid="test_cohort_grants")
    assert sorted(heard) == sorted(
        (a.applicant_id, Role.PARTICIPANT, intake.programme_id, intake.pk) for a in (ada, ben)
    )


# ---------------------------------------------------------------------------------------------
# The team's pages


def delivery_url(intake):
    return reverse("delivery:delivery", args=[intake.pk])


def test_the_team_makes_the_cohort_from_the_delivery_page(client, intake, team_for_intake):
    accepted(intake, "Ada Able")
    accepted(intake, "Ben Bright")
    client.force_login(team_for_intake)
    page = client.get(delivery_url(intake)).content.decode()
    assert "2 people have accepted a place." in page
    response = client.post(reverse("delivery:make_cohort", args=[intake.pk]), follow=True)
    content = response.content.decode()
    assert "2028 intake cohort made with 2 participants." in content
    assert "Ada Able" in content and "Ben Bright" in content
    assert Participant.objects.filter(cohort__intake=intake).count() == 2
    accepted(intake, "Cal Capable")
    content = client.get(delivery_url(intake)).content.decode()
    assert "1 person has accepted a place since the cohort was made." in content
    response = client.post(reverse("delivery:make_cohort", args=[intake.pk]), follow=True)
    assert "1 participant added to 2028 intake cohort." in response.content.decode()


def test_the_intake_dashboard_links_to_delivery_once_someone_accepts(
    client, intake, team_for_intake
):
    client.force_login(team_for_intake)
    dashboard = reverse("recruitment:intake_dashboard", args=[intake.pk])
    assert delivery_url(intake) not in client.get(dashboard).content.decode()
    accepted(intake, "Ada Able")
    assert delivery_url(intake) in client.get(dashboard).content.decode()


def test_delivery_pages_are_for_the_intakes_own_team(client, intake, outsider):
    accepted(intake, "Ada Able")
    other = RoleAssignmentFactory(role=Role.PROGRAMME_TEAM).user
    make = reverse("delivery:make_cohort", args=[intake.pk])
    client.force_login(other)
    assert client.get(delivery_url(intake)).status_code == 404
    assert client.post(make).status_code == 404
    client.force_login(outsider)
    assert client.get(delivery_url(intake)).status_code == 403
    assert client.post(make).status_code == 403
    assert not Cohort.objects.exists()


def test_participants_and_facilitators_cannot_see_the_team_pages(
    client, cohort, participant, facilitator
):
    for person in (participant.user, facilitator):
        client.force_login(person)
        assert client.get(delivery_url(cohort.intake)).status_code == 403
        assert client.get(reverse("delivery:settings", args=[cohort.pk])).status_code == 403


def test_making_the_cohort_is_post_only(client, intake, team_for_intake):
    client.force_login(team_for_intake)
    assert client.get(reverse("delivery:make_cohort", args=[intake.pk])).status_code == 405


@pytest.mark.parametrize("count", [1, 3])
def test_delivery_page_query_count_is_the_same_for_1_and_3_participants(
    client, cohort, team, django_assert_num_queries, count
):
    for i in range(count):
        ParticipantFactory(cohort=cohort, user__full_name=f"Person {i}")
    client.force_login(team)
    # session, user, roles, intake, cohort, waiting count, participant count, participants,
    # timetable counts.
    with django_assert_num_queries(9):
        response = client.get(delivery_url(cohort.intake))
    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize(
    ("ends_on", "error"),
    [
        (("31", "12", "9999"), "The last day must be 31 December 2036 or earlier"),
        (("2", "11", "2029"), "The last day must be within 2 years of the first day"),
    ],
)
def test_a_cohorts_year_has_bounds(
    client, cohort, team, stopped_clock, time_machine, ends_on, error
):
    time_machine.move_to(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
    client.force_login(team)
    data = {
        "name": "Phase 2 cohort",
        "starts_on_0": "1",
        "starts_on_1": "11",
        "starts_on_2": "2027",
        "ends_on_0": ends_on[0],
        "ends_on_1": ends_on[1],
        "ends_on_2": ends_on[2],
        "min_gap_days": "21",
        "taught_days_total": "8",
        "taught_days_required": "6",
        "action_learning_percent_required": "75",
    }
    response = client.post(reverse("delivery:settings", args=[cohort.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"ends_on": [error]}
    cohort.refresh_from_db()
    assert cohort.ends_on.year < 2029


def test_the_team_changes_the_cohorts_settings_and_bad_input_is_kept(client, cohort, team):
    client.force_login(team)
    url = reverse("delivery:settings", args=[cohort.pk])
    data = {
        "name": "Phase 2 cohort",
        "starts_on_0": "1",
        "starts_on_1": "11",
        "starts_on_2": "2027",
        "ends_on_0": "31",
        "ends_on_1": "10",
        "ends_on_2": "2027",
        "min_gap_days": "21",
        "taught_days_total": "8",
        "taught_days_required": "9",
        "action_learning_percent_required": "75",
        "version": "1",
    }
    content = client.post(url, data).content.decode()
    assert "The last day must be after the first day" in content
    assert "Taught days needed must be 8 or fewer" in content
    assert 'value="Phase 2 cohort"' in content
    assert "<title>Error: " in content
    data.update(ends_on_0="30", ends_on_1="6", ends_on_2="2028", taught_days_required="7")
    assert client.post(url, data).status_code == 302
    cohort.refresh_from_db()
    assert (cohort.name, str(cohort.starts_on), str(cohort.ends_on), cohort.min_gap_days) == (
        "Phase 2 cohort",
        "2027-11-01",
        "2028-06-30",
        21,
    )


def test_another_programmes_team_cannot_change_the_cohort(client, cohort, other_team):
    client.force_login(other_team)
    url = reverse("delivery:settings", args=[cohort.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Taken"}).status_code == 404
    cohort.refresh_from_db()
    assert cohort.name == "2027 to 2028 intake cohort"


def test_the_cohorts_facilitators_are_those_with_the_role_for_its_intake(
    cohort, other_cohort, facilitator, other_facilitator, participant
):
    from tests.delivery.factories import facilitator_for

    facilitator_for(other_cohort, full_name="Elsewhere Person")
    assert list(cohorts.facilitators(cohort=cohort)) == [facilitator, other_facilitator]
