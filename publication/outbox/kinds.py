"""What each kind of outbox e-mail is, in words: `Notification.kind` codes and their labels.

The code (`page_published_editor`) is what the sending app passes to `queue_notification`; people
reading the outbox, its filter and its exports see the label. The outbox sits below the apps that
send, so it names their kinds as plain strings (no import); an app adding a kind may register its
label with `register_kind_label` from its `AppConfig.ready()`. An unknown kind shows as its code.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

KIND_LABELS: dict[str, str | Promise] = {
    # P1.1, P1.3: moderation of pages and unit requests
    "task_submitted": _("Approval requested"),
    "task_approved": _("Approved at a step"),
    "changes_requested": _("Changes requested"),
    "page_published": _("Published: the unit informed"),
    "page_published_editor": _("Published: the content owner informed"),
    "publish_blocked": _("Scheduled publishing refused by the policy checks"),
    "overdue_reminder": _("Reminder of an overdue approval"),
    "updated_comments": _("Comments on a page updated"),
    # Accounts
    "password_reset": _("Password reset link"),
    # P1.2: publishing rights
    "rights_granted": _("Publishing rights granted"),
    "rights_revoked": _("Publishing rights revoked"),
    # P1.4: external agencies' letters
    "external_submitted": _("Agency letter awaiting the executives' decision"),
    "external_approved": _("Agency letter approved: a webmaster to assign"),
    "external_approved_clerk": _("Agency letter approved: the registering officer informed"),
    "external_declined": _("Agency letter declined"),
    "external_assigned": _("Agency letter assigned to a webmaster"),
    "external_published": _("Agency notice published: the agency to be told"),
    "external_closed": _("Agency letter case closed"),
    "external_overdue": _("Agency letter overdue at its step"),
}


def register_kind_label(kind: str, label: str | Promise) -> None:
    """Name a new kind of e-mail (call from `AppConfig.ready()`; a later call replaces the label)."""
    KIND_LABELS[kind] = label


def kind_label(kind: str) -> str:
    """The label of `kind` in the active language, or the code itself when no label is known."""
    label = KIND_LABELS.get(kind)
    return str(label) if label is not None else kind
