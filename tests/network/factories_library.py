"""Deterministic library resources, and the corpus both databases are searched with."""

import factory

from tests.factories import UserFactory
from upon.network.models import Resource, ResourceKind, ResourceStatus, Visibility


class ResourceFactory(factory.django.DjangoModelFactory):
    """A published guide the network's members see, linked."""

    class Meta:
        model = Resource

    kind = ResourceKind.GUIDE
    title = factory.Sequence(lambda n: f"Resource {n}")
    summary = "A short guide for directors."
    link = factory.Sequence(lambda n: f"https://example.org/guide-{n}")
    visibility = Visibility.NETWORK
    status = ResourceStatus.PUBLISHED


class SuggestionFactory(ResourceFactory):
    status = ResourceStatus.SUGGESTED
    suggested_by = factory.SubFactory(UserFactory)


# (key, kind, title, summary, topics, capabilities): every search test's corpus.
CORPUS = [
    (
        "ready",
        ResourceKind.GUIDE,
        "Getting ready for an Ofsted inspection",
        "What inspectors ask a new director in the first week of an inspection.",
        ["inspection"],
        [1],
    ),
    (
        "budget",
        ResourceKind.CASE_STUDY,
        "Balancing the high needs budget",
        "How one authority recovered its deficit, and what the inspection said of it. "
        "The inspection praised the plan.",
        ["finance", "send"],
        [2],
    ),
    (
        "workforce",
        ResourceKind.RESEARCH,
        "Recruiting and keeping social workers",
        "A review of agency staffing across England, its costs, its turnover, and the "
        "workforce strategies authorities have tried since the last national inspection "
        "round and the pay settlements of recent years.",
        ["workforce"],
        [3],
    ),
    (
        "politics",
        ResourceKind.TOOL,
        "Briefing the lead member",
        "A template for briefing councillors before scrutiny.",
        ["political"],
        [2, 4],
    ),
    (
        "care",
        ResourceKind.RECORDING,
        "Sufficiency of placements for children in care",
        "A recorded talk on commissioning placements and budgets.",
        ["care", "finance"],
        [5],
    ),
]


# Resources matching none of the tests' words, so a word in a few resources is a rare one
# (FTS5's bm25 weighs words by rarity; PostgreSQL's rank does not).
FILLER = [
    "Chairing a safeguarding partnership",
    "Early help hubs in practice",
    "Youth justice boards",
    "Leading adult social care as well",
    "Your first hundred days",
    "Looking after yourself",
    "Special schools capital",
    "Family hubs evaluation",
    "Quality assurance frameworks",
    "Corporate parenting panels",
]


def corpus(**fields) -> dict[str, Resource]:
    """The corpus, created in a fixed order (the filler first); `fields` added to every
    resource."""
    for title in FILLER:
        ResourceFactory(title=title, summary=f"Notes on {title.lower()}.", **fields)
    made = {}
    for key, kind, title, summary, topics, capabilities in CORPUS:
        made[key] = ResourceFactory(
            kind=kind,
            title=title,
            summary=summary,
            topics=topics,
            capabilities=capabilities,
            **fields,
        )
    return made
