"""Urgent takedown (G6): the head of a page's owner unit, or a webmaster, takes a live page off the site at once.

A takedown is not Wagtail's "Unpublish": it asks for a reason, and it leaves a trace everyone can
follow. In one transaction `take_down`

* cancels the page's workflow in progress (or waiting for changes): approvals given before the
  takedown never bring the page back;
* unpublishes the page with Wagtail's `UnpublishPageAction` (its aliases go down with it) and
  clears every scheduled go-live of its revisions;
* writes a register entry (`PublicationRecord`, action `TAKEN_DOWN`, with the reason) and a
  `publication.takedown` log entry, so the page's History shows who took it down, when and why;
* queues an e-mail to the unit (its contact address) and to the webmasters.

The page comes back only through its approval workflow: `republish_problems` is a chain rule of the
publication gate (`publication.moderation.gate.register_chain_rule`) that refuses every publish of a
page whose latest register entry is a takedown until every required step of the workflow has approved
that very content in a workflow started after the takedown. The gate guards every publish path (edit
view, bulk publish, admin API, revision revert, scheduled go-live, workflow), so this rule does too.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.encoding import uri_to_iri
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Page, Revision, Site, WorkflowState

from publication.moderation.gate import approved_tasks_for, content_fingerprint, is_gated, required_tasks
from publication.moderation.models import HeadOfUnitApprovalTask, PublicationRecord, RegisterAction
from publication.moderation.notify import edit_url
from publication.organisation.models import Unit, units_approved_by
from publication.organisation.roles import WEBMASTERS
from publication.organisation.templatetags.thai_dates import thai_date
from publication.outbox.notifications import queue_notification

logger = logging.getLogger("publication.upkeep")

#: The Wagtail log action of a takedown (registered in `takedown_hooks`).
TAKEDOWN_ACTION = "publication.takedown"
#: The outbox kind of the takedown e-mail (its label is registered in `takedown_signals`).
NOTIFICATION_KIND = "takedown"
#: The longest reason kept, in characters.
REASON_MAX_LENGTH = 2000


class TakedownRefused(Exception):
    """The page cannot be taken down (not ours, not live, an alias, a site's home page); the message is Thai."""


def owner_unit(page) -> Unit | None:
    """The unit whose head approves `page`: its owner unit, or for a structural page of a unit's section
    that unit; None for the university's own pages (only webmasters take those down)."""
    return HeadOfUnitApprovalTask.owner_unit_of(page)


def _is_webmaster(user) -> bool:
    cached = getattr(user, "_takedown_is_webmaster", None)
    if cached is None:
        cached = user._takedown_is_webmaster = user.is_superuser or user.groups.filter(name=WEBMASTERS).exists()
    return cached


def _approved_unit_ids(user) -> frozenset[int]:
    cached = getattr(user, "_takedown_unit_ids", None)
    if cached is None:
        cached = user._takedown_unit_ids = frozenset(units_approved_by(user).values_list("pk", flat=True))
    return cached


def may_take_down(user, page) -> bool:
    """Whether `user` may take `page` down: a superuser, a webmaster, or the head (or acting head today)
    of the page's owner unit. Says nothing about the page's state: see `takedown_problem`.

    Answers are cached on the user object for the request (page listings ask once per row).
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if _is_webmaster(user):
        return True
    unit_ids = _approved_unit_ids(user)
    if not unit_ids:
        return False
    unit = owner_unit(page)
    return unit is not None and unit.pk in unit_ids


def takedown_problem(page) -> str | None:
    """The Thai reason `page` (a specific page) cannot be taken down now, or None when it can."""
    if not is_gated(page):
        return _("Only the university's own pages can be taken down urgently")
    if Site.objects.filter(root_page_id=page.pk).exists():
        return _("The home page of a website cannot be taken down: the whole website would go offline")
    if page.alias_of_id is not None:
        return _("This page is an alias of another page: take down the original page, and its aliases go down with it")
    if not page.live:
        return _("“%(title)s” is not on the website at the moment, so there is nothing to take down") % {"title": page.title}
    return None


def may_offer_takedown(user, page) -> bool:
    """Whether to show the takedown button for `page` to `user`: they may, and the page can be taken down."""
    if not getattr(page, "live", False) or getattr(page, "alias_of_id", None) is not None:
        return False  # the cheap tests first: page listings ask once per row
    page = page.specific_deferred
    return may_take_down(user, page) and takedown_problem(page) is None


def _cancel_workflows(page, user) -> int:
    """Cancel the page's workflows in progress or waiting for changes; returns how many."""
    states = WorkflowState.objects.filter(
        base_content_type_id=page.get_base_content_type().pk,
        object_id=str(page.pk),
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
    )
    cancelled = 0
    for state in states:
        state.cancel(user=user)
        cancelled += 1
    return cancelled


def _clear_schedules(page) -> int:
    """Withdraw every scheduled go-live of the page's revisions; returns how many there were."""
    return (
        Revision.objects.filter(base_content_type_id=page.get_base_content_type().pk, object_id=str(page.pk))
        .exclude(approved_go_live_at=None)
        .update(approved_go_live_at=None)
    )


@transaction.atomic
def take_down(page, user, reason: str) -> PublicationRecord:
    """Take `page` off the site now, for `reason` (Thai text, stripped, not empty), as `user`.

    `user` must be allowed (`may_take_down`); this function does not ask again. Returns the register
    entry written. Raises `TakedownRefused` (Thai message) when the page cannot be taken down, for
    example because someone took it down a moment earlier, and ValueError for an empty reason.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A takedown needs a reason")
    # The row lock makes two takedowns of one page at once give one result (PostgreSQL; SQLite serialises writes).
    page = Page.objects.select_for_update().get(pk=page.pk).specific
    problem = takedown_problem(page)
    if problem is not None:
        raise TakedownRefused(problem)
    now = timezone.now()
    live_revision = page.live_revision
    cancelled = _cancel_workflows(page, user)
    UnpublishPageAction(page, user=user, log_action=False).execute(skip_permission_checks=True)
    cleared = _clear_schedules(page)
    unit = owner_unit(page)
    record = PublicationRecord.objects.create(
        page=page,
        revision=live_revision,
        title=page.title[:255],
        url=uri_to_iri(page.full_url or "")[:500],
        unit=unit,
        published_by=user,
        published_at=now,
        action=RegisterAction.TAKEN_DOWN,
        reason=reason,
    )
    log(
        instance=page,
        action=TAKEDOWN_ACTION,
        user=user,
        revision=live_revision,
        data={"reason": reason, "register_entry": record.pk, "workflows_cancelled": cancelled, "schedules_cleared": cleared},
    )
    if _notify(page, record, unit, user):
        record.unit_notified_at = now
        record.save(update_fields=["unit_notified_at"])
    logger.warning("Page %s (%r) taken down by %s: %s", page.pk, page.title, user.get_username(), reason)
    return record


def _notify(page, record: PublicationRecord, unit: Unit | None, user) -> bool:
    """Queue the takedown e-mail to the unit's contact address and the webmasters; True if the unit was written to."""
    webmasters = get_user_model().objects.filter(is_active=True, groups__name=WEBMASTERS).distinct().order_by("pk")
    unit_address = unit.contact_email.strip() if unit is not None and unit.contact_email else ""
    if unit is not None and not unit_address:
        logger.warning("Page %s was taken down but its unit %s has no contact address to notify", page.pk, unit.pk)
    rows = queue_notification(
        [unit_address or None, *webmasters],
        "upkeep/takedown/emails/taken_down",
        {
            "page_title": record.title,
            "page_url": record.url,
            "unit_name": unit.name_th if unit is not None else "",
            "reason": record.reason,
            "taken_down_by_name": user.get_full_name() or user.get_username(),
            "taken_down_at": record.published_at,
            "admin_url": edit_url(page),
        },
        related=page,
        kind=NOTIFICATION_KIND,
    )
    return bool(unit_address) and any(row.recipient.lower() == unit_address.lower() for row in rows)


# --- Back up only through the workflow: the gate's chain rule -------------------------------------------


def latest_takedown(page_id: int) -> PublicationRecord | None:
    """The page's latest register entry if it is a takedown (the page is still down), else None."""
    latest = PublicationRecord.objects.filter(page_id=page_id).order_by("-published_at", "-pk").first()
    return latest if latest is not None and latest.action == RegisterAction.TAKEN_DOWN else None


#: Fields that name or place a page rather than say something: a copy may change them and still repeat
#: the content (on top of the gate's bookkeeping fields).
_IDENTITY_FIELDS = frozenset({"title", "seo_title", "search_description", "owner_unit", "corrections"})


def content_key(content: dict) -> str:
    """Fingerprint (hex) of what a page says, leaving out its title, address and owner (`content`: serialised page)."""
    return content_fingerprint({name: value for name, value in content.items() if name not in _IDENTITY_FIELDS})


def active_takedowns() -> list[PublicationRecord]:
    """Register entries of pages still down: each page's latest entry, where it is a takedown."""
    latest = PublicationRecord.objects.filter(page_id=OuterRef("page_id")).order_by("-published_at", "-pk").values("pk")[:1]
    return list(
        PublicationRecord.objects.filter(action=RegisterAction.TAKEN_DOWN, page__isnull=False, pk=Subquery(latest)).select_related(
            "revision"
        )
    )


def takedown_of_same_content(obj) -> PublicationRecord | None:
    """The takedown of another page whose content (at the takedown) `obj` repeats, or None."""
    records = [record for record in active_takedowns() if record.page_id != obj.pk and record.revision is not None]
    if not records:
        return None
    key = content_key(obj.serializable_data())
    return next((record for record in records if content_key(record.revision.content) == key), None)


def republish_problems(obj, fingerprint: str, actor, *, scheduled: bool = False) -> list[str]:
    """Chain rule of the gate: Thai reasons why a page taken down may not go live with content `fingerprint`.

    None (an empty list) unless the page's latest register entry is a takedown. Then every required
    task of the page's workflow (`required_tasks`) must have approved this content in a workflow
    started after the takedown: a direct publish, even by the final approver, and approvals given
    before the takedown are refused. `actor` and `scheduled` do not change the answer.
    """
    if not isinstance(obj, Page) or obj.pk is None:
        return []
    record = latest_takedown(obj.pk)
    inherited = record is None
    if inherited:
        # A copy of a page taken down, an alias of it converted to a page, or its text pasted into another
        # page: the same content comes back only the same way.
        record = takedown_of_same_content(obj)
        if record is None:
            return []
    tasks = required_tasks(obj)
    approved = approved_tasks_for(obj, fingerprint)
    missing = [task.name for task in tasks if task.pk not in approved or approved[task.pk].workflow_state.created_at <= record.published_at]
    if tasks and not missing:
        return []
    when = thai_date(record.published_at, "datetime")
    if inherited:
        return [
            _(
                "This page repeats content that was taken down urgently on %(date)s (“%(title)s”): it can go on the "
                "website only after every step of its approval workflow has approved it after that date. Please submit it for approval"
            )
            % {"date": when, "title": record.title}
        ]
    if not tasks:
        return [
            _("This page was taken down urgently on %(date)s and has no approval workflow to bring it back. Please contact the webmasters")
            % {"date": when}
        ]
    return [
        _(
            "This page was taken down urgently on %(date)s: it can go back on the website only after every step of "
            "its approval workflow has approved it again (still to approve: %(steps)s). Please submit it for approval"
        )
        % {"date": when, "steps": ", ".join(missing)}
    ]
