"""The resource library in the demo (2,000 resources) and the national dataset (20,000): typed
resources tagged to capabilities and topics, with readable titles and summaries stitched from
stock parts in the programme's words (no Faker in the loop), seen by anyone, the network or one
cohort; a few collections, and a few members' suggestions waiting for the team. Saved with
bulk_create: on SQLite the FTS5 triggers fill the search index, on PostgreSQL the generated
column does (migration 0002)."""

import datetime

from demo.common import BATCH_SIZE, SeedContext
from demo.text import ACTIONS, REFLECTIONS
from upon.network.models import (
    TITLE_MAX,
    Collection,
    CollectionItem,
    Resource,
    ResourceKind,
    ResourceStatus,
    Topic,
    Visibility,
)
from upon.organisations.models import Region

DEMO_RESOURCES = 2000
NATIONAL_RESOURCES = 20_000
SUGGESTIONS = 5  # members' suggestions waiting for the team (of the resources above)
# Who may see a resource, out of 20: most the network, some anyone, a few one cohort.
VISIBILITY = {Visibility.NETWORK: 13, Visibility.PUBLIC: 5, Visibility.COHORT: 2}

TITLE_OPENINGS = {
    ResourceKind.GUIDE: "A guide to",
    ResourceKind.CASE_STUDY: "Case study:",
    ResourceKind.RECORDING: "Recording:",
    ResourceKind.TEMPLATE: "Template for",
    ResourceKind.RESEARCH: "Research summary:",
    ResourceKind.TOOL: "A tool for",
}
SUMMARY_OPENINGS = {
    ResourceKind.GUIDE: "A short guide, written by directors for directors, on {subject}.",
    ResourceKind.CASE_STUDY: "How one local authority approached {subject}, in its own words.",
    ResourceKind.RECORDING: "A recorded session from a taught day on {subject}, with questions.",
    ResourceKind.TEMPLATE: "A template to adapt for {subject}, with notes on each section.",
    ResourceKind.RESEARCH: "What the evidence says about {subject}, summarised in four pages.",
    ResourceKind.TOOL: "A practical tool for {subject}, tried by alumni in their own services.",
}
# What each topic's resources are about (each reads after any of TITLE_OPENINGS).
SUBJECTS = {
    Topic.INSPECTION: [
        "preparing for an inspection of children's services",
        "the first weeks after a focused visit",
        "writing an improvement plan that inspectors can follow",
        "self-evaluation before an inspection",
    ],
    Topic.FINANCE: [
        "setting a children's services budget under pressure",
        "explaining demand growth to elected members",
        "bringing agency spend down safely",
        "the cost of placements and how to plan for it",
    ],
    Topic.SEND: [
        "reducing waiting times for education, health and care plans",
        "working with parents on a SEND improvement plan",
        "the high needs budget and the safety valve",
        "inclusion in mainstream schools",
    ],
    Topic.SAFEGUARDING: [
        "chairing a safeguarding partnership",
        "redesigning the front door with health and the police",
        "learning from a child safeguarding practice review",
        "agreeing thresholds with partners",
    ],
    Topic.WORKFORCE: [
        "recruiting and keeping social workers",
        "reflective supervision for managers",
        "a workforce plan shared with neighbouring councils",
        "growing your own social workers",
    ],
    Topic.POLITICAL: [
        "briefing the lead member each week",
        "preparing for scrutiny",
        "working with the chief executive on a hard decision",
        "the first meeting with a new cabinet",
    ],
    Topic.CARE: [
        "placement sufficiency and children's homes",
        "keeping children in care close to home",
        "a children in care council that shapes decisions",
        "recruiting foster carers",
    ],
    Topic.EARLY_HELP: [
        "setting up a family hub",
        "an early help offer with the voluntary sector",
        "edge-of-care support for adolescents",
        "family group conferences",
    ],
    Topic.YOUTH_JUSTICE: [
        "a joint panel with the youth justice service",
        "children at risk of exploitation",
        "diverting children from the justice system",
        "transitions from youth justice to adult services",
    ],
    Topic.TWIN_HAT: [
        "leading children's and adult services together",
        "transitions from children's to adult social care",
        "one leadership team across two directorates",
        "the statutory duties of a twin-hatted director",
    ],
    Topic.FIRST_YEAR: [
        "the first hundred days as a director",
        "building a leadership team in the first year",
        "what new directors wish they had known",
        "the first budget round as a director",
    ],
    Topic.WELLBEING: [
        "looking after yourself as a director",
        "peer support after a serious incident",
        "keeping perspective through an inspection year",
        "managing the pressure of the role",
    ],
}
SETTINGS = [
    "in a county council",
    "in a unitary authority",
    "in a London borough",
    "in a metropolitan borough",
    "in a small authority",
    "after an inadequate judgement",
    "in a time of tight budgets",
    "with partners round the table",
]
AUDIENCES = [
    "For directors in their first two years.",
    "For aspiring directors preparing for interview.",
    "For assistant directors leading a service area.",
    "For directors working with a new lead member.",
    "For leadership teams to use together.",
]
COLLECTIONS = [
    (
        "Your first year as a director",
        "What alumni found most useful in their first year in post.",
        Topic.FIRST_YEAR,
    ),
    (
        "Getting ready for inspection",
        "Guides, tools and case studies for the months before an inspection.",
        Topic.INSPECTION,
    ),
    (
        "Budgets and finance",
        "Resources on setting and defending a children's services budget.",
        Topic.FINANCE,
    ),
    (
        "Safeguarding partnerships",
        "Working with health, the police and schools as one partnership.",
        Topic.SAFEGUARDING,
    ),
]
COLLECTION_SIZE = 8
# Read once: an enum's values and labels are worked out again at each call.
TOPICS = list(Topic.values)
PLACES = list(Region.labels)


def _resource(ctx: SeedContext, n: int, *, kind, topic, visibility, cohort) -> Resource:
    rng = ctx.rng
    subject = rng.choice(SUBJECTS[topic])
    place = PLACES[n % len(PLACES)]
    title = f"{TITLE_OPENINGS[kind]} {subject} {rng.choice(SETTINGS)} ({place})"
    capability = rng.randrange(len(ACTIONS))
    other_topic = rng.choice(TOPICS)
    summary = " ".join(
        [
            SUMMARY_OPENINGS[kind].format(subject=subject),
            f"One alumnus writes: {rng.choice(ACTIONS[capability])}.",
            rng.choice(REFLECTIONS),
            rng.choice(AUDIENCES),
        ]
    )
    created = ctx.midnight - datetime.timedelta(
        days=rng.randint(7, 3 * 365), hours=rng.randint(1, 9)
    )
    return Resource(
        kind=kind,
        title=title[:TITLE_MAX],
        summary=summary,
        link=f"https://library.example.org/resources/{n + 1}",
        capabilities=sorted({capability + 1, rng.randint(1, len(ACTIONS))}),
        topics=[t for t in TOPICS if t in {topic, other_topic}],
        visibility=visibility,
        cohort=cohort if visibility == Visibility.COHORT else None,
        created_at=created,
        views=rng.randint(0, 300),
    )


def build_library(
    ctx: SeedContext, *, count: int, cohorts: list, team, suggesters: list, progress=None
) -> dict:
    """`count` resources (the last SUGGESTIONS of them members' suggestions waiting for the
    team, the rest published by the team), cohort ones shared among `cohorts`, and the
    COLLECTIONS, each with the first COLLECTION_SIZE published resources of its topic."""
    kinds = list(ResourceKind.values)
    topics = TOPICS
    shares = [v for v, weight in VISIBILITY.items() for _ in range(weight)]
    made = []
    for n in range(count):
        visibility = shares[n % len(shares)] if cohorts else Visibility.NETWORK
        resource = _resource(
            ctx,
            n,
            kind=kinds[n % len(kinds)],
            topic=topics[(n // len(kinds)) % len(topics)],
            visibility=visibility,
            cohort=cohorts[n % len(cohorts)] if cohorts else None,
        )
        if n >= count - SUGGESTIONS and suggesters:
            resource.status = ResourceStatus.SUGGESTED
            resource.suggested_by = suggesters[n % len(suggesters)]
            resource.visibility, resource.cohort, resource.views = Visibility.NETWORK, None, 0
        else:
            resource.published_by = team
        made.append(resource)
    for start in range(0, count, BATCH_SIZE):
        Resource.objects.bulk_create(made[start : start + BATCH_SIZE])
        if progress is not None:
            progress(len(made[start : start + BATCH_SIZE]))
    collections = _collections(ctx, made, team)
    suggested = sum(r.status == ResourceStatus.SUGGESTED for r in made)
    ctx.say(
        f"Library: {count} resources ({suggested} suggestions waiting), {collections} collections."
    )
    return {"resources": count, "suggestions": suggested, "collections": collections}


def _collections(ctx: SeedContext, resources: list[Resource], team) -> int:
    published = [
        r
        for r in resources
        if r.status == ResourceStatus.PUBLISHED and r.visibility != Visibility.COHORT
    ]
    made = Collection.objects.bulk_create(
        Collection(
            title=title,
            description=description,
            created_by=team,
            created_at=ctx.midnight - datetime.timedelta(days=30),
        )
        for title, description, _topic in COLLECTIONS
    )
    items = []
    for collection, (_title, _description, topic) in zip(made, COLLECTIONS, strict=True):
        chosen = [r for r in published if r.topics[:1] == [topic] or topic in r.topics]
        for position, resource in enumerate(chosen[:COLLECTION_SIZE], start=1):
            items.append(
                CollectionItem(collection=collection, resource=resource, position=position)
            )
    CollectionItem.objects.bulk_create(items)
    return len(made)
