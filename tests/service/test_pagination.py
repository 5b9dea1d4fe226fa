"""The shared GOV.UK pagination says which items a page shows."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def _render(number, **context):
    page = Paginator(range(240), 50).get_page(number)
    request = RequestFactory().get("/sessions/", {"page": number})
    return " ".join(
        render_to_string(
            "govuk/pagination.html", {"page": page, **context}, request=request
        ).split()
    )


def test_a_page_of_a_long_list_says_which_items_it_shows():
    html = _render(2, label="Pages of sessions", noun="sessions")
    assert '<p class="govuk-body">Showing 51 to 100 of 240 sessions</p>' in html
    assert '<nav class="govuk-pagination" aria-label="Pages of sessions">' in html


def test_the_last_page_ends_at_the_last_item():
    assert "Showing 201 to 240 of 240 sessions" in _render(5, noun="sessions")


def test_a_list_that_says_so_itself_leaves_the_line_out():
    assert "Showing" not in _render(2, label="Pages of applications")


def test_a_list_of_one_page_shows_no_pagination():
    page = Paginator(range(3), 50).get_page(1)
    assert render_to_string("govuk/pagination.html", {"page": page, "noun": "x"}).strip() == ""
