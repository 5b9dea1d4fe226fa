"""Start-up does the slow imports, so no page's first request pays for them (issue 11)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
import upon.wsgi
from django.template import engines
cached = engines["django"].engine.template_loaders[0].get_template_cache
modules = [m for m in sys.modules if m.startswith(("upon", "scipy", "matplotlib"))]
print(json.dumps(sorted(modules) + sorted("template:" + name for name in cached)))
"""


def loaded_at_start_up() -> set[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "upon.settings", "DEBUG": "false"}
    output = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return set(json.loads(output.splitlines()[-1]))


def test_starting_the_server_imports_every_view_and_no_plotting_library():
    loaded = loaded_at_start_up()
    for views in (
        "upon.recruitment.views.team_intakes",
        "upon.selection.views.team_panel",
        "upon.reporting.views",
        "upon.delivery.views.needs",
        "upon.delivery.views.feedback",
    ):
        assert views in loaded
    assert "scipy.stats" in loaded  # adverse impact's Fisher's exact test, imported at start
    assert not {m for m in loaded if m.startswith("matplotlib")}


def test_starting_the_server_compiles_the_page_templates():
    loaded = loaded_at_start_up()
    for template in (
        "base.html",
        "govuk/bar_chart.html",
        "delivery/needs/needs.html",
        "reporting/adverse_impact.html",
    ):
        assert f"template:{template}" in loaded
