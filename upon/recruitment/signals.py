"""Keeping the cached public intake pages true: whatever changes what they show clears them."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from upon.programmes.models import Intake, Programme
from upon.recruitment.intakes import public_cache_key
from upon.recruitment.models import Capability


def _forget(*slugs: str) -> None:
    cache.delete_many([public_cache_key(slug) for slug in slugs if slug])


@receiver(pre_save, sender=Intake)
def forget_old_address(sender, instance, raw=False, **kwargs):
    # A changed slug leaves the old address's copy behind unless it goes now.
    if instance.pk and not raw:
        _forget(*Intake.objects.filter(pk=instance.pk).values_list("slug", flat=True))


@receiver(post_save, sender=Intake)
@receiver(post_delete, sender=Intake)
def forget_intake(sender, instance, **kwargs):
    _forget(instance.slug)


@receiver(post_save, sender=Capability)
@receiver(post_delete, sender=Capability)
def forget_capability_intake(sender, instance, **kwargs):
    _forget(*Intake.objects.filter(pk=instance.intake_id).values_list("slug", flat=True))


@receiver(post_save, sender=Programme)
@receiver(post_delete, sender=Programme)
def forget_programme_intakes(sender, instance, **kwargs):
    _forget(*Intake.objects.filter(programme_id=instance.pk).values_list("slug", flat=True))
