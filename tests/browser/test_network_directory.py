"""An alumnus fills in their directory profile, finds a peer by topic and writes to them; the
peer follows the emailed link, signs in and replies. With JavaScript off: the journey (the
filter form included) needs none.

axe-core and the Nu Html Checker run on every page the journey reaches.
"""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, link_in_email, open_network_part, table_rows
from tests.factories import PASSWORD, ProgrammeFactory
from tests.network.factories_directory import ProfileFactory, current_post, member
from upon.accounts.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def june(time_machine):
    noon = datetime.datetime(2026, 6, 1, 12, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    time_machine.move_to(noon, tick=True)
    return noon


def test_an_alumnus_finds_a_peer_by_topic_writes_and_the_peer_replies(
    js_disabled_page, live_server, settings, june
):
    page = js_disabled_page
    settings.SITE_URL = live_server.url
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    member(programme, full_name="Alex Alumnus", email="alex@council.example")
    peer = member(
        programme, Role.NEW_DIRECTOR, full_name="Priya Peer", email="priya@council.example"
    )
    current_post(peer, programme, "Leeds")
    ProfileFactory(user=peer, about="New in post, keen on SEND.", topics=["send"])
    other = member(programme, full_name="Olly Other")
    ProfileFactory(user=other, about="Finance.", topics=["finance"])

    sign_in(page, "alex@council.example", PASSWORD)
    open_network_part(page, "Directory")
    assert page.get_by_role("heading", level=1).inner_text() == "Directory"
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="Add yourself to the directory"))
    assert page.get_by_role("heading", level=1).inner_text() == "Your directory profile"
    assert_accessible(page)
    page.get_by_label("About you").fill("Twelve years leading early help.")
    page.get_by_label("Early help and family support").check()
    page.get_by_label("A message through Upon").check()
    click_and_wait(page, page.get_by_role("button", name="Join the directory"))
    assert page.locator(".govuk-notification-banner__heading").inner_text() == (
        "Your profile is in the directory."
    )
    assert_accessible(page)

    page.goto(reverse("network:directory"))
    page.get_by_label("Special educational needs and disabilities (SEND)").check()
    click_and_wait(page, page.get_by_role("button", name="Apply filters"))
    rows = table_rows(page, "People found")
    assert rows == [
        [
            "Priya Peer",
            "Director of Children's Services (DCS), Leeds",
            "Yorkshire and The Humber",
            "None",
        ]
    ]
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="Priya Peer"))
    assert page.get_by_role("heading", level=1).inner_text() == "Priya Peer"
    assert "priya@council.example" not in page.content()
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Send a message"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Send message"))
    assert page.title().startswith("Error: ")
    assert_accessible(page)
    page.get_by_label("Your message").fill("Could we talk about SEND <b>budgets</b>?")
    click_and_wait(page, page.get_by_role("button", name="Send message"))
    assert page.get_by_role("heading", level=1).inner_text() == "Conversation with Priya Peer"
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    [email] = [m for m in mail.outbox if m.to == ["priya@council.example"]]
    assert "alex@council.example" not in email.body
    page.goto(link_in_email(email))
    page.get_by_label("Email address").fill("priya@council.example")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    click_and_wait(page, page.get_by_role("button", name="Sign in"))
    assert page.get_by_role("heading", level=1).inner_text() == "Conversation with Alex Alumnus"
    assert "Could we talk about SEND <b>budgets</b>?" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_label("Your message").fill("Yes, gladly. Tuesday?")
    click_and_wait(page, page.get_by_role("button", name="Send reply"))
    assert "Yes, gladly. Tuesday?" in page.locator("main").inner_text()
    assert_accessible(page)

    open_network_part(page, "Messages")
    assert table_rows(page, "Your conversations")[0][0] == "Alex Alumnus"
    assert_accessible(page)
    [reply] = [m for m in mail.outbox if m.to == ["alex@council.example"]]
    assert "Yes, gladly. Tuesday?" in reply.body
