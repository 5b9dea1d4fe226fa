"""Buddy pairing: the programme team sees the buddy the rule proposes for a new director and
chooses another experienced alumnus director instead (an empty choice refused beside the
field); the new director finds the offer from the network's home page and accepts it; the
alumnus then sees the new director they are buddy to. With JavaScript off: the journey needs
none.

axe-core and the Nu Html Checker run on every page the journey reaches.
"""

import datetime
import zoneinfo

import pytest
from django.core import mail

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, error_summary, open_network_part, table_rows
from tests.factories import PASSWORD, ProgrammeFactory, RoleAssignmentFactory
from tests.network.factories_buddies import experienced, new_director
from upon.accounts.models import Role
from upon.network.models import BuddyPair

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def june(time_machine):
    noon = datetime.datetime(2026, 6, 1, 12, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    time_machine.move_to(noon, tick=True)
    return noon


def sign_out(page):
    click_and_wait(page, page.get_by_role("button", name="Sign out"))


def test_the_team_overrides_the_proposed_buddy_and_both_see_the_pair(
    js_disabled_page, live_server, settings, june
):
    page = js_disabled_page
    settings.SITE_URL = live_server.url
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=programme,
        user__full_name="Tess Team",
        user__email="tess@team.example",
    )
    new_director(programme, "Nia Newdirector", place="Leeds")
    # Bea (Bradford: the same region and type of authority) is the rule's proposal.
    experienced(programme, "Bea Bradford", place="Bradford")
    kit = experienced(programme, "Kit Kent", place="Kent")

    sign_in(page, "tess@team.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Buddies", exact=True))
    assert page.get_by_role("heading", level=1).inner_text() == "Buddies"
    card = page.locator(".govuk-summary-card")
    assert card.locator("h2").inner_text() == "Nia Newdirector, Leeds"
    assert "Proposed buddy: Bea Bradford, Bradford" in card.inner_text()
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="Choose another buddy for Nia Newdirector"))
    assert page.get_by_role("heading", level=1).inner_text() == "Choose a buddy"
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Offer this buddy"))
    assert page.title().startswith("Error: ")
    assert error_summary(page) == [("Select the buddy", "#id_buddy")]
    assert_accessible(page)
    page.get_by_label("Buddy").select_option(value=str(kit.pk))
    click_and_wait(page, page.get_by_role("button", name="Offer this buddy"))
    assert (
        page.locator(".govuk-notification-banner")
        .inner_text()
        .endswith("Kit Kent offered as buddy to Nia Newdirector.")
    )
    assert page.get_by_text(
        "Every new director with support open has a buddy offered or accepted."
    ).is_visible()
    assert_accessible(page)
    sign_out(page)

    [offered] = mail.outbox
    assert offered.to == ["nia@council.example"]
    sign_in(page, "nia@council.example", PASSWORD)
    open_network_part(page, "Your buddy")
    assert page.get_by_role("heading", level=1).inner_text() == "Your buddy"
    assert "You are offered a buddy: Kit Kent" in page.locator("main").inner_text()
    assert page.get_by_text("Chosen by the programme team").is_visible()
    assert_accessible(page)
    page.get_by_label("Yes, accept the buddy").check()
    click_and_wait(page, page.get_by_role("button", name="Send answer"))
    assert (
        page.locator(".govuk-notification-banner")
        .inner_text()
        .endswith("You accepted Kit Kent as your buddy.")
    )
    assert "Your buddy is Kit Kent" in page.locator("main").inner_text()
    assert_accessible(page)
    sign_out(page)

    pair = BuddyPair.objects.get()
    assert (pair.buddy, pair.status, pair.chosen_by_team.full_name) == (
        kit,
        "accepted",
        "Tess Team",
    )
    assert [m.to for m in mail.outbox[1:]] == [["kit@old.example"]]
    sign_in(page, "kit@old.example", PASSWORD)
    open_network_part(page, "Your buddies")
    assert page.get_by_role("heading", level=1).inner_text() == "Your buddies"
    assert table_rows(page, "New directors you are buddy to") == [
        ["Nia Newdirector", "1 June 2026"]
    ]
    assert_accessible(page)
