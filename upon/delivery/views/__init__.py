"""Delivery's pages, one module per concept (see ../urls.py)."""

from django.core.paginator import Paginator

PAGE_SIZE = 25


def page_of(request, queryset, per_page: int = PAGE_SIZE):
    """The page of `queryset` the `page` query parameter asks for."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
