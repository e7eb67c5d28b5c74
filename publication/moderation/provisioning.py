"""Workflows of P1.1 and P1.3, made and kept idempotently: head of unit, then the webmaster.

`provision(groups)` (called through `ModerationConfig.provision`) makes the two approval tasks and the
university and unit workflows, and puts the university workflow on every site root. A unit's section and
news folders get theirs when the unit is provisioned (`on_unit_provisioned`). The procedures' own
workflows (P1.2 rights, P1.5 social posts) are made by their apps with `ensure_workflow`.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page, Workflow, WorkflowContentType, WorkflowPage, WorkflowTask

from publication.organisation.models import Unit
from publication.organisation.provisioning import WEBMASTERS

from .gate import GatedPageMixin
from .models import HeadOfUnitApprovalTask, WebmasterApprovalTask

UNIVERSITY_WORKFLOW = "เว็บไซต์มหาวิทยาลัย"
UNIT_WORKFLOW = "เว็บไซต์หน่วยงาน"
HEAD_TASK = "หัวหน้าหน่วยงานอนุมัติ"
WEBMASTER_TASK = "ผู้ดูแลเว็บไซต์ตรวจสอบและเผยแพร่"


def ensure_workflow(name: str, tasks) -> Workflow:
    """The active workflow `name` with exactly `tasks` in this order (created or corrected)."""
    workflow, _created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    wanted = [task.pk for task in tasks]
    current = list(WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order").values_list("task_id", flat=True))
    if current != wanted:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def head_task() -> HeadOfUnitApprovalTask:
    """The head-of-unit approval step every workflow of ours starts with."""
    return HeadOfUnitApprovalTask.objects.filter(name=HEAD_TASK).first() or HeadOfUnitApprovalTask.objects.create(name=HEAD_TASK)


def webmaster_task() -> WebmasterApprovalTask:
    """The webmasters' approve-and-publish step (group: Webmasters)."""
    webmasters = Group.objects.get_or_create(name=WEBMASTERS)[0]
    task = WebmasterApprovalTask.objects.filter(name=WEBMASTER_TASK).first()
    if task is None:
        task = WebmasterApprovalTask.objects.create(name=WEBMASTER_TASK)
    if set(task.groups.values_list("pk", flat=True)) != {webmasters.pk}:
        task.groups.set([webmasters])
    return task


def assign_content_type_workflow(model, workflow: Workflow) -> None:
    """Snippets of `model` go through `workflow`."""
    content_type = ContentType.objects.get_for_model(model)
    WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})


@transaction.atomic
def provision_workflows() -> dict[str, Workflow]:
    """Create our page workflows and put the university one on every site root (idempotent).

    Wagtail's own "Moderators approval" workflow is taken off the root page: moderation here is
    by unit heads and webmasters, never by one global group.
    """
    head, webmaster = head_task(), webmaster_task()
    workflows = {
        UNIVERSITY_WORKFLOW: ensure_workflow(UNIVERSITY_WORKFLOW, [head, webmaster]),
        UNIT_WORKFLOW: ensure_workflow(UNIT_WORKFLOW, [head]),
    }
    for root in Page.objects.filter(depth=2).specific():
        if isinstance(root, GatedPageMixin):  # the university's home page(s), not Wagtail's welcome page
            assign_workflow(root, workflows[UNIVERSITY_WORKFLOW])
    WorkflowPage.objects.filter(page__depth=1).delete()
    return workflows


def assign_workflow(page: Page, workflow: Workflow) -> None:
    current = WorkflowPage.objects.filter(page=page).first()
    if current is None:
        WorkflowPage.objects.create(page=page, workflow=workflow)
    elif current.workflow_id != workflow.pk:
        current.workflow = workflow
        current.save(update_fields=["workflow"])


def page_workflows() -> dict[str, Workflow]:
    """{name: workflow} of the university and unit workflows, made first if missing."""
    workflows = {w.name: w for w in Workflow.objects.filter(name__in=[UNIVERSITY_WORKFLOW, UNIT_WORKFLOW])}
    return workflows if len(workflows) == 2 else provision_workflows()


def provision_unit_workflows(unit: Unit) -> None:
    """A unit's section gets the head-only workflow (P1.3); its news folders get theirs from
    `pages.provisioning` (head-only only with P1.2 rights)."""
    if unit.section_id:
        assign_workflow(unit.section, page_workflows()[UNIT_WORKFLOW])
