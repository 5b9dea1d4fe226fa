"""Opportunities' pages: the members' list and filters, posting, changing and withdrawing (the
poster and the team; another employer finds nothing), and a member's alerts."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import RoleAssignmentFactory
from tests.network.factories_opportunities import alert, authority, opportunity
from tests.network.factories_peer import member
from upon.accounts.models import Role
from upon.network.models import Opportunity, OpportunityAlert

pytestmark = pytest.mark.django_db

YORKSHIRE, SOUTH_EAST = "E12000003", "E12000008"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def employer(programme):
    return RoleAssignmentFactory(
        role=Role.EMPLOYER_CONTACT, programme=programme, user__full_name="Emma Employer"
    ).user


@pytest.fixture
def other_employer(programme):
    return RoleAssignmentFactory(
        role=Role.EMPLOYER_CONTACT, programme=programme, user__full_name="Eli Otheremployer"
    ).user


@pytest.fixture
def ada(programme):
    return member(programme, "Ada Alumna", email="ada@la.example")


def posting(**more):
    return {
        "kind": "interim_dcs",
        "title": "Interim director of children's services",
        "employer": str(authority("Leeds").pk),
        "region": "",
        "description": f"Twelve months. {SCRIPT}",
        "link": "https://jobs.example.org/1",
        "closes_on_0": "30",
        "closes_on_1": "6",
        "closes_on_2": "2026",
        **more,
    }


def test_an_employer_posts_and_members_with_an_alert_are_told(client, employer, ada, june_2026):
    alert(ada, region=YORKSHIRE)
    client.force_login(employer)
    response = client.post(reverse("network:post_opportunity"), posting())
    posted = Opportunity.objects.get()
    assert response["Location"] == reverse("network:opportunity", args=[posted.pk])
    assert (posted.region, posted.posted_by) == (YORKSHIRE, employer)
    assert [m.to for m in mail.outbox] == [["ada@la.example"]]
    client.force_login(ada)
    content = client.get(reverse("network:opportunities")).content.decode()
    assert "Interim director of children&#x27;s services" in content
    content = client.get(response["Location"]).content.decode()
    assert "Twelve months. &lt;script&gt;" in content and SCRIPT not in content


def test_bad_postings_are_refused_keeping_what_was_typed(client, employer, june_2026):
    client.force_login(employer)
    response = client.post(
        reverse("network:post_opportunity"),
        posting(title="", link="javascript:alert(1)", closes_on_0="31", closes_on_1="5"),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Post an opportunity" in content
    assert "Enter the title" in content
    assert "Enter a web address starting with http:// or https://" in content
    assert "The closing date must be today or in the future" in content
    assert 'value="javascript:alert(1)"' in content
    assert not Opportunity.objects.exists()


def test_members_only_read_the_list_and_post_nothing(client, ada, employer, team, outsider):
    client.force_login(ada)
    assert client.get(reverse("network:post_opportunity")).status_code == 403
    for person in (employer, team, outsider):
        client.force_login(person)
        assert client.get(reverse("network:opportunities")).status_code == 403


def test_filters_and_expired_ones_leave(client, ada, team, june_2026):
    opportunity(by=team, title="Leeds interim")
    opportunity(by=team, title="Kent secondment", employer=authority("Kent"), kind="secondment")
    opportunity(by=team, title="Closed yesterday", closes_on=datetime.date(2026, 5, 31))
    client.force_login(ada)
    content = client.get(reverse("network:opportunities")).content.decode()
    assert "Leeds interim" in content and "Kent secondment" in content
    assert "Closed yesterday" not in content
    content = client.get(reverse("network:opportunities"), {"region": SOUTH_EAST}).content.decode()
    assert "Kent secondment" in content and "Leeds interim" not in content
    content = client.get(reverse("network:opportunities"), {"kind": "interim_dcs"}).content.decode()
    assert "Leeds interim" in content and "Kent secondment" not in content


def test_a_closed_opportunity_is_gone_for_members_not_its_poster(client, ada, employer, june_2026):
    closed = opportunity(by=employer, closes_on=datetime.date(2026, 5, 31))
    url = reverse("network:opportunity", args=[closed.pk])
    client.force_login(ada)
    assert client.get(url).status_code == 404
    client.force_login(employer)
    assert client.get(url).status_code == 200


def test_the_poster_and_the_team_change_and_withdraw_another_employer_finds_nothing(
    client, employer, other_employer, team, ada, june_2026
):
    posted = opportunity(by=employer)
    change = reverse("network:change_opportunity", args=[posted.pk])
    withdraw = reverse("network:withdraw_opportunity", args=[posted.pk])
    client.force_login(other_employer)
    assert client.get(change).status_code == 404
    assert client.post(withdraw).status_code == 404
    client.force_login(ada)
    assert client.get(change).status_code == 403
    client.force_login(employer)
    response = client.post(change, posting(title="Permanent director", kind="permanent_dcs"))
    assert response.status_code == 302
    posted.refresh_from_db()
    assert (posted.title, posted.kind) == ("Permanent director", "permanent_dcs")
    client.force_login(team)
    assert client.get(change).status_code == 200
    assert client.post(withdraw).status_code == 302
    assert not Opportunity.objects.exists()


def test_alerts_are_added_once_and_removed_by_their_member_only(client, programme, ada):
    bo = member(programme, "Bo Other")
    client.force_login(ada)
    url = reverse("network:opportunity_alerts")
    assert client.post(url, {"region": YORKSHIRE, "kind": ""}).status_code == 302
    response = client.post(url, {"region": YORKSHIRE, "kind": ""})
    assert "You follow this alert already" in response.content.decode()
    own = OpportunityAlert.objects.get()
    assert (own.member, own.region, own.kind) == (ada, YORKSHIRE, "")
    client.force_login(bo)
    remove = reverse("network:remove_opportunity_alert", args=[own.pk])
    assert client.post(remove).status_code == 404
    client.force_login(ada)
    assert client.post(remove).status_code == 302
    assert not OpportunityAlert.objects.exists()


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_queries(client, ada, team, count, june_2026, django_assert_num_queries):
    for i in range(count):
        opportunity(by=team, title=f"Post {i}")
    client.force_login(ada)
    with django_assert_num_queries(5):
        response = client.get(reverse("network:opportunities"))
    assert response.content.decode().count("govuk-summary-card__title-wrapper") == count


@pytest.mark.parametrize("count", [1, 3])
def test_managed_list_queries(client, employer, count, june_2026, django_assert_num_queries):
    for i in range(count):
        opportunity(by=employer, title=f"Post {i}")
    client.force_login(employer)
    with django_assert_num_queries(5):
        response = client.get(reverse("network:posted_opportunities"))
    assert response.content.decode().count("Emma Employer") == count


@pytest.mark.parametrize("count", [1, 3])
def test_alerts_list_queries(client, ada, count, django_assert_num_queries):
    for kind in ["interim_dcs", "senior", "shadowing"][:count]:
        alert(ada, kind=kind)
    client.force_login(ada)
    with django_assert_num_queries(4):
        response = client.get(reverse("network:opportunity_alerts"))
    assert response.content.decode().count(">Remove<") == count
