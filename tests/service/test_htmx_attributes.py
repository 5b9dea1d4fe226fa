"""htmx attributes take their valid data-hx- form: the Nu Html Checker rejects a bare hx-get (or
any hx- attribute) on every element, and it once found 188 of them on the review form, the
team's application filter and moving a person between sets."""

import re
from pathlib import Path

UPON = Path(__file__).resolve().parents[2] / "upon"
# An attribute name starting hx- (not data-hx-), in markup or in a widget's attrs in Python.
TAG = re.compile(r"<[a-zA-Z][^<>]*>")
BARE_IN_MARKUP = re.compile(r"(?<![\w-])hx-[a-z][\w:-]*(?=\s*(=|>|/>|\s))")
BARE_IN_PYTHON = re.compile(r"""["']hx-[a-z][\w:-]*["']\s*:""")


def bare_htmx_attributes(text: str, *, python: bool = False) -> list[str]:
    if python:
        return [match.group(0).strip("\"': ") for match in BARE_IN_PYTHON.finditer(text)]
    return [
        match.group(0)
        for tag in TAG.finditer(text)
        for match in BARE_IN_MARKUP.finditer(tag.group(0))
    ]


def test_no_template_or_widget_uses_a_bare_hx_attribute():
    found = {}
    for path in sorted(UPON.rglob("*")):
        if path.suffix in {".html", ".txt"} and "templates" in path.parts:
            hits = bare_htmx_attributes(path.read_text())
        elif path.suffix == ".py":
            hits = bare_htmx_attributes(path.read_text(), python=True)
        else:
            continue
        if hits:
            found[str(path.relative_to(UPON))] = hits
    assert found == {}


def test_the_scan_finds_bare_attributes_and_passes_data_ones():
    markup = (
        '<form hx-post="/x" data-hx-target="#a" hx-boost="true">'
        "<p hx-disable>hx-get in prose is text</p></form>"
    )
    assert bare_htmx_attributes(markup) == ["hx-post", "hx-boost", "hx-disable"]
    assert bare_htmx_attributes('attrs={"hx-get": url, "data-hx-swap": "none"}', python=True) == [
        "hx-get"
    ]


def test_htmx_adds_no_inline_style_and_the_indicator_styles_come_from_our_css(client, db):
    """htmx's own indicator <style> is blocked by the Content Security Policy (no inline
    style): base.html turns it off, and app.scss carries the rules instead."""
    import json

    html = client.get("/").content.decode()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html).group(1)
    assert json.loads(config) == {"includeIndicatorStyles": False}
    scss = (UPON.parent / "frontend" / "scss" / "app.scss").read_text()
    assert ".htmx-request .htmx-indicator," in scss
