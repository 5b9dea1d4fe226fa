"""A member searches the library, narrows it with a filter, opens a resource (a file for their
cohort) and downloads it, the download counted as a view.

axe-core and the Nu Html Checker run on every page the journey reaches.
"""

import pytest
from django.core.files.base import ContentFile

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, open_network_part, summary_list
from tests.delivery.factories import ParticipantFactory
from tests.factories import PASSWORD
from tests.network.factories_library import ResourceFactory, corpus
from upon.network.models import ResourceKind, Visibility

pytestmark = pytest.mark.django_db(transaction=True)
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def test_a_member_searches_the_library_and_opens_a_resource(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    member = ParticipantFactory(user__email="mo@council.example", user__full_name="Mo Member")
    corpus()
    checklist = ResourceFactory(
        kind=ResourceKind.TEMPLATE,
        title="Inspection readiness checklist",
        # "Inspection" in the title and twice in the summary: the best match on either database
        # (PostgreSQL's ts_rank and SQLite's bm25 agree only where one result clearly leads).
        summary="A checklist <b>for</b> the week before an inspection: inspection day.",
        link="",
        visibility=Visibility.COHORT,
        cohort=member.cohort,
        topics=["inspection"],
    )
    checklist.file.save("checklist.pdf", ContentFile(PDF))

    sign_in(page, "mo@council.example", PASSWORD)
    open_network_part(page, "Library")
    assert page.get_by_role("heading", level=1).inner_text() == "Library"
    assert_accessible(page)

    page.get_by_label("Search the library").fill("inspection")
    click_and_wait(page, page.get_by_role("button", name="Search"))
    results = page.locator("#results h2")
    assert results.all_inner_texts() == [
        "Inspection readiness checklist",
        "Getting ready for an Ofsted inspection",
        "Balancing the high needs budget",
        "Recruiting and keeping social workers",
    ]
    assert page.locator("#results mark").first.inner_text() == "Inspection"
    # Typed HTML is never run: SQLite's snippet shows it as text, PostgreSQL's drops the tags.
    assert "the week before an inspection" in page.locator("#results").inner_text()
    assert page.locator("#results b").count() == 0
    assert_accessible(page)

    page.get_by_role("group", name="Type").get_by_label("Template").check()
    click_and_wait(page, page.get_by_role("button", name="Apply filters"))
    assert results.all_inner_texts() == ["Inspection readiness checklist"]
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="Inspection readiness checklist"))
    assert page.get_by_role("heading", level=1).inner_text() == "Inspection readiness checklist"
    details = summary_list(page.locator(".govuk-summary-list"))
    assert (details["Topics"], details["Views"]) == ("Inspection and improvement", "0")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download checklist.pdf").click()
    assert download.value.suggested_filename == "checklist.pdf"
    page.reload()
    assert summary_list(page.locator(".govuk-summary-list"))["Views"] == "1"
