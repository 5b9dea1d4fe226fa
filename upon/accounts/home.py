"""What the home page says about each role a person holds, and where it leads today."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse

from upon.accounts import roles

# Roles whose pages are not built yet: what the person will find here later.
COMING: dict[str, str] = {}


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


# Each role's work, which the home page starts with. Each app registers the work of its pages in
# its AppConfig.ready(), like the links above.
@dataclass(frozen=True)
class Work:
    order: int
    roles: frozenset[str]  # empty: anyone (the context decides)
    template: str
    context: Callable  # (user) -> dict for the template, or None: nothing to show


_WORK: dict[str, Work] = {}


def register_work(
    name: str, *, roles: Iterable[str], template: str, context: Callable, order: int
) -> None:
    """Show `template` near the top of the home page of a person holding any of `roles`, in
    `order` (lowest first), with `context(user)` as `work`; registering a name again replaces
    it. The order the apps use: the programme team's work, then facilitating, then reviewing,
    then the person's own applications: the work others wait on first."""
    _WORK[name] = Work(order=order, roles=frozenset(roles), template=template, context=context)


def unregister_work(name: str) -> None:
    _WORK.pop(name, None)


def work_for(user) -> list[dict]:
    """{"template", "work"} for each piece of work the person has, in order."""
    held = roles.role_names(user)
    shown = []
    for work in sorted(_WORK.values(), key=lambda w: (w.order, w.template)):
        if work.roles and not work.roles & held:
            continue
        context = work.context(user)
        if context is not None:
            shown.append({"template": work.template, "work": context})
    return shown
