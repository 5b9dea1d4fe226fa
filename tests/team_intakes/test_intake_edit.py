import datetime

import pytest
from django.utils.html import escape

from tests.team_intakes.conftest import INTAKE_FORM_DATES, sign_in_url
from upon.programmes.models import Intake
from upon.recruitment.capabilities import DEFAULT_CAPABILITIES

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def intake(team_member):
    from tests.factories import IntakeFactory

    return IntakeFactory(
        programme=team_member.programme,
        name="2027 to 2028 intake",
        slug="intake-2027",
        opens_at=datetime.datetime(2027, 9, 14, 8, 0, tzinfo=UTC),
        closes_at=datetime.datetime(2027, 10, 14, 22, 59, tzinfo=UTC),
        selection_starts=datetime.date(2027, 10, 18),
        selection_ends=datetime.date(2027, 10, 31),
        programme_starts=datetime.date(2027, 11, 15),
        programme_ends=datetime.date(2028, 6, 30),
        capacity=40,
    )


def url(intake) -> str:
    return f"/team/intakes/{intake.pk}/edit/"


def form_data(intake, **changes) -> dict:
    data = {
        "name": intake.name,
        "slug": intake.slug,
        **INTAKE_FORM_DATES,
        "delivery_summary": intake.delivery_summary,
        "version": str(intake.version),
        "capabilities-TOTAL_FORMS": "7",
        "capabilities-INITIAL_FORMS": "7",
        "capabilities-MIN_NUM_FORMS": "0",
        "capabilities-MAX_NUM_FORMS": "1000",
    }
    for i, capability in enumerate(intake.capabilities.order_by("position")):
        data[f"capabilities-{i}-id"] = str(capability.pk)
        data[f"capabilities-{i}-description"] = capability.description
        data[f"capabilities-{i}-word_limit"] = str(capability.word_limit)
    return {**data, **changes}


def test_the_form_starts_with_the_intakes_values_in_uk_time(client, team_member, intake):
    client.force_login(team_member)
    page = client.get(url(intake)).content.decode()
    assert 'name="opens_time" value="09:00"' in page
    assert 'name="closes_time" value="23:59"' in page
    assert 'name="closes_date_0" type="text" inputmode="numeric" value="14"' in page
    assert 'name="capacity" value="40"' in page
    for position, (name, description, _) in enumerate(DEFAULT_CAPABILITIES, start=1):
        assert f"{position}. {escape(name)}</legend>" in page
        assert escape(description) in page


def test_team_member_changes_dates_places_and_a_capability(client, team_member, intake):
    first = intake.capabilities.get(position=1)
    client.force_login(team_member)
    response = client.post(
        url(intake),
        form_data(
            intake,
            closes_date_0="21",
            closes_time="12:00",
            capacity="45",
            **{
                "capabilities-0-description": "How you lead yourself.",
                "capabilities-0-word_limit": "250",
            },
        ),
    )
    assert response.status_code == 302
    assert response.url == f"/team/intakes/{intake.pk}/"
    intake.refresh_from_db()
    first.refresh_from_db()
    assert intake.closes_at == datetime.datetime(2027, 10, 21, 11, 0, tzinfo=UTC)
    assert intake.opens_at == datetime.datetime(2027, 9, 14, 8, 0, tzinfo=UTC)
    assert intake.capacity == 45
    assert intake.slug == "intake-2027"
    assert (first.name, first.description, first.word_limit) == (
        DEFAULT_CAPABILITIES[0][0],
        "How you lead yourself.",
        250,
    )
    assert intake.capabilities.count() == 7


def test_an_empty_slug_keeps_the_web_address(client, team_member, intake):
    client.force_login(team_member)
    client.post(url(intake), form_data(intake, slug=""))
    intake.refresh_from_db()
    assert intake.slug == "intake-2027"


def test_bad_capability_answers_are_explained_and_nothing_is_saved(client, team_member, intake):
    client.force_login(team_member)
    response = client.post(
        url(intake),
        form_data(
            intake,
            capacity="46",
            **{
                "capabilities-2-description": "Working with councillors.",
                "capabilities-2-word_limit": "20",
                "capabilities-3-description": "",
            },
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert (
        '<a href="#id_capabilities-2-word_limit">Working in political and corporate contexts: '
        "Word limit must be between 50 and 1000</a>" in page
    )
    assert (
        '<a href="#id_capabilities-3-description">Leading in complexity: Enter a description '
        "of the capability</a>" in page
    )
    assert "Working with councillors.</textarea>" in page
    assert 'name="capacity" value="46"' in page
    intake.refresh_from_db()
    assert intake.capacity == 40
    assert intake.capabilities.get(position=3).description == DEFAULT_CAPABILITIES[2][1]


def test_closing_before_opening_is_refused(client, team_member, intake):
    client.force_login(team_member)
    response = client.post(url(intake), form_data(intake, closes_date_1="9", closes_date_0="1"))
    assert "The closing date must be after the opening date" in response.content.decode()
    intake.refresh_from_db()
    assert intake.closes_at == datetime.datetime(2027, 10, 14, 22, 59, tzinfo=UTC)


def test_capabilities_of_another_intake_cannot_be_changed_through_this_one(
    client, team_member, intake
):
    from tests.factories import IntakeFactory

    other = IntakeFactory(programme=team_member.programme)
    foreign = other.capabilities.get(position=1)
    client.force_login(team_member)
    response = client.post(
        url(intake),
        form_data(
            intake,
            **{"capabilities-0-id": str(foreign.pk), "capabilities-0-description": "Changed"},
        ),
    )
    # Django's model formset ignores a row outside its queryset: nothing foreign is saved.
    assert response.status_code == 302
    foreign.refresh_from_db()
    assert foreign.description == DEFAULT_CAPABILITIES[0][1]
    assert "Changed" not in set(intake.capabilities.values_list("description", flat=True))
    assert (intake.capabilities.count(), other.capabilities.count()) == (7, 7)


def test_another_programmes_team_member_gets_not_found(client, other_team_member, intake):
    client.force_login(other_team_member)
    assert client.get(url(intake)).status_code == 404
    assert client.post(url(intake), form_data(intake, capacity="99")).status_code == 404
    assert Intake.objects.get(pk=intake.pk).capacity == 40


def test_someone_outside_any_team_is_forbidden(client, outsider, intake):
    client.force_login(outsider)
    assert client.get(url(intake)).status_code == 403
    assert client.post(url(intake), form_data(intake, capacity="99")).status_code == 403
    assert Intake.objects.get(pk=intake.pk).capacity == 40


def test_anonymous_people_are_asked_to_sign_in(client, intake):
    response = client.post(url(intake), form_data(intake, capacity="99"))
    assert response.url == sign_in_url(url(intake))
    assert Intake.objects.get(pk=intake.pk).capacity == 40


def test_two_people_change_the_intake_at_once(client, team_member, intake):
    """The second save is refused (409) beside what is saved now, keeping what was typed (in
    the intake and its capabilities) with the version saved now, so saving again applies it."""
    from django.test import Client

    from tests.factories import RoleAssignmentFactory
    from upon.accounts.models import Role
    from upon.service.versioning import Difference

    colleague = RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM, programme=team_member.programme, user__full_name="Bea"
    ).user
    first, second = Client(), Client()
    first.force_login(team_member)
    second.force_login(colleague)
    assert 'name="version" value="1"' in first.get(url(intake)).content.decode()
    firsts = form_data(intake, capacity="45")
    seconds = form_data(intake, capacity="50", **{"capabilities-0-word_limit": "450"})
    assert first.post(url(intake), firsts).status_code == 302

    response = second.post(url(intake), seconds)

    assert response.status_code == 409
    content = response.content.decode()
    assert "<title>Error: " in content
    assert "Someone else changed this while you were editing" in content
    capability, _, limit = DEFAULT_CAPABILITIES[0]
    assert response.context["form"].stale.differences == (
        Difference("Number of places", "45", "50"),
        Difference(f"{capability}: Word limit", str(limit), "450"),
    )
    assert 'name="capacity" value="50"' in content
    assert 'name="capabilities-0-word_limit" value="450"' in content
    assert 'name="version" value="2"' in content
    intake.refresh_from_db()
    assert (intake.capacity, intake.version, intake.changed_by) == (45, 2, team_member)
    assert intake.capabilities.get(position=1).word_limit == limit

    assert second.post(url(intake), response.context["form"].data).status_code == 302
    intake.refresh_from_db()
    assert (intake.capacity, intake.version, intake.capabilities.get(position=1).word_limit) == (
        50,
        3,
        450,
    )
