"""A member replies in their cohort group's thread; another member reports the reply; the
programme team finds it on its reports page, hides it with a reason and resolves the report;
the member then sees that the team hid it, and not its text.

axe-core and the Nu Html Checker run on every page the journey reaches.
"""

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, open_network_part
from tests.delivery.factories import CohortFactory, ParticipantFactory
from tests.factories import PASSWORD, RoleAssignmentFactory
from tests.network.factories_groups import thread_with
from upon.accounts.models import Role
from upon.network import groups
from upon.network.models import Post, Report

pytestmark = pytest.mark.django_db(transaction=True)

REPLY = "Can anyone share a <b>budget</b> template?"


def sign_out(page):
    click_and_wait(page, page.get_by_role("button", name="Sign out"))


def test_a_reply_is_reported_and_hidden_by_the_team(page):
    cohort = CohortFactory(name="North 2026 cohort")
    ann = ParticipantFactory(
        cohort=cohort, user__full_name="Ann Owner", user__email="ann@example.org"
    ).user
    bob = ParticipantFactory(
        cohort=cohort, user__full_name="Bob Classmate", user__email="bob@example.org"
    ).user
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=cohort.intake.programme,
        user__full_name="Tess Team",
        user__email="tess@example.org",
    )
    groups.sync_cohort_memberships(cohort)
    thread_with(groups.cohort_group(cohort), bob, title="Budget setting")

    sign_in(page, ann.email, PASSWORD)
    open_network_part(page, "Groups")
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="North 2026 cohort"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Budget setting"))
    page.get_by_label("Your reply").fill("")
    click_and_wait(page, page.get_by_role("button", name="Post reply"))
    assert page.title().startswith("Error: ")
    assert_accessible(page)
    page.get_by_label("Your reply").fill(REPLY)
    click_and_wait(page, page.get_by_role("button", name="Post reply"))
    assert page.get_by_text(REPLY).is_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, bob.email, PASSWORD)
    open_network_part(page, "Groups")
    click_and_wait(page, page.get_by_role("link", name="North 2026 cohort"))
    click_and_wait(page, page.get_by_role("link", name="Budget setting"))
    click_and_wait(page, page.get_by_role("link", name="Report this post by Ann Owner"))
    assert_accessible(page)
    page.get_by_label("Why are you reporting this post?").fill("Not for this group")
    click_and_wait(page, page.get_by_role("button", name="Report this post"))
    assert (
        "The programme team will read your report."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    sign_out(page)

    sign_in(page, "tess@example.org", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Network reports"))
    assert page.get_by_text(REPLY).is_visible()
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Budget setting"))
    click_and_wait(page, page.get_by_role("link", name="Hide this post by Ann Owner"))
    assert_accessible(page)
    page.get_by_label("Why are you hiding this post?").fill("Shared outside the cohort")
    click_and_wait(page, page.get_by_role("button", name="Hide post"))
    assert page.get_by_text("This post was hidden by the programme team.").is_visible()
    assert page.get_by_text("Shared outside the cohort").is_visible()
    assert_accessible(page)
    page.goto("/network/team/reports/")
    click_and_wait(page, page.get_by_role("button", name="Resolved"))
    assert Report.objects.get().resolved_at is not None
    assert_accessible(page)
    sign_out(page)

    sign_in(page, ann.email, PASSWORD)
    open_network_part(page, "Groups")
    click_and_wait(page, page.get_by_role("link", name="North 2026 cohort"))
    click_and_wait(page, page.get_by_role("link", name="Budget setting"))
    assert page.get_by_text("This post was hidden by the programme team.").is_visible()
    assert page.get_by_text(REPLY).count() == 0
    assert page.get_by_text("Shared outside the cohort").count() == 0
    assert_accessible(page)
    assert Post.objects.get(body=REPLY).hidden_reason == "Shared outside the cohort"
