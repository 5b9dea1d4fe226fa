"""The library's search, behind one function: the same resources in the same order on SQLite
(FTS5) and PostgreSQL (full-text search with its GIN index) for this corpus. Run these on both:

    .venv/bin/pytest tests/network/test_library_search.py
    DATABASE_URL=postgres://... .venv/bin/pytest tests/network/test_library_search.py
"""

import pytest
from django.db import connection

from tests.delivery.factories import CohortFactory, ParticipantFactory
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.network.factories_library import ResourceFactory, corpus
from upon.accounts.models import Role
from upon.network import library
from upon.network.algorithms import library as words
from upon.network.models import ResourceStatus, Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return RoleAssignmentFactory(role=Role.PROGRAMME_TEAM).user


@pytest.fixture
def made():
    return corpus()


def keys(made, results):
    names = {resource.pk: key for key, resource in made.items()}
    return [names.get(resource.pk, "filler") for resource in results]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A title match first, then the summary that says it twice, then the long one once.
        ("inspection", ["ready", "budget", "workforce"]),
        # Stemmed alike: inspections, inspectors and inspection are one word.
        ("Inspections", ["ready", "budget", "workforce"]),
        # Every word must be there; stop words ("the", "and") are left out on both.
        ("the inspection and budget", ["budget"]),
        ("budget", ["budget", "care"]),
        ("placements", ["care"]),
        ("lead member scrutiny", ["politics"]),
        ("nothing matches this", []),
        # Punctuation and query syntax are only separators: never an error.
        # ("or" is a stop word: both words must be there).
        ('budget" OR "care', ["care"]),
        ("<script>alert(1)</script>", []),
    ],
)
def test_ranked_results_are_the_same_on_both_databases(made, team, query, expected):
    assert keys(made, library.search(query, user=team)) == expected


def test_the_database_that_answered_is_one_of_the_two():
    assert connection.vendor in ("sqlite", "postgresql")


def test_the_title_ranks_above_the_summary(made, team):
    results = list(library.search("inspection", user=team))
    assert results[0].rank > results[1].rank > results[2].rank > 0


def test_no_words_lists_everything_by_title(made, team):
    results = list(library.search("  the  ", user=team))
    assert len(results) == 15
    assert [r.title for r in results] == sorted(r.title for r in results)


def test_filters_by_kind_topic_and_capability(made, team):
    assert keys(made, library.search("", user=team, kinds=["case_study", "tool"])) == [
        "budget",
        "politics",
    ]
    assert keys(made, library.search("", user=team, topics=["finance"])) == ["budget", "care"]
    assert keys(made, library.search("budget", user=team, topics=["finance"])) == [
        "budget",
        "care",
    ]
    assert keys(made, library.search("", user=team, capabilities=["2"])) == [
        "budget",
        "politics",
    ]
    assert keys(
        made, library.search("budget", user=team, topics=["care", "send"], capabilities=[5])
    ) == ["care"]


def test_matches_are_marked_in_the_title_and_the_summary(made, team):
    first = library.mark(library.search("inspection", user=team), "inspection")[0]
    assert str(library.marked(first.title_marked)) == (
        "Getting ready for an Ofsted <mark>inspection</mark>"
    )
    assert "<mark>inspection</mark>." in str(library.marked(first.summary_marked))
    care = library.mark(library.search("budget", user=team), "budget")[1]
    assert str(library.marked(care.summary_marked)).endswith("<mark>budgets</mark>.")


def test_html_in_a_resource_is_escaped_before_it_is_marked(team):
    ResourceFactory(
        title="Inspection <em>checks</em>",
        summary='An <b>inspection</b> guide & "checklist"',
    )
    ResourceFactory(title="<script>alert('x')</script> inspection", summary="Safe.")
    found = library.mark(library.search("inspection", user=team), "inspection")
    marked, script = sorted(found, key=lambda r: r.pk)
    assert str(library.marked(marked.title_marked)) == (
        "<mark>Inspection</mark> &lt;em&gt;checks&lt;/em&gt;"
    )
    # PostgreSQL's headline leaves tags out of a snippet; FTS5 keeps them, escaped here.
    summary = str(library.marked(marked.summary_marked))
    assert "<b>" not in summary
    assert "<mark>inspection</mark>" in summary
    assert summary.endswith(" guide &amp; &quot;checklist&quot;")
    title = str(library.marked(script.title_marked))
    assert "<script>" not in title
    assert title.startswith("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;")


def test_search_finds_changed_and_forgets_deleted_resources(team):
    resource = ResourceFactory(title="Old words", summary="Nothing here.")
    assert list(library.search("sufficiency", user=team)) == []
    resource.title = "Sufficiency strategy"
    resource.save()
    assert list(library.search("sufficiency", user=team)) == [resource]
    assert list(library.search("old", user=team)) == []
    resource.delete()
    assert list(library.search("sufficiency", user=team)) == []


def test_only_what_the_person_may_see(team):
    cohort, other_cohort = CohortFactory(), CohortFactory()
    member = ParticipantFactory(cohort=cohort).user
    alumnus = RoleAssignmentFactory(role=Role.ALUMNUS).user
    found = {
        "public": ResourceFactory(title="Public guide", visibility=Visibility.PUBLIC),
        "network": ResourceFactory(title="Network guide"),
        "cohort": ResourceFactory(
            title="Cohort guide", visibility=Visibility.COHORT, cohort=cohort
        ),
        "other": ResourceFactory(
            title="Other cohort guide", visibility=Visibility.COHORT, cohort=other_cohort
        ),
        "suggested": ResourceFactory(title="Suggested guide", status=ResourceStatus.SUGGESTED),
        "declined": ResourceFactory(title="Declined guide", status=ResourceStatus.DECLINED),
    }

    def seen(user):
        return sorted(keys(found, library.search("guide", user=user)))

    from django.contrib.auth.models import AnonymousUser

    assert seen(AnonymousUser()) == ["public"]
    assert seen(UserFactory()) == ["public"]
    assert seen(alumnus) == ["network", "public"]
    assert seen(member) == ["cohort", "network", "public"]
    assert seen(team) == ["cohort", "network", "other", "public"]


def test_the_words_searched_for():
    assert words.terms("The   Budget, the INSPECTION; budget!") == ["budget", "inspection"]
    assert words.terms('" OR NEAR(x) *') == ["near", "x"]
    assert words.fts5_match(["budget", "x"]) == '"budget" "x"'
    assert words.marked_html("a \ue000<b>\ue001 \ue001 c \ue000d") == (
        "a <mark>&lt;b&gt;</mark>  c <mark>d</mark>"
    )
