"""requirements/lock.txt agrees with pyproject.toml (CONTRIBUTING.md, "Dependencies").

`make setup` installs the lock and nothing else, so a dependency added to pyproject.toml without
`make lock` would be missing, and one removed would still be installed. Every requirement in
pyproject.toml (the service's and the dev extra's) must be pinned in the lock at a version its
range admits; every package the lock says comes from pyproject.toml must still be asked for
there; and every pin carries its hashes.
"""

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "requirements" / "lock.txt"
BUILD_LOCK = ROOT / "requirements" / "build.txt"
# "name==version ; marker \" (the marker only on a pin for some Pythons or platforms).
PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)\s*(?:;(?P<marker>[^\\]+))?"
)
FROM_PYPROJECT = "upon (pyproject.toml)"


def requirements(pyproject: str) -> list[Requirement]:
    project = tomllib.loads(pyproject)["project"]
    return [Requirement(line) for line in project["dependencies"]] + [
        Requirement(line) for line in project["optional-dependencies"]["dev"]
    ]


def pins(lock: str) -> list[dict]:
    """Each pin of a lock written by uv: name, version, marker, hashes, what it is there for."""
    found = []
    for line in lock.splitlines():
        match = PIN.match(line)
        if match:
            marker = match["marker"]
            found.append(
                {
                    "name": canonicalize_name(match["name"]),
                    "version": Version(match["version"]),
                    "marker": Marker(marker.strip()) if marker else None,
                    "hashes": 0,
                    "via": [],
                }
            )
        elif found and line.strip().startswith("--hash=sha256:"):
            found[-1]["hashes"] += 1
        elif found and line.strip().startswith("#"):
            text = line.strip().lstrip("#").strip()
            text = text.removeprefix("via").strip()
            if text:
                found[-1]["via"].append(text)
    return found


def disagreements(pyproject: str, lock: str) -> list[str]:
    """What `make lock` would change, as sentences; none when the two agree."""
    locked = pins(lock)
    applying = [pin for pin in locked if pin["marker"] is None or pin["marker"].evaluate()]
    problems = []
    asked = set()
    for requirement in requirements(pyproject):
        name = canonicalize_name(requirement.name)
        asked.add(name)
        if requirement.marker and not requirement.marker.evaluate():
            continue
        versions = [pin["version"] for pin in applying if pin["name"] == name]
        if not versions:
            problems.append(f"{requirement} is not in the lock")
        for version in versions:
            if not requirement.specifier.contains(version, prereleases=True):
                problems.append(f"{requirement} does not admit the locked {name}=={version}")
    for pin in locked:
        if FROM_PYPROJECT in pin["via"] and pin["name"] not in asked:
            problems.append(f"{pin['name']} is locked for pyproject.toml, which no longer asks")
        if pin["hashes"] == 0:
            problems.append(f"{pin['name']}=={pin['version']} has no hash")
    return problems


def test_the_lock_agrees_with_pyproject():
    problems = disagreements(PYPROJECT.read_text(), LOCK.read_text())
    assert problems == [], "Run `make lock` (CONTRIBUTING.md, Dependencies)"


def test_the_build_lock_pins_setuptools_with_hashes():
    locked = pins(BUILD_LOCK.read_text())
    assert [pin["name"] for pin in locked] == ["setuptools"]
    assert locked[0]["hashes"] >= 1


PYPROJECT_SMALL = """
[project]
dependencies = ["Django>=5.2,<5.3", "psycopg[binary]>=3.2,<3.4"]
[project.optional-dependencies]
dev = ["pytest>=8,<10", "legacy>=1; python_version < '3.0'"]
"""
LOCK_SMALL = """\
django==5.2.19 \\
    --hash=sha256:aaaa
    # via upon (pyproject.toml)
psycopg==3.3.9 \\
    --hash=sha256:bbbb
    # via upon (pyproject.toml)
pytest==9.0.1 \\
    --hash=sha256:cccc
    # via
    #   upon (pyproject.toml)
    #   pytest-django
"""


def test_a_lock_that_agrees_has_nothing_to_say():
    assert disagreements(PYPROJECT_SMALL, LOCK_SMALL) == []


@pytest.mark.parametrize(
    ("pyproject", "lock", "problem"),
    [
        pytest.param(
            PYPROJECT_SMALL.replace('"pytest>=8,<10"', '"pytest>=8,<10", "segno>=1.6,<2"'),
            LOCK_SMALL,
            "segno<2,>=1.6 is not in the lock",
            id="added to pyproject only",
        ),
        pytest.param(
            PYPROJECT_SMALL.replace("Django>=5.2,<5.3", "Django>=6,<6.2"),
            LOCK_SMALL,
            "Django<6.2,>=6 does not admit the locked django==5.2.19",
            id="range moved in pyproject only",
        ),
        pytest.param(
            PYPROJECT_SMALL.replace('"pytest>=8,<10", ', ""),
            LOCK_SMALL,
            "pytest is locked for pyproject.toml, which no longer asks",
            id="removed from pyproject only",
        ),
        pytest.param(
            PYPROJECT_SMALL,
            LOCK_SMALL.replace("django==5.2.19 \\\n    --hash=sha256:aaaa\n", "django==5.2.19\n"),
            "django==5.2.19 has no hash",
            id="a pin without its hash",
        ),
    ],
)
def test_a_lock_that_disagrees_says_how(pyproject, lock, problem):
    assert disagreements(pyproject, lock) == [problem]


def test_a_pin_for_another_python_is_not_held_against_this_one():
    lock = LOCK_SMALL + (
        f"django==9.0 ; python_full_version >= '{sys.version_info.major + 1}.0' \\\n"
        "    --hash=sha256:dddd\n    # via upon (pyproject.toml)\n"
    )
    assert disagreements(PYPROJECT_SMALL, lock) == []


def third_party_imports(*folders: str) -> set[str]:
    """The top-level modules the code in `folders` imports that are neither the standard
    library nor its own."""
    own = {"upon", "demo", "bench", "tests"}
    own |= {path.stem for path in (ROOT / "bench").glob("*.py")}
    found = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    return found - own - set(sys.stdlib_module_names)


def test_every_package_the_code_imports_is_asked_for_in_pyproject():
    asked = {canonicalize_name(r.name) for r in requirements(PYPROJECT.read_text())}
    providers = importlib.metadata.packages_distributions()
    missing = []
    for module in sorted(third_party_imports("upon", "demo", "bench", "tests")):
        distributions = {canonicalize_name(name) for name in providers.get(module, [])}
        if not distributions & asked:
            missing.append(f"{module} (from {sorted(distributions) or 'nothing installed'})")
    assert missing == [], "Add these to pyproject.toml, then `make lock`"
