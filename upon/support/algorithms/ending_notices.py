"""When to tell a director and the team that an entitlement is ending: 90 days before its end,
then 30 days before it, each once. A notice missed (the entitlement opened late, or the worker
was down) is not sent late once a nearer one is due: only the nearest is sent."""

NOTICE_DAYS = (90, 30)


def notice_due(*, days_left: int, sent: frozenset[int] | set[int]) -> int | None:
    """The notice (days before the end) to send with `days_left` days to go, given the notices
    already sent for this end; None when none is due."""
    if days_left < 0:
        return None
    due = [days for days in NOTICE_DAYS if days_left <= days]
    if not due:
        return None
    nearest = min(due)
    if any(days <= nearest for days in sent):
        return None
    return nearest
