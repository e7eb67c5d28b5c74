"""Who is publishing, through which entry point, and code paths trusted to publish without a chain."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("publication.gate")


@dataclass(frozen=True)
class PublishingContext:
    """Who is publishing and through which entry point.

    `path` is a short machine key (`workflow`, `scheduled`, `edit_view`, `admin_api`, …; see
    `PATH_LABELS`); `trusted` names a code path that may make content live without an approval
    chain (the demo data set-up), and is never set by a request.
    """

    actor: Any = None
    path: str = ""
    scheduled: bool = False
    trusted: str = ""


_context: ContextVar[PublishingContext | None] = ContextVar("pcru_publishing_context", default=None)

#: Display names of the entry points, for the register and messages (keys from `current_path`).
#: Only the key is stored (`PublicationRecord.publish_path`); the label is translated when shown.
PATH_LABELS = {
    "workflow": _("Approval through the workflow"),
    "scheduled": _("Scheduled publishing"),
    "edit_view": _("Publish button on the edit page"),
    "create_view": _("Publish button on the create page"),
    "admin_api": "Admin API",
    "bulk_action": _("Bulk publishing"),
    "copy": _("Page copy"),
    "alias": _("Alias creation"),
    "alias_sync": _("Alias following its source page"),
    "revisions": _("Revision history"),
    "acknowledge": _("Acknowledge warnings, then publish"),
    "snippet_edit_view": _("Publish button on the snippet edit page"),
    "programmatic": _("System command"),
    "trusted": _("Initial data import"),
}

_URL_PATHS = {
    "wagtailadmin_pages:edit": "edit_view",
    "wagtailadmin_pages:add": "create_view",
    "wagtailadmin_pages:copy": "copy",
    "wagtailadmin_pages:workflow_action": "workflow",
    "wagtailadmin_pages:collect_workflow_action_data": "workflow",
    "wagtailadmin_pages:revisions_revert": "revisions",
    "wagtail_bulk_action": "bulk_action",
    "publication_acknowledge_publish": "acknowledge",
}


@contextmanager
def publishing_as(actor, path: str, *, scheduled: bool = False) -> Iterator[PublishingContext]:
    """Name the actor and entry point of the publishing done inside the block."""
    outer = _context.get()
    context = PublishingContext(actor=actor, path=path, scheduled=scheduled, trusted=outer.trusted if outer else "")
    token = _context.set(context)
    try:
        yield context
    finally:
        _context.reset(token)


@contextmanager
def trusted_publication(reason: str) -> Iterator[None]:
    """Let code (never a request) make content live without an approval chain; the checks still run.

    Used by `bootstrap_demo` for the demo university's existing content, and by test fixtures that
    stand for content published before the test begins. `reason` is logged and written to the register.
    """
    outer = _context.get()
    token = _context.set(PublishingContext(actor=outer.actor if outer else None, path="trusted", trusted=reason))
    logger.info("Trusted publication: %s", reason)
    try:
        yield
    finally:
        _context.reset(token)


def current_context() -> PublishingContext:
    return _context.get() or PublishingContext()


def current_actor():
    """The user publishing now: the one named by `publishing_as`, else the admin request's user."""
    context = _context.get()
    if context is not None and context.actor is not None:
        return context.actor
    from wagtail.log_actions import get_active_log_context

    user = get_active_log_context().user
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def current_path() -> str:
    """The entry point of the publishing now (a key of `PATH_LABELS`)."""
    context = _context.get()
    if context is not None and context.path:
        return context.path
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return "programmatic"
    match = getattr(request, "resolver_match", None)
    name = match.view_name if match else ""
    if name in _URL_PATHS:
        return _URL_PATHS[name]
    if request.path.startswith("/admin/api/"):
        return "admin_api"
    if name.startswith("wagtailsnippets_"):
        return "snippet_edit_view"
    return name or "programmatic"


def path_label(path: str) -> str:
    return str(PATH_LABELS[path]) if path in PATH_LABELS else path
