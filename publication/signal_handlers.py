"""Keep groups and permissions in step with Unit records."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Revision
from wagtail.signals import post_page_move, pre_page_move

from .gate import check_live_move, enforce_live_state, enforce_media_unchanged_while_public, enforce_schedule, is_gated
from .models import ActingHead, NewsIndexPage, Unit, UnitOwnedPage
from .provisioning import deprovision_unit_groups, provision_unit, provision_unit_workflows


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


@receiver(post_save, sender=NewsIndexPage, dispatch_uid="pcru_news_folder_workflow")
def news_folder_saved(sender, instance, created: bool, raw: bool = False, **kwargs):
    """A news folder made (or copied, or aliased) in a unit's section takes the unit's news workflow at
    once: without it, it would inherit the section's head-only workflow and skip the webmaster."""
    if raw or not instance.path:
        return
    unit = Unit.objects.for_page(instance)
    if unit is not None:
        provision_unit_workflows(unit)


@receiver(pre_page_move, dispatch_uid="pcru_live_move_gate")
def live_page_move_gate(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """Live content keeps the approval it had only where the same unit and the same chain apply.

    Moving a live page (or a folder with live pages) into another unit's section, or to where another
    workflow decides, would show it there without that approval: refused, the move rolls back.
    """
    check_live_move(instance, parent_page_after)


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


@receiver(pre_save, dispatch_uid="pcru_live_state_gate")
def live_state_gate(sender, instance, raw: bool = False, update_fields=None, **kwargs):
    """Every save of our pages and unit snippets passes the gate (`publication.gate.enforce_live_state`)."""
    if not raw and is_gated(instance):
        enforce_live_state(instance, update_fields)


@receiver(pre_save, sender=Revision, dispatch_uid="pcru_schedule_gate")
def revision_schedule_gate(sender, instance: Revision, raw: bool = False, **kwargs):
    """Approving a future go-live is publishing, later: the gate decides now (`publication.gate`)."""
    if not raw:
        enforce_schedule(instance)


@receiver(pre_save, dispatch_uid="pcru_public_media_gate")
def public_media_gate(sender, instance, raw: bool = False, **kwargs):
    """A document's or image's file used by live content is not replaced behind its approval."""
    if not raw and isinstance(instance, (get_document_model(), get_image_model())):
        enforce_media_unchanged_while_public(instance)
