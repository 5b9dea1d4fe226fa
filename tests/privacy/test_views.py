"""The privacy pages: the notice, and the programme lead's subject access export and erasure,
with who may use them (the full matrix is in tests/permissions)."""

import datetime
import io
import json
import zipfile

import pytest
from django.urls import reverse

from tests.factories import (
    RoleAssignmentFactory,
    SubmittedApplicationFactory,
    UserFactory,
)
from upon.accounts.models import Role
from upon.privacy.models import PersonalDataRequest, RequestKind
from upon.reporting.models import EqualityRead

pytestmark = pytest.mark.django_db
NOON = datetime.datetime(2026, 12, 3, 12, tzinfo=datetime.UTC)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(NOON, tick=False)


@pytest.fixture
def lead(db):
    return RoleAssignmentFactory(role=Role.PROGRAMME_LEAD, user__full_name="Lee Lead").user


@pytest.fixture
def programme(lead):
    return lead.roles.get().programme


@pytest.fixture
def applicant(programme, authorities):
    application = SubmittedApplicationFactory(
        intake__programme=programme, applicant__full_name="Ada Applicant"
    )
    return application.applicant


def test_the_notice_shows_the_retention_periods_set(client, settings):
    settings.RETENTION_UNSUCCESSFUL_MONTHS = 18
    settings.RETENTION_EQUALITY_MONTHS = 1
    page = client.get(reverse("privacy:notice")).content.decode()
    assert "Applications that did not lead to a place on the programme" in page
    assert "18 months" in page
    assert "1 month<" in page
    assert "What is your ethnic group?" in page


def test_every_page_links_the_notice_from_its_footer(client):
    page = client.get(reverse("start")).content.decode()
    assert f'href="{reverse("privacy:notice")}">Privacy notice</a>' in page


def test_the_lead_finds_a_person_of_their_programme_by_email(client, lead, programme, applicant):
    client.force_login(lead)
    url = reverse("privacy:programme", args=[programme.pk])
    page = client.get(url, {"email": applicant.email.upper()}).content.decode()
    assert reverse("privacy:person", args=[applicant.pk]) in page
    stranger = UserFactory()
    page = client.get(url, {"email": stranger.email}).content.decode()
    assert "Nobody with that email address has applied" in page


def test_an_address_not_written_as_one_is_refused_next_to_the_field(client, lead, programme):
    client.force_login(lead)
    response = client.get(reverse("privacy:programme", args=[programme.pk]), {"email": "ada"})
    page = response.content.decode()
    assert "Enter an email address in the correct format, like name@example.com" in page
    assert 'value="ada"' in page


def test_the_lead_downloads_a_persons_data_and_it_is_logged(client, clock, lead, applicant):
    client.force_login(lead)
    response = client.post(reverse("privacy:export", args=[applicant.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="subject-access-{applicant.pk}-2026-12-03.zip"'
    )
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert json.loads(archive.read("account.json"))["full_name"] == "Ada Applicant"
    logged = PersonalDataRequest.objects.get()
    assert (logged.kind, logged.person, logged.done_by, logged.done_at) == (
        RequestKind.EXPORT,
        applicant,
        lead,
        NOON,
    )


def test_a_post_not_from_the_check_page_erases_nothing(client, lead, applicant):
    client.force_login(lead)
    url = reverse("privacy:erase", args=[applicant.pk])
    response = client.post(url)
    assert (response.status_code, response.url) == (302, url)
    response = client.post(url, {"checked": str(applicant.pk + 1)})
    assert (response.status_code, response.url) == (302, url)
    applicant.refresh_from_db()
    assert applicant.full_name == "Ada Applicant"
    assert PersonalDataRequest.objects.count() == 0


def test_the_lead_erases_a_person_after_the_check_page(client, lead, programme, applicant):
    client.force_login(lead)
    url = reverse("privacy:erase", args=[applicant.pk])
    page = client.get(url).content.decode()
    assert "Are you sure you want to erase Ada Applicant?" in page
    assert f'name="checked" value="{applicant.pk}"' in page
    response = client.post(url, {"checked": str(applicant.pk)})
    assert response.url == reverse("privacy:programme", args=[programme.pk])
    applicant.refresh_from_db()
    assert (applicant.full_name, applicant.is_active) == ("Erased person", False)
    assert applicant.applications.get().full_name == ""
    assert PersonalDataRequest.objects.get().kind == RequestKind.ERASURE


@pytest.mark.parametrize("name", ["privacy:person", "privacy:erase", "privacy:export"])
def test_who_may_handle_a_persons_data(client, lead, programme, applicant, name):
    """The owner lead; another programme's lead finds nobody (404); the lead's team, an
    outsider and the applicant themselves are refused (403); signed out, sign in first."""
    url = reverse(name, args=[applicant.pk])
    other_lead = RoleAssignmentFactory(role=Role.PROGRAMME_LEAD).user
    team = RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, programme=programme).user
    refused = [(other_lead, 404), (team, 403), (UserFactory(), 403), (applicant, 403)]
    for person, status in refused:
        client.force_login(person)
        if name != "privacy:export":
            assert (person, client.get(url).status_code) == (person, status)
        assert (person, client.post(url, {"checked": applicant.pk}).status_code) == (
            person,
            status,
        )
    applicant.refresh_from_db()
    assert applicant.is_active
    assert PersonalDataRequest.objects.count() == 0
    client.logout()
    assert client.post(url).url.startswith(reverse("accounts:sign_in"))
    client.force_login(lead)
    assert client.get(url).status_code == (405 if name == "privacy:export" else 200)


def test_equality_reports_log_who_read_them_and_the_team_sees_it(
    client, clock, lead, programme, applicant
):
    intake = applicant.applications.get().intake
    client.force_login(lead)
    client.get(reverse("reporting:equality_report", args=[intake.pk]))
    client.get(reverse("reporting:adverse_impact", args=[intake.pk]))
    client.get(reverse("reporting:diversity", args=[programme.pk]))
    reads = list(EqualityRead.objects.order_by("pk").values_list("read_by", "purpose", "what"))
    assert reads == [
        (lead.pk, "The equality report", f"Equality counts of {intake}"),
        (lead.pk, "Adverse impact monitoring", f"Equality counts of {intake}"),
        (lead.pk, "Diversity through the funnel", f"Diversity through the funnel of {programme}"),
    ]
    team = RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, programme=programme).user
    client.force_login(team)
    page = client.get(reverse("privacy:equality_reads", args=[programme.pk])).content.decode()
    assert page.count("Lee Lead") == 3
    assert "Adverse impact monitoring" in page


def test_the_applicant_reading_their_own_answers_is_logged(client, programme, authorities):
    from tests.factories import ApplicationFactory

    draft = ApplicationFactory(intake__programme=programme)
    client.force_login(draft.applicant)
    client.get(reverse("reporting:monitoring_form", args=[draft.reference]))
    read = EqualityRead.objects.get()
    assert (read.read_by, read.purpose, read.programme) == (
        draft.applicant,
        "The applicant's own answers, to change them",
        programme,
    )


@pytest.mark.parametrize("count", [1, 3])
def test_the_reads_page_runs_the_same_queries_for_one_or_three(
    client, lead, programme, count, django_assert_num_queries
):
    for _ in range(count):
        EqualityRead.objects.create(
            read_by=lead, purpose="Test", what="Counts", programme=programme
        )
    client.force_login(lead)
    with django_assert_num_queries(6):
        client.get(reverse("privacy:equality_reads", args=[programme.pk]))


@pytest.mark.parametrize("count", [1, 3])
def test_the_requests_list_runs_the_same_queries_for_one_or_three(
    client, lead, programme, applicant, count, django_assert_num_queries
):
    for _ in range(count):
        PersonalDataRequest.objects.create(
            kind=RequestKind.EXPORT, person=applicant, programme=programme, done_by=lead
        )
    client.force_login(lead)
    with django_assert_num_queries(6):
        client.get(reverse("privacy:programme", args=[programme.pk]))
