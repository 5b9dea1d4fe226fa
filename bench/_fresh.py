"""For the benches that time the service's own code on its database (digest.py, funder_report.py,
register_import.py): run the bench's `--child` in a process of its own on a fresh SQLite file,
so the runner binds no database, and read back the figures it prints last, as JSON."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def in_fresh_sqlite(script: str, name: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/{name}.sqlite3",
            "DJANGO_SETTINGS_MODULE": "upon.settings",
        }
        env.pop("DJANGO_DEBUG", None)
        result = subprocess.run(  # nosec B603  # this interpreter, our own script
            [sys.executable, script, "--child"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(result.stdout.strip().splitlines()[-1])
