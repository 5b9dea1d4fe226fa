import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.factories import IntakeFactory, ProgrammeFactory
from upon.recruitment.capabilities import DEFAULT_CAPABILITIES

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def eligibility_url(intake) -> str:
    return reverse("recruitment:eligibility_start", kwargs={"slug": intake.slug})


# Start page -------------------------------------------------------------------------------------


def test_start_page_describes_the_programme(client):
    page = html(client.get("/"))
    assert "funded by the Department for Education" in page
    assert "eight taught days" in page
    assert "learning visits" in page
    assert "action learning sets" in page
    assert "leadership challenge activities" in page
    assert "two years of support" in page


def test_start_page_offers_each_open_intake(client, open_intake, upcoming_intake, closed_intake):
    page = html(client.get("/"))
    intake_url = reverse("recruitment:intake", kwargs={"slug": open_intake.slug})
    assert f'href="{intake_url}" role="button"' in page
    assert 'Start now<span class="govuk-visually-hidden">: 2026 to 2027 intake</span>' in page
    assert "Applications are closed" not in page
    assert closed_intake.slug not in page


def test_start_page_says_when_the_next_intake_opens_when_none_is_open(
    client, upcoming_intake, closed_intake
):
    page = html(client.get("/"))
    assert (
        "Applications are closed; the next intake opens at 9am on 15 September 2035 (UK time)."
        in page
    )
    assert "Start now" not in page


def test_start_page_says_when_no_intake_is_planned(client, closed_intake):
    page = html(client.get("/"))
    assert "Applications are closed; the next intake has not been announced yet." in page
    assert "Start now" not in page


# Intake page ------------------------------------------------------------------------------------


def test_intake_page_shows_dates_in_uk_time(client, upcoming_intake):
    page = html(client.get(f"/intakes/{upcoming_intake.slug}/"))
    # 22:59 UTC on 14 October is 11:59pm British Summer Time.
    assert "11:59pm on 14 October 2035" in page
    assert "9am on 15 September 2035" in page
    assert "16 October 2035 to 31 October 2035" in page
    assert "12 November 2035 to 30 June 2036" in page


def test_intake_page_shows_greenwich_mean_time_in_winter(client):
    intake = IntakeFactory(
        opens_at=datetime.datetime(2035, 12, 1, 9, 30, tzinfo=datetime.UTC),
        closes_at=datetime.datetime(2036, 1, 15, 17, 0, tzinfo=datetime.UTC),
    )
    page = html(client.get(f"/intakes/{intake.slug}/"))
    assert "9:30am on 1 December 2035" in page
    assert "5pm on 15 January 2036" in page


def test_intake_page_gives_the_intakes_rules_places_delivery_and_framework(client, upcoming_intake):
    page = html(client.get(f"/intakes/{upcoming_intake.slug}/"))
    assert "have at least 4 years of effective senior leadership" in page
    assert "could become a director of children's services in two to four years" in page
    assert '<dd class="govuk-summary-list__value">35</dd>' in page
    assert "Eight taught days in Leeds and online." in page
    for name, description, _limit in DEFAULT_CAPABILITIES:
        assert f'<dt class="govuk-summary-list__key">{escape(name)}</dt>' in page
        assert escape(description) in page
    assert page.count("Up to 300 words.") == 7
    assert "Name a sponsor where you work" in page


def test_open_intake_page_offers_the_eligibility_check(client, open_intake):
    page = html(client.get(f"/intakes/{open_intake.slug}/"))
    assert "Applications are open." in page
    assert f'href="{eligibility_url(open_intake)}"' in page
    assert "Check if you can apply\n" in page


def test_upcoming_intake_page_says_so_and_offers_no_way_to_apply(client, upcoming_intake):
    page = html(client.get(f"/intakes/{upcoming_intake.slug}/"))
    assert (
        "Applications for this intake are not open yet. They open at 9am on 15 September 2035 "
        "(UK time)." in page
    )
    assert eligibility_url(upcoming_intake) not in page
    assert "govuk-button" not in page


def test_closed_intake_page_says_so_and_offers_no_way_to_apply(client, closed_intake):
    page = html(client.get(f"/intakes/{closed_intake.slug}/"))
    # 11:00 UTC on 5 October 2020 was midday British Summer Time.
    assert (
        "Applications for this intake are closed. They closed at midday on 5 October 2020." in page
    )
    assert eligibility_url(closed_intake) not in page
    assert "govuk-button" not in page


def test_unknown_intake_is_not_found(client):
    assert client.get("/intakes/no-such-intake/").status_code == 404


# Programme page ---------------------------------------------------------------------------------


def test_programme_page_lists_its_intakes_with_their_status(client, open_intake, closed_intake):
    programme = ProgrammeFactory(name="Aspiring Directors", summary="A year of development.")
    open_intake.programme = closed_intake.programme = programme
    open_intake.save()
    closed_intake.save()
    other = IntakeFactory(name="Another programme's intake")
    page = html(client.get(f"/programmes/{programme.slug}/"))
    assert '<h1 class="govuk-heading-xl">Aspiring Directors</h1>' in page
    assert "A year of development." in page
    assert page.count('<strong class="govuk-tag govuk-tag--green">Open</strong>') == 1
    assert page.count('<strong class="govuk-tag govuk-tag--grey">Closed</strong>') == 1
    assert page.index("2026 to 2027 intake") < page.index("2020 to 2021 intake")
    assert other.name not in page


def test_unknown_programme_is_not_found(client):
    assert client.get("/programmes/no-such-programme/").status_code == 404
