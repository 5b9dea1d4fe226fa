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


@register.filter
def coaching_budget(entitlement):
    """The coaching budget of an entitlement annotated by `entitlements.with_use`."""
    from upon.support.coaching_log import Budget

    return Budget(used=entitlement.minutes_used, hours=entitlement.coaching_hours)


@register.filter
def places_left(entitlement) -> str:
    """ "2 of 3": further learning places left, of an entitlement annotated by `with_use`."""
    places = entitlement.further_learning_places
    return f"{max(places - entitlement.places_used, 0)} of {places}"
