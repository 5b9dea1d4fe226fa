"""Pages and downloads that show personal data are never kept by a browser or a proxy."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import IntakeFactory, SubmittedApplicationFactory
from upon.service.middleware import security_headers

pytestmark = pytest.mark.django_db

NO_STORE = "no-store, private"


@pytest.fixture
def application(team_member, authorities):
    return SubmittedApplicationFactory(intake=IntakeFactory(programme=team_member.programme))


def test_a_team_list_is_not_stored(client, team_member, application):
    client.force_login(team_member)
    response = client.get(reverse("recruitment:intake_applications", args=[application.intake.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_an_application_is_not_stored(client, team_member, application):
    client.force_login(team_member)
    response = client.get(reverse("recruitment:application_detail", args=[application.reference]))
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_a_csv_export_is_not_stored(client, team_member, application):
    client.force_login(team_member)
    response = client.get(reverse("recruitment:export_csv", args=[application.intake.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == NO_STORE


def test_a_static_file_keeps_its_caching(client, team_member):
    client.force_login(team_member)
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_public_page_for_someone_signed_out_may_be_cached(client):
    response = client.get("/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_an_attachment_is_not_stored_even_for_someone_signed_out():
    request = RequestFactory().get("/")

    def view(request):
        response = HttpResponse("a,b")
        response["Content-Disposition"] = 'attachment; filename="a.csv"'
        return response

    assert security_headers(view)(request)["Cache-Control"] == NO_STORE


def test_a_view_that_set_its_own_caching_keeps_it(client, team_member):
    request = RequestFactory().get("/")
    request.user = team_member

    def view(request):
        response = HttpResponse("ok")
        response["Cache-Control"] = "max-age=60"
        return response

    assert security_headers(view)(request)["Cache-Control"] == "max-age=60"
