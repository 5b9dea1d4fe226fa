"""The selection audit trail: every score, decision, override and offer, with before and after."""

from upon.selection.models import AuditEvent


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


class StaleVersion(Exception):
    """Someone else saved this record since the person opened it: nothing was overwritten."""

    message = (
        "Someone else changed this since you opened it. Your changes have not been saved: "
        "check the latest version below and make your changes again."
    )
