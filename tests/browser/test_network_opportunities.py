"""An employer contact posts an interim DCS opportunity (a javascript: link and a past closing
date are refused beside their fields, keeping what was typed); an alumna with an alert for
that region is emailed, finds it in the list with the region filter and opens it.

axe-core and the Nu Html Checker run on every page the journey reaches.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, error_summary, open_network_part, summary_list
from tests.factories import PASSWORD, ProgrammeFactory, RoleAssignmentFactory
from tests.network.factories_opportunities import alert
from tests.network.factories_peer import member
from upon.accounts.models import Role

pytestmark = pytest.mark.django_db(transaction=True)

YORKSHIRE = "E12000003"
TITLE = "Interim Director of Children's Services"


@pytest.fixture
def midday(time_machine):
    """Today at noon, UK time, with the clock running."""
    noon = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(12)))
    time_machine.move_to(noon, tick=True)
    return noon.date()


def test_an_employer_posts_and_a_member_with_an_alert_is_told(page, midday):
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    RoleAssignmentFactory(
        role=Role.EMPLOYER_CONTACT,
        programme=programme,
        user__full_name="Emma Employer",
        user__email="emma@leeds.example",
    )
    ada = member(programme, "Ada Alumna", email="ada@la.example")
    alert(ada, region=YORKSHIRE, created_at=timezone.now() - datetime.timedelta(days=1))
    closes = midday + datetime.timedelta(days=30)
    yesterday = midday - datetime.timedelta(days=1)

    sign_in(page, "emma@leeds.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Post an opportunity"))
    assert page.get_by_text("No opportunities posted yet.").is_visible()
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Post an opportunity"))
    assert_accessible(page)
    page.get_by_label("Interim director of children's services").check()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Employer").select_option(label="Leeds")
    page.get_by_label("Description").fill("Twelve months from September, <i>hybrid</i>.")
    page.get_by_label("Where to apply (optional)").fill("javascript:alert(1)")
    page.get_by_label("Day").fill(str(yesterday.day))
    page.get_by_label("Month").fill(str(yesterday.month))
    page.get_by_label("Year").fill(str(yesterday.year))
    click_and_wait(page, page.get_by_role("button", name="Post opportunity"))
    assert page.title().startswith("Error: ")
    assert error_summary(page) == [
        ("Enter a web address starting with http:// or https://", "#id_link"),
        ("The closing date must be today or in the future", "#id_closes_on_0"),
    ]
    assert page.get_by_label("Title").input_value() == TITLE
    assert page.get_by_label("Where to apply (optional)").input_value() == "javascript:alert(1)"
    assert_accessible(page)
    page.get_by_label("Where to apply (optional)").fill("https://jobs.leeds.example/dcs")
    page.get_by_label("Day").fill(str(closes.day))
    page.get_by_label("Month").fill(str(closes.month))
    page.get_by_label("Year").fill(str(closes.year))
    click_and_wait(page, page.get_by_role("button", name="Post opportunity"))
    assert (
        f"{TITLE} is posted. 1 member with a matching alert told."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    details = summary_list(page.locator(".govuk-summary-list"))
    assert details["Region"] == "Yorkshire and The Humber"
    assert details["Closing date"] == f"{closes.day} {closes:%B %Y}"
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    [told] = mail.outbox
    assert told.to == ["ada@la.example"]
    assert told.subject == f"A new opportunity: {TITLE}"
    sign_in(page, "ada@la.example", PASSWORD)
    open_network_part(page, "Opportunities")
    assert_accessible(page)
    page.get_by_label("Region").select_option(label="London")
    click_and_wait(page, page.get_by_role("button", name="Apply filters"))
    assert page.get_by_text("No open opportunities match these filters.").is_visible()
    assert_accessible(page)
    page.get_by_label("Region").select_option(label="Yorkshire and The Humber")
    click_and_wait(page, page.get_by_role("button", name="Apply filters"))
    click_and_wait(page, page.get_by_role("link", name=TITLE))
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert page.get_by_text("Twelve months from September, <i>hybrid</i>.").is_visible()
    link = re.search(r"https?://[^/\s]+(/network/opportunities/\d+/)", told.body)[1]
    assert page.url.endswith(link)
    assert_accessible(page)
