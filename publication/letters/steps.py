"""The steps of P1.4 (external agencies' letters) as plain functions, used by the admin views (`views`).

Each step runs in one transaction with the request's row locked, checks that the request is at
the step the actor expects (so two people acting at once give one result), records an
`ExternalRequestStep` and queues the Thai e-mail to whoever acts next. Who may act is decided in
`rules` (`can_*`, re-exported here), so the admin views and the templates ask the same question.
"""

from __future__ import annotations

import functools
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from publication.letters.models import (
    AgencyNotification,
    ExternalNoticeIndexPage,
    ExternalNoticePage,
    ExternalRequest,
    ExternalRequestAttachment,
    ExternalRequestStep,
)
from publication.letters.models import ExternalRequestStatus as Status
from publication.organisation.provisioning import ARIT_DIRECTOR, EXECUTIVES, PRESIDENTS_OFFICE, WEBMASTERS
from publication.outbox.notifications import queue_notification

from .rules import (  # noqa: F401  (the step views and templates ask `steps.can_*`)
    can_assign,
    can_close,
    can_create_notice,
    can_decide,
    can_record_notification,
    can_submit,
    can_view,
    in_group,
)

NOTICE_INDEX_TITLE = "ข่าวจากหน่วยงานภายนอก"


def _members(group: str):
    return get_user_model().objects.filter(is_active=True, groups__name=group).distinct()


def _display(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "-"


def in_site_language(step):
    """Run `step` in the site's language (Thai): the step log and the e-mails it writes are records, in
    Thai whatever language the acting user reads the admin in (as when the message ids were Thai)."""

    @functools.wraps(step)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return step(*args, **kwargs)

    return wrapper


# --- How ------------------------------------------------------------------------------------------


def _locked(req: ExternalRequest, expected: Status | tuple[Status, ...]) -> ExternalRequest:
    locked = ExternalRequest.objects.select_for_update().get(pk=req.pk)
    expected = expected if isinstance(expected, tuple) else (expected,)
    if locked.status not in expected:
        raise ValidationError(
            _("This letter is already at the step “%(step)s”: someone else acted first. Please reload the page")
            % {"step": locked.get_status_display()}
        )
    return locked


def _move(req: ExternalRequest, status: Status, user, action: str, note: str = "", **fields) -> ExternalRequestStep:
    now = timezone.now()
    req.status = status
    req.step_started_at = now
    for name, value in fields.items():
        setattr(req, name, value)
    req._history_user = user
    req.save(update_fields=["status", "step_started_at", *fields])
    return ExternalRequestStep.objects.create(request=req, status=status, action=action, actor=user, at=now, note=note)


def process_url(req: ExternalRequest) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("publication_external_process", args=[req.pk])


def _tell(recipients, req: ExternalRequest, headline: str, *, kind: str, note: str = "", actor=None) -> None:
    queue_notification(
        recipients,
        "letters/emails/external_request",
        {
            "headline": headline,
            "request": req,
            "step": req.get_status_display(),
            "actor_name": _display(actor) if actor else "",
            "note": note,
            "process_url": process_url(req),
        },
        related=req,
        kind=kind,
    )


def attach_letter_file(req: ExternalRequest, name: str, kind: str, data: bytes, user=None) -> ExternalRequestAttachment:
    """Store an already-checked letter file as a document in the private collection and attach it.

    This is the one way into the letters collection (Wagtail's upload views cannot reach it, and the
    document model checks the content again and never lets the file change: `publication.letters`).
    The file gets an unguessable name: it is only ever reached through Wagtail's serve view
    (WAGTAILDOCS_SERVE_METHOD = "serve_view"), which refuses it to everyone outside the four groups.
    A later file is a new attachment, recorded with its uploader in the attachment's history.
    """
    from wagtail.documents import get_document_model

    from .provisioning import letters_collection

    document = get_document_model()(
        title=f"{req.letter_number} — {name}"[:255], collection=letters_collection(), uploaded_by_user=user
    )
    document.file.save(f"letter-{secrets.token_hex(16)}.{kind}", ContentFile(data), save=False)
    document._set_document_file_metadata()
    document.save()
    attachment = ExternalRequestAttachment(request=req, document=document, original_name=name[:255], uploaded_by=user)
    attachment._history_user = user  # also outside a request (demo data, shell)
    attachment.save()
    return attachment


@in_site_language
def record_registration(req: ExternalRequest, user) -> None:
    """The first row of the log, written when the President's Office creates the record."""
    if not req.steps.exists():
        ExternalRequestStep.objects.create(
            request=req, status=Status.REGISTERED, action=_("Letter received and registered"), actor=user
        )


@in_site_language
@transaction.atomic
def submit(req: ExternalRequest, user) -> ExternalRequest:
    if not in_group(user, PRESIDENTS_OFFICE):
        raise PermissionDenied
    req = _locked(req, Status.REGISTERED)
    if not req.attachments.exists():
        raise ValidationError(_("No official letter file is attached yet. Please attach the file before submitting to the executives"))
    _move(req, Status.AWAITING_DECISION, user, _("Submit to the executives for decision"))
    _tell(_members(EXECUTIVES), req, _("A letter from an external agency is awaiting your decision"), kind="external_submitted", actor=user)
    return req


@in_site_language
@transaction.atomic
def decide(req: ExternalRequest, user, *, approve: bool, reason: str, attested: bool) -> ExternalRequest:
    if not in_group(user, EXECUTIVES):
        raise PermissionDenied
    req = _locked(req, Status.AWAITING_DECISION)
    now = timezone.now()
    if approve:
        if not attested:
            raise ValidationError(_("Approval requires certifying compliance with the law"))
        _move(
            req,
            Status.AWAITING_ASSIGNMENT,
            user,
            _(
                "Approved by the executives (attested under the Official Information Act 2540 and the Computer Crime "
                "Act 2560), ARIT assigned"
            ),
            reason,
            decided_by=user,
            decided_at=now,
            compliance_attested=True,
            decision_reason=reason,
        )
        _tell(
            _members(ARIT_DIRECTOR),
            req,
            _("The executives approved publication. Please assign a webmaster"),
            kind="external_approved",
            actor=user,
            note=reason,
        )
        _tell(
            [req.received_by],
            req,
            _("The executives approved the letter you registered"),
            kind="external_approved_clerk",
            actor=user,
            note=reason,
        )
    else:
        if not reason.strip():
            raise ValidationError(_("Please give the reason for declining"))
        _move(
            req,
            Status.DECLINED,
            user,
            _("Declined by the executives"),
            reason,
            decided_by=user,
            decided_at=now,
            compliance_attested=False,
            decision_reason=reason,
        )
        _tell(
            [req.received_by, *_members(PRESIDENTS_OFFICE)],
            req,
            _("The executives declined. Please tell the requesting agency and record the notification"),
            kind="external_declined",
            actor=user,
            note=reason,
        )
    return req


@in_site_language
@transaction.atomic
def assign(req: ExternalRequest, user, webmaster, note: str = "") -> ExternalRequest:
    if not in_group(user, ARIT_DIRECTOR):
        raise PermissionDenied
    if not webmaster.is_active or not webmaster.groups.filter(name=WEBMASTERS).exists():
        raise ValidationError(_("The person chosen is not in the webmasters group"))
    req = _locked(req, Status.AWAITING_ASSIGNMENT)
    _move(
        req,
        Status.ASSIGNED,
        user,
        _("The ARIT Director acknowledged and assigned %(name)s") % {"name": _display(webmaster)},
        note,
        assigned_webmaster=webmaster,
        assigned_by=user,
        assigned_at=timezone.now(),
    )
    _tell(
        [webmaster],
        req,
        _("You have been assigned to publish news from an external agency"),
        kind="external_assigned",
        actor=user,
        note=note,
    )
    return req


def notice_index() -> ExternalNoticeIndexPage | None:
    return ExternalNoticeIndexPage.objects.order_by("path").first()


def notice_owner_unit():
    """ARIT publishes external notices; the President's Office if the site has no ARIT."""
    from publication.organisation.models import Unit

    return Unit.objects.filter(code="ARIT").first() or Unit.objects.filter(code="PRES").first()


@in_site_language
@transaction.atomic
def create_notice(req: ExternalRequest, user) -> ExternalNoticePage:
    """A draft notice page filled from the letter; the webmaster reviews it in the page editor and publishes."""
    if not can_create_notice(user, req):
        raise PermissionDenied
    req = _locked(req, Status.ASSIGNED)
    existing = req.notice_page
    if existing is not None:
        return existing
    index = notice_index()
    if index is None:
        raise ValidationError(
            _("The page “%(title)s” does not exist yet. Please ask an administrator to create it first") % {"title": NOTICE_INDEX_TITLE}
        )
    from wagtail.rich_text import RichText

    paragraphs = "".join(f"<p>{line.strip()}</p>" for line in req.requested_content.splitlines() if line.strip())
    page = ExternalNoticePage(
        title=req.subject,
        slug=f"letter-{req.pk}",
        external_request=req,
        agency_name=req.agency_name,
        owner_unit=notice_owner_unit(),
        owner=user,
        live=False,
        display_until=req.publish_until,
        body=[("paragraph", RichText(paragraphs))] if paragraphs else [],
    )
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    ExternalRequestStep.objects.create(
        request=req, status=req.status, action=_("Draft external agency news page created"), actor=user, note=page.title
    )
    return page


@in_site_language
def on_notice_published(page: ExternalNoticePage, user=None) -> None:
    """The notice went live: the request moves to "published" and the webmaster is reminded to tell the agency."""
    if page.external_request_id is None:
        return
    with transaction.atomic():
        req = ExternalRequest.objects.select_for_update().get(pk=page.external_request_id)
        if req.status != Status.ASSIGNED:
            return
        user = user or (page.latest_revision.user if page.latest_revision else None)
        _move(req, Status.PUBLISHED, user, _("Web page published"), page.full_url or "")
        _tell(
            [req.assigned_webmaster, req.received_by, *_members(ARIT_DIRECTOR)],
            req,
            _("Published. The webmaster must tell the requesting agency and record the notification"),
            kind="external_published",
            actor=user,
            note=page.full_url or "",
        )


@in_site_language
@transaction.atomic
def record_notification(req: ExternalRequest, user, *, channel: str, notified_on, note: str = "") -> AgencyNotification:
    if not can_record_notification(user, req):
        raise PermissionDenied
    req = _locked(req, (Status.PUBLISHED, Status.DECLINED))
    notification = AgencyNotification(
        request=req, channel=channel, notified_on=notified_on, note=note, recorded_by=user
    )
    notification._history_user = user
    notification.save()
    ExternalRequestStep.objects.create(
        request=req,
        status=req.status,
        action=_("Notification of the requesting agency recorded: %(channel)s") % {"channel": notification.get_channel_display()},
        actor=user,
        note=note,
    )
    return notification


@in_site_language
@transaction.atomic
def close(req: ExternalRequest, user) -> ExternalRequest:
    """Close a published or declined request; refused until the agency's notification is recorded (P1.4(6))."""
    if not can_close(user, req):
        raise PermissionDenied
    req = _locked(req, (Status.PUBLISHED, Status.DECLINED))
    if not req.agency_notifications.exists():
        raise ValidationError(
            _(
                "The case cannot be closed yet: the notification of the requesting agency (channel, date) must be "
                "recorded first, as procedure 1.4 item 6 requires"
            )
        )
    _move(req, Status.CLOSED, user, _("Close case"), closed_at=timezone.now())
    _tell([req.received_by], req, _("The external agency letter case has been closed"), kind="external_closed", actor=user)
    return req


# --- Overdue reminders ------------------------------------------------------------------------------


def actors_for(req: ExternalRequest):
    """Who must act next on a letter: the people an overdue reminder goes to."""
    if req.status == Status.AWAITING_DECISION:
        return list(_members(EXECUTIVES))
    if req.status == Status.AWAITING_ASSIGNMENT:
        return list(_members(ARIT_DIRECTOR))
    if req.status == Status.ASSIGNED:
        return [req.assigned_webmaster] if req.assigned_webmaster else list(_members(WEBMASTERS))
    if req.status in (Status.PUBLISHED, Status.DECLINED):
        return list(_members(WEBMASTERS))
    return []


@in_site_language
def send_letter_reminders(now=None) -> int:
    """Re-notify the next actors of every overdue letter, at most once a day each. Returns the count."""
    import datetime

    from publication.outbox.models import Notification

    now = now or timezone.now()
    sent = 0
    for req in ExternalRequest.objects.exclude(status=Status.CLOSED).select_related("assigned_webmaster"):
        if not req.is_overdue(now):
            continue
        if Notification.objects.filter(
            kind="external_overdue", object_id=str(req.pk), created_at__gte=now - datetime.timedelta(hours=20)
        ).exists():
            continue
        headline = _("Official letter waiting for action for more than %(days)d working days") % {
            "days": settings.MODERATION_OVERDUE_WORKING_DAYS
        }
        _tell(actors_for(req), req, headline, kind="external_overdue")
        sent += 1
    return sent
