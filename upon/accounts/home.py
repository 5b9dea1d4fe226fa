"""What the home page says about each role a person holds, and where it leads today."""

from collections.abc import Iterable

from django.urls import reverse

from upon.accounts.models import Role

# Roles whose pages are not built yet: what the person will find here later.
COMING = {
    Role.COACH: "Your coaching relationships and session log will be here.",
    Role.EMPLOYER_CONTACT: "Check-ins while your new director is supported will be here.",
    Role.FUNDER: "Outcome reports will be here.",
}


# Roles with their own pages: where they start. Each app registers the links to its pages in its
# AppConfig.ready(), so accounts names no app above it.
_ROLE_LINKS: dict[str, dict[str, tuple[int, str]]] = {}


def register_role_link(roles: Iterable[str], label: str, url_name: str, *, order: int) -> None:
    """Show this link on the home page beside each of these roles, in `order`, lowest first.
    Registering the same label again for a role replaces it."""
    for role in roles:
        _ROLE_LINKS.setdefault(role, {})[label] = (order, url_name)


def unregister_role_link(roles: Iterable[str], label: str) -> None:
    for role in roles:
        _ROLE_LINKS.get(role, {}).pop(label, None)


def role_links(role: str) -> list[tuple[str, str]]:
    """(label, URL) for each link registered for the role, in order."""
    links = sorted(
        (order, label, url_name) for label, (order, url_name) in _ROLE_LINKS.get(role, {}).items()
    )
    return [(label, reverse(url_name)) for _order, label, url_name in links]


def role_rows(user) -> list[dict]:
    """One row per role held: its name, where it applies, links and what is coming."""
    assignments = user.roles.select_related("programme", "intake").order_by(
        "programme__name", "role", "intake__name"
    )
    rows = []
    for assignment in assignments:
        links = role_links(assignment.role)
        scope = assignment.programme.name
        if assignment.intake:
            scope = f"{assignment.intake.name}, {scope}"
        rows.append(
            {
                "role": assignment.get_role_display(),
                "scope": scope,
                "links": links,
                "coming": COMING.get(assignment.role, ""),
            }
        )
    return rows
