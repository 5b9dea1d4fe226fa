from django import template

from upon.support.models import EntitlementStatus

register = template.Library()


@register.filter
def status_label(entitlement, today) -> str:
    """The entitlement's status on `today`, as people read it."""
    return EntitlementStatus(entitlement.status_on(today)).label


@register.filter
def check_in_status(check_in, today) -> str:
    """Where an employer's check-in stands on `today`: Upcoming, Due, Overdue or Done."""
    from upon.support.employers import standing

    return standing(check_in, today).capitalize()


@register.filter
def coaching_hours(minutes) -> str:
    """Minutes as people read them: "1 hour", "12 hours 30 minutes", "45 minutes"."""
    from upon.support.coaching_log import hours_text

    return hours_text(minutes or 0)
