"""The directory: members' opt-in profiles, what each says, and finding people in it.

A profile holds only what the member types or chooses (about, region, topics, strengths, how
they like to be contacted). Their post and authority are read from their newest verified
appointment that has not ended, their cohort from their newest place on a cohort, so nothing is
typed twice. The email address is never read here: no page of the directory can show it.
"""

from dataclasses import dataclass

from django.db import connections, transaction
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from upon.accounts.models import Role, RoleAssignment
from upon.delivery.models import Cohort, Participant
from upon.network.models import ContactPreference, Profile, Topic
from upon.network.rules import MEMBERS
from upon.organisations.models import Region
from upon.support.coach_pool import CAPABILITY_NAMES
from upon.support.models import DIRECTOR_ROLES, Appointment, PostRole

# The roles a member is found by; a director is anyone holding a current DCS post.
PARTICIPANT, ALUMNUS, DIRECTOR = "participant", "alumnus", "director"
ROLE_CHOICES = [
    (PARTICIPANT, "Participant"),
    (ALUMNUS, "Alumnus"),
    (DIRECTOR, "Director of children's services"),
]


def _holds(role: str):
    return Exists(RoleAssignment.objects.filter(user=OuterRef("user"), role=role))


def _current_posts():
    """The person's verified posts that have not ended, newest first."""
    return Appointment.objects.filter(
        person=OuterRef("user"), verified_at__isnull=False, ends_on__isnull=True
    ).order_by("-starts_on", "-pk")


def profiles() -> QuerySet[Profile]:
    """Every profile of someone who is still a member, with what it shows read alongside:
    `post_role`, `post_authority`, `post_region`, `shown_region`, `cohort_name`,
    `is_participant`, `is_alumnus`, `is_director`."""
    newest_post = _current_posts()
    newest_place = Participant.objects.filter(user=OuterRef("user")).order_by(
        "-cohort__starts_on", "-pk"
    )
    return (
        Profile.objects.filter(
            Exists(RoleAssignment.objects.filter(user=OuterRef("user"), role__in=MEMBERS))
        )
        .select_related("user")
        .annotate(
            post_role=Subquery(newest_post.values("role")[:1]),
            post_authority=Subquery(newest_post.values("local_authority__name")[:1]),
            post_region=Subquery(newest_post.values("local_authority__region")[:1]),
            shown_region=Coalesce(NullIf("region", Value("")), "post_region"),
            cohort_name=Subquery(newest_place.values("cohort__name")[:1]),
            is_participant=_holds(Role.PARTICIPANT),
            is_alumnus=_holds(Role.ALUMNUS),
            is_director=Exists(_current_posts().filter(role__in=DIRECTOR_ROLES)),
        )
    )


def own_profile(user) -> Profile | None:
    return profiles().filter(user=user).first()


# The JSON lists of a profile that `_list_has` reads: its SQL names the column.
LIST_FIELDS = ("topics", "strengths")


def _list_has(queryset: QuerySet, field: str, values) -> QuerySet:
    """Profiles whose JSON list `field` holds any of `values`: PostgreSQL's `contains`;
    SQLite (which has no `contains` on JSON) looks through `json_each`."""
    if not values:
        return queryset
    if connections[queryset.db].vendor != "sqlite":
        either = Q()
        for value in values:
            either |= Q(**{f"{field}__contains": [value]})
        return queryset.filter(either)
    if field not in LIST_FIELDS:
        raise ValueError(f"{field!r} is not one of the profile's lists")
    marks = ", ".join(["%s"] * len(values))
    # `field` is one of our column names (checked above); the values are parameters.
    return queryset.filter(
        RawSQL(  # noqa: S611  # nosec B611
            f'EXISTS (SELECT 1 FROM json_each("network_profile"."{field}") '  # noqa: S608  # nosec B608
            f"WHERE json_each.value IN ({marks}))",
            list(values),
            output_field=BooleanField(),
        )
    )


def search(
    *,
    text: str = "",
    regions=(),
    roles=(),
    cohort_id: int | None = None,
    topics=(),
    strengths=(),
) -> QuerySet[Profile]:
    """The profiles found: `text` in the name or the about text, in any of `regions` (their own
    region, or their post's), holding any of `roles`, ever on the cohort, offering any of
    `topics`, strong in any of `strengths`. Nothing chosen: every profile."""
    found = profiles()
    if text:
        found = found.filter(Q(user__full_name__icontains=text) | Q(about__icontains=text))
    if regions:
        found = found.filter(shown_region__in=list(regions))
    if roles:
        either = Q()
        for role, annotation in (
            (PARTICIPANT, "is_participant"),
            (ALUMNUS, "is_alumnus"),
            (DIRECTOR, "is_director"),
        ):
            if role in roles:
                either |= Q(**{annotation: True})
        found = found.filter(either)
    if cohort_id:
        found = found.filter(
            Exists(Participant.objects.filter(user=OuterRef("user"), cohort_id=cohort_id))
        )
    found = _list_has(found, "topics", list(topics))
    found = _list_has(found, "strengths", [int(s) for s in strengths])
    return found


def cohort_choices() -> list[tuple[int, str]]:
    return list(Cohort.objects.order_by("-starts_on", "name").values_list("pk", "name"))


@dataclass(frozen=True)
class Shown:
    """What a profile shows, as people read it."""

    post: str  # "Director of Children's Services (DCS), Leeds", or ""
    region: str
    cohort: str
    roles: list[str]
    strengths: list[str]
    topics: list[str]
    contact: list[str]


def shown(profile: Profile) -> Shown:
    """A profile from `profiles()` as it is shown (no email address: there is none to show)."""
    post = ""
    if profile.post_role:
        post = f"{PostRole(profile.post_role).label}, {profile.post_authority}"
    region = Region(profile.shown_region).label if profile.shown_region in Region.values else ""
    roles = [label for (role, label) in ROLE_CHOICES if getattr(profile, f"is_{role}", False)]
    return Shown(
        post=post,
        region=region,
        cohort=profile.cohort_name or "",
        roles=roles,
        strengths=[CAPABILITY_NAMES[p] for p in sorted(profile.strengths) if p in CAPABILITY_NAMES],
        topics=[Topic(t).label for t in Topic.values if t in profile.topics],
        contact=[
            ContactPreference(c).label
            for c in ContactPreference.values
            if c in profile.contact_preferences
        ],
    )


def save_profile(*, user, about: str, region: str, topics, strengths, contact_preferences):
    """Opt in (the first save) or change the profile. Returns (profile, created)."""
    now = timezone.now()
    with transaction.atomic():
        profile, created = Profile.objects.select_for_update().get_or_create(
            user=user, defaults={"created_at": now}
        )
        profile.about = about
        profile.region = region
        profile.topics = [t for t in Topic.values if t in topics]
        profile.strengths = sorted({int(s) for s in strengths if int(s) in CAPABILITY_NAMES})
        profile.contact_preferences = [
            c for c in ContactPreference.values if c in contact_preferences
        ]
        profile.updated_at = now
        profile.save()
    return profile, created


def remove_profile(*, user) -> bool:
    """Opt out: the profile is gone at once. Whether there was one."""
    deleted, _ = Profile.objects.filter(user=user).delete()
    return bool(deleted)
