"""Every path to live state meets the gate here: saves, scheduled go-lives, moves, media files."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Revision
from wagtail.signals import pre_page_move

from publication.organisation.provisioning import unit_provisioned

from .gate import check_live_move, enforce_live_state, enforce_media_unchanged_while_public, enforce_schedule, is_gated
from .provisioning import provision_unit_workflows


@receiver(unit_provisioned, dispatch_uid="pcru_unit_workflows")
def unit_workflows_provisioned(sender, unit, **kwargs):
    """A unit's section takes the head-only workflow (P1.3)."""
    provision_unit_workflows(unit)


@receiver(pre_page_move, dispatch_uid="pcru_live_move_gate")
def live_page_move_gate(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """Live content keeps the approval it had only where the same unit and the same chain apply.

    Moving a live page (or a folder with live pages) into another unit's section, or to where another
    workflow decides, would show it there without that approval: refused, the move rolls back.
    """
    check_live_move(instance, parent_page_after)


@receiver(pre_save, dispatch_uid="pcru_live_state_gate")
def live_state_gate(sender, instance, raw: bool = False, update_fields=None, **kwargs):
    """Every save of our pages and unit snippets passes the gate (`publication.moderation.gate.enforce_live_state`)."""
    if not raw and is_gated(instance):
        enforce_live_state(instance, update_fields)


@receiver(pre_save, sender=Revision, dispatch_uid="pcru_schedule_gate")
def revision_schedule_gate(sender, instance: Revision, raw: bool = False, **kwargs):
    """Approving a future go-live is publishing, later: the gate decides now (`publication.moderation.gate`)."""
    if not raw:
        enforce_schedule(instance)


@receiver(pre_save, dispatch_uid="pcru_public_media_gate")
def public_media_gate(sender, instance, raw: bool = False, **kwargs):
    """A document's or image's file used by live content is not replaced behind its approval."""
    if not raw and isinstance(instance, (get_document_model(), get_image_model())):
        enforce_media_unchanged_while_public(instance)
