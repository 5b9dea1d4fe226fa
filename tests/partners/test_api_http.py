"""The partner API's answers to what a request gets wrong: JSON, never a page and never a 5xx."""

import datetime

import pytest
from django.urls import reverse

from tests.partners.conftest import bearer
from upon.partners import services

pytestmark = pytest.mark.django_db
YEARS = "/api/v1/register/years"


@pytest.mark.parametrize(
    "headers, detail",
    [
        ({}, "Send a token the programme lead issued, as Authorization: Bearer <token>"),
        ({"HTTP_AUTHORIZATION": "Basic dXNlcjpwYXNz"}, None),
        (bearer("upon_00000000_" + "a" * 43), services.UNKNOWN),
        (bearer("nonsense"), services.UNKNOWN),
    ],
)
def test_no_token_or_an_unknown_one_is_401_in_json(client, issued, now, headers, detail):
    response = client.get(YEARS, **headers)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["WWW-Authenticate"] == 'Bearer realm="upon"'
    expected = detail or "Send a token the programme lead issued, as Authorization: Bearer <token>"
    assert response.json() == {"detail": expected}


def test_a_revoked_token_is_401(client, issued, lead, now):
    assert client.get(YEARS, **bearer(issued.secret)).status_code == 200
    services.revoke_token(token=issued.token, by=lead, now=now)
    response = client.get(YEARS, **bearer(issued.secret))
    assert (response.status_code, response.json()) == (401, {"detail": services.REVOKED})


def test_the_lead_signed_in_is_not_a_token(client, lead, now):
    client.force_login(lead)
    assert client.get(YEARS).status_code == 401


@pytest.mark.parametrize(
    "query", ["from_year=abc", "from_year=1800", "to_year=99999999999999999999", "from_year="]
)
def test_a_bad_query_is_422_in_json(client, issued, now, query):
    response = client.get(f"{YEARS}?{query}", **bearer(issued.secret))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:2] == ["query", query.split("=")[0]]


def test_a_basis_other_than_the_two_is_422(client, issued, now):
    response = client.get("/api/v1/register/tenure?basis=region", **bearer(issued.secret))
    assert response.status_code == 422


def test_an_unknown_address_is_404_in_json(client, issued, now):
    response = client.get("/api/v1/register/nothing", **bearer(issued.secret))
    assert response.status_code == 404
    assert response.json() == {
        "detail": "No such address in the partner API: see /api/v1/openapi.json"
    }


def test_the_openapi_description_is_public(client, db):
    response = client.get(reverse("partners:openapi-json"))
    assert response.status_code == 200
    body = response.json()
    assert body["info"]["title"] == "Upon partner API"
    assert sorted(body["paths"]) == [
        "/api/v1/programme/funnel",
        "/api/v1/programme/grant",
        "/api/v1/programme/reports",
        "/api/v1/register/tenure",
        "/api/v1/register/years",
    ]
    assert body["components"]["securitySchemes"] == {
        "BearerToken": {"type": "http", "scheme": "bearer"}
    }


def test_each_token_has_its_own_rate_limit_then_429_with_retry_after(
    client, issued, partner, lead, now, settings, time_machine
):
    settings.PARTNER_API_RATE = "2/min"
    other = services.issue_token(partner=partner, name="Second", by=lead, now=now)
    assert [client.get(YEARS, **bearer(issued.secret)).status_code for _ in range(2)] == [200, 200]
    refused = client.get(YEARS, **bearer(issued.secret))
    assert refused.status_code == 429
    assert refused.json() == {"detail": "Too many requests."}
    assert refused["Retry-After"] == "60"
    # Another token of the same partner has its own allowance.
    assert client.get(YEARS, **bearer(other.secret)).status_code == 200
    time_machine.move_to(now + datetime.timedelta(seconds=30), tick=False)
    after_half = client.get(YEARS, **bearer(issued.secret))
    assert (after_half.status_code, after_half["Retry-After"]) == (429, "30")
    time_machine.move_to(now + datetime.timedelta(seconds=60), tick=False)
    assert client.get(YEARS, **bearer(issued.secret)).status_code == 200


def test_an_unknown_token_is_refused_before_any_rate_is_counted(client, issued, now, settings):
    settings.PARTNER_API_RATE = "1/min"
    for _ in range(3):
        assert client.get(YEARS, **bearer("upon_00000000_" + "a" * 43)).status_code == 401
    assert client.get(YEARS, **bearer(issued.secret)).status_code == 200
