"""Bench: the library's full-text search over 20,000 resources (`library_search_20k_ms`, on
SQLite's FTS5; `library_search_20k_ms_postgresql` too when DATABASE_URL names a PostgreSQL
server).

One synthetic, deterministic library: 20,000 public, published resources whose titles (6
words) and summaries (60 words) are drawn from a vocabulary of 400 words, a few of them the
programme's own (inspection, budget, placements, workforce) at realistic rates. Each engine
runs in its own process (Django binds one database at start-up) on a database of its own,
made for the run and removed after it: a temporary SQLite file, or a temporary database on the
DATABASE_URL server (never the one it names). The schema comes from the migrations, so the
search uses migration 0002's FTS5 table or GIN index exactly as the service does.

The figure is the median, over seven runs after one untimed, of the mean time of one results
page as the library page asks for it (`library.search`, then the count, the first 20 rows
and their marked titles and snippets, `library.mark`) for four queries: one common word, two
words, a rare word and a word in no resource.
"""

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"library_search_20k_ms": 50.0}
RESOURCES = 20_000
SEED = 20261203
RUNS = 7
QUERIES = ["inspection", "budget placements", "sufficiency", "zzzzz"]
COMMON = ["inspection", "budget", "placements", "workforce", "partnership", "leadership"]


def vocabulary(rng) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(400)]


def text(rng, words, length) -> str:
    chosen = []
    for _ in range(length):
        if rng.random() < 0.04:
            chosen.append(rng.choice(COMMON))
        elif rng.random() < 0.0005:
            chosen.append("sufficiency")
        else:
            chosen.append(rng.choice(words))
    return " ".join(chosen).capitalize() + "."


def _worker() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upon.settings")
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.core.paginator import Paginator

    from upon.network import library
    from upon.network.models import Resource, ResourceKind, ResourceStatus, Visibility

    call_command("migrate", verbosity=0)
    rng = random.Random(SEED)  # nosec B311  # seeded synthetic data
    words = vocabulary(rng)
    kinds = list(ResourceKind.values)
    Resource.objects.bulk_create(
        [
            Resource(
                kind=kinds[n % len(kinds)],
                title=text(rng, words, 6)[:150],
                summary=text(rng, words, 60),
                link=f"https://example.org/r/{n}",
                visibility=Visibility.PUBLIC,
                status=ResourceStatus.PUBLISHED,
            )
            for n in range(RESOURCES)
        ],
        batch_size=2000,
    )
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE network_resource")
    anyone = AnonymousUser()

    def one_round() -> float:
        started = time.perf_counter()
        for query in QUERIES:
            page = Paginator(library.search(query, user=anyone), 20).get_page(1)
            page.paginator.count  # noqa: B018 - the count the page shows
            [(r.title_marked, r.summary_marked) for r in library.mark(page, query)]
        return (time.perf_counter() - started) * 1000 / len(QUERIES)

    one_round()
    print(round(statistics.median(one_round() for _ in range(RUNS)), 2))


def _run(database_url: str) -> float:
    env = {**os.environ, "DATABASE_URL": database_url}
    done = subprocess.run(  # nosec B603  # this interpreter, this script
        [sys.executable, __file__, "--worker"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"library search bench failed:\n{done.stderr[-3000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def _postgres(url: str) -> float:
    """On a database of its own on the server DATABASE_URL names, dropped afterwards."""
    import psycopg

    base, _, _name = url.rpartition("/")
    name = "upon_library_bench"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as server:
        server.execute(f"DROP DATABASE IF EXISTS {name}")
        server.execute(f"CREATE DATABASE {name}")
    try:
        return _run(f"{base}/{name}")
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as server:
            server.execute(f"DROP DATABASE IF EXISTS {name}")


def measure() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        figures = {"library_search_20k_ms": _run(f"sqlite:///{folder}/library.sqlite3")}
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        figures["library_search_20k_ms_postgresql"] = _postgres(url)
    return figures


if __name__ == "__main__" and sys.argv[1:] == ["--worker"]:
    _worker()
elif __name__ == "__main__":
    print(measure())
