"""The selection audit trail: every score, decision, override and offer, with before and after."""

from upon.selection.models import AuditEvent
from upon.service.versioning import StaleVersion

__all__ = ["StaleVersion", "record"]


def record(
    *,
    intake,
    action: str,
    actor=None,
    application=None,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        intake=intake,
        application=application,
        actor=actor,
        action=action,
        before=before or {},
        after=after or {},
        reason=reason,
    )
