"""Every module in an `upon/<app>/algorithms/` package imports no Django, directly or indirectly.

Each module is imported alone in a fresh interpreter (nothing from Django, pytest-django or the
other tests already loaded), and the test fails if a `django` module, or an `upon` module outside
an `algorithms` package, was loaded with it. The packages on its way (`upon`, `upon.<app>`) are
allowed: their `__init__.py` import nothing.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALGORITHMS = sorted(
    path for path in ROOT.glob("upon/*/algorithms/*.py") if path.name != "__init__.py"
)

# The algorithms known today: a move or a rename that loses one fails here, not silently.
KNOWN = {
    "upon/delivery/algorithms/set_formation.py",
    "upon/delivery/algorithms/timetabling.py",
    "upon/partners/algorithms/published.py",
    "upon/recruitment/algorithms/eligibility.py",
    "upon/reporting/algorithms/adverse_impact.py",
    "upon/reporting/algorithms/equality.py",
    "upon/reporting/algorithms/suppression.py",
    "upon/selection/algorithms/assignment.py",
    "upon/selection/algorithms/calibration.py",
    "upon/selection/algorithms/composition.py",
    "upon/service/algorithms/bar_charts.py",
    "upon/service/algorithms/step_charts.py",
    "upon/support/algorithms/employers.py",
    "upon/workforce/algorithms/logrank_groups.py",
    "upon/workforce/algorithms/survival.py",
    "upon/workforce/algorithms/turnover.py",
}

PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(sys.modules)))
"""


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def in_algorithms(module: str) -> bool:
    return ".algorithms." in f"{module}."


def forbidden(loaded: list[str]) -> list[str]:
    """What must not come with a pure module: Django, and `upon` modules outside `algorithms/`
    other than the (empty) packages on the way to an algorithms module that was loaded."""
    on_the_way = {
        ".".join(module.split(".")[:i])
        for module in loaded
        if in_algorithms(module)
        for i in range(1, len(module.split(".")))
    }
    return [
        module
        for module in loaded
        if module == "django"
        or module.startswith("django.")
        or (
            module.split(".")[0] == "upon"
            and not in_algorithms(module)
            and module not in on_the_way
        )
    ]


def test_the_known_algorithms_are_in_algorithms_packages():
    found = {path.relative_to(ROOT).as_posix() for path in ALGORITHMS}
    assert found >= KNOWN, f"missing: {sorted(KNOWN - found)}"


def test_the_algorithms_packages_import_nothing():
    for init in ROOT.glob("upon/*/algorithms/__init__.py"):
        lines = init.read_text().splitlines()
        imports = [line for line in lines if line.lstrip().startswith(("import ", "from "))]
        assert imports == [], f"{init.relative_to(ROOT)}: {imports}"


@pytest.mark.parametrize(
    "path", ALGORITHMS, ids=[path.relative_to(ROOT).as_posix() for path in ALGORITHMS]
)
def test_imports_no_django(path):
    name = module_name(path)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        # No DJANGO_SETTINGS_MODULE: a module that reached for settings fails loudly too.
        env={key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"},
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.splitlines()[-1])
    assert name in loaded
    assert forbidden(loaded) == []
