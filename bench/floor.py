"""The floor: the least a page of the same size can cost, to judge a real page against.

A floor is a plain function, not a view: no URL routing, middleware, session or database
work for the data. It renders bench/templates/bench/floor.html, which extends the service's
own base.html, through django.template.loader.render_to_string with a RequestFactory request
carrying the same signed-in user (so the base template's navigation and CSRF token cost the
same), and a table of the same number of rows as the real page, built from in-memory dicts.
The cells are padded so the floor's HTML is about as many bytes as the real page's.
"""

import csv
import io

from django.template.loader import render_to_string
from django.test import RequestFactory

COLUMNS = 6


def _context(rows: int, cell: str) -> dict:
    return {
        "title": "Floor",
        "headings": [f"Column {c}" for c in range(COLUMNS)],
        "rows": [{f"c{c}": f"{r} {cell}" for c in range(COLUMNS)} for r in range(rows)],
    }


def page_floor(*, user, path: str, rows: int, target_bytes: int):
    """A function rendering a floor page of `rows` rows and about `target_bytes` bytes."""
    request = RequestFactory().get(path)
    request.user = user
    rows = max(rows, 1)
    empty = len(render_to_string("bench/floor.html", _context(rows, ""), request=request))
    per_cell = max((target_bytes - empty) // (rows * COLUMNS), 0)
    context = _context(rows, "x" * per_cell)

    def render() -> str:
        return render_to_string("bench/floor.html", context, request=request)

    return render


def csv_floor(content: bytes):
    """A function writing the same CSV again from rows already in memory."""
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig", errors="replace"))))

    def write() -> str:
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        return out.getvalue()

    return write
