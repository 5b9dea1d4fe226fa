"""The team's register pages: the team and lead of any programme keep the register; everyone
else (funders, outsiders) is refused; an upload is its uploader's."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.workforce.factories import TenureFactory
from upon.workforce.models import RegisterImport, Tenure

pytestmark = pytest.mark.django_db
D = datetime.date
CSV = (
    "Authority code,Authority,Director,Start date,End date,Interim or permanent,Twin hat,"
    "Shared,Reason for leaving\r\n"
)


def test_the_register_is_the_teams_of_any_programme(
    client, today, team, other_team, lead, funder, outsider, hartlepool
):
    tenure = TenureFactory(director__name="Director Q")
    for person, status in [
        (team, 200),
        (other_team, 200),
        (lead, 200),
        (funder, 403),
        (outsider, 403),
    ]:
        client.force_login(person)
        for url in [
            "/team/register/",
            f"/team/register/authorities/{hartlepool.pk}/",
            f"/team/register/tenures/{tenure.pk}/",
            "/team/register/export.csv",
        ]:
            assert client.get(url).status_code == status, (person, url)
    client.logout()
    assert client.get("/team/register/").url == "/account/sign-in/?next=/team/register/"


def test_the_register_lists_authorities_with_their_director_now(client, today, team, hartlepool):
    TenureFactory(director__name="Director Q", started_on=D(2023, 9, 4), basis="interim")
    client.force_login(team)
    response = client.get("/team/register/", {"region": "E12000001", "q": "hart"})
    assert [(a.name, [t.director.name for t in a.current]) for a in response.context["page"]] == [
        ("Hartlepool", ["Director Q"])
    ]
    assert "Director Q (interim)" in response.content.decode()
    everyone = client.get("/team/register/").context["page"]
    assert (everyone.paginator.count, len(everyone.object_list)) == (153, 25)


@pytest.mark.parametrize("items", [1, 3])
def test_the_register_and_a_history_take_the_same_queries_for_1_or_3(
    client, today, team, hartlepool, django_assert_num_queries, items
):
    for place in range(items):
        TenureFactory(
            started_on=D(2010 + place, 1, 1),
            ended_on=D(2010 + place, 12, 31),
            leaving_reason="retired",
        )
    client.force_login(team)
    client.get("/team/register/")
    with django_assert_num_queries(6):
        client.get("/team/register/")
    with django_assert_num_queries(6):
        client.get(f"/team/register/authorities/{hartlepool.pk}/")


def test_the_team_adds_a_director_with_errors_beside_the_fields(client, today, team, hartlepool):
    TenureFactory(director__name="Director Q", started_on=D(2020, 4, 1))
    client.force_login(team)
    url = f"/team/register/authorities/{hartlepool.pk}/add/"
    form = {
        "name": "Director R",
        "started_on_0": "1",
        "started_on_1": "5",
        "started_on_2": "2024",
        "basis": "permanent",
        "twin_hat": "False",
        "shared": "True",
    }
    response = client.post(url, form)
    assert response.context["form"].errors == {
        "started_on": [
            "Director Q led Hartlepool from 1 April 2020 and is still in post: tenures in one "
            "authority must not overlap"
        ]
    }
    assert 'value="Director R"' in response.content.decode()
    response = client.post(url, form | {"started_on_1": "12", "started_on_2": "2026"})
    assert response.context["form"].errors["started_on"] == [
        "The start date must be today or in the past"
    ]
    tenure = Tenure.objects.get(director__name="Director Q")
    end = {
        "ended_on_0": "30",
        "ended_on_1": "4",
        "ended_on_2": "2024",
        "leaving_reason": "retired",
        "version": "1",
    }
    assert client.post(f"/team/register/tenures/{tenure.pk}/end/", end).status_code == 302
    assert client.post(url, form).url == f"/team/register/authorities/{hartlepool.pk}/"
    added = Tenure.objects.get(director__name="Director R")
    assert (added.started_on, added.shared, added.history.get().history_user) == (
        D(2024, 5, 1),
        True,
        team,
    )


def test_a_change_is_shown_in_the_tenures_history_and_a_stale_one_refused(
    client, today, team, other_team, hartlepool
):
    tenure = TenureFactory(director__name="Director Q", started_on=D(2020, 4, 1))
    client.force_login(team)
    change = {
        "started_on_0": "1",
        "started_on_1": "5",
        "started_on_2": "2020",
        "basis": "interim",
        "twin_hat": "True",
        "shared": "False",
        "version": "1",
    }
    url = f"/team/register/tenures/{tenure.pk}/change/"
    assert client.post(url, change).status_code == 302
    client.force_login(other_team)
    assert client.post(url, change).status_code == 409
    changes = client.get(f"/team/register/tenures/{tenure.pk}/").context["changes"]
    assert [(c["record"].history_user, c["changed"]) for c in changes] == [
        (team, ["started on", "basis", "twin hat"]),
        (None, []),
    ]


def test_an_upload_is_checked_then_imported_by_its_uploader_only(
    client, today, team, other_team, hartlepool
):
    client.force_login(team)
    bad = SimpleUploadedFile("register.pdf", b"%PDF-1.7")
    response = client.post("/team/register/import/", {"file": bad})
    assert response.context["form"].errors == {"file": ["The selected file must be a CSV or XLSX"]}
    good = CSV + "E06000001,Hartlepool,Director Q,2020-04-01,,Permanent,No,No,\r\n"
    response = client.post(
        "/team/register/import/", {"file": SimpleUploadedFile("register.csv", good.encode())}
    )
    record = RegisterImport.objects.get()
    assert response.url == f"/team/register/import/{record.pk}/"
    client.force_login(other_team)
    assert client.get(response.url).status_code == 404
    assert client.post(response.url).status_code == 404
    client.force_login(team)
    assert client.get(response.url).context["checked"].rows == 1
    assert Tenure.objects.count() == 0
    assert client.post(response.url).url == "/team/register/"
    record.refresh_from_db()
    assert (record.created, Tenure.objects.get().director.name) == (1, "Director Q")
