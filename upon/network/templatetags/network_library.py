"""The library's marked search results: `{{ text|marked }}` escapes the text, then marks the
matches the database found (never `|safe` on what people typed)."""

from django import template

from upon.network import library

register = template.Library()


@register.filter
def marked(text):
    return library.marked(text)
