"""The notification outbox: every e-mail the project sends is a row here before it leaves.

A row is written in the same transaction as the change it reports (a submission, an approval, a
publication), and a django-tasks task sends it after commit. A failed send stays in the outbox with
its error and is retried with back-off, so an SMTP outage delays mail but never loses it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publication.outbox.kinds import kind_label

#: Minutes to wait after the 1st, 2nd, 3rd… failed attempt; the last step repeats.
BACKOFF_MINUTES = (1, 2, 4, 8, 16, 32, 64)

#: The largest file one e-mail may carry, in bytes: mail servers commonly refuse messages over 10–25 MB.
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

#: What an e-mail's credential (a password reset token) reads as wherever the outbox shows the e-mail:
#: the stored subject and bodies hold this mask, the credential itself only `Notification.secret`.
SECRET_MASK = "••••••••"  # noqa: S105  (a mask, not a password)


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed to send")


class NotificationQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime | None = None, *, include_failed: bool = False):
        """Rows whose next attempt is due: queued (and optionally failed) with next_attempt_at <= now."""
        statuses = [NotificationStatus.QUEUED]
        if include_failed:
            statuses.append(NotificationStatus.FAILED)
        return self.filter(status__in=statuses, next_attempt_at__lte=now or timezone.now())

    def pending(self):
        """Rows a webmaster should look at: not sent yet, or given up on."""
        return self.filter(status__in=[NotificationStatus.QUEUED, NotificationStatus.FAILED])


class Notification(models.Model):
    """One e-mail to one recipient, kept until it is sent (and afterwards, as a record)."""

    recipient = models.EmailField(_("Recipient (email)"), max_length=254)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Recipient (user account)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    subject = models.CharField(_("Subject"), max_length=255)
    body_text = models.TextField(_("Body text"))
    body_html = models.TextField(_("Body (HTML)"), blank=True)
    kind = models.CharField(
        _("Kind"),
        max_length=50,
        db_index=True,
        help_text=_("Short code of the event, e.g. page_published or task_submitted"),
    )

    # The related object may be a page or a snippet (integer or string primary key), hence CharField.
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("Related item type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_id = models.CharField(_("Related item ID"), max_length=255, blank=True)
    related_label = models.CharField(_("Related item"), max_length=255, blank=True)
    # A password reset link is a credential: the stored bodies carry SECRET_MASK in its place, the
    # token lives here (never listed, shown or exported) until the e-mail is sent, and then the
    # bodies and the token are erased; `confidential` remembers why the body is gone.
    confidential = models.BooleanField(_("Holds a credential"), default=False, editable=False)
    secret = models.CharField(max_length=255, blank=True, editable=False)

    status = models.CharField(
        _("Status"),
        max_length=10,
        choices=NotificationStatus.choices,
        default=NotificationStatus.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("Send attempts"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("Maximum send attempts"), default=6)
    last_error = models.TextField(_("Last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("Next attempt at"), default=timezone.now, db_index=True)
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("Sent at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("Last updated"), auto_now=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Email notification")
        verbose_name_plural = _("Outbox")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="publication_notif_related")]

    def __str__(self) -> str:
        return self.subject

    @property
    def related_object(self):
        """The page or snippet this e-mail is about, or None if it has gone."""
        if self.content_type_id is None or not self.object_id:
            return None
        model = self.content_type.model_class()
        if model is None:
            return None
        return model._default_manager.filter(pk=self.object_id).first()

    @property
    def kind_label(self) -> str:
        """What kind of e-mail this is, in words (`publication.outbox.kinds`); the code if unknown."""
        return kind_label(self.kind)

    @property
    def can_resend(self) -> bool:
        return self.status in (NotificationStatus.QUEUED, NotificationStatus.FAILED)

    def backoff_delay(self) -> datetime.timedelta:
        """Delay before the next attempt after `self.attempts` failures (1, 2, 4, 8, 16… minutes)."""
        step = min(max(self.attempts, 1), len(BACKOFF_MINUTES)) - 1
        return datetime.timedelta(minutes=BACKOFF_MINUTES[step])


class NotificationAttachment(models.Model):
    """A file sent with one outbox e-mail (an ARIT-011 PDF, a letter), kept with its row.

    The bytes live in the database, not in MEDIA_ROOT: they are written in the same transaction as the
    e-mail (a rolled-back change leaves no file behind), a retry or resend weeks later sends exactly
    what was queued, and no web server can serve them; they are read only through the outbox's
    permission-checked download view. `queue_notification(..., attachments=[...])` writes them.
    """

    notification = models.ForeignKey(
        Notification, verbose_name=_("Email notification"), on_delete=models.CASCADE, related_name="attachments"
    )
    filename = models.CharField(_("File name"), max_length=255)
    mimetype = models.CharField(_("File type"), max_length=100)
    size = models.PositiveIntegerField(_("Size (bytes)"))
    content = models.BinaryField(_("Content"))
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("Email attachment")
        verbose_name_plural = _("Email attachments")
        ordering = ["notification", "pk"]

    def __str__(self) -> str:
        return self.filename
