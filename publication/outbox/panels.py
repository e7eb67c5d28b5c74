"""The webmaster's dashboard panel of the outbox: e-mails that failed to send, to resend or fix.

Shown to those who may resend (`outbox.change_notification`: the webmasters) and only while some
e-mail has failed; two queries whatever the size of the outbox.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks

from publication.organisation.panels import ITEMS_PER_LIST, MyWorkPanel, WorkItem, WorkList

from .models import Notification, NotificationStatus

RESEND_PERMISSION = "outbox.change_notification"


def _failed_item(notification: Notification) -> WorkItem:
    error = (notification.last_error or "").strip().splitlines()
    return WorkItem(
        title=notification.subject,
        url=reverse("notification:inspect", args=[notification.pk]),
        kind=notification.recipient,
        unit=notification.related_label,
        step=ngettext("Failed after %(count)d attempt", "Failed after %(count)d attempts", notification.attempts)
        % {"count": notification.attempts},
        since=notification.updated_at,
        note=Truncator(error[-1]).chars(160) if error else "",
    )


class FailedEmailsPanel(MyWorkPanel):
    """The webmaster's e-mails in the outbox that failed to send (P1.1(4)), newest first."""

    name = "my_work_outbox"
    heading = _("My work: e-mails that failed to send")
    icon = "mail"
    order = 108
    hide_when_empty = True

    def is_shown(self, user) -> bool:
        return user.is_active and user.has_perm(RESEND_PERMISSION)

    def get_lists(self, user) -> list[WorkList]:
        failed = Notification.objects.filter(status=NotificationStatus.FAILED)
        rows = failed.order_by("-updated_at", "-pk")[:ITEMS_PER_LIST]
        return [
            WorkList(
                "failed",
                _("Failed e-mails in the outbox"),
                [_failed_item(notification) for notification in rows],
                failed.count(),
                more_url=reverse("notification:index") + "?status=" + NotificationStatus.FAILED,
                critical=True,
            )
        ]


@hooks.register("construct_homepage_panels")
def add_outbox_panel(request, panels):
    """The failed e-mails panel, rendered only for those who may resend and only while some failed."""
    panels.append(FailedEmailsPanel(request))
