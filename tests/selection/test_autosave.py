"""The review form's autosave: it changes only the text of a status region that stays in the
page (so screen readers announce it), and a refused autosave says why and what to do."""

import datetime
import re

import pytest

from tests.selection.test_reviewer_views import review_url, scores_post
from upon.selection.models import Review
from upon.selection.reviews import start_review

HX = {"HX-Request": "true"}
SAVED_AT = datetime.datetime(2026, 12, 3, 17, 30, tzinfo=datetime.UTC)  # 5:30pm in England
STALE = (
    "This review was changed in another tab or window, so your latest changes have not been "
    "saved. Reload the page to see the review as it is saved now, then make your changes again."
)
REGION = (
    '<p id="autosave-status" class="govuk-body-s" role="status" aria-live="polite" '
    "data-autosave-status>"
)


@pytest.fixture
def saved_at(time_machine):
    time_machine.move_to(SAVED_AT, tick=False)


def test_the_review_page_keeps_one_status_region_and_autosaves_into_its_text(
    client, reviewer, assignment, saved_at
):
    start_review(assignment=assignment)
    client.force_login(reviewer.user)
    content = client.get(review_url(assignment)).content.decode()
    assert content.count('id="autosave-status"') == 1
    assert f"{REGION}Draft last saved at 5:30pm</p>" in content
    form = re.search(r"<form [^>]*data-hx-post[^>]*>", content).group(0)
    assert 'data-hx-target="#autosave-status"' in form
    assert 'data-hx-swap="innerHTML"' in form


def test_a_saved_draft_answers_with_the_text_and_the_new_version_only(
    client, reviewer, assignment, saved_at
):
    review = start_review(assignment=assignment)
    client.force_login(reviewer.user)
    response = client.post(review_url(assignment), scores_post(assignment, review), headers=HX)
    assert response.status_code == 200
    assert response.content.decode() == (
        "Draft saved at 5:30pm"
        '<input type="hidden" name="version" value="2" id="id_version" data-hx-swap-oob="true">\n'
    )
    assert Review.objects.get().version == 2


def test_a_stale_autosave_says_the_review_changed_elsewhere_and_saves_nothing(
    client, reviewer, assignment, saved_at
):
    review = start_review(assignment=assignment)
    client.force_login(reviewer.user)
    client.post(review_url(assignment), scores_post(assignment, review, score="4"), headers=HX)
    # The other tab still names version 1.
    response = client.post(
        review_url(assignment), scores_post(assignment, review, score="1"), headers=HX
    )
    assert response.status_code == 409
    # No new version: the next autosave from this page is refused too, never overwriting.
    assert response.content.decode().strip() == STALE
    assert sorted(Review.objects.get().scores.values_list("score", flat=True)) == [4] * 7


def test_an_autosave_that_cannot_be_saved_says_why(client, reviewer, assignment, saved_at):
    review = start_review(assignment=assignment)
    client.force_login(reviewer.user)
    first = assignment.application.intake.capabilities.order_by("position").first()
    data = scores_post(assignment, review, **{f"score_{first.pk}": "9"})
    response = client.post(review_url(assignment), data, headers=HX)
    assert response.status_code == 422
    assert response.content.decode().strip() == (
        "Your latest changes have not been saved. Select Save draft and come back later to see "
        "what needs changing."
    )
    assert Review.objects.get().version == 1
