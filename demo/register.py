"""The national register of directors in the demo and the national dataset (issue 14, item 2).

Thirty reporting years of invented directors for the 153 authorities, shaped like the published
figures (`demo/register_history.py`, checked in tests/demo/test_register_history.py), ending
with the last complete reporting year before today. Every name is Faker's, never a real
director's. Then the programme's own directors join it: each verified director's appointment
in support that starts after the invented history becomes the authority's newest tenure, linked
to the person's Upon account; one that starts within the history is linked to the tenure in
post in that authority on its first day, renamed for the person (its dates stay the register's).

The national dataset (`seed_demo --scale national`, issue 14's benchmark) adds 100,000 synthetic
tenures for scale (`seed_synthetic_register`). They cannot sit on the 153 real authorities: the
register allows one director at a time in an authority and no date after today, so 30 years of
the 153 hold about 1,600 tenures, and 100,000 would need tenures of a few weeks each or a
history reaching back centuries, either of which would make every turnover and tenure figure
nonsense. So they sit on synthetic authorities: 63 synthetic copies of England, each of the
153 authorities mirrored once a copy with its region and type, and each copy given its own 30
years of invented history by the same generator as the real register (`register_history.invent`,
seeded per copy), cut at exactly 100,000 tenures. Every one is plainly marked:

- the authority is an `Organisation` of kind "other" (never "local authority"), named
  "Synthetic authority SYN001042", with a code that starts "SYN" (no GSS code does) and a
  normalised name in capitals, which the employer search (organisations' `normalise_name`,
  lower case only) can never produce. So no list of the 153 (the register, the importer's
  codes, the applicant's and support's local authority questions, opportunities; all filter on
  the kind) offers one, no applicant's employer can ever match one, and the one list of every
  organisation (a reviewer's conflicts, selection) leaves them out (`SYNTHETIC_CODE_PREFIX`);
- its directors are "Synthetic director 000001" and so on: no invented person's name at all.

The tenures are ordinary `Tenure` rows, so anything that reads every tenure (the turnover and
survival analytics, by region and type of authority) reads them too; what reads the 153 does
not. The demo (`make run`) has none.
"""

import datetime

from demo.common import BATCH_SIZE, SeedContext
from demo.register_history import Post, invent
from upon.organisations.models import SYNTHETIC_CODE_PREFIX, Organisation, OrganisationKind
from upon.support.models import DIRECTOR_ROLES, Appointment, PostRole
from upon.support.models import Tenure as AppointmentBasis
from upon.workforce.models import Basis, Director, LeavingReason, Tenure
from upon.workforce.register import normalise_name

YEARS = 30
SYNTHETIC_TENURES = 100_000
REASONS = {
    "new_post": LeavingReason.ANOTHER_DCS_POST,
    "interim_ended": LeavingReason.INTERIM_ENDED,
    "retired": LeavingReason.RETIRED,
    "left_sector": LeavingReason.LEFT_SECTOR,
    "other": LeavingReason.OTHER,
}


def last_complete_year(today: datetime.date) -> int:
    """The reporting year (by the calendar year it starts in) that ended before today."""
    return (today.year if today.month >= 4 else today.year - 1) - 1


def seed_register(ctx: SeedContext) -> dict[str, int]:
    authorities = {
        o.gss_code: o
        for o in Organisation.objects.filter(
            kind=OrganisationKind.LOCAL_AUTHORITY, gss_code__isnull=False
        )
    }
    last = last_complete_year(ctx.today)
    posts = invent(sorted(authorities), first_year=last - YEARS + 1, last_year=last, seed=ctx.seed)
    directors = _directors(ctx, {post.person for post in posts})
    tenures = Tenure.objects.bulk_create(
        [
            _tenure(post, authorities[post.authority].pk, directors[post.person], ctx.midnight)
            for post in posts
        ],
        batch_size=BATCH_SIZE,
    )
    linked = _programme_directors(ctx, tenures)
    ctx.say(f"National register: {len(tenures):,} tenures of {len(directors):,} directors")
    return {"register tenures": Tenure.objects.count(), "register directors linked": linked}


def seed_national_register(ctx: SeedContext, *, synthetic: int = SYNTHETIC_TENURES) -> dict:
    """The register as the demo has it, and `synthetic` tenures more for scale."""
    return {**seed_register(ctx), **seed_synthetic_register(ctx, tenures=synthetic)}


def seed_synthetic_register(ctx: SeedContext, *, tenures: int) -> dict[str, int]:
    """Exactly `tenures` synthetic tenures on synthetic authorities (the module's docstring says
    why and how they are marked), written with bulk_create."""
    real = list(
        Organisation.objects.filter(
            kind=OrganisationKind.LOCAL_AUTHORITY, gss_code__isnull=False
        ).order_by("gss_code")
    )
    last = last_complete_year(ctx.today)
    posts: list[Post] = []
    people = copies = 0
    while len(posts) < tenures:
        copies += 1
        mirrors = {_synthetic_code(copies, place): la for place, la in enumerate(real)}
        _synthetic_authorities(mirrors)
        invented = invent(
            sorted(mirrors), first_year=last - YEARS + 1, last_year=last, seed=ctx.seed + copies
        )[: tenures - len(posts)]
        for post in invented:
            post.person += people  # each copy's people are its own
        people = max(post.person for post in invented)
        posts += invented
    authorities = dict(
        Organisation.objects.filter(gss_code__startswith=SYNTHETIC_CODE_PREFIX).values_list(
            "gss_code", "pk"
        )
    )
    directors = {}
    for person in sorted({post.person for post in posts}):
        name = f"Synthetic director {person:06d}"
        directors[person] = Director(name=name, normalised_name=name.lower())
    Director.objects.bulk_create(directors.values(), batch_size=BATCH_SIZE)
    rows = [
        _tenure(post, authorities[post.authority], directors[post.person], ctx.midnight)
        for post in posts
    ]
    Tenure.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    ctx.say(
        f"Synthetic register: {len(rows):,} tenures of {len(directors):,} synthetic directors "
        f"in {len(authorities):,} synthetic authorities"
    )
    return {"synthetic tenures": len(rows), "synthetic authorities": len(authorities)}


def _synthetic_code(copy: int, place: int) -> str:
    return f"{SYNTHETIC_CODE_PREFIX}{copy:03d}{place:03d}"


def _synthetic_authorities(mirrors: dict[str, Organisation]) -> None:
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Synthetic authority {code}",
                normalised_name=code,  # capitals: the employer search writes lower case only
                kind=OrganisationKind.OTHER,
                gss_code=code,
                region=la.region,
                la_type=la.la_type,
            )
            for code, la in mirrors.items()
        ],
        batch_size=BATCH_SIZE,
    )


def _directors(ctx: SeedContext, people: set[int]) -> dict[int, Director]:
    made = {}
    for person in sorted(people):
        name = f"{ctx.fake.first_name()} {ctx.fake.last_name()}"
        made[person] = Director(name=name, normalised_name=normalise_name(name))
    Director.objects.bulk_create(made.values(), batch_size=BATCH_SIZE)
    return made


def _tenure(post: Post, authority_id: int, director: Director, recorded_at) -> Tenure:
    return Tenure(
        recorded_at=recorded_at,
        authority_id=authority_id,
        director=director,
        started_on=post.started_on,
        ended_on=post.ended_on,
        basis=Basis.INTERIM if post.interim else Basis.PERMANENT,
        twin_hat=post.twin_hat,
        shared=post.shared,
        leaving_reason=REASONS[post.reason_left] if post.ended_on else "",
    )


def _programme_directors(ctx: SeedContext, tenures: list[Tenure]) -> int:
    """Each verified director's appointment in support, in the register (the module's
    docstring says how); returns how many people are linked."""
    current = {t.authority_id: t for t in tenures if t.ended_on is None}
    appointments = (
        Appointment.objects.filter(role__in=DIRECTOR_ROLES, verified_at__isnull=False)
        .select_related("person")
        .order_by("starts_on", "pk")
    )
    linked = set()
    for appointment in appointments:
        if appointment.person_id in linked:
            continue  # one register entry a person: their first post as director
        director = _director_for(ctx, appointment, current, tenures)
        if director is None:
            continue
        # Written with update() and bulk_create(): the seed writes no history of its own.
        director.user = appointment.person
        director.name = appointment.person.full_name
        Director.objects.filter(pk=director.pk).update(
            user=director.user, name=director.name, normalised_name=normalise_name(director.name)
        )
        linked.add(appointment.person_id)
    return len(linked)


def _director_for(ctx, appointment, current: dict, tenures: list[Tenure]) -> Director | None:
    authority, day = appointment.local_authority_id, appointment.starts_on
    latest = current.get(authority)
    if latest is not None and latest.started_on < day:
        # After the invented history: the register's director hands over the day before.
        if latest.ended_on is None or latest.ended_on >= day:
            latest.ended_on = day - datetime.timedelta(days=1)
            latest.leaving_reason = LeavingReason.UNKNOWN
            Tenure.objects.filter(pk=latest.pk).update(
                ended_on=latest.ended_on, leaving_reason=latest.leaving_reason
            )
        [director] = Director.objects.bulk_create([Director(name="", normalised_name="")])
        [current[authority]] = Tenure.objects.bulk_create(
            [
                Tenure(
                    recorded_at=ctx.midnight,
                    authority_id=authority,
                    director=director,
                    started_on=day,
                    ended_on=appointment.ends_on,
                    basis=(
                        Basis.INTERIM
                        if appointment.tenure == AppointmentBasis.INTERIM
                        else Basis.PERMANENT
                    ),
                    twin_hat=appointment.role == PostRole.TWIN_HAT,
                    shared=appointment.shared,
                    leaving_reason=LeavingReason.UNKNOWN if appointment.ends_on else "",
                )
            ]
        )
        return director
    held = next(
        (
            t
            for t in tenures
            if t.authority_id == authority
            and t.started_on <= day
            and (t.ended_on is None or t.ended_on >= day)
            and t.director.user_id is None
        ),
        None,
    )
    return held.director if held else None
