"""The review form's autosave in a browser: "Draft saved" appears as new text in a status region
that stays in the page (so screen readers announce it), and an autosave refused because the
review changed in another tab says so there instead of failing silently."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, SubmittedApplicationFactory, UserFactory
from tests.selection.factories import ReviewAssignmentFactory, ReviewerFactory
from upon.selection import reviews
from upon.selection.models import Review

pytestmark = pytest.mark.django_db(transaction=True)

SAVED = re.compile(r"^Draft saved at (\d{1,2}(:\d\d)?[ap]m|midday|midnight)\s*$")
STALE = (
    "This review was changed in another tab or window, so your latest changes have not been "
    "saved. Reload the page to see the review as it is saved now, then make your changes again."
)


@pytest.fixture
def assignment(authorities):
    application = SubmittedApplicationFactory()
    reviewer = ReviewerFactory(
        intake=application.intake,
        user=UserFactory(email="rowan@review.example", full_name="Rowan Reviewer"),
    )
    return ReviewAssignmentFactory(reviewer=reviewer, application=application)


def test_autosave_announces_in_place_and_a_stale_one_says_what_to_do(page, assignment):
    sign_in(page, "rowan@review.example", PASSWORD)
    page.goto(f"/reviews/{assignment.pk}/")
    assert_accessible(page)
    status = page.get_by_role("status")
    expect(status).to_have_text("")
    # Mark the region: if an autosave swapped it out, the mark would be gone.
    status.evaluate("node => { node.dataset.kept = 'yes'; }")
    first, second = assignment.application.intake.capabilities.order_by("position")[:2]

    page.get_by_role("group", name=f"Score for {first.name}").get_by_label(
        "3: Clear evidence"
    ).check()
    expect(status).to_have_text(SAVED)
    expect(page.locator("[data-kept='yes'][role='status']")).to_have_count(1)
    assert_accessible(page)

    # Another tab saves the review: this page's version is now stale.
    saved = Review.objects.get(assignment=assignment)
    reviews.save_review(
        review=saved,
        version=saved.version,
        scores={first.pk: 1},
        comments={},
        recommendation="",
        confidence="",
        submit=False,
    )
    page.get_by_role("group", name=f"Score for {second.name}").get_by_label(
        "2: Some evidence"
    ).check()
    expect(status).to_have_text(STALE)
    expect(page.locator("[data-kept='yes'][role='status']")).to_have_count(1)
    assert_accessible(page)
    assert Review.objects.get(assignment=assignment).scores.get(capability=first).score == 1
