"""For a bench that needs Django: run a script's `--child` part in a process of its own on a
fresh SQLite database (removed after), so the bench binds no database of the runner's, and
read the JSON line it prints last. Not a bench itself (its name starts with "_")."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_child(script: str, database: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/{database}.sqlite3",
            "DJANGO_SETTINGS_MODULE": "upon.settings",
        }
        env.pop("DJANGO_DEBUG", None)
        result = subprocess.run(
            [sys.executable, script, "--child"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(result.stdout.strip().splitlines()[-1])
