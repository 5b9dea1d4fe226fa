"""Delivery's pages, one module per concept (see ../urls.py)."""

from django.core.paginator import Paginator

PAGE_SIZE = 25


def page_of(request, queryset, per_page: int = PAGE_SIZE):
    """The page of `queryset` the `page` query parameter asks for."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def saving(request, form, *, closed: str) -> tuple[bool, int]:
    """For a page whose form may be closed, for a reason the page shows (`closed`, "" when
    open): whether this request is to be saved (a POST while open, with a valid form), and the
    status to answer otherwise: 400 for a POST while closed (the reason is its error), else 200.
    """
    if request.method == "POST" and closed:
        return False, 400
    return request.method == "POST" and form.is_valid(), 200
