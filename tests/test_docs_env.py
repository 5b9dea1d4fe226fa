"""Every environment variable the service reads is documented, and nothing documented is unread.

Read: the first argument of `env_str`, `env_bool`, `env_int`, `env_list`, `env_choice`
(upon/env.py), `os.environ.get`, `os.getenv` and `os.environ[...]`, found with `ast` in upon/
and gunicorn.conf.py. Documented: a name in backticks in the first column of a table, in
README.md's "Configuration" (what it means; the production server's own, from
gunicorn.conf.py, may be left to the operator's guide) and in docs/operations.md's "Configure"
(what production sets, and the server's own).
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READERS = {"env_str", "env_bool", "env_int", "env_list", "env_choice", "getenv"}
NAME = re.compile(r"`([A-Z][A-Z0-9_]+)`")
# Read by the Makefile only (`make run PORT=8001`), documented in the README's table all the same.
MAKEFILE_ONLY = {"PORT"}


def read_in(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and node.args:
            function = node.func
            called = getattr(function, "id", None) or getattr(function, "attr", None)
            is_environ_get = called == "get" and ast.unparse(function) == "os.environ.get"
            if (called in READERS or is_environ_get) and isinstance(node.args[0], ast.Constant):
                names.add(node.args[0].value)
        if (
            isinstance(node, ast.Subscript)
            and ast.unparse(node.value) == "os.environ"
            and isinstance(node.slice, ast.Constant)
        ):
            names.add(node.slice.value)
    return names


def section(text: str, heading: str) -> str:
    start = text.index(heading)
    following = text.find("\n## ", start + len(heading))
    return text[start : following if following != -1 else len(text)]


def table_names(text: str) -> set[str]:
    """The names in backticks in each table row's first cell."""
    return {
        name
        for line in text.splitlines()
        if line.startswith("| `")
        for name in NAME.findall(line.split("|")[1])
    }


def service_variables() -> set[str]:
    return set().union(*(read_in(path) for path in (ROOT / "upon").rglob("*.py"))) - {
        "DJANGO_SETTINGS_MODULE"
    }


def readme_variables() -> set[str]:
    return table_names(section((ROOT / "README.md").read_text(), "## Configuration"))


def guide_variables() -> set[str]:
    return table_names(section((ROOT / "docs" / "operations.md").read_text(), "## Configure\n"))


def test_the_walk_finds_what_settings_read():
    assert {"SECRET_KEY", "SECRET_KEY_FALLBACKS", "DATABASE_URL", "REDIS_URL"} <= (
        service_variables()
    )
    assert {"WEB_BIND", "WEB_CONCURRENCY"} <= read_in(ROOT / "gunicorn.conf.py")
    assert {"SECRET_KEY_FALLBACKS", "WEB_BIND", "TASKS_BACKEND"} <= guide_variables()


def test_every_variable_the_service_reads_is_in_the_readme():
    assert sorted(service_variables() - readme_variables()) == []


def test_every_variable_read_is_in_the_operators_guide():
    read = service_variables() | read_in(ROOT / "gunicorn.conf.py")
    assert sorted(read - guide_variables()) == []


def test_every_variable_documented_is_read():
    read = service_variables() | read_in(ROOT / "gunicorn.conf.py") | MAKEFILE_ONLY
    assert sorted(readme_variables() - read) == []
    assert sorted(guide_variables() - read) == []
    assert all(name in (ROOT / "Makefile").read_text() for name in MAKEFILE_ONLY)
