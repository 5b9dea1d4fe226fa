"""The programme lead's pages: partner organisations, issuing a token (its secret shown once)
and revoking one. The lead only: the programme's team 403, another programme's lead or team 404,
someone with no team role 403, signed out to sign in."""

import pytest
from django.urls import reverse

from tests.partners.conftest import bearer
from upon.partners import services
from upon.partners.models import ApiToken, PartnerOrganisation
from upon.service.once import ALREADY_SAVED

pytestmark = pytest.mark.django_db


def submission(client, url):
    return client.get(url).context["form"]["submission"].value()


def test_the_lead_adds_a_partner(client, lead, programme, now):
    client.force_login(lead)
    url = reverse("partners:add_partner", args=[programme.pk])
    token = submission(client, url)
    response = client.post(url, {"name": "  Research   Partner ", "submission": token})
    assert response.status_code == 302
    assert response["Location"] == reverse("partners:partners", args=[programme.pk])
    saved = PartnerOrganisation.objects.get()
    assert (saved.programme, saved.name, saved.added_by, saved.added_at) == (
        programme,
        "Research Partner",
        lead,
        now,
    )
    # The same form sent again saves once.
    again = client.post(url, {"name": "Research Partner", "submission": token}, follow=True)
    assert PartnerOrganisation.objects.count() == 1
    assert ALREADY_SAVED in [str(m) for m in again.context["messages"]]


@pytest.mark.parametrize(
    "name, message",
    [
        ("", "Enter the name of the partner organisation"),
        ("   ", "Enter the name of the partner organisation"),
        ("x" * 201, "The name must be 200 characters or fewer"),
        ("RESEARCH partner", "RESEARCH partner is already a partner of Upon Programme"),
    ],
)
def test_a_partner_name_that_will_not_do_is_refused_next_to_the_field(
    client, lead, programme, partner, name, message
):
    client.force_login(lead)
    url = reverse("partners:add_partner", args=[programme.pk])
    response = client.post(url, {"name": name, "submission": submission(client, url)})
    assert response.status_code == 200
    assert response.context["form"].errors == {"name": [message]}
    assert response.context["form"]["name"].value() == name
    assert "<title>Error: " in response.content.decode()
    assert PartnerOrganisation.objects.count() == 1


def test_the_lead_issues_a_token_and_sees_its_secret_once(client, lead, partner, now):
    client.force_login(lead)
    url = reverse("partners:issue_token", args=[partner.pk])
    response = client.post(url, {"name": "Dashboard", "submission": submission(client, url)})
    token = ApiToken.objects.get()
    assert response["Location"] == reverse("partners:token", args=[token.pk])
    shown = client.get(response["Location"])
    secret = shown.context["secret"]
    assert secret.startswith(f"upon_{token.prefix}_")
    assert f'value="{secret}"' in shown.content.decode()
    assert shown["Cache-Control"].startswith("max-age=0")
    assert (token.name, token.issued_by, token.issued_at, token.partner) == (
        "Dashboard",
        lead,
        now,
        partner,
    )
    # It works, and it is never shown again.
    assert client.get("/api/v1/programme/reports", **bearer(secret)).status_code == 200
    again = client.get(response["Location"])
    assert again.context["secret"] is None
    assert secret not in again.content.decode()
    assert token.prefix in again.content.decode()


def test_a_token_needs_to_say_what_it_is_for(client, lead, partner):
    client.force_login(lead)
    url = reverse("partners:issue_token", args=[partner.pk])
    response = client.post(url, {"name": " ", "submission": submission(client, url)})
    assert response.context["form"].errors == {"name": ["Enter what the token is for"]}
    assert ApiToken.objects.count() == 0


def test_the_lead_revokes_a_token(client, lead, issued, now):
    client.force_login(lead)
    url = reverse("partners:revoke_token", args=[issued.token.pk])
    confirm = client.get(url)
    assert "Revoke Dashboard?" in confirm.content.decode()
    assert ApiToken.objects.get().revoked_at is None
    response = client.post(url, follow=True)
    saved = ApiToken.objects.get()
    assert (saved.revoked_at, saved.revoked_by) == (now, lead)
    assert [str(m) for m in response.context["messages"]] == [
        f"Token {saved.prefix} revoked: it no longer opens the API."
    ]
    assert client.get("/api/v1/programme/reports", **bearer(issued.secret)).status_code == 401
    # A second revoke changes nothing and says nothing.
    later = client.post(url, follow=True)
    assert list(later.context["messages"]) == []
    assert ApiToken.objects.get().revoked_at == now


@pytest.mark.parametrize("count", [1, 3])
def test_the_partners_page_lists_partners_and_tokens_in_fixed_queries(
    client, lead, programme, now, count, django_assert_num_queries
):
    for n in range(count):
        found = services.add_partner(programme=programme, name=f"Partner {n}", by=lead, now=now)
        for m in range(2):
            services.issue_token(partner=found, name=f"Token {m}", by=lead, now=now)
    client.force_login(lead)
    url = reverse("partners:partners", args=[programme.pk])
    client.get(url)
    with django_assert_num_queries(7):
        response = client.get(url)
    assert [p.name for p in response.context["page"].object_list] == [
        f"Partner {n}" for n in range(count)
    ]
    assert response.content.decode().count("Active</strong>") == 2 * count


@pytest.mark.parametrize("count", [1, 3])
def test_the_index_lists_the_programmes_led_in_fixed_queries(
    client, lead, programme, count, django_assert_num_queries
):
    from tests.factories import ProgrammeFactory, RoleAssignmentFactory
    from upon.accounts.models import Role

    for _ in range(count - 1):
        RoleAssignmentFactory(user=lead, role=Role.PROGRAMME_LEAD, programme=ProgrammeFactory())
    client.force_login(lead)
    client.get(reverse("partners:index"))
    with django_assert_num_queries(4):
        response = client.get(reverse("partners:index"))
    assert len(response.context["programmes"]) == count


def pages(programme, partner, token):
    return [
        ("get", reverse("partners:partners", args=[programme.pk])),
        ("get", reverse("partners:add_partner", args=[programme.pk])),
        ("post", reverse("partners:add_partner", args=[programme.pk])),
        ("get", reverse("partners:issue_token", args=[partner.pk])),
        ("post", reverse("partners:issue_token", args=[partner.pk])),
        ("get", reverse("partners:token", args=[token.pk])),
        ("get", reverse("partners:revoke_token", args=[token.pk])),
        ("post", reverse("partners:revoke_token", args=[token.pk])),
    ]


@pytest.mark.parametrize(
    "who, status",
    [("team", 403), ("other_lead", 404), ("other_team", 404), ("outsider", 403)],
)
def test_only_the_programmes_lead_reaches_its_partners_and_tokens(
    client, request, programme, partner, issued, who, status
):
    client.force_login(request.getfixturevalue(who))
    for method, url in pages(programme, partner, issued.token):
        assert getattr(client, method)(url, {"name": "Mine"}).status_code == status, (method, url)
    assert ApiToken.objects.get().revoked_at is None
    assert PartnerOrganisation.objects.count() == 1
    assert ApiToken.objects.count() == 1
    index = client.get(reverse("partners:index")).status_code
    assert index == (200 if who == "other_lead" else 403)


def test_signed_out_goes_to_sign_in(client, programme, partner, issued):
    for method, url in [
        *pages(programme, partner, issued.token),
        ("get", reverse("partners:index")),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign_in"))


def test_the_index_says_which_programmes(client, lead, programme):
    client.force_login(lead)
    response = client.get(reverse("partners:index"))
    assert [p.name for p in response.context["programmes"]] == ["Upon Programme"]
    assert reverse("partners:partners", args=[programme.pk]) in response.content.decode()
