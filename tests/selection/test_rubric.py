"""The rubric: what each score means for each of the seven capabilities, on the review form and
on its own page."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from upon.recruitment.capabilities import DEFAULT_CAPABILITIES
from upon.selection import rubric
from upon.selection.models import Review

NAMES = [name for name, _description, _limit in DEFAULT_CAPABILITIES]


def test_every_capability_has_its_own_meaning_for_every_score():
    assert list(rubric.DESCRIPTORS) == NAMES
    meanings = [meaning for name in NAMES for meaning in rubric.DESCRIPTORS[name]]
    assert all(len(rubric.DESCRIPTORS[name]) == len(rubric.SCORES) for name in NAMES)
    assert len(set(meanings)) == len(NAMES) * len(rubric.SCORES) == 28


def test_the_scale_for_a_capability_pairs_each_score_with_its_meaning():
    scale = rubric.scale_for("Engaging communities")
    assert [(value, label) for value, label, _ in scale] == [
        (1, "Little or no evidence"),
        (2, "Some evidence"),
        (3, "Clear evidence"),
        (4, "Strong evidence"),
    ]
    assert [meaning for _, _, meaning in scale] == list(rubric.DESCRIPTORS["Engaging communities"])


def test_a_capability_the_team_named_themselves_gets_the_general_scale():
    assert rubric.scale_for("Digital leadership") == list(rubric.SCORES)


@pytest.mark.django_db
def test_the_review_form_says_what_each_score_means_for_each_capability(
    client, reviewer, assignment
):
    client.force_login(reviewer.user)
    content = client.get(reverse("selection:review", args=[assignment.pk])).content.decode()
    for capability in assignment.application.intake.capabilities.all():
        for meaning in rubric.DESCRIPTORS[capability.name]:
            assert f'class="govuk-hint govuk-radios__hint">{meaning}</div>' in content.replace(
                "&#x27;", "'"
            )
    assert rubric.SCORES[0][2] not in content


@pytest.mark.django_db
def test_the_review_form_links_the_rubric(client, reviewer, assignment):
    client.force_login(reviewer.user)
    content = client.get(reverse("selection:review", args=[assignment.pk])).content.decode()
    assert '<a class="govuk-link" href="/reviews/rubric/">The scoring rubric</a>' in content


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["reviewer", "other_reviewer", "team"])
def test_reviewers_and_the_team_read_the_rubric_page(
    request, client, django_assert_num_queries, who
):
    person = request.getfixturevalue(who)
    client.force_login(getattr(person, "user", person))
    # Session, user, roles: the page is data, not the database.
    with django_assert_num_queries(3):
        response = client.get("/reviews/rubric/")
    content = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">The scoring rubric</h1>' in content
    for name in NAMES:
        assert f">{name}</h2>" in content
        for meaning in rubric.DESCRIPTORS[name]:
            assert meaning in content
    assert Review.objects.count() == 0


@pytest.mark.django_db
def test_the_rubric_page_is_for_reviewers_and_the_team_only(client):
    assert client.get("/reviews/rubric/").url == "/account/sign-in/?next=/reviews/rubric/"
    client.force_login(UserFactory())
    assert client.get("/reviews/rubric/").status_code == 403
