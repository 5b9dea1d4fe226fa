"""An invented history of who led each authority's children's services, shaped like the sector.

The national register's demo (issue 14, item 2) must look like the published figures in
`../shared/data/dcs_workforce_facts.md`: each reporting year's changes of director, authorities
with a change, interim appointments and twin-hat directors at 31 March. This module invents such
a history for the 153 authorities, year by year, from seeded randomness, and knows nothing of
the database: it takes authority codes and returns plain records. Nobody in it is a real person;
the seeder gives each invented person a Faker name.

How a year is made, for its targets (published where the sector published them, the long-run
averages otherwise):
- `authorities_changed` authorities change director; the longer a director has been in post,
  and above all an interim, the likelier their authority is to change. `changes` minus that many
  of them change twice: an interim comes, then a permanent director.
- The year's new directors are `interim` interims (some of them former directors), `moves`
  directors who leave one authority for another that year (the authority they leave changes
  too), and permanent directors, first-time or returning.
- At 31 March, twin-hat directors (also directors of adult social services) number the
  year's target where the new directors allow it: those who stay keep their role.
- A few directors lead two neighbouring authorities at once (shared).
Dates fall inside the year; the outgoing director's post ends the day before the next begins,
or, for a director who moves, up to two months before they start elsewhere.
"""

import datetime
import random
from dataclasses import dataclass, field

# Published figures by reporting year (the year it starts: 2018 is 2018/19); None: not published.
# Columns: changes, authorities with a change, new permanent, interim, moves, twin hat at 31 March.
PUBLISHED = {
    2016: (None, None, None, None, None, 57),
    2017: (65, 57, 27, 27, None, 46),
    2018: (51, 40, 17, 20, 11, 40),
    2019: (57, 48, None, None, None, None),
    2020: (39, 34, 12, 17, 8, 26),
    2021: (47, 37, 17, None, None, 22),
    2022: (50, 42, 21, None, None, None),
    2023: (62, 49, 21, 28, 11, None),
    2024: (51, 39, 18, None, None, 11),
}
# The long-run shape where a year is not published: about 47 changes a year (ADCS), the share of
# changes that are interims, moves and authorities changing, from the years that were.
LONG_RUN_CHANGES = 47
AUTHORITIES_CHANGED_SHARE = 0.83
INTERIM_SHARE = 0.40
MOVE_SHARE = 0.16
# Twin-hat directors at 31 March: 61 in 2015 (ADCS), rising back towards the early years.
TWIN_HAT_2015 = 61
TWIN_HAT_EARLIEST = 70


@dataclass(frozen=True)
class YearTargets:
    year: int
    changes: int
    authorities_changed: int
    interim: int
    moves: int
    twin_hat: int


@dataclass
class Post:
    """One person leading one authority from `started_on` until `ended_on` (None: in post)."""

    person: int
    authority: str
    started_on: datetime.date
    interim: bool
    twin_hat: bool = False
    shared: bool = False
    ended_on: datetime.date | None = None
    reason_left: str = ""


@dataclass
class _History:
    rng: random.Random
    posts: list[Post] = field(default_factory=list)
    current: dict[str, Post] = field(default_factory=dict)  # authority -> its post now
    former: list[int] = field(default_factory=list)  # people who were directors, not now
    people: int = 0

    def new_person(self) -> int:
        self.people += 1
        return self.people

    def begin(self, authority: str, person: int, day: datetime.date, *, interim: bool) -> Post:
        post = Post(person=person, authority=authority, started_on=day, interim=interim)
        self.posts.append(post)
        self.current[authority] = post
        return post

    def end(self, authority: str, day: datetime.date, reason: str) -> Post:
        post = self.current.pop(authority)
        post.ended_on, post.reason_left = day, reason
        if reason != "new_post":
            self.former.append(post.person)
        return post


def year_start(year: int) -> datetime.date:
    return datetime.date(year, 4, 1)


def year_end(year: int) -> datetime.date:
    """31 March that ends the reporting year starting in `year`."""
    return datetime.date(year + 1, 3, 31)


def targets(year: int) -> YearTargets:
    """The year's published figures, with the long-run shape where one is missing."""
    changes, changed, _permanent, interim, moves, twin = PUBLISHED.get(year, (None,) * 6)
    changes = changes or LONG_RUN_CHANGES
    if twin is None:
        twin = _twin_hat_between(year)
    return YearTargets(
        year=year,
        changes=changes,
        authorities_changed=changed or round(changes * AUTHORITIES_CHANGED_SHARE),
        interim=interim or round(changes * INTERIM_SHARE),
        moves=moves or round(changes * MOVE_SHARE),
        twin_hat=twin,
    )


def _twin_hat_between(year: int) -> int:
    known = {y: row[5] for y, row in PUBLISHED.items() if row[5] is not None}
    known[2015] = TWIN_HAT_2015
    if year < 2015:
        return min(TWIN_HAT_EARLIEST, TWIN_HAT_2015 + (2015 - year))
    before = max(y for y in known if y <= year)
    after = [y for y in known if y > year]
    if not after:
        return known[before]
    after = min(after)
    share = (year - before) / (after - before)
    return round(known[before] + share * (known[after] - known[before]))


def invent(
    authorities: list[str], *, first_year: int, last_year: int, seed: int = 2026
) -> list[Post]:
    """Every post from 1 April `first_year` to 31 March after `last_year`, in start order.

    Directors in post on 1 April `first_year` started up to eight years before; the posts that
    last beyond the last year are open (ended_on None).
    """
    history = _History(rng=random.Random(seed))  # nosec B311  # seeded synthetic data
    _first_directors(history, sorted(authorities), first_year)
    for year in range(first_year, last_year + 1):
        _year(history, targets(year))
    return sorted(history.posts, key=lambda post: (post.started_on, post.authority))


def _first_directors(history: _History, authorities: list[str], year: int) -> None:
    rng = history.rng
    for authority in authorities:
        started = year_start(year) - datetime.timedelta(days=rng.randint(1, 8 * 365))
        history.begin(authority, history.new_person(), started, interim=rng.random() < 0.1)
    for post in rng.sample(list(history.current.values()), targets(year - 1).twin_hat):
        post.twin_hat = True


def _year(history: _History, goal: YearTargets) -> None:
    rng = history.rng
    start, end = year_start(goal.year), year_end(goal.year)
    changing = _choose_authorities(history, goal.authorities_changed, start)
    twice = set(rng.sample(changing, min(goal.changes - len(changing), len(changing))))
    movers = _choose_moves(history, changing, twice, goal.moves)
    arrivals = {destination for _origin, destination in movers}
    # Interims: the first of each authority changing twice, then single changes, not arrivals.
    singles = [a for a in changing if a not in twice and a not in arrivals]
    interims = set(rng.sample(singles, max(0, min(goal.interim - len(twice), len(singles)))))
    days = (end - start).days
    first_day = {a: start + datetime.timedelta(days=rng.randrange(days // 2)) for a in changing}
    move_out = {}
    for origin, destination in movers:
        # The mover leaves up to two months before starting; the origin's next director starts
        # the day after they leave.
        arrive = max(first_day[destination], start + datetime.timedelta(days=62))
        first_day[destination] = arrive
        leave = arrive - datetime.timedelta(days=rng.randint(1, 61))
        first_day[origin] = leave + datetime.timedelta(days=1)
        move_out[origin] = (history.current[origin].person, destination)
    permanent_singles = sorted(a for a in singles if a not in interims)
    shared = _choose_shared(history, changing, permanent_singles, goal.year)
    new_posts = []
    for authority in sorted(changing, key=lambda a: first_day[a]):
        day = first_day[authority]
        outgoing = history.current[authority]
        reason = "new_post" if authority in move_out else _reason(rng, outgoing)
        history.end(authority, day - datetime.timedelta(days=1), reason)
        if authority in arrivals:
            person = next(p for p, to in move_out.values() if to == authority)
            new_posts.append(history.begin(authority, person, day, interim=False))
        elif authority in shared:
            lead = history.current[shared[authority]]
            lead.shared = True
            post = history.begin(authority, lead.person, day, interim=False)
            post.shared = True
            new_posts.append(post)
        elif authority in twice or authority in interims:
            new_posts.append(history.begin(authority, _interim_person(history), day, interim=True))
        else:
            person = _permanent_person(history)
            new_posts.append(history.begin(authority, person, day, interim=False))
        if authority in twice:
            gap = rng.randint(60, 240)
            second = min(day + datetime.timedelta(days=gap), end - datetime.timedelta(days=1))
            history.end(authority, second - datetime.timedelta(days=1), "interim_ended")
            new_posts.append(
                history.begin(authority, _permanent_person(history), second, interim=False)
            )
    _twin_hats(history, new_posts, goal.twin_hat)


def _choose_authorities(history: _History, count: int, on: datetime.date) -> list[str]:
    """`count` authorities, weighted towards long tenures and interims in post."""
    rng = history.rng
    pool = sorted(history.current)
    weights = []
    for authority in pool:
        post = history.current[authority]
        years = (on - post.started_on).days / 365.25
        weights.append(8.0 if post.interim else 0.5 + years / 3)
    chosen: list[str] = []
    while len(chosen) < count:
        pick = rng.choices(pool, weights=weights)[0]
        index = pool.index(pick)
        chosen.append(pick)
        pool.pop(index)
        weights.pop(index)
    return chosen


def _choose_moves(history, changing, twice, count) -> list[tuple[str, str]]:
    """(origin, destination) pairs: a permanent director of an authority changing this year
    becomes the permanent director of another one. No authority is both."""
    rng = history.rng
    origins = [a for a in changing if not history.current[a].interim]
    rng.shuffle(origins)
    pairs = []
    used = set()
    for origin in origins:
        if len(pairs) == count:
            break
        if origin in used:
            continue
        # A destination takes its mover directly, so it must change once, not interim first.
        options = [a for a in changing if a not in used and a != origin and a not in twice]
        if not options:
            break
        destination = rng.choice(options)
        pairs.append((origin, destination))
        used.update((origin, destination))
    return pairs


def _reason(rng: random.Random, post: Post) -> str:
    if post.interim:
        return "interim_ended"
    return rng.choices(["retired", "left_sector", "other", "new_post"], weights=[4, 3, 2, 1])[0]


def _interim_person(history: _History) -> int:
    """Three interims in ten are former directors; the rest lead for the first time."""
    if history.former and history.rng.random() < 0.3:
        return history.former.pop(history.rng.randrange(len(history.former)))
    return history.new_person()


def _permanent_person(history: _History) -> int:
    """One permanent director in ten returns to the role; the rest are new to it."""
    if history.former and history.rng.random() < 0.1:
        return history.former.pop(history.rng.randrange(len(history.former)))
    return history.new_person()


def _choose_shared(history, changing, permanent_singles, year) -> dict[str, str]:
    """Every fourth year, one authority changing to a permanent director takes the permanent
    director of an authority not changing: they lead both (shared). {authority: lead's}."""
    if year % 4 or not permanent_singles:
        return {}
    rng = history.rng
    leads = sorted(
        a
        for a, post in history.current.items()
        if a not in changing and not post.interim and not post.shared
    )
    if not leads:
        return {}
    return {rng.choice(permanent_singles): rng.choice(leads)}


def _twin_hats(history: _History, new_posts: list[Post], target: int) -> None:
    """Twin-hat directors at 31 March: those who stayed keep the role; the year's new directors
    still in post take it up until the target is met (never above it, if the stayers exceed it)."""
    new = {id(post) for post in new_posts}
    stayers = sum(1 for post in history.current.values() if post.twin_hat and id(post) not in new)
    open_new = [post for post in new_posts if post.ended_on is None]
    wanted = max(0, min(target - stayers, len(open_new)))
    for post in history.rng.sample(open_new, wanted):
        post.twin_hat = True
