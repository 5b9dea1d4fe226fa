"""Check before you do it: an action that cannot be undone and reaches many people (confirming
the cohort, confirming completion, publishing a timetable) goes through a page that says
exactly what will happen, to whom. The page's form carries what it showed (`FIELD`: the ids of
the records it will act on) and the action goes ahead only if that is still what would happen;
a post without it (the old one-click button, a hand-made request) does nothing and is sent to
the page.
"""

FIELD = "checked"
# Up to this many people (or sessions) are named on the page; more are counted.
NAMES_SHOWN = 10


class ChangedSinceChecked(Exception):
    message = (
        "This has changed since you opened the page, so nothing has been done. "
        "Check what will happen now, then confirm again."
    )


def shown(ids) -> str:
    """The value of the page's hidden field for these ids (order does not matter)."""
    return ",".join(str(i) for i in sorted(ids))


def checked_ids(request) -> frozenset[int] | None:
    """The ids the page showed, from the post; None when the post did not come from the page."""
    value = request.POST.get(FIELD)
    if value is None:
        return None
    try:
        return frozenset(int(part) for part in value.split(",") if part)
    except ValueError:
        return None


def refuse_if_changed(*, expected: frozenset[int] | None, now: list[int]) -> None:
    """Raise ChangedSinceChecked if the page showed other records than these (`expected`
    None: a caller that showed no page, like a test or the demo seed)."""
    if expected is not None and frozenset(now) != expected:
        raise ChangedSinceChecked()


def few(items, limit: int = NAMES_SHOWN) -> list:
    """The items to name on the page: all of them when there are few, none when many."""
    items = list(items)
    return items if len(items) <= limit else []
