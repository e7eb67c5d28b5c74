"""Every decision confirmed in Thai with what happens next, and the approver's comment shown to the
editor on the edit screen (issue 12 item 4).

Wagtail's workflow action view performs the action and redirects (or answers its modal with JSON)
without a word. `DecisionMessageMiddleware` looks at the task state the action was taken on once
the view has answered and adds one Thai message for the next screen: approved and passed on to
whom, approved and published, approved for a scheduled time, or sent back to the writer. The
`before_edit_page` / `before_edit_snippet` hooks show the editor the comment of the last
"request changes" while the item is back with them.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import TaskState, WorkflowState

logger = logging.getLogger("publication.publishing")

APPROVING_ACTIONS = ("approve", "approve_with_comment", "approve_acknowledged")
REJECTING_ACTIONS = ("reject", "request_changes")


def _title(obj) -> str:
    return str(getattr(obj, "title", None) or obj)


def decision_message(task_state: TaskState, action_name: str) -> tuple[str, str] | None:
    """`(level, Thai text)` for a decision just taken on `task_state`, or None if nothing happened.

    `level` is "success" or "warning". Reads the object's workflow state as it is now.
    """
    task_state.refresh_from_db()
    if task_state.status == TaskState.STATUS_IN_PROGRESS:
        return None  # the action did not go through (a refused publish answers for itself)
    workflow_state = task_state.workflow_state
    workflow_state.refresh_from_db()
    obj = workflow_state.content_object.specific if hasattr(workflow_state.content_object, "specific") else workflow_state.content_object
    title = _title(obj)
    if task_state.status == TaskState.STATUS_REJECTED or action_name in REJECTING_ACTIONS:
        return "success", _(
            "“%(title)s” has been sent back to its writer to be corrected, with your comment. "
            "The writer is told by e-mail; it comes back to you when it is submitted again."
        ) % {"title": title}
    if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS and workflow_state.current_task_state:
        next_task = workflow_state.current_task_state.task.specific
        return "success", _("You approved “%(title)s”. Next step: %(task)s. They are told by e-mail.") % {
            "title": title,
            "task": next_task.name,
        }
    if getattr(obj, "live", False):
        return "success", _("You approved “%(title)s” and it is now published. The unit is told by e-mail.") % {"title": title}
    go_live = getattr(obj, "go_live_at", None) or getattr(getattr(obj, "latest_revision", None), "approved_go_live_at", None)
    if go_live:
        return "success", _("You approved “%(title)s”. It will be published on %(when)s.") % {
            "title": title,
            "when": _thai_datetime(go_live),
        }
    return "success", _("You approved “%(title)s”; its approval is complete.") % {"title": title}


def _thai_datetime(value) -> str:
    from publication.organisation.templatetags.thai_dates import thai_date

    return thai_date(value, "datetime")


class DecisionMessageMiddleware:
    """After Wagtail's workflow action view answers, add the Thai confirmation of the decision."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            request.method != "POST"
            or match is None
            or match.url_name != "workflow_action"
            or response.status_code not in (200, 302)
            or (response.status_code == 200 and b'"success"' not in response.content)
        ):
            return response
        try:
            task_state = TaskState.objects.get(pk=match.kwargs["task_state_id"])
            message = decision_message(task_state, match.kwargs.get("action_name", ""))
        except Exception:  # a confirmation must never turn a done decision into an error
            logger.exception("No confirmation for the workflow action at %s", request.path)
            return response
        if message:
            level, text = message
            getattr(messages, level)(request, text)
        return response


def last_request_for_changes(obj) -> TaskState | None:
    """The latest rejected task state (with its comment) of `obj`'s latest workflow, if that workflow
    ended with the item sent back and it has not been submitted again since."""
    workflow_state = obj.workflow_states.order_by("-created_at", "-pk").first() if hasattr(obj, "workflow_states") else None
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return workflow_state.task_states.filter(status=TaskState.STATUS_REJECTED).order_by("-finished_at").first()


def show_approvers_comment(request, obj) -> None:
    """Put the approver's "request changes" comment at the top of the edit screen."""
    if request.method != "GET":
        return
    try:
        task_state = last_request_for_changes(obj)
    except Exception:
        logger.exception("Could not read the workflow of %r", obj)
        return
    if task_state is None:
        return
    comment = task_state.get_comment()
    who = (task_state.finished_by.get_full_name() or task_state.finished_by.get_username()) if task_state.finished_by else ""
    text = _("%(who)s asked for changes on %(when)s: “%(comment)s”. Correct them and submit again.") % {
        "who": who or _("The approver"),
        "when": _thai_datetime(task_state.finished_at) if task_state.finished_at else "",
        "comment": comment or _("(no comment)"),
    }
    messages.warning(request, text)


@hooks.register("before_edit_page")
def approvers_comment_on_page(request, page):
    show_approvers_comment(request, page)


@hooks.register("before_edit_snippet")
def approvers_comment_on_snippet(request, instance):
    if hasattr(instance, "workflow_states"):
        show_approvers_comment(request, instance)
