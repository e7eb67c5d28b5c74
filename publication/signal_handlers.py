"""Keep groups and permissions in step with Unit records."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import Unit
from .provisioning import deprovision_unit_groups, provision_unit


@receiver(post_save, sender=Unit)
def unit_saved(sender, instance: Unit, raw: bool = False, **kwargs):
    if not raw:
        provision_unit(instance)


@receiver(m2m_changed, sender=Unit.heads.through)
@receiver(m2m_changed, sender=Unit.editors.through)
def unit_members_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        for unit in Unit.objects.filter(pk__in=pk_set or ()):
            provision_unit(unit)
    else:
        provision_unit(instance)


@receiver(post_delete, sender=Unit)
def unit_deleted(sender, instance: Unit, **kwargs):
    deprovision_unit_groups(instance)

