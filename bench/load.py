"""`make load`: Upon under load, as people use it, on PostgreSQL, measured and checked.

    .venv/bin/python bench/load.py [--users 200] [--seconds 150] [--max-requests 40000]

1. Makes the database LOAD_DATABASE_URL (postgres://postgres@127.0.0.1:5432/upon_load) afresh
   (it must be on 127.0.0.1 or localhost, and is dropped first), then starts `make serve` on it
   (port LOAD_PORT, 8765): gunicorn and the production settings over plain HTTP, which migrates
   and seeds the demo. Emails are written to files (EMAIL_TO_FILES), where the simulated
   sponsors find their links; the server's output goes to tmp/load/server.log.
2. Picks the accounts (bench/load_check.py accounts; tops the applicants up to 800).
3. Runs locust (bench/locustfile.py) in this process, headless, in three phases, each stopped
   by itself after its time or its share of --max-requests, whichever comes first:
   - the floor: --saturation-users people asking for /healthz with no pause (no database);
   - saturation: as many people playing the real mix with no pause between pages;
   - the real mix with --users people (200) thinking 1 to 5 s between pages, added at
     --spawn-rate a second; figures from the moment all have signed in.
   Requests per second at saturation over the floor's is the ratio; p95 at 200 users; errors
   are failed requests plus exceptions in the simulated people (must be 0).
4. Stops the server and checks that every write the people were told succeeded is in the
   database (bench/load_check.py check on tmp/load/ledger.jsonl).
5. Prints a table and merges its figures (`load_*`) into bench/results.json, keeping the other
   keys. Exit status 1 if there were errors or anything was lost.

Never part of `make test` or `make bench`. About 7 minutes; the machine's load average during
each phase is printed beside it, since locust and the server share the cores.
"""

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from locust import between, constant
from locust.env import Environment
from locust.log import setup_logging

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import locustfile  # noqa: E402 - bench/ on the path first

RESULTS = BENCH / "results.json"
WORK = ROOT / "tmp" / "load"
PYTHON = sys.executable
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# How long past the last start people may take to sign in before the run gives up.
ARRIVAL_GRACE_S = 120


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=200, help="People in the main phase.")
    parser.add_argument("--spawn-rate", type=float, default=4, help="People added a second.")
    parser.add_argument("--seconds", type=int, default=120, help="Main phase, once all arrived.")
    parser.add_argument("--saturation-users", type=int, default=30)
    parser.add_argument("--saturation-seconds", type=int, default=45)
    parser.add_argument("--floor-seconds", type=int, default=20)
    parser.add_argument(
        "--max-requests", type=int, default=40_000, help="The most requests in the whole run."
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOAD_PORT", 8765)))
    args = parser.parse_args()
    database_url = os.environ.get(
        "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/upon_load"
    )
    setup_logging("WARNING")
    # Stopped (Ctrl-C, a timeout): unwind, so the server is stopped with it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    recreate(database_url)
    WORK.mkdir(parents=True, exist_ok=True)
    outbox = WORK / "outbox"
    for old in [*outbox.glob("*.log"), WORK / "ledger.jsonl"]:
        old.unlink(missing_ok=True)
    # The check and the accounts read the database as the service does; the server also writes
    # its emails to files and its access log apart.
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("EMAIL_HOST", None)
    server_env = {
        **env,
        "EMAIL_TO_FILES": "true",
        "EMAIL_FILE_PATH": str(outbox),
        "LOG_LEVEL": "WARNING",
        "WEB_ACCESS_LOG": str(WORK / "access.log"),
    }
    host = f"http://127.0.0.1:{args.port}"
    server = start_server(server_env, args.port)
    try:
        wait_until_ready(host, server)
        accounts = WORK / "accounts.json"
        subprocess.run(  # nosec B603  # our own script and arguments, no shell
            [PYTHON, str(BENCH / "load_check.py"), "accounts", str(accounts)], env=env, check=True
        )
        os.environ["LOAD_ACCOUNTS"], os.environ["LOAD_OUTBOX"] = str(accounts), str(outbox)
        quick, most = args.saturation_users, args.max_requests
        # (title, people, how many, added a second, seconds, share of the requests, pause)
        plan = [
            ("floor: /healthz, no pause", [locustfile.HelloWorld], quick, quick,
             args.floor_seconds, 0.2, False),
            ("saturation: the mix, no pause", locustfile.PEOPLE, quick, quick,
             args.saturation_seconds, 0.3, False),
            (f"{args.users} people, 1 to 5 s between pages", locustfile.PEOPLE, args.users,
             args.spawn_rate, args.seconds, 0.5, True),
        ]  # fmt: skip
        floor, saturation, main_phase = (
            run_phase(
                title,
                people,
                host,
                users=users,
                spawn_rate=rate,
                seconds=seconds,
                budget=max(int(most * share), 1),
                pause=pause,
            )
            for title, people, users, rate, seconds, share, pause in plan
        )
    finally:
        stop_server(server)
    ledger = WORK / "ledger.jsonl"
    ledger.write_text("".join(json.dumps(r) + "\n" for r in locustfile.LEDGER), encoding="utf-8")
    check = subprocess.run(  # nosec B603  # our own script and arguments, no shell
        [PYTHON, str(BENCH / "load_check.py"), "check", str(ledger)],
        env=env,
        capture_output=True,
        text=True,
    )
    if check.returncode not in (0, 1):
        print(check.stdout, check.stderr, file=sys.stderr)
        raise SystemExit("The nothing-lost check could not run")
    checked = json.loads(check.stdout.strip().splitlines()[-1])
    phases = [floor, saturation, main_phase]
    errors = sum(p["failures"] + p["exceptions"] for p in phases)
    results = {
        "load_floor_rps": floor["rps"],
        "load_saturation_rps": saturation["rps"],
        "load_saturation_to_floor_ratio": round(saturation["rps"] / floor["rps"], 3),
        "load_saturation_p95_ms": saturation["p95_ms"],
        "load_users": args.users,
        "load_p95_ms": main_phase["p95_ms"],
        "load_median_ms": main_phase["median_ms"],
        "load_rps": main_phase["rps"],
        "load_requests": sum(p["requests"] for p in phases),
        "load_errors": errors,
        "load_writes": checked["writes"],
        "load_writes_checked": checked["checked"],
        "load_writes_lost": len(checked["lost"]),
        "load_average_1min": main_phase["load_average"],
        "load_run_s": round(time.monotonic() - started, 1),
    }
    report(phases, main_phase, results, checked["lost"])
    merged = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    merged.update(results)
    RESULTS.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"Written to {RESULTS.relative_to(ROOT)} (load_* keys).")
    return 1 if errors or checked["lost"] else 0


# ---------------------------------------------------------------- the database and the server


def recreate(database_url: str) -> None:
    """Drop and create the load database, which must be on this machine."""
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if parts.scheme not in ("postgres", "postgresql") or parts.hostname not in LOCAL_HOSTS:
        raise SystemExit(f"LOAD_DATABASE_URL must be PostgreSQL on 127.0.0.1, not {database_url}")
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"Not a plain database name: {name!r}")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def start_server(env: dict, port: int) -> subprocess.Popen:
    """`make serve` in its own process group (stopped as one); its setup is done already."""
    log = (WORK / "server.log").open("w")
    return subprocess.Popen(  # nosec B603 B607  # make from PATH, as `make load` itself ran
        ["make", "--no-print-directory", "-o", "setup", "serve", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_until_ready(host: str, server: subprocess.Popen, timeout: float = 300) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"make serve stopped ({server.returncode}): see tmp/load/server.log")
        try:
            if requests.get(f"{host}/readyz", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        gevent.sleep(1)
    raise SystemExit("The server was not ready in time: see tmp/load/server.log")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# ---------------------------------------------------------------- locust


def run_phase(title, people, host, *, users, spawn_rate, seconds, budget, pause) -> dict:
    """Run these people until `seconds` after they have all arrived, or `budget` requests."""
    print(f"\n{title}: {users} people for {seconds} s (at most {budget} requests)", flush=True)
    for person in people:
        person.wait_time = between(1, 5) if pause else constant(0)
    environment = Environment(user_classes=people, host=host)
    runner = environment.create_local_runner()
    locustfile.arrived = 0
    starting = time.monotonic()
    runner.start(users, spawn_rate=spawn_rate)
    # Each person signs in first (Argon2: by design the slowest request there is), so the
    # figures start once everyone is signed in, not merely started.
    arriving = starting + users / spawn_rate + ARRIVAL_GRACE_S
    while locustfile.arrived < users:
        if time.monotonic() > arriving:
            runner.quit()
            raise SystemExit(f"Only {locustfile.arrived} of {users} people signed in in time")
        gevent.sleep(0.2)
    print(f"All {users} signed in after {time.monotonic() - starting:.0f} s", flush=True)
    environment.stats.reset_all()  # figures from the moment everyone is there
    loads, began = [], time.monotonic()
    while time.monotonic() - began < seconds and environment.stats.total.num_requests < budget:
        gevent.sleep(1)
        loads.append(os.getloadavg()[0])
    total = environment.stats.total
    figures = {
        "title": title,
        "rps": round(total.num_requests / (time.monotonic() - began), 1),
        "requests": total.num_requests,
        "failures": total.num_failures,
        "exceptions": sum(e["count"] for e in runner.exceptions.values()),
        "p95_ms": total.get_response_time_percentile(0.95),
        "median_ms": total.get_response_time_percentile(0.5),
        "load_average": round(statistics.mean(loads), 2) if loads else None,
        "rows": sorted(
            (
                name,
                entry.num_requests,
                entry.num_failures,
                entry.get_response_time_percentile(0.5),
                entry.get_response_time_percentile(0.95),
            )
            for (name, _method), entry in environment.stats.entries.items()
        ),
        "errors": [
            f"{error.name}: {error.error} ({error.occurrences})"
            for error in environment.stats.errors.values()
        ]
        + [f"{e['msg']} ({e['count']})\n{e['traceback']}" for e in runner.exceptions.values()],
    }
    runner.quit()
    return figures


def report(phases: list[dict], main_phase: dict, results: dict, lost: list[str]) -> None:
    print(f"\n{main_phase['title']}, once all had arrived:")
    print(f"{'request':<32} {'count':>7} {'errors':>7} {'median ms':>10} {'p95 ms':>8}")
    for name, count, failures, median, p95 in main_phase["rows"]:
        print(f"{name:<32} {count:>7} {failures:>7} {median:>10} {p95:>8}")
    print(f"\n{'phase':<40} {'req/s':>7} {'requests':>9} {'errors':>7} {'p95 ms':>7} {'load':>5}")
    for phase in phases:
        print(
            f"{phase['title']:<40} {phase['rps']:>7} {phase['requests']:>9} "
            f"{phase['failures'] + phase['exceptions']:>7} {phase['p95_ms']:>7} "
            f"{phase['load_average']:>5}"
        )
    for phase in phases:
        for error in phase["errors"]:
            print(f"ERROR in {phase['title']}: {error}")
    print(
        f"\nSaturation {results['load_saturation_rps']} req/s, "
        f"{results['load_saturation_to_floor_ratio']} of the floor's "
        f"{results['load_floor_rps']}; p95 at {results['load_users']} people "
        f"{results['load_p95_ms']} ms (goal 300); errors {results['load_errors']} (must be 0); "
        f"writes checked {results['load_writes_checked']} of {results['load_writes']} recorded, "
        f"lost {results['load_writes_lost']}."
    )
    for line in lost:
        print(f"LOST: {line}")


if __name__ == "__main__":
    sys.exit(main())
