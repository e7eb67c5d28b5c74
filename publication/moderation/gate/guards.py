"""The guards at the three writes every publish path ends in (see the package docstring)."""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _

from publication.moderation.gate.context import current_context, current_path
from publication.moderation.gate.decision import PublishBlocked, decide, is_gated
from publication.moderation.gate.fingerprint import content_fingerprint, object_fingerprint

logger = logging.getLogger("publication.gate")


def _stored_row(obj):
    """The object as stored now (specific class), or None for a new row."""
    if obj.pk is None or obj._state.adding:
        return None
    return type(obj)._base_manager.filter(pk=obj.pk).first()


#: Fields a save may write without changing what the public reads.
_STATE_FIELDS = frozenset({"live", "live_revision", "alias_of", "has_unpublished_changes", "first_published_at", "last_published_at"})


def enforce_live_state(obj, update_fields=None) -> None:
    """Called by `save()` of gated models: refuse a row that turns live, or changes its live content,
    unless the gate allows it. Raises `PublishBlocked`.

    An alias is not refused but follows its source: it stays off the public site while the source is
    not live (Wagtail's alias sync would otherwise publish an embargoed page's aliases at once).
    """
    if not getattr(obj, "live", False) or not is_gated(obj):
        return
    touched = None if update_fields is None else {name.removesuffix("_id") for name in update_fields}
    if touched is not None and not touched & {"live", "live_revision", "alias_of"}:
        return  # bookkeeping writes of a row already live (numchild, locks, draft pointers)
    title = str(getattr(obj, "title", obj))
    alias_of_id = getattr(obj, "alias_of_id", None)
    if alias_of_id is not None:
        _alias_follows_source(obj, alias_of_id, touched)
        return
    stored = _stored_row(obj)
    public = stored if (stored is not None and touched is not None and touched <= _STATE_FIELDS) else obj
    fingerprint = object_fingerprint(public)
    revision = obj.live_revision if getattr(obj, "live_revision_id", None) else None
    if revision is not None and str(revision.object_id) != str(obj.pk):
        revision = None  # a copied row still points at its source's revision
    if revision is not None and content_fingerprint(revision.content) != fingerprint:
        logger.warning("Refused live revision %s of %s %s: it is not the content on the row", revision.pk, type(obj).__name__, obj.pk)
        raise PublishBlocked(
            problems=[_("The version that would be shown to the public is not the one that was checked and approved")], title=title
        )
    if stored is not None and stored.live and object_fingerprint(stored) == fingerprint:
        return  # what the public reads does not change (republish, convert_alias, pointers)
    if stored is None and not current_context().trusted:
        if getattr(obj, "live_revision_id", None) is None:
            # A new row is born a draft (Wagtail's create view adds it live, then publishes its first
            # revision: that publish passes this gate like any other).
            obj.live = False
            obj.has_unpublished_changes = True
            return
        logger.warning("Refused a live copy %r via %s", title, current_path())
        raise PublishBlocked(
            problems=[_("A copy cannot be published straight away: copy it as a draft, then submit it for approval through the workflow")],
            title=title,
        )
    decision = decide(public, revision)
    if not decision.allowed:
        decision.log()
        raise decision.blocked()
    obj._publication_decision = decision


def _alias_follows_source(obj, alias_of_id, touched) -> None:
    from wagtail.models import Page

    if Page.objects.filter(pk=alias_of_id, live=True).exists():
        return
    logger.info("Alias %s of page %s kept off the public site: its source is not live", obj.pk, alias_of_id)
    obj.live = False
    obj.has_unpublished_changes = True


def enforce_schedule(revision) -> None:
    """Called before a Revision is saved: approving a future go-live is publishing, later."""
    if revision.approved_go_live_at is None:
        return
    from wagtail.models import Revision

    if revision.pk is not None:
        stored = Revision.objects.filter(pk=revision.pk).values_list("approved_go_live_at", flat=True).first()
        if stored is not None:
            return  # already approved for that go-live
    obj = revision.as_object()
    if not is_gated(obj):
        return
    decision = decide(obj, revision)
    if not decision.allowed:
        decision.log()
        raise decision.blocked()


def enforce_not_locked(obj, user) -> None:
    """A workflow lock holds on every path that writes a revision, the admin API's revert included."""
    from django.core.exceptions import PermissionDenied

    if user is None or obj.pk is None or not hasattr(obj, "get_lock"):
        return
    lock = obj.get_lock()
    if lock is not None and lock.for_user(user):
        raise PermissionDenied(
            _("“%(title)s” is awaiting approval and locked: it cannot be edited or reverted until a decision is made")
            % {"title": getattr(obj, "title", obj)}
        )


def check_live_move(page, destination) -> None:
    """Refuse moving live gated pages where another unit owns them or another workflow decides.

    Raises `PublishBlocked` naming the first live page affected.
    """
    from wagtail.models import Page

    from publication.organisation.models import Unit

    if destination is None:
        return
    source_parent = page.get_parent()
    before_workflow = source_parent.get_workflow() if source_parent is not None else None
    if hasattr(page, "workflowpage"):
        return  # the moved page carries its own workflow: its subtree keeps its chain
    after_workflow = destination.get_workflow()
    new_owner = Unit.objects.for_page(destination)
    if Unit.objects.filter(section=page).exists():
        return  # a unit's own section root stays that unit's, wherever it hangs
    live = Page.objects.descendant_of(page, inclusive=True).filter(live=True).specific()
    for item in live:
        if not is_gated(item):
            continue
        owner_before = getattr(item, "owner_unit_id", None)
        if owner_before is None:
            owner_before = getattr(Unit.objects.for_page(item), "pk", None)
        explicit_owner = getattr(item, "owner_unit_id", None) if new_owner is None else None
        owner_after = new_owner.pk if new_owner is not None else explicit_owner
        if owner_after != owner_before or (before_workflow and after_workflow and before_workflow.pk != after_workflow.pk):
            raise PublishBlocked(
                problems=[
                    _(
                        "A published page cannot be moved to a location with a different owner unit or approval "
                        "workflow. Unpublish it first, move it, then submit it for approval again"
                    )
                ],
                title=item.title,
            )


def enforce_media_unchanged_while_public(media) -> None:
    """A document's or image's file is what approved pages show: while live content uses it, it is
    not replaced (upload a new one and change the page through its approval chain).

    Called before a document or image is saved. Uses Wagtail's reference index (kept by its task
    after each save), so a reference made moments ago may not be seen yet by a deferred worker.
    Raises `PublishBlocked`.
    """
    if media.pk is None:
        return
    stored = type(media)._base_manager.filter(pk=media.pk).values_list("file", flat=True).first()
    if stored is None or stored == media.file.name:
        return
    from django.contrib.contenttypes.models import ContentType
    from wagtail.images import get_image_model
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page).pk
    references = ReferenceIndex.get_references_to(media).values_list("base_content_type_id", "object_id")
    page_ids = [object_id for content_type_id, object_id in references if content_type_id == page_type]
    live = Page.objects.filter(pk__in=page_ids, live=True).first()
    if live is None and isinstance(media, get_image_model()):
        # Unit snippets with images of their own (P1.5 posts): the M2M is not in the reference index.
        from publication.moderation.snippets import unit_snippet_models

        for model in unit_snippet_models():
            if any(field.name == "images" for field in model._meta.get_fields()):
                live = live or model.objects.filter(live=True, images=media).first()
    if live is not None:
        logger.warning("Refused replacing the file of %s %s used by live %r", type(media).__name__, media.pk, str(live))
        raise PublishBlocked(
            problems=[
                _(
                    "This file is used in published content (%(item)s), so it cannot be replaced. "
                    "Upload it as a new file, then change the content through its approval workflow"
                )
                % {"item": str(live)}
            ],
            title=str(media),
        )
