"""The service navigation: each app registers its own entries, the shell renders what is there.

An app registers in its `AppConfig.ready()`:

    navigation.register("Your reviews", "selection:queue", visible=is_reviewer, order=30)

`visible` is asked with the signed-in user; entries show in `order`, lowest first. URL names are
reversed when the page is drawn, not at start-up. The shell knows no app: it only keeps the list.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    visible: Callable[[object], bool]
    order: int
    # True: also active on every page below the entry's URL; False: only on the URL itself.
    prefix: bool = True


_entries: dict[str, Entry] = {}


def register(
    label: str,
    url_name: str,
    *,
    visible: Callable[[object], bool],
    order: int,
    prefix: bool = True,
) -> None:
    """Add an entry, or replace the one with this label (registering twice changes nothing)."""
    _entries[label] = Entry(label, url_name, visible, order, prefix)


def unregister(label: str) -> None:
    _entries.pop(label, None)


def entries() -> list[Entry]:
    return sorted(_entries.values(), key=lambda entry: (entry.order, entry.label))


def is_active(entry: Entry, url: str, path: str) -> bool:
    if path == url:
        return True
    return entry.prefix and url != "/" and path.startswith(url)


def items_for(request) -> list[dict]:
    """The entries the signed-in person may see, with the one for the current page active."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    for entry in entries():
        if not entry.visible(user):
            continue
        url = reverse(entry.url_name)
        items.append(
            {"label": entry.label, "url": url, "active": is_active(entry, url, request.path)}
        )
    return items
