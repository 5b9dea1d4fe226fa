"""Bench: importing a 10,000-row register CSV into an empty register (`register_import_10k_s`,
target under 10 s), issue 14.

The way the team's page does it (upon/workforce/views.py): the dry run reads the file and checks
every row (`imports.read_table`, `imports.check`), then the import reads, checks again and
writes, all in one transaction (`imports.run`). `register_import_10k_s` is the two together;
`_check_s` and `_commit_s` are each alone, `_cpu_s` the processor time of the two (on a shared,
busy machine the wall time can be several times it); `register_import_10k_created` must be
10,000 (the bench fails otherwise, as it does on any error in the file).

A fresh SQLite database (migrated in a child process, so this bench binds no database of the
runner's) with the 153 authorities the migrations load and nothing in the register. The file is
synthetic and deterministic (`register_csv`): for each authority in turn, tenures one after the
other from 1 April 1981, 40 to 400 days each, some handed over on the day (allowed), none
overlapping and none in the future; 7,000 invented people ("Bench director 1", ...) so some
hold several posts; interim, twin hat, shared and reasons for leaving mixed in; the newest in
each authority still in post.
"""

import csv
import datetime
import io
import json
import random
import sys
import time
from pathlib import Path

from _fresh import in_fresh_sqlite

ROOT = Path(__file__).resolve().parent.parent
AUTHORITIES_CSV = ROOT / "upon" / "organisations" / "data" / "local_authorities.csv"

TARGETS = {"register_import_10k_s": 10.0}
ROWS = 10_000
PEOPLE = 7_000
SEED = 20190401
FIRST_DAY = datetime.date(1981, 4, 1)
REASONS = ["Retired", "Left the sector", "Became director in another authority", "Not known", ""]


def authority_codes() -> list[str]:
    with AUTHORITIES_CSV.open(newline="", encoding="utf-8") as handle:
        return [row["gss_code"] for row in csv.DictReader(handle)]


def register_csv(rows: int = ROWS, seed: int = SEED) -> bytes:
    """The file: the import template's columns, `rows` valid tenures."""
    rng = random.Random(seed)  # nosec B311  # seeded synthetic data
    codes = authority_codes()
    each, extra = divmod(rows, len(codes))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "Authority code",
            "Authority",
            "Director",
            "Start date",
            "End date",
            "Interim or permanent",
            "Twin hat",
            "Shared",
            "Reason for leaving",
        ]
    )
    for place, code in enumerate(codes):
        day = FIRST_DAY
        count = each + (1 if place < extra else 0)
        for n in range(count):
            ends = day + datetime.timedelta(days=rng.randint(40, 400))
            last = n == count - 1
            interim = rng.random() < 0.3
            writer.writerow(
                [
                    code,
                    "",
                    f"Bench director {rng.randrange(PEOPLE) + 1}",
                    day.isoformat(),
                    "" if last else ends.strftime("%d/%m/%Y"),
                    "Interim" if interim else "Permanent",
                    "Yes" if rng.random() < 0.3 else "No",
                    "Yes" if rng.random() < 0.02 else "No",
                    "" if last else rng.choice(REASONS),
                ]
            )
            # The next director starts the day after, or on the same day (a handover).
            day = ends + datetime.timedelta(days=rng.randint(0, 1))
    return out.getvalue().encode("utf-8")


def measure() -> dict:
    return in_fresh_sqlite(__file__, "register")


def _child() -> dict:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)

    from upon.accounts.models import User
    from upon.workforce import imports
    from upon.workforce.models import Tenure

    by = User.objects.create(email="bench.team@example.org", full_name="Bench Team")
    data = register_csv()
    today = timezone.localdate()

    cpu = time.process_time()
    started = time.perf_counter()
    header, rows = imports.read_table("register.csv", data)
    dry_run = imports.check(header, rows, today=today)
    checked_s = time.perf_counter() - started
    if not dry_run.ok or len(dry_run.new) != ROWS:
        raise AssertionError(f"the dry run found errors: {dry_run.errors[:5]}")
    started = time.perf_counter()
    checked, imported = imports.run("register.csv", data, today=today, by=by)
    commit_s = time.perf_counter() - started
    cpu_s = time.process_time() - cpu
    if imported is None or imported.created != ROWS or Tenure.objects.count() != ROWS:
        raise AssertionError(f"the import wrote {Tenure.objects.count()} tenures, not {ROWS}")
    return {
        "register_import_10k_s": round(checked_s + commit_s, 2),
        "register_import_10k_check_s": round(checked_s, 2),
        "register_import_10k_commit_s": round(commit_s, 2),
        "register_import_10k_cpu_s": round(cpu_s, 2),
        "register_import_10k_created": imported.created,
    }


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(_child()))
    else:
        for name, value in measure().items():
            target = TARGETS.get(name)
            bound = "" if target is None else f"{target:g}"
            print(f"{name:<36}{value:>12.4g}{bound:>12}")
