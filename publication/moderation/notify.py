"""Moderation side effects: e-mails through the outbox, stored check results, the register.

Wagtail's own moderation e-mails are sent inline and reach the wrong people for us (every
member of a group, superusers); `disconnect_wagtail_notifiers()` removes them and the handlers
below queue Thai e-mails to exactly the editor, the unit's heads (or acting head) and the
webmasters.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.encoding import uri_to_iri
from django.utils.translation import gettext_lazy
from wagtail.admin import signal_handlers as wagtail_admin_signals
from wagtail.models import Revision, TaskState, WorkflowState
from wagtail.signals import page_published, task_approved, task_rejected, task_submitted, workflow_approved

from publication.organisation.models import Unit
from publication.outbox.notifications import queue_notification

logger = logging.getLogger("publication.moderation")


def disconnect_wagtail_notifiers() -> None:
    task_submitted.disconnect(
        wagtail_admin_signals.task_submission_email_notifier,
        sender=TaskState,
        dispatch_uid="group_approval_task_submitted_email_notification",
    )
    from wagtail.signals import workflow_rejected, workflow_submitted

    for signal, notifier, uid in (
        (
            workflow_submitted,
            wagtail_admin_signals.workflow_submission_email_notifier,
            "workflow_state_submitted_email_notification",
        ),
        (
            workflow_rejected,
            wagtail_admin_signals.workflow_rejection_email_notifier,
            "workflow_state_rejected_email_notification",
        ),
        (
            workflow_approved,
            wagtail_admin_signals.workflow_approval_email_notifier,
            "workflow_state_approved_email_notification",
        ),
    ):
        signal.disconnect(notifier, sender=WorkflowState, dispatch_uid=uid)


def _display(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def edit_url(obj) -> str:
    """The admin edit URL of a page or snippet, absolute, for e-mails."""
    from django.conf import settings
    from wagtail.admin.admin_url_finder import AdminURLFinder

    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + (AdminURLFinder().get_edit_url(obj) or "/admin/")


def _is_our_page(obj) -> bool:
    from publication.moderation.checks import is_checked_page

    return is_checked_page(obj)


def on_task_submitted(sender, instance: TaskState, user=None, **kwargs):
    task = instance.task.specific
    obj = instance.workflow_state.content_object
    obj = getattr(obj, "specific", obj)
    if not hasattr(task, "get_approvers") or not _is_our_page(obj):
        return
    from publication.moderation.checks import store_check

    check = store_check(instance.revision)
    submitter = instance.workflow_state.requested_by
    approvers = [u for u in task.get_approvers(obj) if u.pk != getattr(submitter, "pk", None)]
    unit = getattr(obj, "owner_unit", None)
    queue_notification(
        approvers,
        "moderation/emails/task_submitted",
        {
            "task_name": task.name,
            "page_title": str(getattr(obj, "title", obj)),
            "unit_name": unit.name_th if unit else "",
            "submitter_name": _display(submitter),
            "submitted_at": instance.started_at,
            "warning_count": check.warning_count,
            "review_url": edit_url(obj),
        },
        related=obj,
        kind="task_submitted",
    )


def on_task_approved(sender, instance: TaskState, user=None, **kwargs):
    obj = instance.workflow_state.content_object
    obj = getattr(obj, "specific", obj)
    if not _is_our_page(obj):
        return
    workflow_state = instance.workflow_state
    next_task = workflow_state.get_next_task()
    if next_task is None:
        return  # the last approval publishes: the "published" e-mail says it all
    queue_notification(
        [workflow_state.requested_by],
        "moderation/emails/task_approved",
        {
            "task_name": instance.task.name,
            "page_title": str(getattr(obj, "title", obj)),
            "approver_name": _display(user),
            "approved_at": instance.finished_at,
            "comment": instance.get_comment(),
            "next_task_name": next_task.name,
        },
        related=obj,
        kind="task_approved",
    )


def on_task_rejected(sender, instance: TaskState, user=None, **kwargs):
    obj = instance.workflow_state.content_object
    obj = getattr(obj, "specific", obj)
    if not _is_our_page(obj):
        return
    queue_notification(
        [instance.workflow_state.requested_by],
        "moderation/emails/changes_requested",
        {
            "task_name": instance.task.name,
            "page_title": str(getattr(obj, "title", obj)),
            "approver_name": _display(user) or gettext_lazy("Policy check system"),
            "rejected_at": instance.finished_at,
            "comment": instance.get_comment(),
            "edit_url": edit_url(obj),
        },
        related=obj,
        kind="changes_requested",
    )


def on_revision_saved(sender, instance: Revision, created: bool, raw: bool = False, **kwargs):
    """Store the policy-check result of every revision of our pages (drafts included)."""
    if raw or not created:
        return
    model = instance.content_type.model_class()
    from publication.moderation.gate import UnitOwnedPageMixin
    from publication.moderation.snippets import UnitRequestMixin

    if model is None or not issubclass(model, (UnitOwnedPageMixin, UnitRequestMixin)):
        return
    from publication.moderation.checks import store_check

    try:
        store_check(instance)
    except Exception:  # a failed check must never lose the editor's revision
        logger.exception("Could not check revision %s", instance.pk)


def on_page_published(sender, instance, revision=None, **kwargs):
    """Write the register row and e-mail the unit (P1.1(4)) and the editor.

    The row names who really published and through which entry point, as the gate saw them
    (`publication.moderation.gate.Decision`, set on the instance by `enforce_live_state`).
    """
    page = instance.specific
    if not _is_our_page(page) or not page.live:
        return  # an alias kept off the public site while its source waits for its go-live
    from publication.moderation.gate import current_actor, current_path

    decision = getattr(page, "_publication_decision", None)
    actor = decision.actor if decision is not None and decision.actor is not None else current_actor()
    path = decision.path if decision is not None else current_path()
    if kwargs.get("alias"):
        path = "alias_sync"
    from publication.moderation.models import ContentCheck, PublicationRecord

    state = (
        WorkflowState.objects.filter(
            base_content_type_id=page.get_base_content_type().pk,
            object_id=str(page.pk),
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_APPROVED],
            current_task_state__revision=revision,
        )
        .select_related("requested_by")
        .order_by("-created_at")
        .first()
        if revision is not None
        else None
    )
    record = PublicationRecord(
        page=page,
        revision=revision,
        title=page.title,
        url=uri_to_iri(page.full_url or ""),  # Thai slugs as Thai, not %E0%B8… (the register's 500 characters)
        unit=page.owner_unit,
        editor=(state.requested_by if state else (revision.user if revision else None)),
        submitted_at=state.created_at if state else None,
        published_at=page.last_published_at or timezone.now(),
        publish_path=path,
    )
    approver = None
    if state is not None:
        approved = state.task_states.filter(status=TaskState.STATUS_APPROVED).select_related("task", "finished_by")
        for task_state in approved.order_by("started_at"):
            kind = task_state.task.specific_class.__name__
            if kind == "HeadOfUnitApprovalTask":
                record.head_approver = task_state.finished_by
                record.head_approved_at = task_state.finished_at
                record.head_comment = task_state.get_comment()
            elif kind == "WebmasterApprovalTask":
                record.webmaster_approver = task_state.finished_by
                record.webmaster_approved_at = task_state.finished_at
            approver = task_state.finished_by
    record.published_by = actor or approver
    check = ContentCheck.objects.filter(revision=revision).select_related("acknowledged_by").first() if revision else None
    if check is not None and check.warning_count:
        from publication.moderation.checks import describe_finding

        who = _display(check.acknowledged_by) or "-"
        with translation.override(settings.LANGUAGE_CODE):  # the register is written in the site's language
            described = [describe_finding(f) for f in check.warnings]
        record.warnings_acknowledged = f"รับทราบโดย {who}\n" + "\n".join(described)
    record.save()
    transaction.on_commit(lambda: _notify_published(record.pk, approver))


def _notify_published(record_id: int, approver) -> None:
    from publication.moderation.models import PublicationRecord

    record = PublicationRecord.objects.select_related("page", "editor", "head_approver", "webmaster_approver").get(pk=record_id)
    page = record.page.specific if record.page else None
    if page is None:
        return
    approved_by = record.webmaster_approver or record.head_approver or approver
    queued = notify_unit_page_published(page, approved_by=approved_by, approved_at=record.published_at)
    if record.editor and record.editor.email:
        queue_notification(
            [record.editor],
            "moderation/emails/page_published_editor",
            {
                "page_title": page.title,
                "page_url": page.full_url or "",
                "approved_by_name": _display(approved_by),
                "approved_at": record.published_at,
            },
            related=page,
            kind="page_published_editor",
        )
    if queued:
        PublicationRecord.objects.filter(pk=record.pk).update(unit_notified_at=timezone.now())


def connect() -> None:
    from django.db.models.signals import post_save

    disconnect_wagtail_notifiers()
    task_submitted.connect(on_task_submitted, dispatch_uid="pcru_task_submitted")
    task_approved.connect(on_task_approved, dispatch_uid="pcru_task_approved")
    task_rejected.connect(on_task_rejected, dispatch_uid="pcru_task_rejected")
    page_published.connect(on_page_published, dispatch_uid="pcru_page_published")
    post_save.connect(on_revision_saved, sender=Revision, dispatch_uid="pcru_revision_checked")


def notify_unit_page_published(page, *, approved_by=None, approved_at: datetime.datetime | None = None):
    """P1.1(4): e-mail the page's unit, at its contact address, that the page is live.

    The unit is the page's `owner_unit` if it has one, else the unit whose section contains it.
    Returns the queued rows (empty when no unit or no contact address is known).
    """
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    unit = getattr(page, "owner_unit", None) or Unit.objects.for_page(page)
    if unit is None or not unit.contact_email:
        logger.warning("Page %s was published but has no unit contact address to notify", page.pk)
        return []
    approver_name = ""
    if approved_by is not None:
        approver_name = approved_by.get_full_name() or approved_by.get_username()
    context = {
        "page": page,
        "page_title": page.title,
        "page_url": page.full_url or "",
        "unit": unit,
        "unit_name": unit.name_th,
        "approved_by": approved_by,
        "approved_by_name": approver_name,
        "approved_at": approved_at or page.last_published_at or timezone.now(),
    }
    return queue_notification([unit.contact_email], "moderation/emails/page_published", context, related=page, kind="page_published")
