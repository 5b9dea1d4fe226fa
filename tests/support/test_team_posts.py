"""The programme team records a post for a participant, alumnus or new director of its
programme; it waits to be verified like a post the person records."""

import datetime
import uuid

import pytest

from tests.factories import ProgrammeFactory
from tests.support.factories import AppointmentFactory, alumnus_of, authority
from upon.support import appointments
from upon.support.models import Appointment, PostRole, Tenure

pytestmark = pytest.mark.django_db


def url(programme) -> str:
    return f"/team/programmes/{programme.pk}/posts/new/"


def post_data(person, **overrides) -> dict:
    data = {
        "person": str(person.pk) if person else "",
        "local_authority": str(authority("York").pk),
        "role": PostRole.DCS,
        "tenure": Tenure.PERMANENT,
        "shared": "False",
        "starts_on_0": "1",
        "starts_on_1": "9",
        "starts_on_2": "2026",
        "submission": str(uuid.uuid4()),
    }
    return data | overrides


def test_the_team_records_a_post_for_an_alumnus_which_waits_to_be_verified(
    client, programme, team, alumnus, june_2026
):
    client.force_login(team)
    response = client.post(url(programme), post_data(alumnus))
    assert response.url == "/team/appointments/"
    post = Appointment.objects.get()
    assert (
        post.person,
        post.programme,
        post.recorded_by,
        post.local_authority.name,
        post.role,
        post.tenure,
        post.shared,
        post.starts_on,
        post.verified_at,
    ) == (
        alumnus,
        programme,
        team,
        "York",
        PostRole.DCS,
        Tenure.PERMANENT,
        False,
        datetime.date(2026, 9, 1),
        None,
    )
    assert list(client.get("/team/appointments/").context["page"]) == [post]
    client.force_login(alumnus)
    assert list(client.get("/posts/").context["page"]) == [post]


def test_the_form_offers_the_programmes_people_who_record_posts(
    client, programme, team, alumnus, other_alumnus, outsider, director
):
    alumnus_of(ProgrammeFactory(name="Other", slug="other"), full_name="Olly Otheralumnus")
    client.force_login(team)
    form = client.get(url(programme)).context["form"]
    assert [choice for _, choice in form.fields["person"].choices][1:] == [
        "Alex Alumnus (alex@council.example)",
        f"Dee Director ({director.email})",
        f"Sam Secondalumnus ({other_alumnus.email})",
    ]
    assert list(appointments.recorders_in(programme)) == [alumnus, director, other_alumnus]


def test_someone_outside_the_programme_is_refused(client, programme, team, outsider, june_2026):
    client.force_login(team)
    response = client.post(url(programme), post_data(outsider))
    assert response.context["form"].errors == {"person": ["Select the person"]}
    response = client.post(url(programme), post_data(None))
    assert response.context["form"].errors == {"person": ["Select the person"]}
    assert response.context["form"]["local_authority"].value() == str(authority("York").pk)
    assert not Appointment.objects.exists()


def test_the_persons_overlapping_post_is_refused(client, programme, team, alumnus, june_2026):
    AppointmentFactory(
        person=alumnus,
        programme=programme,
        local_authority=authority("York"),
        starts_on=datetime.date(2026, 1, 5),
    )
    client.force_login(team)
    response = client.post(url(programme), post_data(alumnus))
    assert response.context["form"].errors == {
        "starts_on": [
            "This person already has a post in this local authority for some of these dates"
        ]
    }
    assert Appointment.objects.count() == 1


def test_sent_twice_it_saves_once(client, programme, team, alumnus, june_2026):
    client.force_login(team)
    data = post_data(alumnus)
    client.post(url(programme), data)
    client.post(url(programme), data)
    assert Appointment.objects.count() == 1


def test_another_team_and_others_cannot_record_for_the_programme(
    client, programme, other_team, alumnus, outsider, june_2026
):
    client.force_login(other_team)
    assert client.get(url(programme)).status_code == 404
    assert client.post(url(programme), post_data(alumnus)).status_code == 404
    for person in (alumnus, outsider):
        client.force_login(person)
        assert client.post(url(programme), post_data(alumnus)).status_code == 403
    assert not Appointment.objects.exists()


def test_the_appointments_page_links_to_it(client, programme, team):
    client.force_login(team)
    page = client.get("/team/appointments/").content.decode()
    assert f'href="{url(programme)}">Record a post for someone in Upon Programme</a>' in page
