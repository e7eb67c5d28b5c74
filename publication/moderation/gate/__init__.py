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
and `publication.moderation.middleware.PublishGateMiddleware` answers with the Thai reasons. Views that can
refuse earlier and keep the user's draft (edit and create views, bulk publish, copy) call `decide`
first; see `publication.moderation.views`.
"""

from publication.moderation.gate.context import (
    PATH_LABELS,
    PublishingContext,
    current_actor,
    current_context,
    current_path,
    path_label,
    publishing_as,
    trusted_publication,
)
from publication.moderation.gate.decision import (
    Decision,
    PublishBlocked,
    acknowledge_warnings,
    approved_tasks_for,
    chain_problems,
    decide,
    is_gated,
    may_take_final_step,
    register_chain_rule,
    required_tasks,
    warnings_acknowledged,
    workflow_chain_problems,
)
from publication.moderation.gate.fingerprint import BOOKKEEPING_FIELDS, content_fingerprint, object_fingerprint
from publication.moderation.gate.guards import (
    check_live_move,
    enforce_live_state,
    enforce_media_unchanged_while_public,
    enforce_not_locked,
    enforce_schedule,
)
from publication.moderation.gate.pages import (
    GatedPageMixin,
    UnitOwnedPageMixin,
    WorkflowPagePermissionTester,
    final_step_allowed,
    publish_in_context,
    workflow_final_step_allowed,
)

__all__ = [
    "BOOKKEEPING_FIELDS",
    "PATH_LABELS",
    "Decision",
    "GatedPageMixin",
    "UnitOwnedPageMixin",
    "PublishBlocked",
    "PublishingContext",
    "WorkflowPagePermissionTester",
    "acknowledge_warnings",
    "approved_tasks_for",
    "chain_problems",
    "check_live_move",
    "content_fingerprint",
    "current_actor",
    "current_context",
    "current_path",
    "decide",
    "enforce_live_state",
    "enforce_media_unchanged_while_public",
    "enforce_not_locked",
    "enforce_schedule",
    "final_step_allowed",
    "is_gated",
    "may_take_final_step",
    "object_fingerprint",
    "path_label",
    "publish_in_context",
    "publishing_as",
    "register_chain_rule",
    "required_tasks",
    "trusted_publication",
    "warnings_acknowledged",
    "workflow_chain_problems",
    "workflow_final_step_allowed",
]
