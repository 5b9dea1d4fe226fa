import pytest
from django.urls import reverse

from tests.factories import (
    ApplicationFactory,
    IntakeFactory,
    RoleAssignmentFactory,
    SubmittedApplicationFactory,
)
from upon.accounts.models import Role
from upon.recruitment.models import ApplicationStatus
from upon.reporting.algorithms.equality import Cell
from upon.reporting.models import QUESTIONS, MonitoringResponse

pytestmark = pytest.mark.django_db

SMALL = Cell(None, None, "Fewer than 5")
PROTECTED = Cell(None, None, "Hidden to protect a small group")


@pytest.fixture
def lead(db):
    return RoleAssignmentFactory(role=Role.PROGRAMME_LEAD).user


@pytest.fixture
def intake(lead):
    return IntakeFactory(programme=lead.roles.get().programme)


def url(intake):
    return reverse("reporting:equality_report", args=[intake.pk])


def applicant(intake, *, status=ApplicationStatus.SUBMITTED, **answers):
    factory = (
        ApplicationFactory if status == ApplicationStatus.DRAFT else SubmittedApplicationFactory
    )
    application = factory(intake=intake, status=status)
    if answers:
        MonitoringResponse.objects.create(application=application, **answers)
    return application


@pytest.fixture
def applicants(intake, authorities):
    for _ in range(12):
        applicant(intake, sex="female", religion="none")
    for _ in range(3):
        applicant(intake, sex="male", religion="none")
    for _ in range(2):
        applicant(intake, status=ApplicationStatus.WITHDRAWN, sex="male", religion="none")
    applicant(intake, status=ApplicationStatus.SHORTLISTED, sex="", religion="none")
    applicant(intake, status=ApplicationStatus.DRAFT, sex="female", religion="none")
    SubmittedApplicationFactory(intake=intake)  # no monitoring response at all
    # Another intake's applicants are not counted.
    applicant(IntakeFactory(programme=intake.programme), sex="female")


def cells(response, key):
    table = next(table for table in response.context["tables"] if table.key == key)
    return [(row.label, list(row.cells)) for row in table.rows], list(table.totals)


def test_lead_sees_counts_by_stage_with_small_counts_suppressed(client, lead, intake, applicants):
    client.force_login(lead)
    response = client.get(url(intake))
    assert response.status_code == 200
    assert response.context["stages"] == [
        "Applied",
        "Shortlisted",
        "Offered a place",
        "Accepted a place",
    ]
    rows, totals = cells(response, "sex")
    # Applied: 19 (drafts left out; the two who withdrew after submitting count). Nobody has
    # been shortlisted by the panel yet, so every later stage is 0, with no percentage.
    zeros = [Cell(0, None)] * 3
    assert rows == [
        ("Female", [Cell(12, 63.2), *zeros]),
        # Not answered (2) is small, so male (5), the next smallest, is hidden too.
        ("Male", [PROTECTED, *zeros]),
        ("Prefer not to say", [Cell(0, 0.0), *zeros]),
        ("Not answered", [SMALL, *zeros]),
    ]
    assert totals == [Cell(19, 100.0), *zeros]
    rows, _ = cells(response, "religion")
    # One person gave no response at all (1, small), so the only other non-zero cell in the
    # column, however large, is hidden too: otherwise 19 - 18 would give the 1 away.
    assert rows[0] == ("No religion", [PROTECTED, *zeros])
    assert rows[-1] == ("Not answered", [SMALL, *zeros])
    assert [table.key for table in response.context["tables"]] == list(QUESTIONS)


def test_the_page_shows_fewer_than_5_and_explains_suppression(client, lead, intake, applicants):
    client.force_login(lead)
    content = client.get(url(intake)).content.decode()
    start = content.index('id="question-sex"')
    sex_table = content[start : content.index("</table>", start)]
    assert sex_table.count("Fewer than 5") == 1
    assert sex_table.count("Hidden to protect a small group") == 1
    assert ">12<" in sex_table
    assert "63.2%" in sex_table
    assert ">5<" not in sex_table
    assert ">2<" not in sex_table
    assert 'any count from 1 to 4 is shown as "Fewer than 5", with no percentage' in content
    assert 'Some other numbers say "Hidden to protect a small group"' in content


def test_team_member_who_is_not_the_lead_gets_403(client, intake, applicants):
    member = RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, programme=intake.programme).user
    client.force_login(member)
    assert client.get(url(intake)).status_code == 403


def test_lead_of_another_programme_gets_404(client, intake, applicants):
    client.force_login(RoleAssignmentFactory(role=Role.PROGRAMME_LEAD).user)
    assert client.get(url(intake)).status_code == 404


def test_person_not_on_any_team_gets_403(client, outsider, intake):
    client.force_login(outsider)
    assert client.get(url(intake)).status_code == 403


def test_the_applicant_gets_403(client, intake, applicants):
    client.force_login(intake.applications.first().applicant)
    assert client.get(url(intake)).status_code == 403


def test_anonymous_person_is_sent_to_sign_in(client, intake):
    response = client.get(url(intake))
    assert response.status_code == 302
    assert response["Location"] == f"/account/sign-in/?next={url(intake)}"


@pytest.mark.parametrize("count", [1, 3])
def test_query_count_does_not_grow_with_applicants(
    client, lead, intake, authorities, django_assert_num_queries, count
):
    for _ in range(count):
        applicant(intake, sex="female")
    client.force_login(lead)
    # session, user, roles, intake, the stage totals, every answer counted in one query.
    # 8: the read is logged (upon/reporting/equality_reads.py) and kept counts looked for.
    with django_assert_num_queries(8):
        response = client.get(url(intake))
    assert cells(response, "sex")[1][0] == SMALL
