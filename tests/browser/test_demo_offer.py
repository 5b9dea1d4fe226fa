"""The demo's offer holder (docs/demo-sign-ins.txt) answers their offer in a browser, on the data
`make run` loads: once accepting it, once declining it without JavaScript.

axe-core and the Nu Html Checker run on every page the journeys reach.
"""

import re

import pytest
from django.core.management import call_command

from demo.common import DEMO_PASSWORD
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait
from upon.selection.models import Offer, OfferStatus

pytestmark = pytest.mark.django_db(transaction=True)

OFFER_HOLDER = "offer@upon.example"


@pytest.fixture
def demo(authorities):
    """The demo data, seeded as `make run` seeds it; returns the offer holder's offer."""
    call_command("seed_demo", verbosity=0)
    return Offer.objects.select_related("application__intake").get(
        application__applicant__email=OFFER_HOLDER
    )


def open_my_offer(page) -> None:
    """Sign in as the offer holder and follow the link to the offer from their applications."""
    sign_in(page, OFFER_HOLDER, DEMO_PASSWORD)
    page.goto("/applications/")
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name=re.compile("accept or decline your offer")))
    assert_accessible(page)


def decline_my_place(page, reason: str) -> None:
    """Go from the offer to the page that asks if they are sure, give the reason and decline."""
    click_and_wait(page, page.get_by_role("link", name="Decline my place"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Are you sure you want to decline your place?"
    )
    assert_accessible(page)
    page.get_by_label("Why are you declining? (optional)").fill(reason)
    click_and_wait(page, page.get_by_role("button", name="Decline my place"))
    assert "You have declined your offer. Thank you for telling us." in page.content()
    assert_accessible(page)


def test_the_demo_offer_holder_accepts_their_place(page, demo):
    open_my_offer(page)
    heading = f"Your offer of a place on {demo.application.intake.name}"
    assert page.get_by_role("heading", level=1).inner_text() == heading

    click_and_wait(page, page.get_by_role("button", name="Accept my place"))

    assert f"You have accepted your place on {demo.application.intake.name}." in page.content()
    assert_accessible(page)
    demo.refresh_from_db()
    assert demo.status == OfferStatus.ACCEPTED


def test_the_demo_offer_holder_declines_their_place_without_javascript(js_disabled_page, demo):
    page = js_disabled_page
    open_my_offer(page)
    decline_my_place(page, "I have been asked to act up.")

    demo.refresh_from_db()
    assert (demo.status, demo.decline_reason) == (
        OfferStatus.DECLINED,
        "I have been asked to act up.",
    )
    # The place went to the next person on the North West intake's waiting list.
    intake = demo.application.intake
    assert Offer.objects.filter(application__intake=intake, status=OfferStatus.PENDING).count() == 4
