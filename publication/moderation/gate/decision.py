"""The gate's decision: checks, acknowledged warnings and the approval chain of the location."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from publication.moderation.gate.context import current_actor, current_context, current_path
from publication.moderation.gate.fingerprint import content_fingerprint, object_fingerprint

logger = logging.getLogger("publication.gate")


class PublishBlocked(Exception):
    """Raised when content would reach the public without passing the gate.

    `findings` are the policy-check error findings (dicts, as `policy_checks.Finding.as_dict()`),
    `problems` the Thai reasons (approval chain, acknowledgement), `title` the item's title.
    Deliberately not a PermissionDenied: Wagtail's admin turns those into a redirect, which would
    commit the request's transaction; this one propagates, rolls the request back, and
    `PublishGateMiddleware` answers it.
    """

    def __init__(self, findings: list[dict] | None = None, problems: list[str] | None = None, title: str = ""):
        self.findings = list(findings or [])
        self.problems = list(problems or [])
        self.title = title
        super().__init__(self.summary())

    def summary(self) -> str:
        head = _("“%(title)s” cannot be published yet") % {"title": self.title} if self.title else _("This content cannot be published yet")
        parts = []
        if self.findings:
            parts.append(_("Errors against the publishing guidelines found: %(count)d") % {"count": len(self.findings)})
        parts += self.problems
        return head + (": " + "; ".join(parts) if parts else "")

    def lines(self) -> list[str]:
        """Every reason as one Thai line: chain problems first, then each finding with its field and text."""
        from publication.moderation.checks import describe_finding

        return [*self.problems, *(describe_finding(f) for f in self.findings)]


@dataclass
class Decision:
    """Whether `revision` (or the object's current content) of `obj` may go live now, and why not."""

    obj: Any
    revision: Any
    actor: Any
    path: str
    fingerprint: str
    errors: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    warnings_acknowledged: bool = True
    chain: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """Thai reasons other than the findings: unacknowledged warnings, then the approval chain."""
        unacknowledged = (
            []
            if self.warnings_acknowledged
            else [_("Policy-check warnings that no approver has acknowledged yet: %(count)d") % {"count": len(self.warnings)}]
        )
        return unacknowledged + self.chain

    @property
    def allowed(self) -> bool:
        return not self.errors and not self.problems

    @property
    def needs_acknowledgement_only(self) -> bool:
        """Everything passes but an approver's acknowledgement of the warnings."""
        return not self.errors and not self.chain and not self.warnings_acknowledged

    def blocked(self) -> PublishBlocked:
        return PublishBlocked(self.errors, self.problems, title=str(getattr(self.obj, "title", self.obj)))

    def log(self) -> None:
        logger.warning(
            "Refused to make %s %s live (revision %s) via %s for %s: %s",
            type(self.obj).__name__,
            getattr(self.obj, "pk", None),
            getattr(self.revision, "pk", None),
            self.path,
            getattr(self.actor, "username", None),
            "; ".join(self.problems + [f"{f['rule']} in {f.get('field')}: {f.get('match')!r}" for f in self.errors]),
        )


def is_gated(obj) -> bool:
    """Our pages (specific instances) and the moderated unit snippets pass the gate.

    "Our pages" are every page type of the apps that declare `publishes_pages = True` in their
    `AppConfig` (home, pages, letters): structural ones too (home page, news folders, the unit directory),
    not only the pages units own.
    """
    from django.apps import apps
    from wagtail.models import Page

    from publication.moderation.checks import is_checked_page

    if isinstance(obj, Page):
        if obj.depth == 1 or type(obj) is Page:
            return False
        return getattr(apps.get_app_config(obj._meta.app_label), "publishes_pages", False)
    return is_checked_page(obj)


def _object_revisions(obj):
    from wagtail.models import Revision

    if obj.pk is None:
        return Revision.objects.none()
    return Revision.objects.filter(base_content_type_id=obj.get_base_content_type().pk, object_id=str(obj.pk)).select_related(
        "content_check"
    )


def approved_tasks_for(obj, fingerprint: str) -> dict[int, Any]:
    """Task ids whose approval (an approved TaskState of this object) covers content `fingerprint`.

    Returns {task_id: TaskState}; the newest approval of each task wins.
    """
    from wagtail.models import TaskState

    if obj.pk is None:
        return {}
    states = (
        TaskState.objects.filter(
            status=TaskState.STATUS_APPROVED,
            workflow_state__base_content_type_id=obj.get_base_content_type().pk,
            workflow_state__object_id=str(obj.pk),
        )
        .select_related("revision", "finished_by")
        .order_by("-finished_at")
    )
    approved: dict[int, Any] = {}
    for state in states:
        if state.task_id in approved or state.revision is None:
            continue
        if content_fingerprint(state.revision.content) == fingerprint:
            approved[state.task_id] = state
    return approved


def required_tasks(obj) -> list:
    """The active tasks of the workflow that applies to `obj` where it stands (specific instances)."""
    workflow = obj.get_workflow() if hasattr(obj, "get_workflow") else None
    if workflow is None:
        return []
    tasks = [task.specific for task in workflow.tasks.filter(active=True).order_by("workflow_tasks__sort_order")]
    # The university's own structural pages (home, the news index, the directory) belong to no unit:
    # there is no head to ask, and the webmaster's step is the chain.
    return [task for task in tasks if not (hasattr(task, "owner_unit_of") and task.owner_unit_of(obj) is None)]


def may_take_final_step(task, obj, user) -> bool:
    """Whether `user` may take `task` as the last step for `obj` by publishing directly."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if hasattr(task, "user_is_approver"):
        return bool(task.user_is_approver(obj, user))
    if hasattr(task, "get_approvers"):
        return task.get_approvers(obj).filter(pk=user.pk).exists()
    return False


#: Further rules on the approval chain, each `rule(obj, fingerprint, actor, scheduled=…) -> list[str]`
#: (Thai reasons), added by apps above this one in `AppConfig.ready()` through `register_chain_rule`.
CHAIN_RULES: list = []


def register_chain_rule(rule) -> None:
    """Also run `rule(obj, fingerprint, actor, scheduled=…) -> list[str]` in `chain_problems` (idempotent).

    Used by the urgent takedown (G6): a page taken down goes back up only through the workflow.
    """
    if rule not in CHAIN_RULES:
        CHAIN_RULES.append(rule)


def chain_problems(obj, fingerprint: str, actor, *, scheduled: bool = False) -> list[str]:
    """Thai reasons why the approval chain of `obj`'s location does not cover content `fingerprint`.

    Models may replace the rule with `publication_chain_problems(fingerprint, actor, scheduled=…)`
    (the P1.4 notice page does: its chain is the letter's steps); otherwise it is the workflow's.
    Rules registered with `register_chain_rule` apply on top of either.
    """
    if hasattr(obj, "publication_chain_problems"):
        problems = obj.publication_chain_problems(fingerprint, actor, scheduled=scheduled)
    else:
        problems = workflow_chain_problems(obj, fingerprint, actor, scheduled=scheduled)
    for rule in CHAIN_RULES:
        problems = problems + [p for p in rule(obj, fingerprint, actor, scheduled=scheduled) if p not in problems]
    return problems


def workflow_chain_problems(obj, fingerprint: str, actor, *, scheduled: bool = False) -> list[str]:
    """The workflow rule: every step but the last approved this content; the last approved it too,
    or `actor` takes it by publishing directly (or a go-live was scheduled by someone who could)."""
    tasks = required_tasks(obj)
    if not tasks:
        return [_("This location has no approval workflow, so nothing can be published here. Please contact the webmasters")]
    approved = approved_tasks_for(obj, fingerprint)
    earlier = tasks[:-1]
    problems = [
        _("This version of the content has not passed the “%(task)s” step yet") % {"task": task.name}
        for task in earlier
        if task.pk not in approved
    ]
    last = tasks[-1]
    if last.pk in approved:
        final_by = approved[last.pk].finished_by_id
    elif scheduled:
        final_by = None
    elif may_take_final_step(last, obj, actor):
        final_by = actor.pk
    else:
        problems.append(_("Whoever publishes must be an approver of this content's final step, “%(task)s”") % {"task": last.name})
        return problems
    approvers = [approved[task.pk].finished_by_id for task in earlier if task.pk in approved]
    if final_by is not None:
        approvers.append(final_by)
    if len(approvers) != len(set(approvers)):
        problems.append(_("The same approver cannot approve the same content at more than one step"))
    return problems


def warnings_acknowledged(obj, fingerprint: str, revision=None) -> bool:
    """True when an approver acknowledged the warnings of this content (on any revision of it)."""
    from publication.moderation.models import ContentCheck

    revisions = _object_revisions(obj)
    checks = ContentCheck.objects.filter(revision__in=revisions, acknowledged_by__isnull=False, warning_count__gt=0)
    return any(content_fingerprint(check.revision.content) == fingerprint for check in checks.select_related("revision"))


def _findings_for(obj, revision) -> list[dict]:
    from publication.moderation.checks import run_checks, store_check

    if revision is not None and str(revision.object_id) == str(obj.pk):
        check = store_check(revision)
        if content_fingerprint(revision.content) == object_fingerprint(obj):
            return list(check.findings)
    return run_checks(obj)


def decide(obj, revision=None, actor=None, *, path: str | None = None, scheduled: bool | None = None) -> Decision:
    """The gate's decision on making `revision` of `obj` (or `obj`'s current content) live.

    `obj` is the object as it would be stored (for a revision: `revision.as_object()`); `actor`
    defaults to `current_actor()`. Never raises for a refusal: see `Decision.problems`.
    """
    context = current_context()
    actor = actor if actor is not None else current_actor()
    path = path or current_path()
    if scheduled is None:
        # `publish_scheduled` publishes a revision whose go-live this gate approved when it was set.
        due = getattr(revision, "approved_go_live_at", None) if revision is not None else None
        scheduled = context.scheduled or (due is not None and due <= timezone.now())
    fingerprint = object_fingerprint(obj)
    findings = _findings_for(obj, revision)
    decision = Decision(
        obj=obj,
        revision=revision,
        actor=actor,
        path=path,
        fingerprint=fingerprint,
        errors=[f for f in findings if f.get("severity") == "error"],
        warnings=[f for f in findings if f.get("severity") == "warning"],
    )
    if context.trusted:
        return decision
    if decision.warnings and not warnings_acknowledged(obj, fingerprint, revision):
        decision.warnings_acknowledged = False
    decision.chain = chain_problems(obj, fingerprint, actor, scheduled=scheduled)
    return decision


def acknowledge_warnings(revision, user, task_state=None) -> None:
    """Record that `user` read and accepted the warnings of `revision` (its stored check)."""
    from publication.moderation.checks import store_check

    check = store_check(revision)
    check.acknowledge(user, task_state)
