"""One URL module and one namespace per app: `upon/<app>/urls.py`, with `app_name` the app label.

A page's name then says which app serves it (`selection:overview`, `recruitment:intake_edit`),
and a new page goes in the app's one `urls.py`, grouped there by who it is for. The paths people
see are written in full in each module; `upon/urls.py` includes each module once, at "".
"""

from pathlib import Path

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parent.parent

# URL names at the project level, outside any app's namespace.
PROJECT_NAMES = {"start"}  # the service's front page (upon/urls.py)


def url_modules(app: Path) -> list[Path]:
    return sorted([*app.glob("urls*.py"), *app.glob("urls*/__init__.py")])


def test_every_app_has_its_urls_in_one_urls_py():
    apps_with_urls = {app.name for app in (ROOT / "upon").iterdir() if url_modules(app)}
    assert {
        "recruitment",
        "selection",
        "accounts",
        "delivery",
    } <= apps_with_urls  # the glob finds them

    others = [
        str(module.relative_to(ROOT))
        for app in sorted((ROOT / "upon").iterdir())
        for module in url_modules(app)
        if module.relative_to(app).as_posix() != "urls.py"
    ]
    assert others == [], "URL modules other than <app>/urls.py"


def namespaces(patterns, outer: str = "") -> list[tuple[str, URLResolver]]:
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace:
                found.append((outer + pattern.namespace, pattern))
            inner = f"{outer}{pattern.namespace}:" if pattern.namespace else outer
            found.extend(namespaces(pattern.url_patterns, inner))
    return found


def test_every_namespace_is_an_app_label_and_its_urls_module():
    upon_apps = {config.label: config for config in apps.get_app_configs()}
    wrong = []
    for namespace, resolver in namespaces(get_resolver().url_patterns):
        if namespace == "admin" and resolver.app_name == "admin":
            continue  # Django's admin site, the team's (upon/admin_site.py), at ADMIN_PATH
        config = upon_apps.get(namespace)
        if config is None or resolver.urlconf_module.__name__ != f"{config.name}.urls":
            wrong.append(f"{namespace} ({resolver.urlconf_module.__name__})")
    assert wrong == [], "namespaces that are not <app label> from <app>/urls.py"


def test_each_app_is_included_once_and_nothing_else_is_named_outside_an_app():
    top = get_resolver().url_patterns
    included = [pattern.namespace for pattern in top if isinstance(pattern, URLResolver)]
    assert None not in included, "an include without a namespace"
    assert len(included) == len(set(included)), f"an app included twice: {included}"
    project_names = {pattern.name for pattern in top if isinstance(pattern, URLPattern)}
    assert project_names == PROJECT_NAMES
