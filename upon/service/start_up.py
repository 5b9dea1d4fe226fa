"""What a server does once, at start-up, so that no page's first request pays for it (issue 11:
the cohort needs page's first request once took 4.3 s, 195 ms after).

Django imports the URLconf (every view, and what the views import: NumPy, SciPy, OR-Tools) and
compiles each template on first use, that is, during some person's first request. `warm()`
does both before the server accepts a request; `upon/wsgi.py` calls it.
"""

from pathlib import Path

from django.apps import apps
from django.template import engines
from django.urls import get_resolver


def warm() -> None:
    """Import every view and compile every page template of the service's apps."""
    get_resolver().url_patterns  # noqa: B018 - the import is the point
    engine = engines["django"]  # its cached loader keeps each template compiled
    for config in apps.get_app_configs():
        if not config.name.startswith("upon."):
            continue
        folder = Path(config.path) / "templates"
        for path in sorted(folder.rglob("*.html")):
            engine.get_template(path.relative_to(folder).as_posix())
