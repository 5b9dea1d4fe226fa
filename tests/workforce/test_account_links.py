"""Linking a director in the register to their Upon account: the team of the programme where
the person is a new director or alumnus links, changes and unlinks it; the rest of the team
reads it; everyone else is refused. One account is one director; every change is audited."""

import pytest

from tests.factories import ProgrammeFactory, RoleAssignmentFactory
from tests.support.factories import AppointmentFactory, alumnus_of
from tests.workforce.factories import DirectorFactory, TenureFactory
from upon.accounts.models import Role
from upon.support import appointments
from upon.workforce import linking
from upon.workforce.models import Director, Tenure

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(team):
    return team.roles.get().programme


@pytest.fixture
def alex(programme):
    return alumnus_of(programme, full_name="Alex Alumnus", email="alex@council.example")


@pytest.fixture
def dee(programme):
    return RoleAssignmentFactory(
        role=Role.NEW_DIRECTOR,
        programme=programme,
        user__full_name="Dee Director",
        user__email="dee@council.example",
    ).user


@pytest.fixture
def tenure(today, hartlepool):
    return TenureFactory(director__name="Director Q")


def url(tenure, end=""):
    return f"/team/register/tenures/{tenure.pk}/account/{end}"


def test_the_team_may_link_its_programmes_new_directors_and_alumni_only(
    today, team, programme, alex, dee
):
    RoleAssignmentFactory(role=Role.PARTICIPANT, programme=programme, user__full_name="Pat")
    alumnus_of(ProgrammeFactory(), full_name="Elsewhere Alumnus")
    assert list(linking.candidates(team_member=team)) == [alex, dee]
    assert list(linking.candidates(team_member=team, query="DEE@council")) == [dee]
    assert list(linking.candidates(team_member=team, query=" alex alum ")) == [alex]


def test_the_team_links_a_director_and_unlinks_them_audited(client, tenure, team, alex, dee):
    client.force_login(team)
    page = client.get(url(tenure))
    assert page.status_code == 200
    assert [label for _, label in page.context["form"].fields["user"].widget.choices] == [
        "Alex Alumnus (alex@council.example)",
        "Dee Director (dee@council.example)",
    ]
    assert "Not linked" in client.get(f"/team/register/tenures/{tenure.pk}/").content.decode()

    response = client.post(url(tenure), {"user": alex.pk})
    assert response.url == f"/team/register/tenures/{tenure.pk}/"
    director = Director.objects.get()
    assert director.user == alex
    shown = client.get(response.url).content.decode()
    assert "Alex Alumnus" in shown and "Unlink the Upon account" in shown

    # Changed to the right person, then unlinked.
    client.post(url(tenure), {"user": dee.pk})
    assert Director.objects.get().user == dee
    assert client.post(url(tenure, "unlink/")).url == f"/team/register/tenures/{tenure.pk}/"
    assert Director.objects.get().user is None
    history = director.history.order_by("history_date", "history_id")
    assert [(h.user_id, h.history_user) for h in history] == [
        (None, None),
        (alex.pk, team),
        (dee.pk, team),
        (None, team),
    ]


def test_the_link_page_lists_those_the_search_finds(client, tenure, team, alex, dee):
    client.force_login(team)
    page = client.get(url(tenure), {"q": "dee"})
    assert [label for _, label in page.context["form"].fields["user"].widget.choices] == [
        "Dee Director (dee@council.example)"
    ]
    nobody = client.get(url(tenure), {"q": "nobody"}).content.decode()
    assert "No new director or alumnus of your programmes matches ‘nobody’." in nobody
    # The search keeps what was typed; the chosen person is still accepted after it.
    client.post(url(tenure) + "?q=dee", {"user": dee.pk})
    assert Director.objects.get().user == dee


def test_a_link_without_a_choice_says_what_to_do(client, tenure, team, alex):
    client.force_login(team)
    response = client.post(url(tenure), {})
    assert response.status_code == 200
    assert response.context["form"].errors == {"user": ["Select the Upon account to link"]}
    assert response.content.decode().count("Select the Upon account to link") == 2
    assert "<title>Error: " in response.content.decode()
    assert Director.objects.get().user is None


def test_one_account_is_one_director(client, tenure, team, alex):
    DirectorFactory(name="Director P", user=alex)
    client.force_login(team)
    response = client.get(url(tenure))
    assert [label for _, label in response.context["form"].fields["user"].widget.choices] == [
        "Alex Alumnus (alex@council.example), linked to Director P"
    ]
    response = client.post(url(tenure), {"user": alex.pk})
    assert response.context["form"].errors == {
        "user": [
            "Alex Alumnus is already linked to Director P in the register: unlink them there first"
        ]
    }
    assert Director.objects.get(name="Director Q").user is None


def test_another_programmes_team_reads_the_link_and_may_not_change_it(
    client, tenure, team, other_team, alex
):
    client.force_login(other_team)
    # Not linked: they may link, but only their own people; Alex is not theirs.
    page = client.get(url(tenure))
    assert (page.status_code, page.context["listed"]) == (200, [])
    assert "Nobody in your programmes is a new director or alumnus yet." in page.content.decode()
    refused = client.post(url(tenure), {"user": alex.pk})
    assert refused.context["form"].errors == {
        "user": ["Select a new director or alumnus of your programmes to link"]
    }
    assert Director.objects.get().user is None

    # Linked by Alex's own team: the rest of the team sees whose account it is, and no more.
    linking.link_account(director=tenure.director, user=alex, by=team)
    shown = client.get(f"/team/register/tenures/{tenure.pk}/").content.decode()
    assert "Alex Alumnus" in shown
    assert "Unlink the Upon account" not in shown and url(tenure) not in shown
    assert client.get(url(tenure)).status_code == 403
    assert client.post(url(tenure), {"user": alex.pk}).status_code == 403
    assert client.post(url(tenure, "unlink/")).status_code == 403
    assert Director.objects.get().user == alex


def test_people_outside_the_team_are_refused(client, tenure, team, funder, outsider, alex):
    for person in (funder, outsider, alex):
        client.force_login(person)
        assert client.get(url(tenure)).status_code == 403, person
        assert client.post(url(tenure), {"user": alex.pk}).status_code == 403, person
        assert client.post(url(tenure, "unlink/")).status_code == 403, person
    client.logout()
    assert client.get(url(tenure)).url.startswith("/account/sign-in/")
    assert client.get(url(tenure, "unlink/")).status_code == 405
    assert Director.objects.get().user is None


@pytest.mark.parametrize("items", [1, 3])
def test_the_link_page_takes_the_same_queries_for_1_or_3(
    client, tenure, team, programme, django_assert_num_queries, items
):
    for place in range(items):
        alumnus_of(programme, full_name=f"Alumnus {place}")
    client.force_login(team)
    client.get(url(tenure))
    with django_assert_num_queries(5):
        client.get(url(tenure))


def test_verifying_an_appointment_leaves_the_register_alone(today, team, programme, dee):
    """The team links by hand: a verified DCS post adds no tenure and changes no link."""
    TenureFactory(director__name="Director Q")
    post = AppointmentFactory(person=dee, programme=programme)

    def register():
        return (
            list(Tenure.objects.values()),
            list(Director.objects.values()),
            Tenure.history.count() + Director.history.count(),
        )

    before = register()
    appointments.verify(appointment=post, version=post.version, by=team)
    assert register() == before
