"""Queue and send e-mail through the notification outbox (`publication.outbox.models.Notification`).

Every e-mail of the project goes through `queue_notification`: it renders the Thai templates
`<prefix>_subject.txt`, `<prefix>_body.txt` (and optionally `<prefix>_body.html`), the prefix naming
the sending app's folder (`rights/emails/rights_granted`), writes one outbox row per recipient in the caller's transaction, and enqueues
the django-tasks task `send_notification` once that transaction commits. A rolled-back transaction
therefore sends nothing, and a failing SMTP server never breaks the request that queued the mail:
the row stays queued with its error and is retried with exponential back-off by
`send_queued_notifications` (cron) or the `retry_notifications` task. Files passed as `attachments`
are stored with each row (`NotificationAttachment`) and attached to the message when it is sent.
A `secret` (a password reset token) is never stored in the subject or bodies: they hold `SECRET_MASK`
in its place, which `build_message` swaps back, and a sent row forgets the token and its bodies.
"""

from __future__ import annotations

import datetime
import logging
import mimetypes
import posixpath
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import connection, models, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from publication.outbox.models import (
    MAX_ATTACHMENT_BYTES,
    SECRET_MASK,
    Notification,
    NotificationAttachment,
    NotificationStatus,
)

logger = logging.getLogger("publication.notifications")

#: A row left in "sending" longer than this belonged to a worker that died mid-send.
STALE_SENDING_AFTER = datetime.timedelta(minutes=15)

Recipient = str | AbstractBaseUser

#: A file to send: (file name, content, MIME type or None to guess it from the name), as Django's
#: `EmailMessage.attach` takes it. Text content is encoded as UTF-8.
Attachment = tuple[str, bytes | str, str | None]


# --- Queueing -------------------------------------------------------------------------------------


def _normalise_recipients(recipients: Recipient | Iterable[Recipient | None]) -> list[tuple[str, Any]]:
    """[(address, user-or-None)], deduplicated case-insensitively, empty addresses dropped."""
    if isinstance(recipients, str | AbstractBaseUser):
        recipients = [recipients]
    found: dict[str, tuple[str, Any]] = {}
    for item in recipients:
        if item is None:
            continue
        if isinstance(item, AbstractBaseUser):
            if not item.is_active:
                continue
            address, user = (getattr(item, item.get_email_field_name(), "") or "").strip(), item
        else:
            address, user = str(item).strip(), None
        if not address:
            continue
        key = address.lower()
        if key not in found or (user is not None and found[key][1] is None):
            found[key] = (address, user)
    return list(found.values())


def _prepare_attachments(attachments: Iterable[Attachment] | None) -> list[tuple[str, bytes, str]]:
    """[(file name, bytes, MIME type)] checked before anything is written.

    Raises ValueError for an empty file name or a file larger than `MAX_ATTACHMENT_BYTES`: a mail
    server would refuse the message and the row would fail every retry.
    """
    prepared = []
    for filename, content, mimetype in attachments or ():
        name = posixpath.basename(str(filename).replace("\\", "/")).strip()
        if not name:
            raise ValueError("An e-mail attachment needs a file name")
        data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise ValueError(f"Attachment {name!r} is {len(data)} bytes; the limit is {MAX_ATTACHMENT_BYTES}")
        prepared.append((name[:255], data, mimetype or mimetypes.guess_type(name)[0] or "application/octet-stream"))
    return prepared


def render_email(template_prefix: str, context: Mapping[str, Any]) -> tuple[str, str, str]:
    """Render (subject, text body, html body or "") in Thai, whatever the request's language."""
    base = template_prefix
    with translation.override("th"):
        subject = render_to_string(f"{base}_subject.txt", context)
        body_text = render_to_string(f"{base}_body.txt", context)
        try:
            body_html = render_to_string(f"{base}_body.html", context)
        except TemplateDoesNotExist:
            body_html = ""
    # Headers are one line: a template's trailing newline must not end up in the subject.
    subject = " ".join(subject.split())
    return subject[:255], body_text.strip() + "\n", body_html.strip()


def queue_notification(
    recipients: Recipient | Iterable[Recipient | None],
    template_prefix: str,
    context: Mapping[str, Any] | None = None,
    related: models.Model | None = None,
    *,
    kind: str | None = None,
    attachments: Iterable[Attachment] | None = None,
    secret: str = "",
) -> list[Notification]:
    """Write one outbox row per recipient and send them after the current transaction commits.

    `recipients` are e-mail addresses and/or users (inactive users and empty addresses are
    skipped; duplicates are removed case-insensitively). The templates see `context` plus
    `recipient` (the address), `recipient_user`, `related`, `site_name` and `admin_base_url`.
    `kind` defaults to the prefix's last part (`rights_granted`). `attachments` are
    `(file name, content, MIME type or None)` tuples, stored with every recipient's row
    (`NotificationAttachment`) and sent with it; a file over `MAX_ATTACHMENT_BYTES` raises ValueError
    before anything is written. `secret` is a credential the rendered e-mail contains (a password
    reset token): the stored subject and bodies carry `SECRET_MASK` instead, so no outbox screen or
    export shows it, and the row forgets it once sent; ValueError if the e-mail does not contain it.
    Returns the created rows (possibly empty).
    """
    files = _prepare_attachments(attachments)
    base_context = {
        "related": related,
        "site_name": getattr(settings, "WAGTAIL_SITE_NAME", ""),
        "admin_base_url": getattr(settings, "WAGTAILADMIN_BASE_URL", ""),
        **(context or {}),
    }
    related_fields: dict[str, Any] = {}
    if related is not None:
        related_fields = {
            "content_type": ContentType.objects.get_for_model(related),
            "object_id": str(related.pk),
            "related_label": str(related)[:255],
        }

    created = []
    for address, user in _normalise_recipients(recipients):
        subject, body_text, body_html = render_email(template_prefix, {**base_context, "recipient": address, "recipient_user": user})
        if secret:
            if secret not in body_text and secret not in body_html:
                raise ValueError(f"The e-mail {template_prefix!r} does not contain the secret it was given")
            subject, body_text, body_html = (part.replace(secret, SECRET_MASK) for part in (subject, body_text, body_html))
        created.append(
            Notification.objects.create(
                recipient=address,
                recipient_user=user,
                subject=subject,
                body_text=body_text,
                body_html=body_html,
                kind=kind or template_prefix.rsplit("/", 1)[-1],
                confidential=bool(secret),
                secret=secret,
                **related_fields,
            )
        )
    if files:
        NotificationAttachment.objects.bulk_create(
            NotificationAttachment(notification=notification, filename=name, mimetype=mimetype, size=len(data), content=data)
            for notification in created
            for name, data, mimetype in files
        )
    for notification in created:
        transaction.on_commit(partial(enqueue_send, notification.pk))
    return created


def enqueue_send(notification_id: int) -> None:
    """Hand a row to the task backend; never raise, since the row itself is the durable queue."""
    try:
        send_notification.enqueue(notification_id)
    except Exception:
        logger.exception(
            "Could not enqueue sending of notification %s; it stays queued for send_queued_notifications",
            notification_id,
        )


# --- Sending --------------------------------------------------------------------------------------


def _claim(notification_id: int, *, allow_failed: bool) -> Notification | None:
    """Mark a due row as "sending" and return it, or None if another worker has it or it is not due."""
    sendable = [NotificationStatus.QUEUED, NotificationStatus.FAILED] if allow_failed else [NotificationStatus.QUEUED]
    with transaction.atomic():
        rows = Notification.objects.filter(pk=notification_id)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        notification = rows.first()
        if notification is None or notification.status not in sendable:
            return None
        # The conditional update is what makes the claim exclusive on databases without row locks.
        claimed = Notification.objects.filter(pk=notification.pk, status=notification.status).update(
            status=NotificationStatus.SENDING, updated_at=timezone.now()
        )
        if not claimed:
            return None
    notification.status = NotificationStatus.SENDING
    return notification


def _reveal(text: str, notification: Notification) -> str:
    return text.replace(SECRET_MASK, notification.secret) if notification.secret else text


def build_message(notification: Notification) -> EmailMultiAlternatives:
    """The e-mail of one outbox row, ready to send: its secret (if any) back in place of the mask."""
    message = EmailMultiAlternatives(
        subject=_reveal(notification.subject, notification),
        body=_reveal(notification.body_text, notification),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient],
        headers={"Auto-Submitted": "auto-generated"},
    )
    if notification.body_html:
        message.attach_alternative(_reveal(notification.body_html, notification), "text/html")
    for attachment in notification.attachments.all():
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    return message


def deliver(notification_id: int, *, allow_failed: bool = False) -> str:
    """Send one outbox row now and record the outcome; returns the row's new status.

    Never raises for a mail failure: the error is stored on the row, which goes back to "queued"
    with `next_attempt_at` pushed back (1, 2, 4, 8, 16… minutes), or to "failed" once
    `max_attempts` attempts have been made.
    """
    notification = _claim(notification_id, allow_failed=allow_failed)
    if notification is None:
        return "skipped"
    try:
        build_message(notification).send(fail_silently=False)
    except Exception as error:
        _record_failure(notification, error)
    else:
        notification.attempts += 1
        notification.status = NotificationStatus.SENT
        notification.sent_at = timezone.now()
        notification.last_error = ""
        sent_fields = ["attempts", "status", "sent_at", "last_error", "updated_at"]
        if notification.confidential:
            # Sent: the credential has done its job and must not stay readable in the database.
            notification.body_text = notification.body_html = notification.secret = ""
            sent_fields += ["body_text", "body_html", "secret"]
        notification.save(update_fields=sent_fields)
        logger.info("Sent notification %s (%s) to %s", notification.pk, notification.kind, notification.recipient)
    return notification.status


def _record_failure(notification: Notification, error: Exception) -> None:
    notification.attempts += 1
    notification.last_error = f"{type(error).__name__}: {error}"[:2000]
    if notification.attempts >= notification.max_attempts:
        notification.status = NotificationStatus.FAILED
        logger.error(
            "Giving up on notification %s (%s) to %s after %s attempts: %s",
            notification.pk,
            notification.kind,
            notification.recipient,
            notification.attempts,
            notification.last_error,
        )
    else:
        notification.status = NotificationStatus.QUEUED
        notification.next_attempt_at = timezone.now() + notification.backoff_delay()
        logger.warning(
            "Sending notification %s (%s) to %s failed (attempt %s of %s): %s; next attempt at %s",
            notification.pk,
            notification.kind,
            notification.recipient,
            notification.attempts,
            notification.max_attempts,
            notification.last_error,
            notification.next_attempt_at.isoformat(),
        )
    notification.save(update_fields=["attempts", "status", "last_error", "next_attempt_at", "updated_at"])
    if notification.status == NotificationStatus.QUEUED:
        _schedule_retry(notification)


def _schedule_retry(notification: Notification) -> None:
    """Ask a deferring backend (the database worker) to retry at next_attempt_at.

    Backends that cannot defer (the immediate backend) rely on `send_queued_notifications`.
    """
    try:
        if send_notification.get_backend().supports_defer:
            send_notification.using(run_after=notification.next_attempt_at).enqueue(notification.pk)
    except Exception:
        logger.exception("Could not schedule a retry of notification %s", notification.pk)


def send_due(*, include_failed: bool = False, limit: int | None = None) -> dict[str, int]:
    """Send every row whose next attempt is due; returns a count per resulting status."""
    now = timezone.now()
    # Rows stuck in "sending" belonged to a worker that died; put them back in the queue.
    Notification.objects.filter(status=NotificationStatus.SENDING, updated_at__lt=now - STALE_SENDING_AFTER).update(
        status=NotificationStatus.QUEUED, updated_at=now
    )
    ids = Notification.objects.due(now, include_failed=include_failed).order_by("next_attempt_at", "pk")
    ids = list(ids.values_list("pk", flat=True)[:limit] if limit else ids.values_list("pk", flat=True))
    counts: dict[str, int] = {}
    for notification_id in ids:
        status = deliver(notification_id, allow_failed=include_failed)
        counts[status] = counts.get(status, 0) + 1
    return counts


def resend(notification: Notification) -> None:
    """Put a queued or failed row back in the queue for one more attempt, sent after commit."""
    Notification.objects.filter(pk=notification.pk, status__in=[NotificationStatus.QUEUED, NotificationStatus.FAILED]).update(
        status=NotificationStatus.QUEUED, next_attempt_at=timezone.now(), updated_at=timezone.now()
    )
    transaction.on_commit(partial(enqueue_send, notification.pk))


@task()
def send_notification(notification_id: int) -> str:
    """Background task: send one outbox row (see `deliver`)."""
    return deliver(notification_id)


@task()
def retry_notifications(include_failed: bool = False) -> dict[str, int]:
    """Periodic task: send every queued row whose back-off has elapsed (see `send_due`)."""
    return send_due(include_failed=include_failed)
