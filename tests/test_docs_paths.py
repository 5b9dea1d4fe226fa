"""Every file or folder README.md, CONTRIBUTING.md and docs/operations.md name exists.

Checked: paths in backticks, and the first word of each line of a code block, that start from
one of the repository's top folders (`upon/accounts/rules.py`) or from an app's folder
(`selection/assignment.py`, read below upon/). A path with a placeholder (`upon/<app>/urls.py`)
is a pattern, not a path, and is passed over.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ["README.md", "CONTRIBUTING.md", "docs/operations.md"]
TOP = ("upon/", "tests/", "demo/", "bench/", "docs/", "frontend/", ".ci/", "requirements/")
APPS = tuple(f"{path.name}/" for path in (ROOT / "upon").iterdir() if path.is_dir())
# Written by `make bench` when the national dataset is first built; not kept in git.
GENERATED = {"bench/national.sqlite3"}
IN_BACKTICKS = re.compile(r"(?<!`)`([^`\s<>…*]+)`(?!`)")
CODE_BLOCK = re.compile(r"^```\w*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def named_paths(text: str) -> set[str]:
    words = set(IN_BACKTICKS.findall(text))
    for block in CODE_BLOCK.findall(text):
        words |= {line.split()[0] for line in block.splitlines() if line.strip()}
    paths = {word for word in words if word.startswith(TOP) and not re.search(r"[<>…*]", word)}
    return paths | {f"upon/{word}" for word in words if word.startswith(APPS)}


def test_the_walk_finds_paths():
    assert {"upon/accounts/permissions.py", "upon/selection/assignment.py"} <= named_paths(
        (ROOT / "CONTRIBUTING.md").read_text()
    )
    assert "upon/service/" in named_paths((ROOT / "README.md").read_text())


@pytest.mark.parametrize("doc", DOCS)
def test_every_path_named_exists(doc):
    named = named_paths((ROOT / doc).read_text()) - GENERATED
    assert sorted(path for path in named if not (ROOT / path).exists()) == []
