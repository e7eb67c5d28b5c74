"""Overdue moderation: items waiting on a task longer than N working days (Mon–Fri)."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from wagtail.models import TaskState

from publication.outbox.notifications import queue_notification

#: Further overdue reminders, each `sender(now) -> number queued`, added by apps above this one in
#: `AppConfig.ready()` through `register_reminder_sender`.
REMINDER_SENDERS: list = []


def register_reminder_sender(sender) -> None:
    """Run `sender(now) -> int` with every `send_overdue_reminders` (idempotent)."""
    if sender not in REMINDER_SENDERS:
        REMINDER_SENDERS.append(sender)


logger = logging.getLogger("publication.reminders")


def add_working_days(start: datetime.datetime, days: int) -> datetime.datetime:
    moment = timezone.localtime(start)
    added = 0
    while added < days:
        moment += datetime.timedelta(days=1)
        if moment.weekday() < 5:
            added += 1
    return moment


def is_overdue(task_state: TaskState, now: datetime.datetime | None = None, days: int | None = None) -> bool:
    days = settings.MODERATION_OVERDUE_WORKING_DAYS if days is None else days
    return add_working_days(task_state.started_at, days) <= (now or timezone.now())


def overdue_task_states(now: datetime.datetime | None = None) -> list[TaskState]:
    states = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).select_related("task", "workflow_state")
    return [state for state in states.order_by("started_at") if is_overdue(state, now)]


def send_overdue_reminders(now: datetime.datetime | None = None) -> int:
    """Re-notify the approvers of every overdue item, at most once a day each. Returns the count."""
    now = now or timezone.now()
    sent = 0
    for state in overdue_task_states(now):
        task = state.task.specific
        obj = state.workflow_state.content_object
        obj = getattr(obj, "specific", obj)
        if not hasattr(task, "get_approvers"):
            continue
        from publication.outbox.models import Notification

        already = Notification.objects.filter(
            kind="overdue_reminder", object_id=str(obj.pk), created_at__gte=now - datetime.timedelta(hours=20)
        ).exists()
        if already:
            continue
        unit = getattr(obj, "owner_unit", None)
        submitter_id = state.workflow_state.requested_by_id
        approvers = [u for u in task.get_approvers(obj) if u.pk != submitter_id]
        from publication.moderation.notify import edit_url

        queue_notification(
            approvers,
            "moderation/emails/overdue_reminder",
            {
                "task_name": task.name,
                "page_title": getattr(obj, "title", str(obj)),
                "unit_name": unit.name_th if unit else "",
                "started_at": state.started_at,
                "overdue_days": settings.MODERATION_OVERDUE_WORKING_DAYS,
                "review_url": edit_url(obj),
            },
            related=obj,
            kind="overdue_reminder",
        )
        sent += 1
    for sender in REMINDER_SENDERS:  # e.g. P1.4: letters overdue at their step
        sent += sender(now)
    logger.info("Overdue reminders queued for %d item(s)", sent)
    return sent
