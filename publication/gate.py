"""The publication invariant, enforced where Wagtail writes live state.

Nothing of ours becomes public unless the content that goes live

1. carries a passing policy check: no error findings, and its warnings acknowledged by an approver;
2. has completed the approval chain its location requires: every step of the workflow that applies
   to it (the owner unit's head; the webmaster too where the unit lacks P1.2 rights; the P1.4/P1.5
   steps for letters' notices and social posts) approved *this content*, and the last step is either
   an approval of it or a direct publish by someone who may take that last step.

"This content" is compared by a fingerprint of the object's serialised fields (bookkeeping such as
`live`, `latest_revision` or lock fields left out), so an approver's "Publish" that re-saves the same
text counts as the approval it is, and an edit after approval never rides on it.

Every path Wagtail offers ends in one of three writes, and each is guarded here:

* `Model.save()` of a page or snippet whose row turns live or whose live content changes
  (`PublishRevisionAction._publish_revision`: edit view, admin API, bulk publish, workflow finish,
  `publish_scheduled`, create view; `CopyPageAction` with "publish copies"; alias creation and
  the alias sync on publish; `convert_alias`) — `enforce_live_state`;
* `Revision.save()` that sets `approved_go_live_at` (a future go-live is an approval to publish
  later) — `enforce_schedule`;
* `save_revision()` on an object whose workflow lock holds against the user (the admin API's
  `revert_to_page_revision` does not look at locks) — `enforce_not_locked`.

A refusal raises `PublishBlocked`; the request's transaction (``ATOMIC_REQUESTS``) rolls back whole
and `publication.middleware.PublishGateMiddleware` answers with the Thai reasons. Views that can
refuse earlier and keep the user's draft (edit and create views, bulk publish, copy) call `decide`
first; see `publication.admin_moderation`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _
from wagtail.models import PagePermissionTester

logger = logging.getLogger("publication.gate")

# --- Who publishes, through which path ----------------------------------------------------------------


@dataclass(frozen=True)
class PublishingContext:
    """Who is publishing and through which entry point.

    `path` is a short machine key (`workflow`, `scheduled`, `edit_view`, `admin_api`, …; see
    `PATH_LABELS`); `trusted` names a code path that may make content live without an approval
    chain (the demo data set-up), and is never set by a request.
    """

    actor: Any = None
    path: str = ""
    scheduled: bool = False
    trusted: str = ""


_context: ContextVar[PublishingContext | None] = ContextVar("pcru_publishing_context", default=None)

#: Thai names of the entry points, for the register and messages (keys from `current_path`).
PATH_LABELS = {
    "workflow": "อนุมัติตามขั้นตอน (workflow)",
    "scheduled": "เผยแพร่ตามกำหนดเวลา",
    "edit_view": "ปุ่มเผยแพร่ในหน้าแก้ไข",
    "create_view": "ปุ่มเผยแพร่ในหน้าสร้าง",
    "admin_api": "Admin API",
    "bulk_action": "เผยแพร่หลายรายการ",
    "copy": "คัดลอกหน้า",
    "alias": "สร้างนามแฝง (alias)",
    "alias_sync": "นามแฝงตามหน้าต้นฉบับ",
    "revisions": "ประวัติฉบับแก้ไข",
    "acknowledge": "รับทราบคำเตือนแล้วเผยแพร่",
    "snippet_edit_view": "ปุ่มเผยแพร่ในหน้าแก้ไขรายการ",
    "programmatic": "คำสั่งในระบบ",
    "trusted": "นำเข้าข้อมูลตั้งต้น",
}

_URL_PATHS = {
    "wagtailadmin_pages:edit": "edit_view",
    "wagtailadmin_pages:add": "create_view",
    "wagtailadmin_pages:copy": "copy",
    "wagtailadmin_pages:workflow_action": "workflow",
    "wagtailadmin_pages:collect_workflow_action_data": "workflow",
    "wagtailadmin_pages:revisions_revert": "revisions",
    "wagtail_bulk_action": "bulk_action",
    "publication_acknowledge_publish": "acknowledge",
}


@contextmanager
def publishing_as(actor, path: str, *, scheduled: bool = False) -> Iterator[PublishingContext]:
    """Name the actor and entry point of the publishing done inside the block."""
    outer = _context.get()
    context = PublishingContext(actor=actor, path=path, scheduled=scheduled, trusted=outer.trusted if outer else "")
    token = _context.set(context)
    try:
        yield context
    finally:
        _context.reset(token)


@contextmanager
def trusted_publication(reason: str) -> Iterator[None]:
    """Let code (never a request) make content live without an approval chain; the checks still run.

    Used by `bootstrap_demo` for the demo university's existing content, and by test fixtures that
    stand for content published before the test begins. `reason` is logged and written to the register.
    """
    outer = _context.get()
    token = _context.set(PublishingContext(actor=outer.actor if outer else None, path="trusted", trusted=reason))
    logger.info("Trusted publication: %s", reason)
    try:
        yield
    finally:
        _context.reset(token)


def current_context() -> PublishingContext:
    return _context.get() or PublishingContext()


def current_actor():
    """The user publishing now: the one named by `publishing_as`, else the admin request's user."""
    context = _context.get()
    if context is not None and context.actor is not None:
        return context.actor
    from wagtail.log_actions import get_active_log_context

    user = get_active_log_context().user
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def current_path() -> str:
    """The entry point of the publishing now (a key of `PATH_LABELS`)."""
    context = _context.get()
    if context is not None and context.path:
        return context.path
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return "programmatic"
    match = getattr(request, "resolver_match", None)
    name = match.view_name if match else ""
    if name in _URL_PATHS:
        return _URL_PATHS[name]
    if request.path.startswith("/admin/api/"):
        return "admin_api"
    if name.startswith("wagtailsnippets_"):
        return "snippet_edit_view"
    return name or "programmatic"


def path_label(path: str) -> str:
    return PATH_LABELS.get(path, path)


# --- What "the same content" means ----------------------------------------------------------------------

#: Serialised fields that record *state* rather than content: they differ between a draft and its
#: published row, or between a page and its copy, without any reader seeing a different text.
BOOKKEEPING_FIELDS = frozenset(
    {
        "pk",
        "id",
        "path",
        "depth",
        "numchild",
        "url_path",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "content_type",
        "translation_key",
        "locale",
        "go_live_at",
        "expire_at",
        "expired",
        "alias_of",
        "slug",
        "comments",
        "wagtail_admin_comments",
        # Records of what happened after approval (P1.2 grant, P1.5 posting), not content.
        "granted_at",
        "granted_by",
        "revoked_at",
        "revoked_by",
        "revoke_reason",
        "posted_url",
        "posted_at",
        "posted_by",
        "checked_every_word",
        "position_shown",
        "university_matter",
        "no_secret",
        "no_person_without_consent",
        "requester",
        "created_at",
    }
)
_CHILD_BOOKKEEPING = frozenset({"pk", "id", "content_object", "page", "sort_order"})


_BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')


def _strip(value, *, top: bool = False):
    """Content without bookkeeping: StreamField JSON opened up, block ids and editor block keys gone."""
    if isinstance(value, dict):
        drop = BOOKKEEPING_FIELDS if top else _CHILD_BOOKKEEPING
        return {key: _strip(item) for key, item in value.items() if key not in drop}
    if isinstance(value, list):
        return [_strip(item) for item in value]
    if isinstance(value, str):
        if value.startswith("[{") and value.endswith("}]"):
            try:
                return _strip(json.loads(value))  # a StreamField, stored as JSON text in revisions
            except ValueError:
                pass
        return _BLOCK_KEY.sub("", value)
    return value


def content_fingerprint(content: dict) -> str:
    """SHA-256 (hex, 64 chars) of serialised content (a `Revision.content` or `serializable_data()`)."""
    # As Wagtail stores revisions: DjangoJSONEncoder's forms of dates, times and decimals.
    encoded = json.loads(json.dumps(content, cls=DjangoJSONEncoder))
    canonical = json.dumps(_strip(encoded, top=True), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def object_fingerprint(obj) -> str:
    return content_fingerprint(obj.serializable_data())


# --- The decision ------------------------------------------------------------------------------------------


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
        head = _("«%(title)s» ยังเผยแพร่ไม่ได้") % {"title": self.title} if self.title else _("เนื้อหานี้ยังเผยแพร่ไม่ได้")
        parts = []
        if self.findings:
            parts.append(_("พบข้อผิดพลาดตามแนวปฏิบัติการเผยแพร่ %(count)d รายการ") % {"count": len(self.findings)})
        parts += self.problems
        return head + (": " + "; ".join(parts) if parts else "")

    def lines(self) -> list[str]:
        """Every reason as one Thai line: chain problems first, then each finding with its field and text."""
        from .publishing import describe_finding

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
        unacknowledged = [] if self.warnings_acknowledged else [
            _("มีคำเตือนจากการตรวจนโยบาย %(count)d ข้อ ที่ผู้อนุมัติยังไม่ได้รับทราบ") % {"count": len(self.warnings)}
        ]
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
            "; ".join(
                self.problems + [f"{f['rule']} in {f.get('field')}: {f.get('match')!r}" for f in self.errors]
            ),
        )


#: Apps whose pages reach the public: every page of theirs passes the gate, structural ones too
#: (home page, news folders, the unit directory), not only the pages units own.
GATED_PAGE_APPS = ("home", "publication")


def is_gated(obj) -> bool:
    """Our pages (specific instances) and the moderated unit snippets pass the gate."""
    from wagtail.models import Page

    from .publishing import is_checked_page

    if isinstance(obj, Page):
        return obj._meta.app_label in GATED_PAGE_APPS and obj.depth != 1 and type(obj) is not Page
    return is_checked_page(obj)


def _object_revisions(obj):
    from wagtail.models import Revision

    if obj.pk is None:
        return Revision.objects.none()
    return Revision.objects.filter(
        base_content_type_id=obj.get_base_content_type().pk, object_id=str(obj.pk)
    ).select_related("content_check")


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


def chain_problems(obj, fingerprint: str, actor, *, scheduled: bool = False) -> list[str]:
    """Thai reasons why the approval chain of `obj`'s location does not cover content `fingerprint`.

    Models may replace the rule with `publication_chain_problems(fingerprint, actor, scheduled=…)`
    (the P1.4 notice page does: its chain is the letter's steps); otherwise it is the workflow's.
    """
    if hasattr(obj, "publication_chain_problems"):
        return obj.publication_chain_problems(fingerprint, actor, scheduled=scheduled)
    return workflow_chain_problems(obj, fingerprint, actor, scheduled=scheduled)


def workflow_chain_problems(obj, fingerprint: str, actor, *, scheduled: bool = False) -> list[str]:
    """The workflow rule: every step but the last approved this content; the last approved it too,
    or `actor` takes it by publishing directly (or a go-live was scheduled by someone who could)."""
    tasks = required_tasks(obj)
    if not tasks:
        return [_("ตำแหน่งนี้ไม่มีขั้นตอนอนุมัติ จึงเผยแพร่ไม่ได้ กรุณาติดต่อผู้ดูแลเว็บไซต์")]
    approved = approved_tasks_for(obj, fingerprint)
    earlier = tasks[:-1]
    problems = [
        _("ยังไม่ผ่านขั้นตอน «%(task)s» สำหรับเนื้อหาฉบับนี้") % {"task": task.name}
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
        problems.append(
            _("ผู้เผยแพร่ต้องเป็นผู้อนุมัติขั้นสุดท้าย «%(task)s» ของเนื้อหานี้") % {"task": last.name}
        )
        return problems
    approvers = [approved[task.pk].finished_by_id for task in earlier if task.pk in approved]
    if final_by is not None:
        approvers.append(final_by)
    if len(approvers) != len(set(approvers)):
        problems.append(_("ผู้อนุมัติคนเดียวกันอนุมัติเนื้อหาเดียวกันเกินหนึ่งขั้นตอนไม่ได้"))
    return problems


def warnings_acknowledged(obj, fingerprint: str, revision=None) -> bool:
    """True when an approver acknowledged the warnings of this content (on any revision of it)."""
    from .models import ContentCheck

    revisions = _object_revisions(obj)
    checks = ContentCheck.objects.filter(revision__in=revisions, acknowledged_by__isnull=False, warning_count__gt=0)
    return any(content_fingerprint(check.revision.content) == fingerprint for check in checks.select_related("revision"))


def _findings_for(obj, revision) -> list[dict]:
    from .publishing import run_checks, store_check

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
        scheduled = context.scheduled or (revision is not None and getattr(revision, "approved_go_live_at", None) is not None)
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
    from .publishing import store_check

    check = store_check(revision)
    check.acknowledge(user, task_state)


# --- The guards at the writes --------------------------------------------------------------------------------


def _stored_row(obj):
    """The object as stored now (specific class), or None for a new row."""
    if obj.pk is None or obj._state.adding:
        return None
    return type(obj)._base_manager.filter(pk=obj.pk).first()


#: Fields a save may write without changing what the public reads.
_STATE_FIELDS = frozenset(
    {"live", "live_revision", "alias_of", "has_unpublished_changes", "first_published_at", "last_published_at"}
)


def enforce_live_state(obj, update_fields=None) -> None:
    """Called by `save()` of gated models: refuse a row that turns live, or changes its live content,
    unless the gate allows it. Raises `PublishBlocked`.

    An alias is not refused but follows its source: it stays off the public site while the source is
    not live (Wagtail's alias sync would otherwise publish an embargoed page's aliases at once).
    """
    if not getattr(obj, "live", False) or not is_gated(obj):
        return
    touched = None if update_fields is None else {name.removesuffix("_id") for name in update_fields}
    if touched is not None and not touched & {"live", "live_revision", "alias_of"}:
        return  # bookkeeping writes of a row already live (numchild, locks, draft pointers)
    title = str(getattr(obj, "title", obj))
    alias_of_id = getattr(obj, "alias_of_id", None)
    if alias_of_id is not None:
        _alias_follows_source(obj, alias_of_id, touched)
        return
    stored = _stored_row(obj)
    public = stored if (stored is not None and touched is not None and touched <= _STATE_FIELDS) else obj
    fingerprint = object_fingerprint(public)
    revision = obj.live_revision if getattr(obj, "live_revision_id", None) else None
    if revision is not None and str(revision.object_id) != str(obj.pk):
        revision = None  # a copied row still points at its source's revision
    if revision is not None and content_fingerprint(revision.content) != fingerprint:
        logger.warning("Refused live revision %s of %s %s: it is not the content on the row", revision.pk, type(obj).__name__, obj.pk)
        raise PublishBlocked(problems=[_("ฉบับที่จะแสดงต่อสาธารณะไม่ตรงกับฉบับที่ผ่านการตรวจและอนุมัติ")], title=title)
    if stored is not None and stored.live and object_fingerprint(stored) == fingerprint:
        return  # what the public reads does not change (republish, convert_alias, pointers)
    if stored is None and not current_context().trusted:
        if getattr(obj, "live_revision_id", None) is None:
            # A new row is born a draft (Wagtail's create view adds it live, then publishes its first
            # revision: that publish passes this gate like any other).
            obj.live = False
            obj.has_unpublished_changes = True
            return
        logger.warning("Refused a live copy %r via %s", title, current_path())
        raise PublishBlocked(
            problems=[_("สำเนาเผยแพร่ทันทีไม่ได้ ต้องคัดลอกเป็นฉบับร่างแล้วส่งขออนุมัติตามขั้นตอน")],
            title=title,
        )
    decision = decide(public, revision)
    if not decision.allowed:
        decision.log()
        raise decision.blocked()
    obj._publication_decision = decision


def _alias_follows_source(obj, alias_of_id, touched) -> None:
    from wagtail.models import Page

    if Page.objects.filter(pk=alias_of_id, live=True).exists():
        return
    logger.info("Alias %s of page %s kept off the public site: its source is not live", obj.pk, alias_of_id)
    obj.live = False
    obj.has_unpublished_changes = True


def enforce_schedule(revision) -> None:
    """Called before a Revision is saved: approving a future go-live is publishing, later."""
    if revision.approved_go_live_at is None:
        return
    from wagtail.models import Revision

    if revision.pk is not None:
        stored = Revision.objects.filter(pk=revision.pk).values_list("approved_go_live_at", flat=True).first()
        if stored is not None:
            return  # already approved for that go-live
    obj = revision.as_object()
    if not is_gated(obj):
        return
    decision = decide(obj, revision)
    if not decision.allowed:
        decision.log()
        raise decision.blocked()


def enforce_not_locked(obj, user) -> None:
    """A workflow lock holds on every path that writes a revision, the admin API's revert included."""
    from django.core.exceptions import PermissionDenied

    if user is None or obj.pk is None or not hasattr(obj, "get_lock"):
        return
    lock = obj.get_lock()
    if lock is not None and lock.for_user(user):
        raise PermissionDenied(
            _("«%(title)s» อยู่ระหว่างรออนุมัติและถูกล็อกไว้ แก้ไขหรือย้อนฉบับไม่ได้จนกว่าจะมีผลการพิจารณา")
            % {"title": getattr(obj, "title", obj)}
        )


def publish_in_context(publish, user, *, scheduled: bool = False):
    """Run `publish()` (a model's `publish`) in one transaction, naming its actor and entry point.

    `user` is the publishing user Wagtail passed (None for commands); `scheduled` marks
    `publish_scheduled`, whose approval was given, and checked, when the go-live was scheduled.
    """
    from django.db import transaction

    context = current_context()
    path = "scheduled" if scheduled else (context.path or current_path())
    actor = user if user is not None else current_actor()
    with transaction.atomic(), publishing_as(actor, path, scheduled=scheduled):
        return publish()


def final_step_allowed(obj, user) -> bool:
    """Whether `user` may publish `obj` directly, i.e. take the last step of its approval chain."""
    if hasattr(obj, "publication_final_step_allowed"):
        return obj.publication_final_step_allowed(user)
    return workflow_final_step_allowed(obj, user)


def workflow_final_step_allowed(obj, user) -> bool:
    tasks = required_tasks(obj)
    return bool(tasks) and may_take_final_step(tasks[-1], obj, user)


def check_live_move(page, destination) -> None:
    """Refuse moving live gated pages where another unit owns them or another workflow decides.

    Raises `PublishBlocked` naming the first live page affected.
    """
    from wagtail.models import Page

    from .models import Unit

    if destination is None:
        return
    source_parent = page.get_parent()
    before_workflow = source_parent.get_workflow() if source_parent is not None else None
    if hasattr(page, "workflowpage"):
        return  # the moved page carries its own workflow: its subtree keeps its chain
    after_workflow = destination.get_workflow()
    new_owner = Unit.objects.for_page(destination)
    if Unit.objects.filter(section=page).exists():
        return  # a unit's own section root stays that unit's, wherever it hangs
    live = Page.objects.descendant_of(page, inclusive=True).filter(live=True).specific()
    for item in live:
        if not is_gated(item):
            continue
        owner_before = getattr(item, "owner_unit_id", None)
        if owner_before is None:
            owner_before = getattr(Unit.objects.for_page(item), "pk", None)
        explicit_owner = getattr(item, "owner_unit_id", None) if new_owner is None else None
        owner_after = new_owner.pk if new_owner is not None else explicit_owner
        if owner_after != owner_before or (before_workflow and after_workflow and before_workflow.pk != after_workflow.pk):
            raise PublishBlocked(
                problems=[
                    _("ย้ายหน้าที่เผยแพร่แล้วไปยังตำแหน่งที่หน่วยงานเจ้าของหรือขั้นตอนอนุมัติต่างไปไม่ได้ "
                      "กรุณายกเลิกการเผยแพร่ก่อน ย้าย แล้วส่งขออนุมัติใหม่")
                ],
                title=item.title,
            )


class GatedPageMixin:
    """For our page models: the gate's hooks on Wagtail's page methods (no fields, no migration).

    `save()` is guarded by a `pre_save` receiver (`publication.signal_handlers`), so every model of
    ours is covered without overriding it here.
    """

    def save_revision(self, *args, user=None, **kwargs):
        """A workflow lock holds on every path that writes a revision (the admin API's revert too)."""
        enforce_not_locked(self, user)
        return super().save_revision(*args, user=user, **kwargs)

    def permissions_for_user(self, user):
        """Publish rights follow the workflow: only whoever takes its last step may publish here."""
        return WorkflowPagePermissionTester(user, self)

    def publish(self, revision, *args, user=None, log_action=True, **kwargs):
        """Publish in one transaction, naming actor and path; a scheduled go-live the gate now refuses is
        unscheduled and reported instead of raising, so one bad page does not stop `publish_scheduled`."""
        from publication.publishing import cancel_blocked_schedule

        scheduled = log_action == "wagtail.publish.scheduled"
        try:
            return publish_in_context(
                lambda: super(GatedPageMixin, self).publish(revision, *args, user=user, log_action=log_action, **kwargs),
                user,
                scheduled=scheduled,
            )
        except PublishBlocked as blocked:
            if scheduled:
                cancel_blocked_schedule(self, revision, blocked)
                return None
            raise


class WorkflowPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, with publishing kept to whoever takes the workflow's last step.

    Group page permissions are inherited down the tree, so a head holding "publish" on a unit's
    section would also hold it on the unit's news folder, where (without P1.2 rights) the webmaster
    has the last word. Here `can_publish()` also asks the workflow: the Publish button, the admin
    API, bulk publish and the copy view all use it.
    """

    def can_publish(self):
        if not super().can_publish():
            return False
        if current_context().trusted:
            return True
        if not hasattr(self, "_final_step_allowed"):
            self._final_step_allowed = final_step_allowed(self.page, self.user)
        return self._final_step_allowed
