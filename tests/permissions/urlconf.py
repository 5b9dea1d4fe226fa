"""Every named URL in the URLconf, fully qualified ("delivery:team_sets")."""

from django.urls import URLPattern, URLResolver, get_resolver

# Patterns Django or a library adds that are not pages of the service; none are mounted today
# (static and media are served by WhiteNoise and the web server, there is no debug toolbar).
# Listed here by name so adding one is a conscious choice.
IGNORED = frozenset(
    {
        "django.views.static.serve",
        "djdt",  # django-debug-toolbar's namespace
    }
)


def url_names(patterns=None, namespace: str = "") -> list[str]:
    """Names of every pattern, recursively through includes, with their namespaces."""
    names = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in IGNORED:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names.extend(url_names(pattern.url_patterns, inner))
        elif isinstance(pattern, URLPattern):
            if pattern.lookup_str in IGNORED:
                continue
            if pattern.name is None:
                raise AssertionError(f"An unnamed URL pattern: {pattern.pattern}")
            names.append(f"{namespace}{pattern.name}")
    return sorted(set(names))
