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

# Django's admin (upon/admin_site.py, at ADMIN_PATH) makes five pages for every registered model
# (list, add, record, delete, history), a few of its own and some unnamed redirects. One guard
# answers for every one of them (TeamAdminSite.admin_view: signed out to sign in, no team role
# 403; nothing added, changed or deleted by anyone), so the matrix covers the site's own pages
# and one model's, named here, and the rest of the namespace is left out on purpose;
# tests/team_admin reads every registered model's list (with a search) and a record of each.
ADMIN_NAMESPACE = "admin:"
ADMIN_COVERED = frozenset(
    {
        "admin:index",
        "admin:login",
        "admin:logout",
        "admin:password_change",
        "admin:password_change_done",
        "admin:app_list",
        "admin:recruitment_application_changelist",
        "admin:recruitment_application_add",
        "admin:recruitment_application_change",
        "admin:recruitment_application_delete",
        "admin:recruitment_application_history",
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
            if (
                namespace.startswith(ADMIN_NAMESPACE)
                and f"{namespace}{pattern.name}" not in ADMIN_COVERED
            ):
                continue
            if pattern.name is None:
                raise AssertionError(f"An unnamed URL pattern: {pattern.pattern}")
            names.append(f"{namespace}{pattern.name}")
    return sorted(set(names))
