from django import template

from upon.support.models import EntitlementStatus

register = template.Library()


@register.filter
def status_label(entitlement, today) -> str:
    """The entitlement's status on `today`, as people read it."""
    return EntitlementStatus(entitlement.status_on(today)).label
