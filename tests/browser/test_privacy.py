"""Personal data (issue 15, item 4). Anyone reads the privacy notice from the footer, with the
retention periods set; the programme lead finds an applicant by their email address, downloads
their subject access export (a zip with their application in it), then erases them after the
check page, and the applicant can no longer sign in. axe-core and the Nu Html Checker on every
page; the lead's journey with JavaScript off (it needs none)."""

import io
import json
import zipfile
from pathlib import Path

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, summary_list
from tests.factories import PASSWORD, RoleAssignmentFactory, SubmittedApplicationFactory
from upon.accounts.models import Role
from upon.privacy.models import PersonalDataRequest, RequestKind

pytestmark = pytest.mark.django_db(transaction=True)


def test_anyone_reads_the_privacy_notice_from_the_footer(page, settings):
    settings.RETENTION_UNSUCCESSFUL_MONTHS = 12
    page.goto("/")
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("contentinfo").get_by_role("link", name="Privacy notice"))
    assert page.get_by_role("heading", level=1).inner_text() == "Privacy notice"
    assert_accessible(page)
    rows = page.get_by_role("table", name="Retention periods").get_by_role("row")
    assert rows.nth(1).get_by_role("cell").first.inner_text() == "12 months"


def test_the_lead_exports_and_then_erases_an_applicant(js_disabled_page):
    page = js_disabled_page
    lead = RoleAssignmentFactory(
        role=Role.PROGRAMME_LEAD, user__email="lee@lead.example", user__full_name="Lee Lead"
    ).user
    programme = lead.roles.get().programme
    application = SubmittedApplicationFactory(
        intake__programme=programme,
        applicant__email="ada@applicant.example",
        applicant__full_name="Ada Applicant",
        full_name="Ada Applicant",
    )

    sign_in(page, "lee@lead.example", PASSWORD)
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("main").get_by_role("link", name="Personal data"))
    assert page.get_by_role("heading", level=1).inner_text() == "Personal data"
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Find a person to export or erase"))
    assert_accessible(page)
    page.get_by_label("Email address").fill("ada@applicant.example")
    click_and_wait(page, page.get_by_role("button", name="Find"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Ada Applicant"))
    assert page.get_by_role("heading", level=1).inner_text() == "Ada Applicant"
    assert summary_list(page.locator(".govuk-summary-list"))["Applications"] == "1"
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("button", name="Download their data").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    applications = json.loads(archive.read("records/recruitment.Application.json"))
    assert [row["fields"]["reference"] for row in applications] == [application.reference]
    assert PersonalDataRequest.objects.get().kind == RequestKind.EXPORT

    click_and_wait(page, page.get_by_role("link", name="Erase this person"))
    heading = "Are you sure you want to erase Ada Applicant?"
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Erase this person"))
    assert page.get_by_role("heading", level=1).inner_text() == "Find a person"
    assert page.get_by_text(f"Person {application.applicant.pk} has been erased").is_visible()
    assert_accessible(page)
    application.refresh_from_db()
    assert (application.full_name, application.applicant.full_name) == ("", "Erased person")

    page.context.clear_cookies()
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill("ada@applicant.example")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    click_and_wait(page, page.get_by_role("button", name="Sign in"))
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"
    assert_accessible(page)
