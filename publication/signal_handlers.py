"""Keep groups and permissions in step with Unit records."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import post_page_move

from .models import ActingHead, Unit, UnitOwnedPage
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


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    """Re-derive the owner unit of a moved page and its subtree.

    Wagtail's move saves a plain `Page`, so `UnitOwnedPage.save()` never runs for it.
    """
    for page in instance.get_descendants(inclusive=True).specific(defer=True):
        if not isinstance(page, UnitOwnedPage):
            continue
        derived = page.derive_owner_unit()
        if derived is not None and derived.pk != page.owner_unit_id:
            type(page).objects.filter(pk=page.pk).update(owner_unit=derived)


@receiver(post_save, sender=ActingHead)
@receiver(post_delete, sender=ActingHead)
def acting_head_changed(sender, instance: ActingHead, raw: bool = False, **kwargs):
    if not raw:
        provision_unit(instance.unit)
