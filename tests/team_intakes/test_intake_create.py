import datetime

import pytest

from tests.factories import ProgrammeFactory
from tests.team_intakes.conftest import INTAKE_FORM_DATES, sign_in_url
from upon.programmes.models import Intake
from upon.recruitment.capabilities import DEFAULT_CAPABILITIES

pytestmark = pytest.mark.django_db

URL = "/team/intakes/new/"
UTC = datetime.UTC


def form_data(programme, changes=None, **more) -> dict:
    data = {
        "programme": programme.pk,
        "name": "2027 to 2028 intake",
        "slug": "",
        **INTAKE_FORM_DATES,
        "delivery_summary": "Eight taught days, blended.",
    }
    return {**data, **(changes or {}), **more}


def test_team_member_creates_an_intake_with_the_seven_capabilities(client, team_member):
    client.force_login(team_member)
    response = client.post(URL, form_data(team_member.programme))
    intake = Intake.objects.get(name="2027 to 2028 intake")
    assert response.status_code == 302
    assert response.url == f"/team/intakes/{intake.pk}/"
    assert intake.programme == team_member.programme
    assert intake.slug == "2027-to-2028-intake"
    # UK summer time: 9am and 11:59pm in London are 8am and 10:59pm UTC.
    assert intake.opens_at == datetime.datetime(2027, 9, 14, 8, 0, tzinfo=UTC)
    assert intake.closes_at == datetime.datetime(2027, 10, 14, 22, 59, tzinfo=UTC)
    assert (intake.selection_starts, intake.selection_ends) == (
        datetime.date(2027, 10, 18),
        datetime.date(2027, 10, 31),
    )
    assert (intake.programme_starts, intake.programme_ends) == (
        datetime.date(2027, 11, 15),
        datetime.date(2028, 6, 30),
    )
    assert (intake.capacity, intake.min_leadership_years, intake.director_horizon_years) == (
        40,
        3,
        "three to five",
    )
    assert list(
        intake.capabilities.values_list("position", "name", "description", "word_limit")
    ) == [
        (i, name, description, limit)
        for i, (name, description, limit) in enumerate(DEFAULT_CAPABILITIES, start=1)
    ]


def test_winter_times_are_greenwich_mean_time(client, team_member):
    client.force_login(team_member)
    client.post(
        URL,
        form_data(
            team_member.programme,
            opens_date_0="1",
            opens_date_1="12",
            opens_time="9:30",
            closes_date_0="15",
            closes_date_1="12",
            closes_time="17:00",
        ),
    )
    intake = Intake.objects.get(name="2027 to 2028 intake")
    assert intake.opens_at == datetime.datetime(2027, 12, 1, 9, 30, tzinfo=UTC)
    assert intake.closes_at == datetime.datetime(2027, 12, 15, 17, 0, tzinfo=UTC)


def test_closing_before_opening_is_refused_and_the_answers_kept(client, team_member):
    client.force_login(team_member)
    response = client.post(
        URL, form_data(team_member.programme, closes_date_1="8", closes_time="08:15")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_closes_date_0">The closing date must be after the opening date</a>' in (
        page
    )
    assert 'name="closes_date_1" type="text" inputmode="numeric" value="8"' in page
    assert 'value="08:15"' in page
    assert 'value="2027 to 2028 intake"' in page
    assert Intake.objects.count() == 0


def test_closing_at_the_same_moment_as_opening_is_refused(client, team_member):
    client.force_login(team_member)
    response = client.post(
        URL, form_data(team_member.programme, closes_date_1="9", closes_time="09:00")
    )
    assert "The closing date must be after the opening date" in response.content.decode()
    assert Intake.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "anchor", "message"),
    [
        ({"opens_time": ""}, "id_opens_time", "Enter the opening time"),
        (
            {"closes_time": "25:00"},
            "id_closes_time",
            "Enter the closing time in the 24-hour format hh:mm, like 09:00 or 23:59",
        ),
        (
            {"opens_time": "9am"},
            "id_opens_time",
            "Enter the opening time in the 24-hour format hh:mm, like 09:00 or 23:59",
        ),
        ({"opens_date_1": "13"}, "id_opens_date_0", "The opening date must be a real date"),
        ({"capacity": "0"}, "id_capacity", "Number of places must be between 1 and 500"),
        ({"capacity": "501"}, "id_capacity", "Number of places must be between 1 and 500"),
        ({"capacity": "ten"}, "id_capacity", "Number of places must be a whole number"),
        (
            {"programme_ends_2": "2027", "programme_ends_1": "11", "programme_ends_0": "1"},
            "id_programme_ends_0",
            "The programme end date must be after the programme start date",
        ),
        (
            {"programme_ends_2": "2030"},
            "id_programme_ends_0",
            "The programme end date must be within 2 years of its start date",
        ),
        (
            {"programme_ends_2": "9999"},
            "id_programme_ends_0",
            "The programme end date must be 31 December 2036 or earlier",
        ),
        (
            {"selection_ends_0": "17"},
            "id_selection_ends_0",
            "The selection end date must be after the selection start date",
        ),
        ({"name": ""}, "id_name", "Enter the intake name"),
        ({"programme": ""}, "id_programme_0", "Select the programme"),
    ],
)
def test_bad_answers_are_explained(client, team_member, time_machine, changes, anchor, message):
    # Dates may be up to the end of the tenth year from now: from June 2026, 31 December 2036.
    time_machine.move_to(datetime.datetime(2026, 6, 1, 12, tzinfo=UTC), tick=False)
    client.force_login(team_member)
    response = client.post(URL, form_data(team_member.programme, changes))
    assert f'<a href="#{anchor}">{message}</a>' in response.content.decode()
    assert Intake.objects.count() == 0


def test_cannot_create_an_intake_for_another_programme(client, team_member):
    other = ProgrammeFactory()
    client.force_login(team_member)
    page = client.get(URL).content.decode()
    assert f'value="{team_member.programme.pk}"' in page
    assert other.name not in page
    response = client.post(URL, form_data(other))
    assert (
        '<a href="#id_programme_0">Select one of your programmes</a>' in response.content.decode()
    )
    assert Intake.objects.count() == 0


def test_taken_slug_is_refused(client, team_member, intake):
    client.force_login(team_member)
    response = client.post(URL, form_data(team_member.programme, slug=intake.slug))
    assert (
        '<a href="#id_slug">An intake already uses this web address name; enter a different '
        "one</a>" in response.content.decode()
    )
    assert Intake.objects.count() == 1


def test_someone_outside_any_team_is_forbidden(client, outsider, team_member):
    client.force_login(outsider)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(team_member.programme)).status_code == 403
    assert Intake.objects.count() == 0


def test_anonymous_people_are_asked_to_sign_in(client, team_member):
    assert client.post(URL, form_data(team_member.programme)).url == sign_in_url(URL)
    assert Intake.objects.count() == 0
