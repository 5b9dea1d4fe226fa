"""Opportunities: posting (region from the employer), the open list, alerts told once each by
the request or the schedule, and the rules on links and closing dates."""

import datetime

import pytest
from django.core import mail

from tests.network.factories_opportunities import alert, authority, opportunity
from tests.network.factories_peer import member
from upon.accounts.models import Role
from upon.network import opportunities
from upon.network.forms_opportunities import OpportunityForm
from upon.network.models import OpportunityNotice

pytestmark = pytest.mark.django_db

YORKSHIRE, SOUTH_EAST = "E12000003", "E12000008"


def details(**more):
    return {
        "kind": "interim_dcs",
        "title": "Interim director",
        "employer": authority("Leeds"),
        "region": "",
        "description": "Twelve months.",
        "link": "",
        "closes_on": datetime.date(2026, 6, 30),
        **more,
    }


def test_the_region_comes_from_the_employer_unless_given(programme, team, june_2026):
    posted, _ = opportunities.post(by=team, **details())
    assert posted.region == YORKSHIRE
    posted, _ = opportunities.post(by=team, **details(region=SOUTH_EAST))
    assert posted.region == SOUTH_EAST


def test_members_with_a_matching_alert_are_told_once_each(programme, team, june_2026):
    ada = member(programme, "Ada Alumna", email="ada@la.example")
    alert(ada, region=YORKSHIRE)
    alert(ada, kind="interim_dcs")  # a second match: still one email
    bo = member(programme, "Bo Anykind", email="bo@la.example")
    alert(bo)  # anything anywhere
    cy = member(programme, "Cy Southeast", email="cy@la.example")
    alert(cy, region=SOUTH_EAST)
    di = member(programme, "Di Shadowing", email="di@la.example")
    alert(di, kind="shadowing")

    posted, told = opportunities.post(by=team, **details())

    assert told == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["ada@la.example", "bo@la.example"]
    assert mail.outbox[0].subject == "A new opportunity: Interim director"
    assert f"/network/opportunities/{posted.pk}/" in mail.outbox[0].body
    # The schedule finds nobody left to tell.
    now = datetime.datetime(2026, 6, 1, 13, tzinfo=datetime.UTC)
    assert opportunities.send_opportunity_alerts(now=now) == 0
    assert len(mail.outbox) == 2


def test_the_schedule_tells_those_the_request_did_not(programme, team, june_2026):
    ada = member(programme, "Ada Alumna", email="ada@la.example")
    alert(ada, region=YORKSHIRE)
    posted = opportunity(by=team)  # saved without telling, as if the send had failed
    closed = opportunity(by=team, title="Closed", closes_on=datetime.date(2026, 5, 31))
    now = datetime.datetime(2026, 6, 1, 13, tzinfo=datetime.UTC)

    assert opportunities.send_opportunity_alerts(now=now) == 1
    assert opportunities.send_opportunity_alerts(now=now) == 0
    assert [m.to for m in mail.outbox] == [["ada@la.example"]]
    assert list(OpportunityNotice.objects.values_list("opportunity_id", flat=True)) == [posted.pk]
    assert not closed.notices.exists()


def test_alerts_made_after_posting_and_non_members_are_not_told(programme, team, june_2026):
    posted = opportunity(by=team)
    late = member(programme, "Lee Late")
    alert(late, created_at=posted.posted_at + datetime.timedelta(minutes=1))
    former = member(programme, "Fo Former", role=Role.COACH)
    alert(former, created_at=posted.posted_at - datetime.timedelta(days=1))
    now = datetime.datetime(2026, 6, 1, 13, tzinfo=datetime.UTC)
    assert opportunities.send_opportunity_alerts(now=now) == 0


def test_the_open_list_drops_expired_ones_by_itself(programme, team, time_machine, june_2026):
    june = opportunity(by=team, title="June", closes_on=datetime.date(2026, 6, 1))
    july = opportunity(by=team, title="July", closes_on=datetime.date(2026, 7, 1), kind="senior")
    assert list(opportunities.open_on(datetime.date(2026, 6, 1))) == [june, july]
    assert list(opportunities.open_on(datetime.date(2026, 6, 2))) == [july]
    assert list(opportunities.open_on(datetime.date(2026, 6, 1), kind="senior")) == [july]
    assert list(opportunities.open_on(datetime.date(2026, 6, 1), region=SOUTH_EAST)) == []


@pytest.mark.parametrize(
    "link, error",
    [
        ("javascript:alert(1)", "Enter a web address starting with http:// or https://"),
        ("data:text/html,hi", "Enter a web address starting with http:// or https://"),
        ("ftp://example.org", "Enter a web address starting with http:// or https://"),
        ("https://", "Enter a valid URL."),
    ],
)
def test_links_other_than_http_are_refused(programme, june_2026, link, error):
    form = OpportunityForm(form_data(link=link))
    assert not form.is_valid()
    assert form.errors["link"] == [error]


def test_an_https_link_and_a_past_closing_date(programme, june_2026):
    assert OpportunityForm(form_data(link="https://jobs.example.org/1")).is_valid()
    form = OpportunityForm(form_data(closes_on_0="31", closes_on_1="5"))  # 31 May 2026
    assert not form.is_valid()
    assert form.errors["closes_on"] == ["The closing date must be today or in the future"]


def form_data(**more):
    return {
        "kind": "interim_dcs",
        "title": "Interim director",
        "employer": str(authority("Leeds").pk),
        "region": "",
        "description": "Twelve months.",
        "link": "",
        "closes_on_0": "30",
        "closes_on_1": "6",
        "closes_on_2": "2026",
        **more,
    }
