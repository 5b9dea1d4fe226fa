"""The floor: the least a page of the same size can cost, to judge a real page against.

The floor is a minimal view, FLOOR_PATH, served through the same URL resolver, middleware,
session and sign-in as the real page (the same test client asks for it), that does no database
work for its data: it renders bench/templates/bench/floor.html, which extends the service's own
base.html, with a table of as many rows and columns as the real page, built from in-memory dicts.
The cells are padded so the floor's HTML is about as many bytes as the real page's. So the gap
between a page and its floor is what the page itself costs: its queries and its own rendering.
"""

import csv
import io

from django.shortcuts import render
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import path

COLUMNS = 6
FLOOR_PATH = "/__bench_floor__/"
_current: dict = {}


def floor_view(request):
    return render(request, "bench/floor.html", _current["context"])


# bench/run.py makes this module the URL configuration: the service's URLs plus the floor.
from upon.urls import urlpatterns as _service_urls  # noqa: E402

urlpatterns = [path(FLOOR_PATH.strip("/") + "/", floor_view), *_service_urls]


def _context(rows: int, columns: int, cell: str) -> dict:
    return {
        "title": "Floor",
        "headings": [f"Column {c}" for c in range(columns)],
        "rows": [{f"c{c}": f"{r} {cell}" for c in range(columns)} for r in range(rows)],
    }


def page_floor(*, client, user, rows: int, target_bytes: int, columns: int = COLUMNS):
    """A function asking the floor view for a table of `rows` by `columns` cells, about
    `target_bytes` long: a page of the same size as the real one."""
    request = RequestFactory().get(FLOOR_PATH)
    request.user = user
    rows = max(rows, 1)
    empty = len(render_to_string("bench/floor.html", _context(rows, columns, ""), request=request))
    per_cell = max((target_bytes - empty) // (rows * columns), 0)
    context = _context(rows, columns, "x" * per_cell)

    def fetch() -> bytes:
        _current["context"] = context
        response = client.get(FLOOR_PATH)
        assert response.status_code == 200, response.status_code
        return response.content

    return fetch


def csv_floor(content: bytes):
    """A function writing the same CSV again from rows already in memory."""
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig", errors="replace"))))

    def write() -> str:
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        return out.getvalue()

    return write
