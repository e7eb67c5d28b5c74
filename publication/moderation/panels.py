"""The dashboard's "My work" panels of P1.1–P1.3 moderation, for unit editors, unit heads and the webmaster.

Pages and the unit snippets (P1.2 rights requests, P1.5 social posts) go through the same workflows,
so these panels list all of them from Wagtail's `WorkflowState`/`TaskState` rows, never naming a
procedure: what waits for a head or a webmaster is exactly what their task's
`get_task_states_user_can_moderate` gives (a head's own unit only, acting heads included, never their
own submission). Overdue is `reminders.is_overdue`, the rule the e-mail reminders follow.

Each panel runs a fixed number of queries whatever the number of items: the rows and the count of
each list, one for the units' names, and the few that decide who may act (per active task, per page
type a unit owns); at most `ITEMS_PER_LIST` rows of a list are shown, the count is the full number.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.models import Page, TaskState, WorkflowState

from publication.organisation.models import Unit
from publication.organisation.panels import ITEMS_PER_LIST, MyWorkPanel, WorkItem, WorkList, is_unit_editor, is_unit_head
from publication.organisation.permissions import is_webmaster

from .models import HeadOfUnitApprovalTask, WebmasterApprovalTask
from .reminders import is_overdue
from .snippets import unit_snippet_models

ACTIVE_WORKFLOW = (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES)


# --- Rows from workflow records ---------------------------------------------------------------------


def edit_url(content_type_id: int, object_id) -> str:
    """The admin edit view of a page or snippet, from its (cached) content type: no query."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return ""
    if issubclass(model, Page):
        return reverse("wagtailadmin_pages:edit", args=[object_id])
    viewset = getattr(model, "snippet_viewset", None)
    try:
        return reverse(viewset.get_url_name("edit"), args=[quote(object_id)]) if viewset else ""
    except NoReverseMatch:
        return ""


def kind_label(content_type_id: int) -> str:
    """The item's type as people read it ("ข่าว", "โพสต์สื่อสังคมออนไลน์"), from the cached content type."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return str(model._meta.verbose_name) if model else ""


def _unit_id_of(revision) -> int | None:
    content = getattr(revision, "content", None) or {}
    return content.get("owner_unit") or content.get("unit")


def unit_names(revisions) -> dict[int, str]:
    """Unit names of the revisions' content (`owner_unit` of pages, `unit` of requests), in one query."""
    ids = {unit_id for unit_id in map(_unit_id_of, revisions) if isinstance(unit_id, int)}
    return dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name_th")) if ids else {}


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def task_state_item(state: TaskState, units: dict[int, str], now: datetime.datetime, workflow_state=None) -> WorkItem:
    """A row for an item waiting at a task: its title as submitted, its step, since when, overdue or not."""
    workflow_state = workflow_state or state.workflow_state
    return WorkItem(
        title=state.revision.object_str if state.revision_id else "",
        url=edit_url(workflow_state.base_content_type_id, workflow_state.object_id),
        kind=kind_label(workflow_state.content_type_id),
        unit=units.get(_unit_id_of(state.revision), ""),
        step=state.task.name,
        since=state.started_at,
        overdue=is_overdue(state, now),
    )


def _task_state_rows(queryset):
    return queryset.select_related("revision", "task", "workflow_state").order_by("started_at", "pk")


def task_state_items(states, now=None) -> list[WorkItem]:
    """Rows for task states fetched with their revision, task and workflow state (one query for the units)."""
    now = now or timezone.now()
    units = unit_names([state.revision for state in states])
    return [task_state_item(state, units, now) for state in states]


def _current_items(workflow_states) -> list[WorkItem]:
    """Rows for workflow states at their current task (fetched with `_workflow_rows`)."""
    now = timezone.now()
    units = unit_names([state.current_task_state.revision for state in workflow_states])
    return [task_state_item(state.current_task_state, units, now, workflow_state=state) for state in workflow_states]


def states_waiting_for(user, task_model) -> list[TaskState]:
    """Task states of `task_model` tasks that `user` may act on now, oldest first (the task decides who)."""
    queryset = TaskState.objects.none()
    for task in task_model.objects.filter(active=True):
        queryset |= task.get_task_states_user_can_moderate(user)
    return list(_task_state_rows(queryset))


def overdue_anywhere(now: datetime.datetime | None = None) -> list[TaskState]:
    """Every item overdue at any step of any workflow, oldest first, in one query.

    Only steps started at least N calendar days ago can be N working days old, so the database
    narrows the rows and `is_overdue` decides.
    """
    now = now or timezone.now()
    days = settings.MODERATION_OVERDUE_WORKING_DAYS
    candidates = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        started_at__lte=now - datetime.timedelta(days=days),
    )
    return [state for state in _task_state_rows(candidates) if is_overdue(state, now)]


# --- Unit editors: my drafts, sent back to me, waiting for approval ---------------------------------------


def _draft_item(obj) -> WorkItem:
    revision = obj.latest_revision
    content_type = obj.get_base_content_type() if isinstance(obj, Page) else ContentType.objects.get_for_model(obj)
    return WorkItem(
        title=revision.object_str if revision else str(obj),
        url=edit_url(content_type.pk, obj.pk),
        kind=kind_label(obj.content_type_id if isinstance(obj, Page) else content_type.pk),
        since=revision.created_at if revision else None,
        step=pgettext_lazy("request status", "Draft") if not obj.live else _("Changes not yet published"),
    )


def _in_active_workflow(model) -> Exists:
    """An `Exists` over the model's rows with an active workflow. `WorkflowState.object_id` is text:
    joining it to an integer key through the generic relation fails on PostgreSQL, so the key is cast."""
    base = model if not issubclass(model, Page) else Page
    return Exists(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(base),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            status__in=ACTIVE_WORKFLOW,
        )
    )


def my_drafts(user) -> tuple[list[WorkItem], int]:
    """Pages and unit requests the user is writing: unpublished changes, not in a workflow."""
    pages = (
        Page.objects.filter(has_unpublished_changes=True)
        .filter(Q(owner=user) | Q(latest_revision__user=user))
        .exclude(_in_active_workflow(Page))
        .select_related("latest_revision")
        .order_by("-latest_revision__created_at", "-pk")
    )
    sources = [pages]
    for model in unit_snippet_models():
        sources.append(
            model.objects.filter(requester=user, has_unpublished_changes=True)
            .exclude(_in_active_workflow(model))
            .select_related("latest_revision")
            .order_by("-latest_revision__created_at", "-pk")
        )
    rows, count = [], 0
    for source in sources:
        count += source.count()
        rows += [_draft_item(obj) for obj in source[:ITEMS_PER_LIST]]
    oldest = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    rows.sort(key=lambda item: item.since or oldest, reverse=True)
    return rows, count


def _workflow_rows(queryset):
    """Workflow states with their current task state, its revision, task and approver, oldest step first."""
    return queryset.select_related("current_task_state__revision", "current_task_state__task", "current_task_state__finished_by").order_by(
        "current_task_state__started_at", "pk"
    )


def sent_back_to(user) -> tuple[list[WorkItem], int]:
    """The user's submissions an approver sent back (changes requested), with the approver's comment."""
    states = WorkflowState.objects.filter(requested_by=user, status=WorkflowState.STATUS_NEEDS_CHANGES)
    rows = list(_workflow_rows(states)[:ITEMS_PER_LIST])
    units = unit_names([state.current_task_state.revision for state in rows])
    items = []
    for state in rows:
        task_state = state.current_task_state
        items.append(
            WorkItem(
                title=task_state.revision.object_str,
                url=edit_url(state.base_content_type_id, state.object_id),
                kind=kind_label(state.content_type_id),
                unit=units.get(_unit_id_of(task_state.revision), ""),
                step=task_state.task.name,
                since=task_state.finished_at,
                note=task_state.comment,
                note_by=_name(task_state.finished_by),
            )
        )
    return items, states.count()


def waiting_for_approval(user) -> tuple[list[WorkItem], int]:
    """The user's submissions at an approver's step (a step the user takes themselves is not waiting)."""
    states = WorkflowState.objects.filter(requested_by=user, status=WorkflowState.STATUS_IN_PROGRESS).exclude(
        current_task_state__in=TaskState.objects.reviewable_by(user)
    )
    return _current_items(_workflow_rows(states)[:ITEMS_PER_LIST]), states.count()


class EditorWorkPanel(MyWorkPanel):
    """Unit editors (ผู้รับผิดชอบข้อมูล): my drafts, items sent back to me, items waiting for approval."""

    name = "my_work_editor"
    heading = _("My work: content I am responsible for")
    icon = "edit"
    order = 100

    def is_shown(self, user) -> bool:
        return is_unit_editor(user)

    def get_lists(self, user) -> list[WorkList]:
        drafts, drafts_count = my_drafts(user)
        sent_back, sent_back_count = sent_back_to(user)
        waiting, waiting_count = waiting_for_approval(user)
        return [
            WorkList("sent-back", _("Sent back to me for changes"), sent_back, sent_back_count, critical=True),
            WorkList("drafts", _("My drafts"), drafts, drafts_count),
            WorkList("waiting", _("Waiting for approval"), waiting, waiting_count),
        ]


# --- Unit heads: waiting for me (my unit only), overdue ------------------------------------------------


class HeadWorkPanel(MyWorkPanel):
    """Heads and acting heads (หัวหน้าหน่วยงาน): their own unit's items waiting for them, and the overdue ones."""

    name = "my_work_head"
    heading = _("My work: approvals as head of unit")
    icon = "tasks"
    order = 101

    def is_shown(self, user) -> bool:
        return is_unit_head(user)

    def get_lists(self, user) -> list[WorkList]:
        waiting = task_state_items(states_waiting_for(user, HeadOfUnitApprovalTask))
        return [
            WorkList("waiting", _("Waiting for my approval"), waiting),
            WorkList("overdue", _("Overdue"), [item for item in waiting if item.overdue], critical=True),
        ]


# --- The webmaster: waiting for the webmaster, overdue anywhere ------------------------------------------


class WebmasterWorkPanel(MyWorkPanel):
    """The ARIT webmasters: what waits at their step, and everything overdue at any step (they follow it up)."""

    name = "my_work_webmaster"
    heading = _("My work: webmaster review and publication")
    icon = "globe"
    order = 102

    def is_shown(self, user) -> bool:
        return is_webmaster(user)

    def get_lists(self, user) -> list[WorkList]:
        now = timezone.now()
        return [
            WorkList("waiting", _("Waiting for the webmaster"), task_state_items(states_waiting_for(user, WebmasterApprovalTask), now)),
            WorkList("overdue", _("Overdue at any step"), task_state_items(overdue_anywhere(now), now), critical=True),
        ]


@hooks.register("construct_homepage_panels")
def add_moderation_panels(request, panels):
    """Each panel renders only for its role (see `MyWorkPanel.render_html`)."""
    panels.extend([EditorWorkPanel(request), HeadWorkPanel(request), WebmasterWorkPanel(request)])
