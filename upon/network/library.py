"""The resource library's rules: who sees which resource, full-text search behind one function
(`search`: PostgreSQL's full-text search on PostgreSQL, FTS5 on SQLite, the same resources in
the same order on both), views counted, suggestions moderated by the team, collections, and the
delivery sessions' materials brought in (`sync_session_materials`).

Who sees a resource (`visible_q`, `may_view`): only published ones, except to the team (who
moderate suggestions) and to the member who suggested it; a public one anyone, signed out too;
a network one the members and the team; a cohort one that cohort's people (its participants,
not withdrawn, alumni included) and the team. Anyone else finds no such resource (404).
"""

import json
import re

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection, transaction
from django.db.models import BooleanField, F, FloatField, Max, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from upon.delivery.models import Participant, ParticipantStatus, SessionMaterial
from upon.network.algorithms import library as words
from upon.network.models import (
    TITLE_MAX,
    Collection,
    CollectionItem,
    Resource,
    ResourceKind,
    ResourceStatus,
    Visibility,
)
from upon.network.rules import is_member, is_team
from upon.service.mail import send_templated

SNIPPET_WORDS = 24


class Refused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# Who sees what


def cohort_ids(user) -> set[int]:
    """The cohorts a person is one of the people of (not withdrawn): one query, kept on them."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_network_cohort_ids", None)
    if cached is None:
        cached = set(
            Participant.objects.filter(user_id=user.pk)
            .exclude(status=ParticipantStatus.WITHDRAWN)
            .values_list("cohort_id", flat=True)
        )
        user._network_cohort_ids = cached
    return cached


def visible_q(user) -> Q:
    """The published resources this person may see in the library."""
    published = Q(status=ResourceStatus.PUBLISHED)
    if user.is_authenticated and is_team(user):
        return published
    if user.is_authenticated and is_member(user):
        return published & (
            Q(visibility__in=[Visibility.PUBLIC, Visibility.NETWORK])
            | Q(visibility=Visibility.COHORT, cohort_id__in=sorted(cohort_ids(user)))
        )
    return published & Q(visibility=Visibility.PUBLIC)


def may_view(user, resource: Resource) -> bool:
    if user.is_authenticated and (is_team(user) or resource.suggested_by_id == user.pk):
        return True
    if resource.status != ResourceStatus.PUBLISHED:
        return False
    if resource.visibility == Visibility.PUBLIC:
        return True
    if not user.is_authenticated or not is_member(user):
        return False
    return resource.visibility == Visibility.NETWORK or resource.cohort_id in cohort_ids(user)


# Search


# Resources whose JSON list of topics or capabilities holds any of a JSON list of values.
SQLITE_TAGGED = {
    "topics": (
        "EXISTS (SELECT 1 FROM json_each(network_resource.topics) "
        "WHERE json_each.value IN (SELECT value FROM json_each(%s)))"
    ),
    "capabilities": (
        "EXISTS (SELECT 1 FROM json_each(network_resource.capabilities) "
        "WHERE json_each.value IN (SELECT value FROM json_each(%s)))"
    ),
}


def _tagged(field: str, values) -> Q | RawSQL:
    """Resources whose JSON list `field` holds any of `values`."""
    values = list(values)
    if connection.vendor == "postgresql":
        found = Q()
        for value in values:
            found |= Q(**{f"{field}__contains": [value]})
        return found
    sql = SQLITE_TAGGED[field]  # constant SQL; the values are a parameter
    return RawSQL(sql, [json.dumps(values)], output_field=BooleanField())  # noqa: S611  # nosec B611  # constant SQL, values as a parameter


def search(
    query: str = "",
    *,
    user,
    kinds=(),
    capabilities=(),
    topics=(),
) -> QuerySet:
    """The published resources this person may see that hold every word of `query` (all of
    them when it has none), of any of `kinds`, tagged to any of `capabilities` and any of
    `topics`. With words: best first (`rank`: the title counts more than the summary), then
    by title (mark a page of them with `mark`). Without: by title."""
    found = Resource.objects.filter(visible_q(user))
    if kinds:
        found = found.filter(kind__in=list(kinds))
    if capabilities:
        found = found.filter(_tagged("capabilities", [int(c) for c in capabilities]))
    if topics:
        found = found.filter(_tagged("topics", list(topics)))
    terms = words.terms(query)
    if not terms:
        return found.order_by("title", "pk")
    if connection.vendor == "postgresql":
        return _postgres(found, terms)
    return _sqlite(found, terms)


# Migration 0002's stored tsvector (GIN-indexed), matched and ranked: constant SQL, the
# words reaching it only as a parameter.
PG_MATCH = "network_resource.search_document @@ plainto_tsquery('english'::regconfig, %s)"
PG_RANK = "ts_rank(network_resource.search_document, plainto_tsquery('english'::regconfig, %s))"


def _postgres(found: QuerySet, terms: list[str]) -> QuerySet:
    words_typed = " ".join(terms)
    return (
        found.filter(RawSQL(PG_MATCH, [words_typed], output_field=BooleanField()))  # noqa: S611  # nosec B611  # constant SQL, words as a parameter
        .annotate(rank=RawSQL(PG_RANK, [words_typed], output_field=FloatField()))  # noqa: S611  # nosec B611  # constant SQL, words as a parameter
        .order_by("-rank", "title", "pk")
    )


def _pg_query(terms: list[str]) -> SearchQuery:
    return SearchQuery(" ".join(terms), config="english", search_type="plain")


# The FTS5 table of migration 0002, joined by rowid and matched; bm25 is lower for better
# matches, so negated (both databases sort by "-rank"); the title weighs ten times the
# summary, as PostgreSQL's weights A and B put it first.
FTS_JOIN = "network_resource_fts.rowid = network_resource.id"
FTS_MATCH = "network_resource_fts MATCH %s"
FTS_RANK = "-bm25(network_resource_fts, 10.0, 1.0)"
FTS_MARKS = (
    "SELECT rowid, highlight(network_resource_fts, 0, %s, %s), "
    "snippet(network_resource_fts, 1, %s, %s, '…', 24) "
    "FROM network_resource_fts WHERE network_resource_fts MATCH %s AND rowid IN "
    "(SELECT value FROM json_each(%s))"
)


def _sqlite(found: QuerySet, terms: list[str]) -> QuerySet:
    # One join (the match drives it), rather than a subquery a row: constant SQL, what
    # people typed reaching it only as a parameter.
    return found.extra(  # noqa: S610  # nosec B610  # constant SQL, words as a parameter
        tables=["network_resource_fts"],
        where=[FTS_JOIN, FTS_MATCH],
        params=[words.fts5_match(terms)],
        select={"rank": FTS_RANK},
    ).order_by("-rank", "title", "pk")


def mark(resources, query: str) -> list[Resource]:
    """The resources (a page of `search`'s) each with `title_marked` and `summary_marked`:
    the matches of `query` between the marks of `algorithms.library` (show them with
    `marked`), in one query for the page, so only the page's rows are marked."""
    resources = list(resources)
    terms = words.terms(query)
    if not resources or not terms:
        return resources
    ids = [resource.pk for resource in resources]
    if connection.vendor == "postgresql":
        pg_query = _pg_query(terms)
        marks = {"start_sel": words.START, "stop_sel": words.STOP, "config": "english"}
        found = Resource.objects.filter(pk__in=ids).annotate(
            title_marked=SearchHeadline("title", pg_query, highlight_all=True, **marks),
            summary_marked=SearchHeadline(
                "summary", pg_query, max_words=SNIPPET_WORDS, min_words=12, **marks
            ),
        )
        rows = {
            pk: (title, summary)
            for pk, title, summary in found.values_list("pk", "title_marked", "summary_marked")
        }
    else:
        params = [words.START, words.STOP] * 2 + [words.fts5_match(terms), json.dumps(ids)]
        with connection.cursor() as cursor:
            cursor.execute(FTS_MARKS, params)
            rows = {pk: (title, summary) for pk, title, summary in cursor.fetchall()}
    for resource in resources:
        resource.title_marked, resource.summary_marked = rows.get(
            resource.pk, (resource.title, resource.summary)
        )
    return resources


def marked(text: str) -> SafeString:
    """A headline or snippet as HTML: escaped, then its matches in <mark>."""
    return mark_safe(words.marked_html(text or ""))  # noqa: S308  # nosec B308, B703  # escaped by marked_html


def record_view(*, resource: Resource) -> None:
    """One more view, counted in the database (never lost to a view counted at once)."""
    Resource.objects.filter(pk=resource.pk).update(views=F("views") + 1)


# Suggestions, and the team's own resources


def clean_text(text: str) -> str:
    return words.unmarked(text).strip()


def _fields(*, kind, title, summary, link="", file=None, topics=(), capabilities=()) -> dict:
    fields = {
        "kind": kind,
        "title": clean_text(title),
        "summary": clean_text(summary),
        "link": link or "",
        "topics": sorted(topics),
        "capabilities": sorted(int(c) for c in capabilities),
    }
    if file:
        fields["file"] = file
    return fields


def suggest(*, by, **details) -> Resource:
    """A member's suggestion, seen by the team in its queue (and by them) until decided."""
    return Resource.objects.create(
        status=ResourceStatus.SUGGESTED,
        visibility=Visibility.NETWORK,
        suggested_by=by,
        **_fields(**details),
    )


def add_resource(*, by, visibility, cohort=None, **details) -> Resource:
    """The team adds a resource, published at once."""
    return Resource.objects.create(
        status=ResourceStatus.PUBLISHED,
        visibility=visibility,
        cohort=cohort if visibility == Visibility.COHORT else None,
        published_by=by,
        **_fields(**details),
    )


def change_resource(*, resource: Resource, visibility, cohort=None, **details) -> Resource:
    for name, value in _fields(**details).items():
        setattr(resource, name, value)
    resource.visibility = visibility
    resource.cohort = cohort if visibility == Visibility.COHORT else None
    resource.save()
    return resource


def publish(*, resource: Resource, by, visibility, cohort=None) -> Resource:
    if resource.status != ResourceStatus.SUGGESTED:
        raise Refused("This suggestion has already been decided")
    resource.status = ResourceStatus.PUBLISHED
    resource.visibility = visibility
    resource.cohort = cohort if visibility == Visibility.COHORT else None
    resource.published_by = by
    resource.save(update_fields=["status", "visibility", "cohort", "published_by"])
    if resource.suggested_by is not None:
        send_templated(
            to=[resource.suggested_by.email],
            template="network/library/emails/published.txt",
            context={
                "resource": resource,
                "link": settings.SITE_URL + reverse("network:resource", args=[resource.pk]),
            },
        )
    return resource


def decline(*, resource: Resource, by, reason: str) -> Resource:
    """Declined: the reason is kept on the resource (its member and the team read it on its
    page) and the member is told it by email."""
    if resource.status != ResourceStatus.SUGGESTED:
        raise Refused("This suggestion has already been decided")
    resource.status = ResourceStatus.DECLINED
    resource.declined_reason = reason.strip()
    resource.save(update_fields=["status", "declined_reason"])
    if resource.suggested_by is not None:
        send_templated(
            to=[resource.suggested_by.email],
            template="network/library/emails/declined.txt",
            context={
                "resource": resource,
                "reason": resource.declined_reason,
                "link": settings.SITE_URL + reverse("network:resource", args=[resource.pk]),
            },
        )
    return resource


def suggestions() -> QuerySet:
    return (
        Resource.objects.filter(status=ResourceStatus.SUGGESTED)
        .select_related("suggested_by")
        .order_by("created_at", "pk")
    )


# Collections


def create_collection(*, by, title: str, description: str = "") -> Collection:
    return Collection.objects.create(
        title=clean_text(title), description=clean_text(description), created_by=by
    )


def add_to_collection(*, collection: Collection, resource: Resource) -> CollectionItem:
    """At the end of the collection; a resource is in a collection once."""
    with transaction.atomic():
        Collection.objects.select_for_update().filter(pk=collection.pk).first()
        if collection.items.filter(resource=resource).exists():
            raise Refused(f"{resource.title} is already in {collection.title}")
        last = collection.items.aggregate(last=Max("position"))["last"] or 0
        return CollectionItem.objects.create(
            collection=collection, resource=resource, position=last + 1
        )


def remove_from_collection(*, item: CollectionItem) -> None:
    item.delete()


def move_in_collection(*, item: CollectionItem, up: bool) -> bool:
    """Swap the item with the one before it (`up`) or after it in its collection. False, and
    nothing changed, when it is first (or last) already."""
    with transaction.atomic():
        Collection.objects.select_for_update().filter(pk=item.collection_id).first()
        item = CollectionItem.objects.get(pk=item.pk)
        items = CollectionItem.objects.filter(collection_id=item.collection_id)
        if up:
            neighbour = items.filter(position__lt=item.position).order_by("-position").first()
        else:
            neighbour = items.filter(position__gt=item.position).order_by("position").first()
        if neighbour is None:
            return False
        item.position, neighbour.position = neighbour.position, item.position
        CollectionItem.objects.bulk_update([item, neighbour], ["position"])
        return True


def collection_items(*, collection: Collection, user) -> list[CollectionItem]:
    """The collection's items whose resource this person may see, in the collection's order."""
    return list(
        collection.items.filter(resource__in=Resource.objects.filter(visible_q(user)))
        .select_related("resource")
        .order_by("position", "pk")
    )


# Session materials from delivery

RECORDING_WORDS = re.compile(
    r"recording|video|youtube\.com|youtu\.be|vimeo\.com|\.mp4\b|stream\.", re.IGNORECASE
)


def material_kind(material: SessionMaterial) -> str:
    """A recording when its title or link says so, else a guide."""
    if RECORDING_WORDS.search(f"{material.title} {material.url}"):
        return ResourceKind.RECORDING
    return ResourceKind.GUIDE


def sync_session_materials(*, now=None) -> int:
    """Each material of a published session (a whole cohort's, not one set's meetings) in the
    library for that cohort's people, once: run again, it adds only what is new. Returns how
    many it added."""
    materials = (
        SessionMaterial.objects.filter(
            session__published=True, session__action_learning_set__isnull=True
        )
        .select_related("session")
        .order_by("session_id", "added_at", "pk")
    )
    have = {
        (session_id, link or file)
        for session_id, link, file in Resource.objects.filter(session__isnull=False).values_list(
            "session_id", "link", "file"
        )
    }
    added = []
    for material in materials:
        key = (material.session_id, material.url or material.file.name)
        if key in have:
            continue
        have.add(key)
        session = material.session
        summary = f"From {session.title}. {session.description}".strip()
        added.append(
            Resource(
                kind=material_kind(material),
                title=material.title[:TITLE_MAX],
                summary=summary[:5000],
                link=material.url,
                file=material.file.name,
                visibility=Visibility.COHORT,
                cohort_id=session.cohort_id,
                session=session,
                status=ResourceStatus.PUBLISHED,
                created_at=now or timezone.now(),
            )
        )
    # One by one, so SQLite's triggers index each (bulk_create would too; kept plain).
    for resource in added:
        resource.save()
    return len(added)
