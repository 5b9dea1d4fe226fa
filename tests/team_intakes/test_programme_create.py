import pytest

from tests.factories import ProgrammeFactory
from tests.team_intakes.conftest import sign_in_url
from upon.accounts.models import Role, RoleAssignment
from upon.programmes.models import Programme

pytestmark = pytest.mark.django_db

URL = "/team/programmes/new/"
DATA = {
    "name": "Aspiring Directors of Children's Services",
    "slug": "",
    "summary": "A year of development for senior leaders.",
    "description": "Eight taught days.",
}


def test_team_member_creates_a_programme_and_becomes_its_team_and_lead(client, team_member):
    client.force_login(team_member)
    response = client.post(URL, DATA)
    assert response.status_code == 302
    assert response.url == "/team/intakes/"
    programme = Programme.objects.get(name=DATA["name"])
    assert (programme.slug, programme.summary, programme.description) == (
        "aspiring-directors-of-childrens-services",
        "A year of development for senior leaders.",
        "Eight taught days.",
    )
    assert set(
        RoleAssignment.objects.filter(programme=programme).values_list("user", "role", "granted_by")
    ) == {
        (team_member.pk, Role.PROGRAMME_TEAM, team_member.pk),
        (team_member.pk, Role.PROGRAMME_LEAD, team_member.pk),
    }


def test_a_made_up_slug_that_is_taken_gets_a_number(client, team_member):
    ProgrammeFactory(slug="aspiring-directors-of-childrens-services")
    client.force_login(team_member)
    client.post(URL, DATA)
    assert Programme.objects.get(name=DATA["name"]).slug == (
        "aspiring-directors-of-childrens-services-2"
    )


def test_a_chosen_slug_that_is_taken_is_refused_and_the_answers_kept(client, team_member):
    ProgrammeFactory(slug="adcs")
    client.force_login(team_member)
    response = client.post(URL, {**DATA, "slug": "adcs"})
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        '<a href="#id_slug">A programme already uses this web address name; enter a different '
        "one</a>" in page
    )
    assert 'value="Aspiring Directors of Children&#x27;s Services"' in page
    assert Programme.objects.filter(name=DATA["name"]).exists() is False


def test_missing_name_and_summary_are_explained(client, team_member):
    client.force_login(team_member)
    page = client.post(URL, {"name": "", "summary": ""}).content.decode()
    assert '<a href="#id_name">Enter the programme name</a>' in page
    assert '<a href="#id_summary">Enter a summary of the programme</a>' in page
    assert "<title>Error: Create a programme" in page


def test_someone_outside_any_team_cannot_create_a_programme(client, outsider):
    client.force_login(outsider)
    assert client.get(URL).status_code == 403
    assert client.post(URL, DATA).status_code == 403
    assert Programme.objects.filter(name=DATA["name"]).exists() is False


def test_anonymous_people_are_asked_to_sign_in(client):
    assert client.post(URL, DATA).url == sign_in_url(URL)
    assert Programme.objects.filter(name=DATA["name"]).exists() is False


def test_creating_a_programme_tells_every_app_of_both_roles_as_a_single_grant_does(team_member):
    from upon.accounts import services
    from upon.accounts.signals import role_granted
    from upon.recruitment import intakes

    heard = []

    def listen(sender, **kwargs):
        heard.append((sender, *(kwargs[k] for k in ("user", "role", "programme", "intake"))))

    role_granted.connect(listen)
    try:
        programme = intakes.create_programme(
            name="Bulk", summary="Two roles at once.", created_by=team_member
        )
        single = ProgrammeFactory()
        services.grant_role(user=team_member, role=Role.PROGRAMME_TEAM, programme=single)
    finally:
        role_granted.disconnect(listen)
    assert heard == [
        (RoleAssignment, team_member, Role.PROGRAMME_TEAM, programme, None),
        (RoleAssignment, team_member, Role.PROGRAMME_LEAD, programme, None),
        (RoleAssignment, team_member, Role.PROGRAMME_TEAM, single, None),
    ]
