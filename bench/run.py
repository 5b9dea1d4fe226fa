"""`make bench`: page timings and query counts on the national dataset, against a floor.

    .venv/bin/python bench/run.py [--rebuild] [--explain] [--requests 30]
    .venv/bin/python bench/run.py --list              # the benches it finds; runs nothing
    .venv/bin/python bench/run.py --algorithms-only   # the algorithm benches alone, no dataset
    .venv/bin/python bench/run.py --first-requests-only   # each chart page's first request

SQLite always: bench/national.sqlite3 is built once with `seed_demo --scale national` and
reused while bench/national.json says it is complete (--rebuild to start again). When
DATABASE_URL names a PostgreSQL database, that is measured too (seeded first if it is empty).
Each engine runs in its own process (Django binds one database at start-up); the pages are the
ones bench/pages.py's pages() lists. The algorithm benches are found, not listed: every module
in bench/ (or the folder given with --benches) that defines `TARGETS` and `measure()` at its
top level, read without importing it; the rest (pages.py, floor.py, this file) are helpers.
They run once, in this process, in name order. Prints a table of pages per engine and one of
algorithms, and writes bench/results.json: flat {"metric": number}.

Every page with a chart (bench/pages.py, chart_pages()) is also asked for by a fresh process
that starts as a server does (upon/wsgi.py) and times its first request and its second: the
first must not pay for an import the page could have done at start-up. --first-requests-only
measures just those, and updates only their figures in bench/results.json.

A bench that breaks fails the run: an algorithm bench that raises (importing it or in
measure()) or gives no figure for one of its TARGETS, or a page that raises or answers other
than 200, is named with its traceback, the others still run, and the exit status is 1 with
bench/results.json left as it was. Never part of `make test`, and no test asserts a time.
"""

import argparse
import ast
import importlib.util
import json
import numbers
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SQLITE_DB = BENCH / "national.sqlite3"
MARKER = BENCH / "national.json"
RESULTS = BENCH / "results.json"
MIN_APPLICATIONS = 50_000
# Bumped when the national dataset gains data the pages need (2: selection, 3: delivery, 4: each
# set's own meetings, 5: support for new directors), so an older bench/national.sqlite3 is
# rebuilt rather than measured without it. 6: the network (issue 13). 7: the national register
# of directors (issue 14). 8: its 100,000 synthetic tenures for scale (demo/register.py). 9: the
# cohorts whose year has ended completed it, so alumni reach the register (demo/delivery.py).
DATASET_VERSION = 9
# Never algorithm benches, whatever they define: this runner (and private modules, `_*.py`).
NOT_BENCHES = {"run.py"}

# Targets, printed as PASS or FAIL beside each row.
MAX_FIRST_REQUEST_MS = 1000  # a chart page's first request after start-up (issue 11)
MAX_P95_MS = 100
MAX_FLOOR_RATIO = 3
MAX_QUERIES = 15
MAX_EXPORT_S = 3


# ---------------------------------------------------------------- the parent: seeds and reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rebuild", action="store_true", help="Rebuild the SQLite dataset.")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN the slowest queries.")
    parser.add_argument("--requests", type=int, default=30, help="Timed requests per page.")
    parser.add_argument(
        "--list", action="store_true", help="List the benches found, run nothing, and stop."
    )
    parser.add_argument(
        "--algorithms-only",
        action="store_true",
        help="Run the algorithm benches and print their table; no dataset, no pages, "
        "bench/results.json untouched.",
    )
    parser.add_argument(
        "--benches",
        type=Path,
        default=BENCH,
        metavar="DIR",
        help="Where to look for algorithm benches (default: bench/).",
    )
    parser.add_argument(
        "--first-requests-only",
        action="store_true",
        help="Only each chart page's first request after start-up; updates just those figures "
        "in bench/results.json.",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)  # internal: measure one engine
    parser.add_argument("--out", help=argparse.SUPPRESS)
    # internal: a fresh process's first request, as the user with this pk
    parser.add_argument("--first-request", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--as-user", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--refresh-analytics", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.refresh_analytics:
        return refresh_analytics()
    if args.first_request:
        return first_request(args.first_request, user_pk=args.as_user)
    if args.worker:
        return worker(args)
    benches = discover(args.benches)
    if args.list:
        return print_benches(benches)
    if args.algorithms_only:
        print_algorithms(run_algorithms(benches), {})
        return
    if args.first_requests_only:
        return first_requests_only(args)

    results: dict[str, float] = {}
    reports = []
    results["seed_national_s"] = prepare_sqlite(rebuild=args.rebuild)
    algorithms = run_algorithms(benches)
    reports.append(run_worker("sqlite", f"sqlite:///{SQLITE_DB}", args))
    postgres_url = os.environ.get("DATABASE_URL", "")
    if postgres_url.startswith(("postgres://", "postgresql://")):
        seconds = seed(postgres_url, if_empty=True)
        if seconds is not None:
            results["seed_national_s_postgres"] = seconds
        reports.append(run_worker("postgres", postgres_url, args))

    print_header(reports)
    for report in reports:
        print_table(report, results)
        print_first_requests(report, results)
    print_algorithms(algorithms, results)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"\nWrote {RESULTS.relative_to(ROOT)}")


def manage(database_url: str, *args: str, capture: bool = False) -> str:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "false"}
    completed = subprocess.run(  # nosec B603  # this interpreter, manage.py
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE if capture else None,
        text=True,
    )
    return completed.stdout or ""


def seed(database_url: str, *, if_empty: bool) -> float | None:
    """Migrate and seed the national dataset; seconds taken, or None if data was there."""
    manage(database_url, "migrate", "--no-input", "-v0")
    started = time.perf_counter()
    flags = ["--if-empty"] if if_empty else []
    output = manage(database_url, "seed_demo", "--scale", "national", *flags, capture=True)
    seconds = time.perf_counter() - started
    if "already exists" in output:
        print("PostgreSQL: a programme already exists; measuring the data that is there.")
        return None
    print(output.splitlines()[0] if output else "", f"(seeded in {seconds:.1f} s)")
    return round(seconds, 1)


def prepare_sqlite(*, rebuild: bool) -> float:
    """Reuse bench/national.sqlite3 if it is complete; otherwise build it. Seconds to seed."""
    marker = json.loads(MARKER.read_text(encoding="utf-8")) if MARKER.exists() else {}
    current = marker.get("version") == DATASET_VERSION
    if not rebuild and SQLITE_DB.exists() and current:
        print(f"Reusing {SQLITE_DB.relative_to(ROOT)} (seeded in {marker['seed_s']} s)")
        manage(f"sqlite:///{SQLITE_DB}", "migrate", "--no-input", "-v0")  # new tables, if any
        return marker["seed_s"]
    if marker and not current:
        print(f"{SQLITE_DB.relative_to(ROOT)} is from an older seed: rebuilding it.")
    for path in BENCH.glob("national.sqlite3*"):
        path.unlink()
    MARKER.unlink(missing_ok=True)
    print(f"Building {SQLITE_DB.relative_to(ROOT)}: the national dataset (about 2 minutes)")
    seconds = seed(f"sqlite:///{SQLITE_DB}", if_empty=False)
    marker = {"seed_s": seconds, "version": DATASET_VERSION}
    MARKER.write_text(json.dumps(marker) + "\n", encoding="utf-8")
    return seconds


# ---------------------------------------------------------------- the algorithm benches


@dataclass(frozen=True)
class AlgorithmBench:
    name: str  # the module's name: its file name without .py
    path: Path
    targets: dict | None  # TARGETS as written, when it is a literal (for --list)

    @property
    def label(self) -> str:
        return str(self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path)


def discover(directory: Path = BENCH) -> list[AlgorithmBench]:
    """Every module in `directory` defining `TARGETS` and `measure()` at its top level, by name.

    The modules are read, not imported: a helper (bench/pages.py needs Django set up) is not run
    to find out that it is not a bench. A module that cannot be parsed raises SyntaxError."""
    benches = []
    for path in sorted(Path(directory).resolve().glob("*.py")):
        if path.name in NOT_BENCHES or path.name.startswith("_"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        defined: dict[str, ast.AST | None] = {}
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                defined[node.name] = None
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        defined[target.id] = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                defined[node.target.id] = node.value
            elif isinstance(node, ast.Import | ast.ImportFrom):
                for alias in node.names:
                    defined[(alias.asname or alias.name).split(".")[0]] = None
        if "TARGETS" in defined and "measure" in defined:
            benches.append(AlgorithmBench(path.stem, path, _literal(defined["TARGETS"])))
    return benches


def _literal(node: ast.AST | None) -> dict | None:
    try:
        value = ast.literal_eval(node) if node is not None else None
    except (ValueError, TypeError, SyntaxError):  # not a literal: computed when it runs
        return None
    return value if isinstance(value, dict) else None


def print_benches(benches: list[AlgorithmBench]) -> None:
    print("Algorithm benches (TARGETS and measure()):")
    for bench in benches:
        targets = ", ".join(bench.targets) if bench.targets is not None else "TARGETS computed"
        print(f"  {bench.label:<34} {targets}")
    if not benches:
        print("  none")
    names = ", ".join(page_names()) or "none found"
    print(f"Pages (bench/pages.py, pages(); measured on the national dataset): {names}")


def page_names() -> list[str]:
    """The metric names of the pages, as bench/pages.py writes them: Page("name", ...)."""
    tree = ast.parse((BENCH / "pages.py").read_text(encoding="utf-8"))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Page"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]


def load(bench: AlgorithmBench):
    """Import the bench from its file, with its folder and the project on sys.path."""
    sys.path[:0] = [str(d) for d in (bench.path.parent, ROOT) if str(d) not in sys.path]
    spec = importlib.util.spec_from_file_location(bench.name, bench.path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[bench.name] = module
    spec.loader.exec_module(module)
    return module


def run_algorithm(bench: AlgorithmBench) -> list[dict]:
    """One bench, once: [{"module", "metric", "value", "target"}]. Raises if it is broken."""
    module = load(bench)
    if not callable(getattr(module, "measure", None)):
        raise TypeError(f"{bench.label}: measure is not a function")
    targets = dict(module.TARGETS)
    figures = module.measure()
    if not isinstance(figures, dict):
        raise TypeError(f"{bench.label}: measure() gave {type(figures).__name__}, not a dict")
    missing = sorted(set(targets) - set(figures))
    if missing:
        raise ValueError(f"{bench.label}: measure() gave no figure for TARGETS {missing}")
    odd = sorted(metric for metric, value in figures.items() if not _number(value))
    if odd:
        raise TypeError(f"{bench.label}: measure() gave figures that are not numbers: {odd}")
    return [
        {"module": bench.name, "metric": metric, "value": value, "target": targets.get(metric)}
        for metric, value in figures.items()
    ]


def _number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def run_algorithms(benches: list[AlgorithmBench]) -> list[dict]:
    """Every bench, once; if any broke, each is named with its traceback and the run exits 1."""
    rows, broken = [], []
    for bench in benches:
        print(f"Algorithms: {bench.label} …", flush=True)
        try:
            rows += run_algorithm(bench)
        except (Exception, SystemExit):  # report every broken bench, then fail: never skip one
            print(f"\nAlgorithms: {bench.label} FAILED", file=sys.stderr, flush=True)
            traceback.print_exc()
            broken.append(bench.label)
    if broken:
        sys.exit(f"\nmake bench failed: {len(broken)} broken bench(es): {', '.join(broken)}")
    return rows


def at_least(metric: str) -> bool:
    """A metric that must reach its target rather than stay within it."""
    return metric.endswith(("_score", "_speedup"))


def algorithm_verdict(metric: str, value: float, target: float | None) -> str:
    """*_score and *_speedup metrics must reach their target; every other metric must stay
    within it."""
    if target is None:
        return ""
    ok = value >= target if at_least(metric) else value <= target
    return "PASS" if ok else "FAIL"


def print_algorithms(rows: list[dict], results: dict) -> None:
    if not rows:
        return
    heading = f"{'algorithm metric':<34} {'value':>12} {'target':>12}  result"
    print()
    print(heading)
    print("-" * len(heading))
    for row in rows:
        metric, value, target = row["metric"], row["value"], row["target"]
        bound = "" if target is None else ("≥ " if at_least(metric) else "≤ ") + f"{target:g}"
        print(
            f"{metric:<34} {value:>12.4g} {bound:>12}  "
            f"{algorithm_verdict(metric, value, target)}".rstrip()
        )
        results[metric] = value
    print("Targets: *_score and *_speedup metrics at least the target; the others at most.")


def run_worker(engine: str, database_url: str, args) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [sys.executable, __file__, "--worker", engine, "--out", out.name]
        command += ["--requests", str(args.requests)] + (["--explain"] if args.explain else [])
        command += ["--first-requests-only"] if args.first_requests_only else []
        # Measured as production runs: persistent database connections (README, production).
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
        }
        print(f"Measuring on {engine} …", flush=True)
        if subprocess.run(command, cwd=ROOT, env=env).returncode:  # nosec B603  # our own command
            sys.exit(f"\nmake bench failed: measuring on {engine} broke (the traceback is above)")
        return json.loads(Path(out.name).read_text(encoding="utf-8"))


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}"


def print_header(reports) -> None:
    print()
    print(f"Machine: {machine()}")
    for report in reports:
        print(f"{report['engine']}: {report['version']}; {report['dataset']}")


def verdict(metric: dict) -> str:
    same = metric["queries_small"] is None or metric["queries"] == metric["queries_small"]
    ok = metric["queries"] <= MAX_QUERIES and same and metric["status"] == 200
    if metric["export"]:
        ok = ok and metric["median"] < MAX_EXPORT_S
    else:
        ok = ok and metric["p95"] <= metric["max_p95_ms"]
        if metric["max_floor_ratio"] is not None:
            ok = ok and metric["ratio"] <= metric["max_floor_ratio"]
    return "PASS" if ok else "FAIL"


def print_table(report: dict, results: dict) -> None:
    engine = report["engine"]
    heading = (
        f"{'metric (' + engine + ')':<34} {'median':>9} {'p95':>9} {'queries':>9} "
        f"{'floor p95':>10} {'ratio':>7}  result"
    )
    print()
    print(heading)
    print("-" * len(heading))
    for metric in report["metrics"]:
        name = metric["name"]
        unit = "s" if metric["export"] else "ms"
        queries = str(metric["queries"])
        if metric["queries_small"] is not None:
            queries += f"/{metric['queries_small']}"
        notes = []
        if metric["status"] != 200:
            notes.append(f"HTTP {metric['status']}")
        if not metric["full_page"] and not metric["export"]:
            notes.append("stub? no base template")
        p95 = "" if metric["export"] else f"{metric['p95']:.1f}{unit}"
        print(
            f"{metric['title']:<34} {metric['median']:>7.{2 if metric['export'] else 1}f}{unit} "
            f"{p95:>9} {queries:>9} {metric['floor']:>8.{3 if metric['export'] else 1}f}{unit} "
            f"{metric['ratio']:>6.1f}x  {verdict(metric)} {' '.join(notes)}".rstrip()
        )
        if metric["export"]:
            results[f"{name}_s_{engine}"] = round(metric["median"], 3)
            results[f"{name}_floor_s_{engine}"] = round(metric["floor"], 4)
        else:
            results[f"{name}_median_ms_{engine}"] = round(metric["median"], 2)
            results[f"{name}_p95_ms_{engine}"] = round(metric["p95"], 2)
            results[f"{name}_floor_p95_ms_{engine}"] = round(metric["floor"], 2)
        suffix = "" if engine == "sqlite" else f"_{engine}"
        results[f"{name}_queries{suffix}"] = metric["queries"]
        if metric["queries_small"] is not None:
            results[f"{name}_queries_small{suffix}"] = metric["queries_small"]
        if name == "app_list":
            results[f"floor_p95_ms_{engine}"] = round(metric["floor"], 2)
    print(
        f"Targets: p95 <= {MAX_P95_MS} ms and <= {MAX_FLOOR_RATIO}x floor; <= {MAX_QUERIES} "
        f"queries, the same on a small intake (shown big/small); export < {MAX_EXPORT_S} s."
    )
    # Pages with targets of their own (issue 3's selection pages, issue 4's delivery pages and
    # issue 12's support pages: the pilot, its cohort, or a director or coach with the fewest
    # sessions or directors is the small case).
    own = [m for m in report["metrics"] if not m["export"] and m["max_floor_ratio"] is None]
    for p95 in sorted({m["max_p95_ms"] for m in own}):
        titles = ", ".join(m["title"].split(",")[0] for m in own if m["max_p95_ms"] == p95)
        print(f"{titles}: p95 <= {p95:g} ms, the same queries on the small case; ratio no target.")


# ---------------------------------------------------------------- the worker: one engine


def worker(args) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upon.settings")
    from django.conf import settings

    # The floor's template lives in bench/, outside the apps' template folders.
    settings.TEMPLATES[0]["DIRS"] = [*settings.TEMPLATES[0]["DIRS"], BENCH / "templates"]
    settings.LOGGING["loggers"] = {"django.request": {"level": "CRITICAL"}}
    settings.ROOT_URLCONF = "floor"  # the service's URLs plus the floor view
    import django

    django.setup()
    import pages as bench_pages
    from django.db import connection

    data = bench_pages.dataset()
    from upon.recruitment.models import Application

    count = Application.objects.count()
    if count < MIN_APPLICATIONS:
        print(f"Warning: only {count:,} applications; the targets assume {MIN_APPLICATIONS:,}.")
    metrics, broken = [], []
    for page in [] if args.first_requests_only else bench_pages.pages(data):
        try:
            metrics.append(measure(page, args))
        except Exception:  # report every broken page, then fail: never record a broken one
            print(f"\nPages ({args.worker}): {page.name} FAILED", file=sys.stderr, flush=True)
            traceback.print_exc()
            broken.append(page.name)
    if broken:
        sys.exit(f"\n{len(broken)} broken page(s) on {args.worker}: {', '.join(broken)}")
    first = [m for m in map(measure_first_request, bench_pages.chart_pages(data)) if m]
    if connection.vendor == "sqlite":
        version = f"SQLite {connection.Database.sqlite_version}"
    else:
        connection.ensure_connection()
        number = connection.connection.info.server_version  # e.g. 150020
        version = f"PostgreSQL {number // 10000}.{number % 100}"
    report = {
        "engine": args.worker,
        "version": version,
        "dataset": f"{count:,} applications; biggest intake {data['biggest'].size:,}",
        "metrics": metrics,
        "first_requests": first,
    }
    Path(args.out).write_text(json.dumps(report), encoding="utf-8")


def _get(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body


def _answered(url: str, status: int) -> None:
    """A page that does not answer 200 is not the page: timing it would measure something else."""
    if status != 200:
        raise RuntimeError(f"{url} answered HTTP {status}, not 200")


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[94]


def measure(page, args) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from floor import csv_floor, page_floor

    runs, warmups = (3, 1) if page.export else (args.requests, 3)
    for _ in range(warmups - 1):
        _get(page.client, page.url)
    with CaptureQueriesContext(connection) as captured:  # the last warm-up counts queries
        status, body = _get(page.client, page.url)
    # captured_queries reads the live log, which the next request clears: copy it now.
    queries = list(captured.captured_queries)
    _answered(page.url, status)
    queries_small = None
    if page.small_url:
        small_client = page.small_client or page.client
        _get(small_client, page.small_url)  # warm: a first request may save a session
        with CaptureQueriesContext(connection) as small:
            small_status, _ = _get(small_client, page.small_url)
        _answered(page.small_url, small_status)
        queries_small = len(small.captured_queries)
    if page.export:
        floor_fn = csv_floor(body)
    else:
        from django.contrib.auth.models import AnonymousUser

        floor_fn = page_floor(
            client=page.client,
            user=page.user or AnonymousUser(),
            rows=page.rows,
            columns=page.columns,
            target_bytes=len(body),
        )
    for _ in range(warmups):
        floor_fn()
    # Page and floor take turns, so a busy moment on the machine falls on both alike.
    timings, floor_timings = [], []
    for _ in range(runs):
        started = time.perf_counter()
        _get(page.client, page.url)
        timings.append(time.perf_counter() - started)
        started = time.perf_counter()
        floor_fn()
        floor_timings.append(time.perf_counter() - started)

    scale = 1 if page.export else 1000
    median = statistics.median(timings) * scale
    p95 = _p95(timings) * scale if not page.export else median
    floor = (statistics.median(floor_timings) if page.export else _p95(floor_timings)) * scale
    if args.explain:
        explain(page.title, queries)
    return {
        "name": page.name,
        "title": page.title,
        "export": page.export,
        "status": status,
        "full_page": b"govuk-template" in body,
        "bytes": len(body),
        "median": median,
        "p95": p95,
        "floor": floor,
        "ratio": (p95 / floor) if floor else 0.0,
        "max_p95_ms": page.max_p95_ms,
        "max_floor_ratio": page.max_floor_ratio,
        "queries": len(queries),
        "queries_small": queries_small,
    }


# ---------------------------------------------------------------- first request after start-up


def first_requests_only(args) -> None:
    """Each chart page's first request on each engine; only those figures are written."""
    prepare_sqlite(rebuild=args.rebuild)
    reports = [run_worker("sqlite", f"sqlite:///{SQLITE_DB}", args)]
    postgres_url = os.environ.get("DATABASE_URL", "")
    if postgres_url.startswith(("postgres://", "postgresql://")):
        seed(postgres_url, if_empty=True)
        reports.append(run_worker("postgres", postgres_url, args))
    print_header(reports)
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    for report in reports:
        print_first_requests(report, results)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"\nUpdated the first requests' figures in {RESULTS.relative_to(ROOT)}")


def shared_cache_env(page) -> dict | None:
    """The environment of a page's fresh process. For a page measured on a shared cache, as
    production runs it: REDIS_URL (BENCH_REDIS_URL, by default database 15 of the Redis on
    127.0.0.1), emptied, then filled by the schedule's job for the day in a process of its own
    (`--refresh-analytics`). None, said loudly, if that Redis does not answer."""
    env = os.environ.copy()
    if not page.shared_cache:
        env.pop("REDIS_URL", None)  # the empty cache: this process's own memory
        return env
    import redis

    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).flushdb()
    except redis.RedisError as error:
        print(f"{page.name} NOT MEASURED: no Redis at {url} ({error})")
        return None
    env["REDIS_URL"] = url
    subprocess.run(  # nosec B603  # our own command
        [sys.executable, __file__, "--refresh-analytics"], cwd=ROOT, env=env, check=True
    )
    return env


def measure_first_request(page) -> dict | None:
    """Start a fresh process for the page and time its first and second request there."""
    env = shared_cache_env(page)
    if env is None:
        return None
    command = [
        sys.executable,
        __file__,
        "--first-request",
        page.url,
        "--as-user",
        str(page.user.pk),
    ]
    completed = subprocess.run(  # nosec B603  # our own command
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    if completed.returncode:
        raise RuntimeError(f"{page.url}: the fresh process broke (the traceback is above)")
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    _answered(page.url, figures["status"])
    return {"name": page.name, "title": page.title, "target": page.target, **figures}


def refresh_analytics() -> None:
    """In a process of its own: the schedule's jobs for the register's figures and the alumni's
    comparison, as `make worker` runs them each quarter of an hour (upon/workforce/tasks.py,
    upon/reporting/alumni_outcomes.py)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upon.settings")
    import django

    django.setup()
    from django.utils import timezone

    from upon.reporting import alumni_outcomes
    from upon.workforce import tasks

    started = time.perf_counter()
    tasks.refresh_for_the_day(now=timezone.now())
    alumni_outcomes.refresh_for_the_day(now=timezone.now())
    seconds = time.perf_counter() - started
    print(f"The day's register and alumni figures worked out into Redis in {seconds:.1f} s")


def first_request(url: str, *, user_pk: int) -> None:
    """In a fresh process: start as the server does (upon/wsgi.py), sign in, and time the
    first request for the page and then the second. Prints one line of JSON."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upon.settings")
    started = time.perf_counter()
    import upon.wsgi  # noqa: F401  the start-up: what a server does before its first request

    start_up = time.perf_counter() - started
    from django.conf import settings
    from django.contrib.auth import get_user_model

    settings.LOGGING["loggers"] = {"django.request": {"level": "CRITICAL"}}
    from _signed_in import signed_in_client

    client = signed_in_client(get_user_model().objects.get(pk=user_pk))
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        status, _ = _get(client, url)
        timings.append((time.perf_counter() - started) * 1000)
    print(
        json.dumps(
            {
                "status": status,
                "start_up_ms": start_up * 1000,
                "first_ms": timings[0],
                "second_ms": timings[1],
            }
        )
    )


def print_first_requests(report: dict, results: dict) -> None:
    engine = report["engine"]
    heading = (
        f"{'first request after start (' + engine + ')':<52} {'start-up':>9} {'first':>9} "
        f"{'second':>9}  result"
    )
    print()
    print(heading)
    print("-" * len(heading))
    for row in report.get("first_requests", []):
        result = "PASS" if row["first_ms"] <= MAX_FIRST_REQUEST_MS else "FAIL"
        result = result if row.get("target", True) else "no target"
        print(
            f"{row['title']:<52} {row['start_up_ms']:>7.0f}ms {row['first_ms']:>7.0f}ms "
            f"{row['second_ms']:>7.0f}ms  {result}"
        )
        results[f"{row['name']}_first_request_ms_{engine}"] = round(row["first_ms"], 1)
        results[f"{row['name']}_second_request_ms_{engine}"] = round(row["second_ms"], 1)
    print(
        f"Target: a chart page's first request in a fresh process within "
        f"{MAX_FIRST_REQUEST_MS} ms (start-up, before it, is the server's own). The register's "
        "pages read the shared cache the schedule fills, as in production; on an empty cache, "
        "no target."
    )


def explain(title: str, queries: list[dict], slower_than_ms: float = 5.0) -> None:
    """Print the plan of each query slower than the threshold."""
    from django.db import connection

    slow = [q for q in queries if float(q["time"]) * 1000 >= slower_than_ms]
    for query in sorted(slow, key=lambda q: -float(q["time"])):
        # EXPLAIN ANALYZE runs the statement: only a SELECT may be run again.
        reads = query["sql"].lstrip().upper().startswith("SELECT")
        prefix = (
            "EXPLAIN QUERY PLAN "
            if connection.vendor == "sqlite"
            else "EXPLAIN ANALYZE "
            if reads
            else "EXPLAIN "
        )
        print(f"\n[{title}] {float(query['time']) * 1000:.1f} ms: {query['sql'][:600]}")
        with connection.cursor() as cursor:
            cursor.execute(prefix + query["sql"])
            for row in cursor.fetchall():
                print("   ", " | ".join(str(part) for part in row))


if __name__ == "__main__":
    main()
