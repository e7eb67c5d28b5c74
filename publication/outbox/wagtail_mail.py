"""The e-mails Wagtail and Django would send inline, routed through the outbox instead.

Two admin paths send mail themselves and lose it when the mail server is down (they log the error
and carry on, so the user is told the mail went):

* the password reset form (`/admin/password_reset/`): Django's `PasswordResetForm.send_mail`.
  `OutboxPasswordResetForm` is Wagtail's form with that one method replaced (the setting
  `WAGTAILADMIN_USER_PASSWORD_RESET_FORM` names it). The reset link is a credential: the outbox row
  keeps the token apart from the body (`queue_notification(..., secret=...)`) and forgets it once sent;
* comment notifications from the page editor: `wagtail.admin.mail.send_notification`, which the page
  edit view imports by name. `route_wagtail_notifications()` (called from the app's `ready()`) points
  that name at `send_notification` below, which queues Thai e-mails to the same recipients.

Wagtail's moderation notifiers are switched off separately (`publication.moderation.notify`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.users.models import UserProfile

from publication.outbox.notifications import queue_notification

logger = logging.getLogger("publication.notifications")


class OutboxPasswordResetForm(PasswordResetForm):
    """Wagtail's password reset form whose e-mail (in Thai) goes through the outbox.

    Django's form sends the link inside the request and, if SMTP fails, logs it and shows "sent"
    anyway: the user waits for a mail that never comes. Here the mail is an outbox row written in the
    request's transaction and retried until the server answers.
    """

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Queue the reset e-mail for `context["user"]`; Django's template names are not used."""
        user = context["user"]
        token = context["token"]
        path = reverse("wagtailadmin_password_reset_confirm", kwargs={"uidb64": context["uid"], "token": token})
        queue_notification(
            [user],
            "outbox/emails/password_reset",
            {
                "reset_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
                "username": user.get_username(),
                "timeout_hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600),
            },
            kind="password_reset",
            secret=token,
        )
        logger.info("Queued a password reset e-mail for user %s", user.pk)


def send_notification(recipient_users: Iterable[Any], notification: str, extra_context: Mapping[str, Any]) -> bool:
    """Queue Wagtail's `notification` e-mail ("updated_comments") for `recipient_users` in the outbox.

    Same signature and recipients as `wagtail.admin.mail.send_notification` (active users with an
    address who have not switched that notification off in their account); the Thai templates are
    `outbox/emails/<notification>_subject.txt` and `_body.txt`. Returns True: a queued e-mail is
    never lost, whatever the mail server does.
    """
    recipients = [
        user
        for user in recipient_users
        if user.is_active and user.email and getattr(UserProfile.get_for_user(user), f"{notification}_notifications", True)
    ]
    page = extra_context.get("page")
    context = dict(extra_context)
    if page is not None:
        context["edit_url"] = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[page.pk])
    queue_notification(recipients, f"outbox/emails/{notification}", context, related=page, kind=notification)
    return True


def route_wagtail_notifications() -> None:
    """Point the page editor's `send_notification` (comment e-mails) at the outbox.

    Raises ImproperlyConfigured if a Wagtail upgrade moved it, so the change is noticed at start-up
    instead of comment e-mails silently going out inline again.
    """
    from wagtail.admin.views.pages import edit

    if not hasattr(edit, "send_notification"):
        raise ImproperlyConfigured("wagtail.admin.views.pages.edit no longer sends mail through send_notification")
    edit.send_notification = send_notification
