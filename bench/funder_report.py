"""Bench: the funder's report for the demo programme (`funder_report_s`, target under 20 s),
issue 14.

A fresh SQLite database (migrated and seeded with `seed_demo`, the demo scale, in a child
process, so this bench binds no database of the runner's). `funder_report_s` is the time the
background job (`upon.reporting.report.build`, as the worker runs it) takes to read the
figures and write the PDF and the workbook for the demo programme's last twelve months:
the grant and its spend, the funnel of the intakes that opened then, and the national register's
reporting years (30 years of invented directors for 153 authorities). One untimed build first
(WeasyPrint's imports and fonts), then the median of three. `funder_report_pdf_pages` and the
files' sizes say what was built.
"""

import datetime
import io
import json
import statistics
import sys
import time
from pathlib import Path

from _fresh import in_fresh_sqlite

ROOT = Path(__file__).resolve().parent.parent

TARGETS = {"funder_report_s": 20.0}
RUNS = 3


def measure() -> dict:
    return in_fresh_sqlite(__file__, "funder_report")


def _child() -> dict:
    sys.path.insert(0, str(ROOT))
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)  # WeasyPrint's progress, a line per page
    from django.core.management import call_command
    from django.utils import timezone
    from pypdf import PdfReader

    from upon.accounts.models import User
    from upon.programmes.models import Programme
    from upon.reporting import report
    from upon.reporting.models import FunderReport

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    programme = Programme.objects.order_by("pk").first()
    team = User.objects.get(email="team@upon.example")
    today = timezone.localdate()
    period = {"starts_on": today - datetime.timedelta(days=365), "ends_on": today}
    seconds = []
    for run in range(RUNS + 1):
        made = FunderReport.objects.create(
            programme=programme, version=run + 1, created_by=team, narrative="Bench.", **period
        )
        started = time.perf_counter()
        status = report.build(report_id=made.pk)
        if run:
            seconds.append(time.perf_counter() - started)
        if status != "done":
            raise RuntimeError(FunderReport.objects.get(pk=made.pk).error)
    made.refresh_from_db()
    return {
        "funder_report_s": round(statistics.median(seconds), 2),
        "funder_report_pdf_pages": len(PdfReader(io.BytesIO(bytes(made.pdf))).pages),
        "funder_report_pdf_kb": round(len(made.pdf) / 1024, 1),
        "funder_report_xlsx_kb": round(len(made.xlsx) / 1024, 1),
    }


if __name__ == "__main__" and "--child" in sys.argv:
    print(json.dumps(_child()))
elif __name__ == "__main__":
    for name, value in measure().items():
        target = TARGETS.get(name)
        print(f"{name:<28}{value:>12g}{'' if target is None else f'{target:>12g}'}")
