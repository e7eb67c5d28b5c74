"""Keep groups and permissions in step with Unit records and acting heads; check every new document and image file."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from publication.organisation import media
from publication.organisation.models import ActingHead, Unit
from publication.organisation.provisioning import deprovision_unit_groups, provision_unit


@receiver(post_save, sender=Unit)
def unit_saved(sender, instance: Unit, raw: bool = False, **kwargs):
    if not raw:
        provision_unit(instance)


@receiver(m2m_changed, sender=Unit.heads.through)
@receiver(m2m_changed, sender=Unit.editors.through)
def unit_members_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs):
    """Re-provision the unit(s) whose heads or editors changed, from either side of the relation.

    simple-history records m2m changes on the unit, but it is handed the *user* when the change
    is made from the user's side (`user.edited_units.clear()`) and fails there. For those, its
    handler is told to skip (it runs first, being connected earlier) and the units' history rows
    are written here instead.
    """
    if reverse:
        if action.startswith("pre_"):
            instance.skip_history_when_saving = True
            related = getattr(instance, "headed_units" if sender is Unit.heads.through else "edited_units")
            instance._pcru_units_before = set(related.values_list("pk", flat=True))
            return
        if hasattr(instance, "skip_history_when_saving"):
            del instance.skip_history_when_saving
        affected = set(pk_set or ()) | getattr(instance, "_pcru_units_before", set())
        for unit in Unit.objects.filter(pk__in=affected):
            unit.save()  # a history row with the new membership; provisioning runs on post_save
        return
    if action in {"post_add", "post_remove", "post_clear"}:
        provision_unit(instance)


@receiver(post_delete, sender=Unit)
def unit_deleted(sender, instance: Unit, **kwargs):
    deprovision_unit_groups(instance)


@receiver(post_save, sender=ActingHead)
@receiver(post_delete, sender=ActingHead)
def acting_head_changed(sender, instance: ActingHead, raw: bool = False, **kwargs):
    if not raw:
        provision_unit(instance.unit)


# Every new document or image file is checked by content, also outside Wagtail's forms (`media`).
pre_save.connect(media.check_stored_document, sender=get_document_model(), dispatch_uid="pcru_check_stored_document")
pre_save.connect(media.check_stored_image, sender=get_image_model(), dispatch_uid="pcru_check_stored_image")
