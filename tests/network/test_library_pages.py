"""The library's pages: searching and browsing, a resource and opening it, who may see which,
suggestions and the team's decisions, collections, and session materials brought in."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.delivery.factories import CohortFactory, ParticipantFactory, SessionFactory
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.network.factories_library import ResourceFactory, SuggestionFactory
from upon.accounts.models import Role
from upon.delivery.models import ParticipantStatus, SessionMaterial
from upon.network import library
from upon.network.models import (
    Collection,
    CollectionItem,
    Resource,
    ResourceKind,
    ResourceStatus,
    Visibility,
)

pytestmark = pytest.mark.django_db
LINK = "Enter a link starting with http:// or https://, like https://www.example.com/guide"
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def team():
    return RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, user__full_name="Tess Team").user


@pytest.fixture
def cohort():
    return CohortFactory()


@pytest.fixture
def member(cohort):
    return ParticipantFactory(cohort=cohort, user__full_name="Mo Member").user


@pytest.fixture
def other_member():
    return ParticipantFactory(user__full_name="Nia Othermember").user


@pytest.fixture
def alumnus():
    return RoleAssignmentFactory(role=Role.ALUMNUS, user__full_name="Al Alumnus").user


def page_for(client, user, name, *args, **query):
    if user is not None:
        client.force_login(user)
    return client.get(reverse(name, args=args), query)


# Searching and browsing


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("query", ["", "inspection"])
def test_the_library_page_takes_the_same_queries_for_one_result_or_three(
    client, member, count, query, django_assert_num_queries
):
    for n in range(count):
        ResourceFactory(title=f"Inspection guide {n}", topics=["inspection"], capabilities=[1])
    client.force_login(member)
    url = reverse("network:library")
    # Session, user, roles, the member's cohorts, the count, the page (and its marks).
    with django_assert_num_queries(6 if not query else 7):
        response = client.get(url, {"q": query, "kind": ["guide"], "topic": ["inspection"]})
    assert response.status_code == 200
    assert len(response.context["page"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_signed_out_the_library_takes_the_same_queries(client, count, django_assert_num_queries):
    for n in range(count):
        ResourceFactory(title=f"Public guide {n}", visibility=Visibility.PUBLIC)
    with django_assert_num_queries(3):  # the count, the page, its marks
        response = client.get(reverse("network:library"), {"q": "guide"})
    assert len(response.context["page"]) == count


def test_results_are_marked_and_html_typed_shows_as_text(client, member):
    ResourceFactory(title="<script>alert(1)</script> Inspection", summary="An inspection <b>x</b>")
    response = page_for(client, member, "network:library", q="inspection <i>")
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Inspection</mark>" in html
    assert "<b>x</b>" not in html
    assert 'value="inspection &lt;i&gt;"' in html
    assert "Showing 1 to 1 of 1 resources" in html


def test_no_results_says_so(client, member):
    response = page_for(client, member, "network:library", q="nothing")
    assert "No resources match your search" in response.content.decode()


def test_the_library_pages_by_twenty(client, member):
    for n in range(21):
        ResourceFactory(title=f"Guide {n:02d}")
    response = page_for(client, member, "network:library", page="2")
    assert [r.title for r in response.context["page"]] == ["Guide 20"]


# Who sees a resource, and opening it


def resource_with(visibility, cohort=None, **fields):
    return ResourceFactory(
        title=f"A {visibility} guide", visibility=visibility, cohort=cohort, **fields
    )


@pytest.mark.parametrize(
    ("visibility", "expected"),
    [
        # signed out, outsider, member of the cohort, another member, alumnus, team
        (Visibility.PUBLIC, [200, 200, 200, 200, 200, 200]),
        (Visibility.NETWORK, ["sign in", 404, 200, 200, 200, 200]),
        (Visibility.COHORT, ["sign in", 404, 200, 404, 404, 200]),
    ],
)
def test_who_sees_a_resource(
    client, cohort, member, other_member, alumnus, team, visibility, expected
):
    resource = resource_with(visibility, cohort if visibility == Visibility.COHORT else None)
    got = []
    for person in [None, UserFactory(), member, other_member, alumnus, team]:
        client.logout()
        response = page_for(client, person, "network:resource", resource.pk)
        sign_in = response.status_code == 302 and "/account/sign-in/" in response["Location"]
        got.append("sign in" if sign_in else response.status_code)
    assert got == expected


def test_a_withdrawn_participant_no_longer_sees_their_cohort_s_resources(client, cohort):
    withdrawn = ParticipantFactory(cohort=cohort, status=ParticipantStatus.WITHDRAWN).user
    resource = resource_with(Visibility.COHORT, cohort)
    assert page_for(client, withdrawn, "network:resource", resource.pk).status_code == 404


def test_a_suggestion_is_seen_by_its_member_and_the_team_only(client, member, other_member, team):
    suggestion = SuggestionFactory(suggested_by=member)
    got = [
        page_for(client, person, "network:resource", suggestion.pk).status_code
        for person in (member, other_member, team)
    ]
    assert got == [200, 404, 200]


def test_opening_a_link_counts_a_view_and_goes_there(client, member):
    resource = ResourceFactory(link="https://example.org/the-guide", views=4)
    client.force_login(member)
    response = client.post(reverse("network:open_resource", args=[resource.pk]))
    assert response.status_code == 302
    assert response["Location"] == "https://example.org/the-guide"
    resource.refresh_from_db()
    assert resource.views == 5
    page = page_for(client, member, "network:resource", resource.pk)
    assert '<dd class="govuk-summary-list__value" id="views">5</dd>' in page.content.decode()


def test_opening_a_file_downloads_it_for_those_who_may_see_it(client, cohort, member, other_member):
    resource = resource_with(Visibility.COHORT, cohort, link="")
    resource.file.save("plan.pdf", SimpleUploadedFile("plan.pdf", PDF))
    client.force_login(member)
    response = client.post(reverse("network:open_resource", args=[resource.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert b"".join(response.streaming_content) == PDF
    client.force_login(other_member)
    assert client.post(reverse("network:open_resource", args=[resource.pk])).status_code == 404
    resource.refresh_from_db()
    assert resource.views == 1


def test_a_resource_s_text_shows_as_text(client, member):
    resource = ResourceFactory(title="<script>x()</script>", summary="<img src=x onerror=y()>")
    html = page_for(client, member, "network:resource", resource.pk).content.decode()
    assert "<script>x()</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=y()&gt;" in html


# Suggestions


def suggest(client, member, **fields):
    client.force_login(member)
    data = {
        "kind": "guide",
        "title": "A guide to high needs",
        "summary": "How to balance it.",
        "link": "",
        "topics": ["send"],
        "capabilities": ["2"],
        **fields,
    }
    return client.post(reverse("network:suggest_resource"), data)


def test_a_member_suggests_a_link_and_sees_their_suggestion(client, member):
    response = suggest(client, member, link="https://example.org/high-needs")
    resource = Resource.objects.get()
    assert response["Location"] == reverse("network:resource", args=[resource.pk])
    assert (resource.status, resource.suggested_by, resource.link) == (
        ResourceStatus.SUGGESTED,
        member,
        "https://example.org/high-needs",
    )
    assert (resource.topics, resource.capabilities) == (["send"], [2])
    assert not library.search("high needs", user=member).exists()


def test_a_member_suggests_a_file(client, member):
    suggest(client, member, file=SimpleUploadedFile("plan.pdf", PDF))
    assert Resource.objects.get().file.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"link": "javascript:alert(1)"}, "link", LINK),
        ({"link": "data:text/html,hi"}, "link", LINK),
        ({"link": "ftp://example.org/x"}, "link", LINK),
        ({}, "file", "Select a file to upload or give a link"),
        (
            {"file": SimpleUploadedFile("run.exe", b"MZ\x90\x00")},
            "file",
            "The selected file must be a PDF, DOCX, PPTX or XLSX",
        ),
        (
            {"file": SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>")},
            "file",
            "The selected file must be a PDF, DOCX, PPTX or XLSX",
        ),
        (
            {"file": SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024))},
            "file",
            "The selected file must be smaller than 20MB",
        ),
        ({"title": ""}, "title", "Enter the title"),
        ({"title": "x" * 151}, "title", "The title must be 150 characters or fewer"),
        ({"summary": "x" * 5001}, "summary", "The summary must be 5,000 characters or fewer"),
    ],
)
def test_a_suggestion_is_refused_with_a_message_by_the_field(
    client, member, fields, field, message
):
    if "link" not in fields and "file" not in fields and field != "file":
        fields = {**fields, "link": "https://example.org/x"}
    response = suggest(client, member, **fields)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    html = response.content.decode()
    assert "<title>Error: " in html and "There is a problem" in html
    assert not Resource.objects.exists()


def test_a_refused_suggestion_keeps_what_was_typed(client, member):
    response = suggest(client, member, title="<b>Mine</b>", link="javascript:x")
    html = response.content.decode()
    assert 'value="&lt;b&gt;Mine&lt;/b&gt;"' in html


def test_only_members_suggest(client, team):
    client.force_login(team)
    assert client.get(reverse("network:suggest_resource")).status_code == 403


def test_the_team_publishes_a_suggestion_and_the_member_is_told(client, member, team, cohort):
    suggestion = SuggestionFactory(suggested_by=member, title="Peer review notes")
    client.force_login(team)
    queue = client.get(reverse("network:library_suggestions"))
    assert list(queue.context["page"]) == [suggestion]
    response = client.post(
        reverse("network:review_suggestion", args=[suggestion.pk]),
        {"decision": "publish", "visibility": "cohort", "cohort": cohort.pk},
    )
    assert response["Location"] == reverse("network:library_suggestions")
    suggestion.refresh_from_db()
    assert (
        suggestion.status,
        suggestion.visibility,
        suggestion.cohort,
        suggestion.published_by,
    ) == (
        ResourceStatus.PUBLISHED,
        Visibility.COHORT,
        cohort,
        team,
    )
    [message] = mail.outbox
    assert message.to == [member.email]
    assert message.subject == "Your suggestion is in the library: Peer review notes"
    assert list(library.search("peer review", user=member)) == [suggestion]


def test_declining_needs_a_reason_that_the_member_is_sent(client, member, team):
    suggestion = SuggestionFactory(suggested_by=member, title="Old notes")
    client.force_login(team)
    url = reverse("network:review_suggestion", args=[suggestion.pk])
    response = client.post(url, {"decision": "decline", "reason": "  "})
    assert response.context["form"].errors == {"reason": ["Enter why it is declined"]}
    response = client.post(url, {"decision": "decline", "reason": "Out of date <b>now</b>"})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == ResourceStatus.DECLINED
    [message] = mail.outbox
    assert (
        "Out of date <b>now</b>" in message.body
        or "Out of date &lt;b&gt;now&lt;/b&gt;" in message.body
    )
    # Decided: the queue is empty and deciding again is refused.
    assert list(client.get(reverse("network:library_suggestions")).context["page"]) == []
    again = client.post(url, {"decision": "publish", "visibility": "network"}, follow=True)
    assert "Old notes has already been decided." in again.content.decode()


def test_the_reason_for_declining_is_kept_and_shown_to_the_member_and_the_team(
    client, member, other_member, team, settings
):
    settings.SITE_URL = "https://upon.example"
    suggestion = SuggestionFactory(suggested_by=member, title="Old notes")
    client.force_login(team)
    client.post(
        reverse("network:review_suggestion", args=[suggestion.pk]),
        {"decision": "decline", "reason": "  Out of date since <b>2024</b>.  "},
    )
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.declined_reason) == (
        ResourceStatus.DECLINED,
        "Out of date since <b>2024</b>.",
    )
    [message] = mail.outbox
    assert f"https://upon.example/network/library/{suggestion.pk}/" in message.body
    shown = (
        '<div class="govuk-body" id="declined-reason">'
        "<p>Out of date since &lt;b&gt;2024&lt;/b&gt;.</p></div>"
    )
    for person in (member, team):
        response = page_for(client, person, "network:resource", suggestion.pk)
        assert response.status_code == 200
        assert "Why the programme team declined it" in response.content.decode()
        assert shown in response.content.decode()
    # Another member of the network finds no such resource, nor its reason.
    assert page_for(client, other_member, "network:resource", suggestion.pk).status_code == 404


def test_a_suggestion_waiting_or_published_shows_no_reason(client, member, team):
    waiting = SuggestionFactory(suggested_by=member)
    published = ResourceFactory(suggested_by=member)
    for resource in (waiting, published):
        content = page_for(client, member, "network:resource", resource.pk).content.decode()
        assert "Why the programme team declined it" not in content


@pytest.mark.parametrize("count", [1, 3])
def test_the_queue_takes_the_same_queries(client, team, count, django_assert_num_queries):
    for _ in range(count):
        SuggestionFactory()
    client.force_login(team)
    with django_assert_num_queries(5):
        response = client.get(reverse("network:library_suggestions"))
    assert len(response.context["page"]) == count


def test_the_team_adds_and_changes_a_resource(client, team):
    client.force_login(team)
    response = client.post(
        reverse("network:add_resource"),
        {
            "kind": "template",
            "title": "Scrutiny briefing",
            "summary": "A template.",
            "link": "https://example.org/brief",
            "visibility": "public",
        },
    )
    resource = Resource.objects.get()
    assert response["Location"] == reverse("network:resource", args=[resource.pk])
    assert (resource.status, resource.visibility, resource.kind) == (
        ResourceStatus.PUBLISHED,
        Visibility.PUBLIC,
        ResourceKind.TEMPLATE,
    )
    response = client.post(
        reverse("network:edit_resource", args=[resource.pk]),
        {
            "kind": "template",
            "title": "Scrutiny briefing template",
            "summary": "A template.",
            "link": "https://example.org/brief",
            "visibility": "cohort",
        },
    )
    assert response.context["form"].errors == {"cohort": ["Select the cohort who may see it"]}


# Collections


def test_the_team_makes_a_collection_and_members_see_what_they_may(
    client, team, member, alumnus, cohort
):
    first = ResourceFactory(title="Zebra first")
    second = resource_with(Visibility.COHORT, cohort)
    client.force_login(team)
    response = client.post(
        reverse("network:add_collection"), {"title": "Starting out", "description": "<i>Hi</i>"}
    )
    collection = Collection.objects.get()
    assert response["Location"] == reverse("network:collection", args=[collection.pk])
    for resource in (first, second):
        client.post(
            reverse("network:add_to_collection", args=[resource.pk]),
            {"collection": collection.pk},
        )
    again = client.post(
        reverse("network:add_to_collection", args=[first.pk]),
        {"collection": collection.pk},
        follow=True,
    )
    assert "Zebra first is already in Starting out" in again.content.decode()
    assert [(i.resource, i.position) for i in CollectionItem.objects.order_by("position")] == [
        (first, 1),
        (second, 2),
    ]
    seen = page_for(client, member, "network:collection", collection.pk)
    assert [item.resource for item in seen.context["items"]] == [first, second]
    assert "&lt;i&gt;Hi&lt;/i&gt;" in seen.content.decode()
    seen = page_for(client, alumnus, "network:collection", collection.pk)
    assert [item.resource for item in seen.context["items"]] == [first]
    client.force_login(team)
    item = CollectionItem.objects.get(resource=first)
    client.post(reverse("network:remove_from_collection", args=[item.pk]))
    assert list(CollectionItem.objects.values_list("resource", flat=True)) == [second.pk]


def collection_of(*titles) -> Collection:
    collection = Collection.objects.create(title="Starting out")
    for position, title in enumerate(titles, 1):
        CollectionItem.objects.create(
            collection=collection, resource=ResourceFactory(title=title), position=position
        )
    return collection


def item_of(collection, title) -> CollectionItem:
    return collection.items.get(resource__title=title)


def titles_in(client, person, collection) -> list[str]:
    response = page_for(client, person, "network:collection", collection.pk)
    return [item.resource.title for item in response.context["items"]]


def test_the_team_moves_resources_up_and_down_and_members_see_that_order(
    client, team, member, alumnus
):
    collection = collection_of("Alpha", "Bravo", "Charlie")
    client.force_login(team)
    move = reverse("network:move_in_collection", args=[item_of(collection, "Charlie").pk])
    response = client.post(move, {"direction": "up"})
    assert response["Location"] == (
        f"/network/library/collections/{collection.pk}/#item-{item_of(collection, 'Charlie').pk}"
    )
    assert titles_in(client, member, collection) == ["Alpha", "Charlie", "Bravo"]
    client.force_login(team)
    alpha = reverse("network:move_in_collection", args=[item_of(collection, "Alpha").pk])
    followed = client.post(alpha, {"direction": "down"}, follow=True)
    assert "Alpha moved down." in followed.content.decode()
    assert titles_in(client, alumnus, collection) == ["Charlie", "Alpha", "Bravo"]
    assert list(collection.items.order_by("position").values_list("position", flat=True)) == [
        1,
        2,
        3,
    ]


def test_the_first_does_not_move_up_nor_the_last_down(client, team):
    collection = collection_of("Alpha", "Bravo")
    client.force_login(team)
    for title, direction in (("Alpha", "up"), ("Bravo", "down"), ("Alpha", "sideways")):
        url = reverse("network:move_in_collection", args=[item_of(collection, title).pk])
        client.post(url, {"direction": direction})
    assert titles_in(client, team, collection) == ["Alpha", "Bravo"]
    refused = client.post(
        reverse("network:move_in_collection", args=[item_of(collection, "Alpha").pk]),
        follow=True,
    )
    assert "Select whether to move it up or down" in refused.content.decode()


def test_only_the_team_moves_resources_and_sees_the_buttons(client, team, member):
    collection = collection_of("Alpha", "Bravo", "Charlie")
    url = reverse("network:move_in_collection", args=[item_of(collection, "Bravo").pk])
    client.force_login(member)
    assert client.post(url, {"direction": "up"}).status_code == 403
    page = client.get(f"/network/library/collections/{collection.pk}/")
    assert "Move up" not in page.content.decode()
    client.logout()
    assert client.post(url, {"direction": "up"}).status_code == 302
    assert titles_in(client, team, collection) == ["Alpha", "Bravo", "Charlie"]
    content = client.get(f"/network/library/collections/{collection.pk}/").content.decode()
    # Alpha moves down only, Charlie up only, Bravo both ways.
    assert content.count('value="up"') == 2 and content.count('value="down"') == 2
    assert 'Move up<span class="govuk-visually-hidden"> Alpha</span>' not in content
    assert 'Move down<span class="govuk-visually-hidden"> Charlie</span>' not in content
    assert client.get(url).status_code == 405


@pytest.mark.parametrize("count", [1, 3])
def test_a_collection_takes_the_same_queries(client, member, count, django_assert_num_queries):
    collection = Collection.objects.create(title="Set")
    for n in range(count):
        CollectionItem.objects.create(
            collection=collection, resource=ResourceFactory(), position=n + 1
        )
    client.force_login(member)
    with django_assert_num_queries(6):
        response = client.get(reverse("network:collection", args=[collection.pk]))
    assert len(response.context["items"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_a_collection_with_the_team_s_buttons_takes_the_same_queries(
    client, team, count, django_assert_num_queries
):
    collection = collection_of(*[f"Resource {n}" for n in range(count)])
    client.force_login(team)
    # Session, user, roles; the collection; its items with their resources.
    with django_assert_num_queries(5):
        response = client.get(reverse("network:collection", args=[collection.pk]))
    assert len(response.context["items"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_collections_take_the_same_queries(client, member, count, django_assert_num_queries):
    for n in range(count):
        Collection.objects.create(title=f"Set {n}")
    client.force_login(member)
    with django_assert_num_queries(5):
        response = client.get(reverse("network:collections"))
    assert len(response.context["page"]) == count


# Session materials from delivery


def test_session_materials_come_into_the_library_once(cohort, member, alumnus):
    session = SessionFactory(cohort=cohort, title="Taught day 1", description="Systems.")
    hidden = SessionFactory(cohort=cohort, title="Draft day", published=False)
    SessionMaterial.objects.create(session=session, title="Slides", url="https://example.org/s")
    SessionMaterial.objects.create(
        session=session, title="Day 1 recording", url="https://vimeo.com/1"
    )
    SessionMaterial.objects.create(session=hidden, title="Draft", url="https://example.org/d")
    assert library.sync_session_materials() == 2
    assert library.sync_session_materials() == 0
    found = list(
        Resource.objects.order_by("title").values_list(
            "title", "kind", "visibility", "cohort", "session", "summary"
        )
    )
    assert found == [
        (
            "Day 1 recording",
            "recording",
            "cohort",
            cohort.pk,
            session.pk,
            "From Taught day 1. Systems.",
        ),
        ("Slides", "guide", "cohort", cohort.pk, session.pk, "From Taught day 1. Systems."),
    ]
    assert [r.title for r in library.search("slides", user=member)] == ["Slides"]
    assert list(library.search("slides", user=alumnus)) == []
    SessionMaterial.objects.create(
        session=session,
        title="Reading",
        url="https://example.org/r",
        added_at=session.starts_at + datetime.timedelta(days=1),
    )
    assert library.sync_session_materials() == 1
