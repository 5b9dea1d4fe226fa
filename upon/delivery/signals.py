"""Delivery listens to accounts: a new facilitator gets the secret address of their feed."""

from django.dispatch import receiver

from upon.accounts.models import Role
from upon.accounts.signals import role_granted


@receiver(role_granted, dispatch_uid="delivery_start_facilitator_calendar")
def start_facilitator_calendar_on_role_granted(sender, *, user, role, **kwargs):
    if role != Role.FACILITATOR:
        return
    from upon.delivery.calendars import start_facilitator_calendar

    start_facilitator_calendar(user=user)
