"""What every demo builder shares: the seeded randomness, the anchor date and the password."""

import datetime
import random
import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from faker import Faker

# Printed on the terminal and in docs/demo-sign-ins.txt; never used in production.
DEMO_PASSWORD = "upon-demo-password"  # nosec B105  # the published demo password
# The demo staff sign-ins' authenticator app key (base32, as an app takes it), printed in
# docs/demo-sign-ins.txt; `manage.py demo_code` shows its current code. Demo only: a real
# person's key is made at random when they set up their app.
DEMO_TOTP_KEY = "UPONDEMOUPONDEMOUPONDEMOUPONDEMO"
BATCH_SIZE = 2000


@dataclass
class SeedContext:
    """One seeding run: seeded generators, "today" read once, one password hash for everyone."""

    seed: int
    rng: random.Random
    fake: Faker
    today: datetime.date
    midnight: datetime.datetime  # start_of_today(): the demo's past ends here
    password_hash: str
    email_counter: int = 0
    statement_words: tuple[int, int] = (120, 280)
    out: object = None  # a callable taking one line of progress text
    organisations: dict = field(default_factory=dict)

    def say(self, line: str) -> None:
        if self.out:
            self.out(line)

    def at(self, date: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
        """An aware datetime on `date` in the service's time zone."""
        naive = datetime.datetime.combine(date, datetime.time(hour, minute))
        return timezone.make_aware(naive)

    def between(self, start: datetime.datetime, end: datetime.datetime) -> datetime.datetime:
        """A whole-minute moment in [start, end), drawn from the seeded generator."""
        minutes = max(int((end - start).total_seconds() // 60), 1)
        return start + datetime.timedelta(minutes=self.rng.randrange(minutes))

    def unique_email(self, first: str, last: str) -> str:
        """first.last.N@example.com: reserved domains, unique by a running number."""
        self.email_counter += 1
        domain = ("example.com", "example.org", "example.net")[self.email_counter % 3]
        return f"{ascii_slug(first, '')}.{ascii_slug(last, '')}.{self.email_counter}@{domain}"


def start_of_today() -> datetime.datetime:
    """Where the demo's past ends: midnight at the start of today in the service's time zone
    (Europe/London), read from the clock.

    The one notion of "past" that the seeder and its tests share: everything the seed records
    as having happened (sign-ups, reviews, offers sent, registers, feedback) happened before it,
    and a session is over, with its register taken, only if it ended by it (`is_over`). A
    session that ends later today is still to come. Reading the day, not the hour, keeps a
    seed's data the same all day long."""
    today = timezone.localdate()
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time()))


def is_over(ends_at: datetime.datetime, midnight: datetime.datetime) -> bool:
    """A session that ended by `midnight` (start_of_today()) is past: its register is taken."""
    return ends_at <= midnight


def new_context(*, seed: int, out=None) -> SeedContext:
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    midnight = start_of_today()  # the clock, read once for the whole run
    return SeedContext(
        seed=seed,
        rng=random.Random(seed),  # nosec B311  # seeded synthetic data
        fake=fake,
        today=timezone.localdate(midnight),
        midnight=midnight,
        # Hashing is deliberately slow: hash once, share the hash among all demo people.
        password_hash=make_password(DEMO_PASSWORD),
        out=out,
    )


def ascii_slug(text: str, separator: str = "-") -> str:
    """'Siân O'Neill' -> 'sian-oneill': safe in email addresses and slugs."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9 ]+", "", plain).split()
    return separator.join(words)


def years_before(moment: datetime.datetime, years: int) -> datetime.datetime:
    """The same calendar day `years` earlier (28 February for 29 February)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def deal(rng: random.Random, counts: dict[str, int]) -> list[str]:
    """Exactly counts[k] copies of each key, shuffled by the seeded generator."""
    items = [key for key, count in counts.items() for _ in range(count)]
    rng.shuffle(items)
    return items


def spread(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Split `total` by weights into whole numbers that add up to `total` exactly."""
    scale = sum(weights.values())
    counts = {key: int(total * weight / scale) for key, weight in weights.items()}
    shortfall = total - sum(counts.values())
    for key in sorted(weights, key=weights.get, reverse=True)[:shortfall]:
        counts[key] += 1
    return counts


def invented_people(ctx: SeedContext, count: int):
    """`count` new people with Faker's names (never a real person's on purpose), their email
    confirmed and the demo password, saved in batches."""
    from upon.accounts.models import User

    made = []
    for _ in range(count):
        first, last = ctx.fake.first_name(), ctx.fake.last_name()
        made.append(
            User(
                email=ctx.unique_email(first, last),
                full_name=f"{first} {last}",
                password=ctx.password_hash,
                date_joined=ctx.midnight,
                email_confirmed_at=ctx.midnight,
            )
        )
    return User.objects.bulk_create(made, batch_size=BATCH_SIZE)
