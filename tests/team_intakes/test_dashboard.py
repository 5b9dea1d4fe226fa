import pytest

from tests.charts import chart_ids, drawn_chart
from tests.factories import (
    ApplicationFactory,
    EndorsementFactory,
    IntakeFactory,
    SubmittedApplicationFactory,
)
from tests.team_intakes.conftest import sign_in_url
from upon.organisations.models import Region
from upon.recruitment.intakes import CountRow, FunnelStage, dashboard_counts
from upon.recruitment.models import ApplicationStatus, EndorsementStatus, Sector

pytestmark = pytest.mark.django_db


def url(intake) -> str:
    return f"/team/intakes/{intake.pk}/"


@pytest.fixture
def applications(intake):
    """Six applications to the intake, one to another intake that must not be counted."""
    made = [
        ApplicationFactory(
            intake=intake,
            status=ApplicationStatus.SUBMITTED,
            region=Region.LONDON,
            sector=Sector.LOCAL_GOVERNMENT,
        ),
        ApplicationFactory(
            intake=intake,
            status=ApplicationStatus.SUBMITTED,
            region=Region.LONDON,
            sector=Sector.HEALTH,
        ),
        ApplicationFactory(
            intake=intake,
            status=ApplicationStatus.SHORTLISTED,
            region=Region.NORTH_EAST,
            sector=Sector.LOCAL_GOVERNMENT,
        ),
        ApplicationFactory(intake=intake, status=ApplicationStatus.DRAFT),
        ApplicationFactory(intake=intake, status=ApplicationStatus.DRAFT),
        ApplicationFactory(
            intake=intake,
            status=ApplicationStatus.WITHDRAWN,
            region=Region.SOUTH_WEST,
            sector=Sector.OTHER,
        ),
    ]
    EndorsementFactory(application=made[0], status=EndorsementStatus.ENDORSED)
    EndorsementFactory(application=made[1], status=EndorsementStatus.ENDORSED)
    EndorsementFactory(application=made[2], status=EndorsementStatus.REQUESTED)
    EndorsementFactory(application=made[3], status=EndorsementStatus.NOT_REQUESTED)
    ApplicationFactory(status=ApplicationStatus.SUBMITTED, region=Region.LONDON)
    return made


def test_counts_cover_every_status_region_sector_and_endorsement_with_zeros(intake, applications):
    counts = dashboard_counts(intake)
    assert counts.total == 6
    assert counts.by_status == [
        CountRow("draft", "Draft", 2),
        CountRow("submitted", "Submitted", 2),
        CountRow("withdrawn", "Withdrawn", 1),
        CountRow("shortlisted", "Shortlisted", 1),
        CountRow("reserve", "Reserve", 0),
        CountRow("offered", "Offered a place", 0),
        CountRow("accepted", "Accepted", 0),
        CountRow("declined", "Declined offer", 0),
        CountRow("unsuccessful", "Unsuccessful", 0),
    ]
    assert counts.by_region == [
        CountRow("E12000001", "North East", 1),
        CountRow("E12000002", "North West", 0),
        CountRow("E12000003", "Yorkshire and The Humber", 0),
        CountRow("E12000004", "East Midlands", 0),
        CountRow("E12000005", "West Midlands", 0),
        CountRow("E12000006", "East of England", 0),
        CountRow("E12000007", "London", 2),
        CountRow("E12000008", "South East", 0),
        CountRow("E12000009", "South West", 1),
        CountRow("", "Not given", 2),
    ]
    assert counts.by_sector == [
        CountRow("local_government", "Local government children's services", 2),
        CountRow("health", "Health", 1),
        CountRow("education", "Education", 0),
        CountRow("voluntary", "Voluntary or community sector", 0),
        CountRow("private", "Private sector", 0),
        CountRow("central_government", "Central government", 0),
        CountRow("other", "Other", 1),
        CountRow("", "Not given", 2),
    ]
    assert counts.by_endorsement == [
        CountRow("not_requested", "Not requested", 1),
        CountRow("requested", "Waiting for sponsor", 1),
        CountRow("endorsed", "Endorsed", 2),
        CountRow("declined", "Not supported", 0),
        CountRow("expired", "Link expired", 0),
        CountRow("", "No sponsor named", 2),
    ]


def test_an_intake_without_applications_counts_zero_everywhere(intake):
    counts = dashboard_counts(intake)
    assert counts.total == 0
    for rows in (counts.by_status, counts.by_region, counts.by_sector, counts.by_endorsement):
        assert {row.count for row in rows} == {0}


def test_team_member_sees_counts_linked_to_the_filtered_applications_list(
    client, team_member, intake, applications
):
    client.force_login(team_member)
    response = client.get(url(intake))
    assert response.context["counts"] == dashboard_counts(intake)
    page = response.content.decode()
    listing = f"/team/intakes/{intake.pk}/applications/"
    assert f'<a class="govuk-link" href="{listing}?status=submitted">Submitted</a>' in page
    assert f'<a class="govuk-link" href="{listing}?region=E12000007">London</a>' in page
    assert f'<a class="govuk-link" href="{listing}?sector=health">Health</a>' in page
    assert f'<a class="govuk-link" href="{listing}?endorsement=endorsed">Endorsed</a>' in page
    assert f'href="{listing}">All applications (6)</a>' in page
    assert f'href="/team/intakes/{intake.pk}/edit/"' in page
    # Only the programme lead reaches the equality report.
    assert "/equality/" not in page


def test_programme_lead_also_gets_the_equality_report_link(client, lead, intake):
    client.force_login(lead)
    page = client.get(url(intake)).content.decode()
    assert f'href="/team/intakes/{intake.pk}/equality/">Equality monitoring report</a>' in page


def test_another_programmes_team_member_gets_not_found(client, other_team_member, intake):
    client.force_login(other_team_member)
    assert client.get(url(intake)).status_code == 404


def test_someone_outside_any_team_is_forbidden(client, outsider, intake):
    client.force_login(outsider)
    assert client.get(url(intake)).status_code == 403


def test_anonymous_people_are_asked_to_sign_in(client, intake):
    assert client.get(url(intake)).url == sign_in_url(url(intake))


def test_unknown_intake_is_not_found(client, team_member):
    client.force_login(team_member)
    assert client.get("/team/intakes/999999/").status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_dashboard_query_count_does_not_grow(client, team_member, django_assert_num_queries, n):
    intake = IntakeFactory(programme=team_member.programme)
    for i, application in enumerate(ApplicationFactory.create_batch(n, intake=intake)):
        application.region = list(Region)[i]
        application.save()
        EndorsementFactory(application=application)
    client.force_login(team_member)
    # Session, user, roles, intake, then one query each for status, region, sector, endorsement.
    with django_assert_num_queries(8):
        response = client.get(url(intake))
    assert response.context["counts"].total == n


@pytest.fixture
def year(intake):
    """Thirteen applications at every point of the year: two drafts, one draft withdrawn
    before it was sent, and ten sent (one withdrawn since)."""
    statuses = {
        ApplicationStatus.SUBMITTED: 2,
        ApplicationStatus.WITHDRAWN: 1,
        ApplicationStatus.SHORTLISTED: 1,
        ApplicationStatus.RESERVE: 1,
        ApplicationStatus.OFFERED: 1,
        ApplicationStatus.ACCEPTED: 2,
        ApplicationStatus.DECLINED: 1,
        ApplicationStatus.UNSUCCESSFUL: 1,
    }
    for status, n in statuses.items():
        SubmittedApplicationFactory.create_batch(n, intake=intake, status=status)
    ApplicationFactory.create_batch(2, intake=intake, status=ApplicationStatus.DRAFT)
    ApplicationFactory(intake=intake, status=ApplicationStatus.WITHDRAWN)
    SubmittedApplicationFactory(status=ApplicationStatus.ACCEPTED)  # another intake's


def test_the_funnel_counts_each_stage_by_where_applications_are_now(intake, year):
    assert dashboard_counts(intake).funnel == [
        FunnelStage("Started", 13),
        FunnelStage("Submitted", 10),
        FunnelStage("Shortlisted", 5),
        FunnelStage("Offered a place", 4),
        FunnelStage("Accepted a place", 2),
    ]


def test_the_dashboard_draws_the_funnel_with_its_table(client, team_member, intake, year):
    client.force_login(team_member)
    page = client.get(url(intake)).content.decode()
    assert chart_ids(page) == ["funnel-chart"]
    funnel = drawn_chart(page, "funnel-chart")
    assert funnel.title == "Applications at each stage"
    assert funnel.summary == (
        "Bar chart: of 13 applications started, 10 were submitted, 5 shortlisted, 4 offered a "
        "place and 2 accepted a place. The table below gives the same figures."
    )
    assert [(row.label, row.texts) for row in funnel.rows] == [
        ("Started", ("13",)),
        ("Submitted", ("10",)),
        ("Shortlisted", ("5",)),
        ("Offered a place", ("4",)),
        ("Accepted a place", ("2",)),
    ]
    assert (
        '<th scope="row" class="govuk-table__header">Offered a place</th>\n'
        '      <td class="govuk-table__cell govuk-table__cell--numeric">4</td>'
    ) in page
