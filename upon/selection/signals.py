"""Selection listens to accounts: a new reviewer's pool places are linked to their account."""

from django.dispatch import receiver

from upon.accounts.models import Role
from upon.accounts.signals import role_granted


@receiver(role_granted, dispatch_uid="selection_link_pool_places")
def link_pool_places_on_role_granted(sender, *, user, role, programme, intake, **kwargs):
    if role != Role.REVIEWER:
        return
    from upon.selection.pool import link_pool_places

    link_pool_places(user=user, programme=programme, intake=intake)
