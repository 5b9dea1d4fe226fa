"""Dependencies point down (DESIGN.md, Architecture): an app imports only from the apps below it.

    service <- accounts, organisations <- programmes <- recruitment <- selection <- delivery
    <- reporting <- partners

Apps on one line (accounts, organisations) do not import each other. Imports are read with `ast`
from every module of each app (migrations aside), including imports inside functions. The
exceptions that exist today are listed in EXCEPTIONS with the reason; the service shell has none.
`demo/` sits beside `upon/`, may import any app, and no app imports it.
"""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UPON = ROOT / "upon"

# Lowest first. A new app takes its place here before it can import anything.
LAYERS = [
    ["service"],
    ["accounts", "organisations"],
    ["programmes"],
    ["recruitment"],
    ["selection"],
    ["delivery"],
    ["support"],
    ["network"],
    ["workforce"],
    ["reporting"],
    # The partner API: the register's and the programme's figures, for partners outside.
    ["partners"],
    # Personal data (UK GDPR): subject access exports, erasure and the retention schedule walk
    # every app's rows about a person; nothing imports it.
    ["privacy"],
    # Running the service (health, request ids, backups): reads every app's tables through
    # Django, imports none of them, and nothing imports it.
    ["operations"],
]
LAYER = {app: level for level, apps in enumerate(LAYERS) for app in apps}

# (importing app, imported module or package): why it goes up or sideways.
EXCEPTIONS = {
    ("accounts", "upon.programmes"): (
        "roles are granted in a programme or an intake: RoleAssignment and Invitation point at "
        "them and the invitation form offers the inviter's programmes and intakes, while "
        "programmes' rules read the person's roles, so the two are one layer in practice; "
        "programmes is kept above so that its models and rules are the base of every app above"
    ),
}


def apps_in_upon() -> list[str]:
    return sorted(
        path.name
        for path in UPON.iterdir()
        if path.is_dir() and (path / "__init__.py").exists() and path.name != "__pycache__"
    )


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_in(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) for every import in the file, relative ones resolved."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            found.append((node.lineno, module))
            # `from upon import delivery` imports the app as surely as `import upon.delivery`.
            found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return found


def app_imports(app: str) -> list[tuple[str, int, str]]:
    """(file, line, module) for each import of another app of upon, or of demo."""
    found = []
    for path in sorted((UPON / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for line, module in imports_in(path):
            parts = module.split(".")
            other = parts[1] if parts[0] == "upon" and len(parts) > 1 else None
            if parts[0] == "demo" or (other in LAYER and other != app):
                found.append((str(path.relative_to(ROOT)), line, module))
    return sorted(set(found))


def excused(app: str, module: str) -> bool:
    return any(
        app == importer and (module == target or module.startswith(target + "."))
        for importer, target in EXCEPTIONS
    )


def test_every_app_has_its_place_in_the_order():
    assert apps_in_upon() == sorted(LAYER), (
        "Give each app in upon/ a layer in LAYERS (and DESIGN.md), lowest first"
    )


@pytest.mark.parametrize("app", sorted(LAYER))
def test_app_imports_only_the_apps_below_it(app):
    wrong = []
    for path, line, module in app_imports(app):
        if module.split(".")[0] == "demo":
            wrong.append(f"{path}:{line} imports {module}: no app imports the demo seeders")
            continue
        other = module.split(".")[1]
        if LAYER[other] >= LAYER[app] and not excused(app, module):
            wrong.append(f"{path}:{line} imports {module}, which is not below {app}")
    assert wrong == []


def test_the_service_shell_imports_no_app():
    assert app_imports("service") == []
    assert not [importer for importer, _ in EXCEPTIONS if importer == "service"]


@pytest.mark.parametrize(("app", "target"), sorted(EXCEPTIONS))
def test_each_exception_is_still_needed(app, target):
    assert any(
        module == target or module.startswith(target + ".") for *_, module in app_imports(app)
    ), f"{app} no longer imports {target}: drop it from EXCEPTIONS"


def test_the_check_sees_an_import_inside_a_function(tmp_path, monkeypatch):
    (tmp_path / "upon" / "service").mkdir(parents=True)
    (tmp_path / "upon" / "service" / "__init__.py").write_text("")
    (tmp_path / "upon" / "service" / "menu.py").write_text(
        "def items():\n    from ..accounts import roles\n    import upon.delivery.models\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "UPON", tmp_path / "upon")
    modules = [module for *_, module in app_imports("service")]
    assert "upon.accounts.roles" in modules and "upon.delivery.models" in modules


def test_demo_is_apart_and_runs_as_an_app():
    from django.apps import apps

    assert apps.get_app_config("demo").path == str(ROOT / "demo")
    assert (ROOT / "demo" / "management" / "commands" / "seed_demo.py").exists()
    assert not (UPON / "service" / "demo").exists()
