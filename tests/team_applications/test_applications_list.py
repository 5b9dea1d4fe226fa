import pytest
from django.urls import reverse

from tests.factories import (
    ApplicationFactory,
    EndorsementFactory,
    IntakeFactory,
    SubmittedApplicationFactory,
    UserFactory,
)
from upon.organisations.models import Region
from upon.recruitment.models import ApplicationStatus, EndorsementStatus, Sector
from upon.reporting.models import MonitoringResponse

pytestmark = pytest.mark.django_db


def url(intake, query=""):
    return reverse("recruitment:intake_applications", args=[intake.pk]) + query


def references(response):
    return [application.reference for application in response.context["page"].object_list]


@pytest.fixture
def four(intake, at, authorities):
    """Three submitted applications in different states and one draft."""
    a1 = SubmittedApplicationFactory(
        intake=intake,
        reference="UP-0001",
        applicant=UserFactory(email="amara@council.example", full_name="Amara Okafor"),
        job_title="Head of Early Help",
        region=Region.LONDON,
        sector=Sector.LOCAL_GOVERNMENT,
        submitted_at=at(1),
    )
    EndorsementFactory(application=a1, status=EndorsementStatus.ENDORSED)
    a2 = SubmittedApplicationFactory(
        intake=intake,
        reference="UP-0002",
        applicant=UserFactory(email="ben@school.example", full_name="Ben Carter"),
        job_title="Assistant Director, Education",
        region=Region.NORTH_WEST,
        sector=Sector.EDUCATION,
        status=ApplicationStatus.SHORTLISTED,
        submitted_at=at(2),
    )
    EndorsementFactory(application=a2, status=EndorsementStatus.REQUESTED)
    SubmittedApplicationFactory(
        intake=intake,
        reference="UP-0003",
        applicant=UserFactory(email="chloe@trust.example", full_name="Chloe Dunn"),
        job_title="Service Manager",
        region=Region.LONDON,
        sector=Sector.HEALTH,
        status=ApplicationStatus.WITHDRAWN,
        submitted_at=at(3),
    )
    ApplicationFactory(
        intake=intake,
        reference="UP-0004",
        applicant=UserFactory(email="dev@example.org", full_name="Dev Patel"),
    )


# Who may see the list.


def test_team_member_of_the_programme_sees_every_application_newest_submitted_first(
    client, team_member, intake, four
):
    SubmittedApplicationFactory(reference="UP-9999")  # another programme's intake
    client.force_login(team_member)
    response = client.get(url(intake))
    assert response.status_code == 200
    assert references(response) == ["UP-0001", "UP-0002", "UP-0003", "UP-0004"]
    assert "Showing 1 to 4 of 4 applications" in response.content.decode()


def test_team_member_of_another_programme_gets_404(client, other_team_member, intake, four):
    client.force_login(other_team_member)
    assert client.get(url(intake)).status_code == 404


def test_person_not_on_any_team_gets_403(client, outsider, intake):
    client.force_login(outsider)
    assert client.get(url(intake)).status_code == 403


def test_anonymous_person_is_sent_to_sign_in(client, intake):
    response = client.get(url(intake))
    assert response.status_code == 302
    assert response["Location"] == f"/account/sign-in/?next=/team/intakes/{intake.pk}/applications/"


# Filters and search.


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=submitted&status=shortlisted", ["UP-0001", "UP-0002"]),
        ("?status=draft", ["UP-0004"]),
        (f"?region={Region.LONDON}", ["UP-0001", "UP-0003"]),
        ("?sector=education", ["UP-0002"]),
        ("?endorsement=none", ["UP-0003", "UP-0004"]),
        ("?endorsement=endorsed", ["UP-0001"]),
        ("?endorsement=requested", ["UP-0002"]),
        (f"?region={Region.LONDON}&status=withdrawn", ["UP-0003"]),
        ("?q=okafor", ["UP-0001"]),
        ("?q=EARLY+help", ["UP-0001"]),
        ("?q=ben%40school", ["UP-0002"]),
        ("?q=%40trust", ["UP-0003"]),
        # Without an @, email addresses are not searched: "council" is only in Amara's email.
        ("?q=council", []),
        ("?q=up-0003", ["UP-0003"]),
        ("?q=+patel+", ["UP-0004"]),
        ("?q=director", ["UP-0002"]),
        ("?q=nobody", []),
        ("?q=&region=&sector=&endorsement=", ["UP-0001", "UP-0002", "UP-0003", "UP-0004"]),
    ],
)
def test_filters_and_search_give_exactly_the_matching_applications(
    client, team_member, intake, four, query, expected
):
    client.force_login(team_member)
    response = client.get(url(intake, query))
    assert references(response) == expected


def test_no_matches_says_so(client, team_member, intake, four):
    client.force_login(team_member)
    content = client.get(url(intake, "?q=nobody")).content.decode()
    assert "No applications match these filters" in content
    assert "Showing" not in content


def test_filters_stay_selected_on_the_page(client, team_member, intake, four):
    client.force_login(team_member)
    content = client.get(url(intake, "?status=withdrawn&q=Dunn&sector=health")).content.decode()
    assert 'name="status" type="checkbox" value="withdrawn" checked' in content
    assert 'name="q" value="Dunn"' in content
    assert '<option value="health" selected>' in content


def test_reused_filter_markup_follows_each_request_filters(client, team_member, intake, four):
    # The fields' HTML is cached per set of filters: one set must never leak into another.
    client.force_login(team_member)
    health = client.get(url(intake, "?sector=health")).content.decode()
    plain = client.get(url(intake)).content.decode()
    again = client.get(url(intake, "?sector=health")).content.decode()
    assert '<option value="health" selected>' in health
    assert '<option value="health" selected>' not in plain
    assert '<option value="" selected>Any sector</option>' in plain
    assert '<option value="health" selected>' in again
    bad = client.get(url(intake, "?region=E99999999")).content.decode()
    assert 'id="id_region-error"' in bad
    assert 'id="id_region-error"' not in client.get(url(intake)).content.decode()


def test_a_tampered_filter_shows_an_error_and_the_other_filters_still_apply(
    client, team_member, intake, four
):
    client.force_login(team_member)
    response = client.get(url(intake, "?region=E99999999&sector=health&status=nonsense"))
    content = response.content.decode()
    assert references(response) == ["UP-0003"]
    assert "<title>Error: Applications" in content
    assert '<a href="#id_region">Select a region from the list</a>' in content
    assert '<a href="#id_status_0">Select a status from the list</a>' in content


def test_table_rows_show_the_application(client, team_member, intake, four):
    client.force_login(team_member)
    content = client.get(url(intake, "?q=UP-0001")).content.decode()
    detail = reverse("recruitment:application_detail", args=["UP-0001"])
    assert f'<a class="govuk-link" href="{detail}">UP-0001</a>' in content
    for text in [
        "Amara Okafor",
        "Head of Early Help",
        "London",
        "Local government children&#x27;s services",
        "Endorsed",
        '<strong class="govuk-tag govuk-tag--blue">Submitted</strong>',
        "9 Mar 2026",
    ]:
        assert text in content


def test_equality_monitoring_answers_are_not_in_the_list(client, team_member, intake, four):
    from upon.recruitment.models import Application

    MonitoringResponse.objects.create(
        application=Application.objects.get(reference="UP-0001"),
        ethnicity="white_roma",
        religion="sikh",
        sexual_orientation="bisexual",
        age_band="55_64",
    )
    client.force_login(team_member)
    content = client.get(url(intake)).content.decode()
    for label in ["White: Roma", "Sikh", "Bisexual", "55 to 64"]:
        assert label not in content


# htmx: the filter form swaps only the results.


def test_htmx_request_gets_only_the_results(client, team_member, intake, four):
    client.force_login(team_member)
    response = client.get(url(intake, "?sector=education"), headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.startswith('<div id="application-results">')
    assert "<html" not in content
    assert "Showing 1 to 1 of 1 application" in content
    assert "HX-Request" in response["Vary"]


# Pagination.


@pytest.fixture
def twenty_seven(intake, at, authorities):
    for n in range(27):
        SubmittedApplicationFactory(
            intake=intake, reference=f"UP-{n + 1:04d}", submitted_at=at(n + 1)
        )


def test_pages_of_25(client, team_member, intake, twenty_seven):
    client.force_login(team_member)
    first = client.get(url(intake))
    assert references(first) == [f"UP-{n:04d}" for n in range(1, 26)]
    assert "Showing 1 to 25 of 27 applications" in first.content.decode()
    second = client.get(url(intake, "?page=2"))
    assert references(second) == ["UP-0026", "UP-0027"]
    assert "Showing 26 to 27 of 27 applications" in second.content.decode()


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("1", [f"UP-{n:04d}" for n in range(1, 26)]),
        ("2", ["UP-0026", "UP-0027"]),
        ("99", ["UP-0026", "UP-0027"]),
        ("99999999999999999999", ["UP-0026", "UP-0027"]),  # past any OFFSET the database holds
        ("abc", [f"UP-{n:04d}" for n in range(1, 26)]),
    ],
)
def test_a_search_pages_and_counts_like_the_full_list(
    client, team_member, intake, twenty_seven, page, expected
):
    # A search counts its matches in the same query as the page (a window count).
    client.force_login(team_member)
    response = client.get(url(intake, f"?q=up-00&page={page}"))
    assert references(response) == expected
    assert "of 27 applications" in response.content.decode()


def test_a_search_matching_nothing_says_so(client, team_member, intake, twenty_seven):
    client.force_login(team_member)
    content = client.get(url(intake, "?q=zzzz&page=3")).content.decode()
    assert "No applications match these filters" in content


def test_page_links_keep_the_filters(client, team_member, intake, twenty_seven):
    client.force_login(team_member)
    content = client.get(url(intake, "?sector=local_government&q=UP")).content.decode()
    assert 'href="?sector=local_government&amp;q=UP&amp;page=2" rel="next"' in content
    assert 'href="?sector=local_government&amp;q=UP&amp;page=2" aria-label="Page 2"' in content
    export = reverse("recruitment:export_csv", args=[intake.pk])
    assert f'href="{export}?sector=local_government&amp;q=UP"' in content


def test_a_page_number_past_the_end_shows_the_last_page(client, team_member, intake, twenty_seven):
    client.force_login(team_member)
    assert references(client.get(url(intake, "?page=99"))) == ["UP-0026", "UP-0027"]


# Query count does not grow with the rows.


def _make(intake, count):
    for _ in range(count):
        application = SubmittedApplicationFactory(intake=intake)
        EndorsementFactory(application=application)
    ApplicationFactory(intake=IntakeFactory())  # someone else's, not counted


@pytest.mark.parametrize("count", [1, 3])
def test_query_count_is_the_same_for_1_and_3_applications(
    client, team_member, intake, authorities, django_assert_num_queries, count
):
    _make(intake, count)
    client.force_login(team_member)
    # session, user, roles, intake, the page's ids with the count of all matches, the page's
    # rows with their joins.
    with django_assert_num_queries(6):
        response = client.get(url(intake, "?q=ADCS&status=submitted"))
    assert len(references(response)) == count


@pytest.mark.parametrize("count", [1, 3])
def test_query_count_without_a_search_is_the_same_for_1_and_3_applications(
    client, team_member, intake, authorities, django_assert_num_queries, count
):
    _make(intake, count)
    client.force_login(team_member)
    # session, user, roles, intake, COUNT from the index, the page's ids, the page's rows.
    with django_assert_num_queries(7):
        response = client.get(url(intake, "?status=submitted"))
    assert len(references(response)) == count


@pytest.mark.parametrize(("query", "count"), [("%", 0), ("_", 0), ("up-0\\", 0), ("P-002", 8)])
def test_wildcards_in_a_search_are_taken_literally(
    client, team_member, intake, twenty_seven, query, count
):
    client.force_login(team_member)
    response = client.get(url(intake, ""), {"q": query})
    assert len(references(response)) == count
