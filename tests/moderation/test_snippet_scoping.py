"""Issue 9, case 8: every admin view of a unit's rights request or social post answers that unit only.

The editors, heads and acting heads of the item's unit see it; webmasters and superusers see all;
other units' staff and the central roles (executive, President's Office, ARIT Director) are refused
(403/404, or Wagtail's redirect to the dashboard) and never see the item's text. The table below
names every view the two snippet viewsets (and their choosers) register: a view a Wagtail upgrade
adds turns `test_table_covers_every_registered_view` red until it is given a row here.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import get_resolver, resolve, reverse
from django.utils import timezone
from wagtail.models import TaskState

from publication.moderation.snippet_views import UnitScopedViewMixin
from publication.rights.models import RightsRequest
from publication.social.models import SocialPost

pytestmark = pytest.mark.django_db

MODELS = {"rightsrequest": RightsRequest, "socialpost": SocialPost}

# Each text carries an ASCII marker, so a leak shows even in JSON (which escapes Thai) or a CSV.
SUBMITTED = {
    "rightsrequest": "SCIRR-SUBMITTED คณะมีข่าวค่ายวิทยาศาสตร์สัญจรทุกสัปดาห์",
    "socialpost": "SCIPOST-SUBMITTED ขอเชิญร่วมค่ายวิทยาศาสตร์สัญจร",
}
DRAFT = {
    "rightsrequest": "SCIRR-DRAFT ร่างที่ยังไม่ได้ส่ง ขอสิทธิ์ดูแลหน้าเว็บไซต์ของคณะด้วย",
    "socialpost": "SCIPOST-DRAFT ร่างที่ยังไม่ได้ส่ง ประกาศผลการแข่งขันตอบปัญหา",
}
MARKERS = ("SCIRR-", "SCIPOST-")
TEXT_FIELD = {"rightsrequest": "justification", "socialpost": "post_text"}

OWN = ("sci_editor", "sci_head")
ALL_UNITS = ("webmaster", "superuser")
OUTSIDE = ("huso_editor", "huso_head", "executive", "clerk", "arit_director")
ROLES = OWN + ALL_UNITS + OUTSIDE

OK, REFUSED, NOT_ALLOWED = 200, "refused", 405  # NOT_ALLOWED: a POST-only view opened with GET

# view name -> (kind, URL arguments, {in-scope role: expected outcome}).
# "object" views must refuse every role outside the unit; "listing" views may answer them but
# without the item. The in-scope outcomes are Wagtail's own rules (model permissions, workflow
# tasks): the scoping must not take anything away from the people of the unit.
SAME = {role: OK for role in OWN + ALL_UNITS}
VIEWS = {
    "list": ("listing", lambda i: (), SAME),
    "list?export=csv": ("listing", lambda i: (), SAME),
    "list_results": ("listing", lambda i: (), SAME),
    "add": ("listing", lambda i: (), SAME),
    "edit": ("object", lambda i: (i.obj.pk,), SAME),
    # Unit staff hold no delete permission on requests and posts.
    "delete": ("object", lambda i: (i.obj.pk,), {"sci_editor": REFUSED, "sci_head": REFUSED, "webmaster": OK, "superuser": OK}),
    "usage": ("object", lambda i: (i.obj.pk,), SAME),
    "history": ("object", lambda i: (i.obj.pk,), SAME),
    "history_results": ("object", lambda i: (i.obj.pk,), SAME),
    "copy": ("object", lambda i: (i.obj.pk,), SAME),
    "revisions_revert": ("object", lambda i: (i.obj.pk, i.first_revision.pk), SAME),
    "revisions_compare": ("object", lambda i: (i.obj.pk, i.first_revision.pk, i.latest_revision.pk), SAME),
    # Nobody but a superuser holds the publish permission; the item is neither scheduled nor live.
    "revisions_unschedule": (
        "object",
        lambda i: (i.obj.pk, i.first_revision.pk),
        {"sci_editor": REFUSED, "sci_head": REFUSED, "webmaster": REFUSED, "superuser": OK},
    ),
    "unpublish": (
        "object",
        lambda i: (i.obj.pk,),
        {"sci_editor": REFUSED, "sci_head": REFUSED, "webmaster": REFUSED, "superuser": OK},
    ),
    # While the head's task runs only the head (and superusers) may lock; nobody may unlock a lock they did not set.
    "lock": (
        "object",
        lambda i: (i.obj.pk,),
        {"sci_editor": REFUSED, "sci_head": NOT_ALLOWED, "webmaster": REFUSED, "superuser": NOT_ALLOWED},
    ),
    "unlock": (
        "object",
        lambda i: (i.obj.pk,),
        {"sci_editor": REFUSED, "sci_head": REFUSED, "webmaster": REFUSED, "superuser": NOT_ALLOWED},
    ),
    # Only the unit's head acts on the head's task.
    "workflow_action": (
        "object",
        lambda i: (i.obj.pk, "approve", i.task_state.pk),
        {"sci_editor": REFUSED, "sci_head": OK, "webmaster": REFUSED, "superuser": REFUSED},
    ),
    "collect_workflow_action_data": (
        "object",
        lambda i: (i.obj.pk, "approve", i.task_state.pk),
        {"sci_editor": REFUSED, "sci_head": OK, "webmaster": REFUSED, "superuser": REFUSED},
    ),
    "confirm_workflow_cancellation": ("object", lambda i: (i.obj.pk,), SAME),
    "workflow_history": ("object", lambda i: (i.obj.pk,), SAME),
    "workflow_history_detail": ("object", lambda i: (i.obj.pk, i.workflow_state.pk), SAME),
    # The live policy findings of the edit/create form (issue 12): POST only.
    "policy_findings": ("object", lambda i: (i.obj.pk,), dict.fromkeys(OWN + ALL_UNITS, NOT_ALLOWED)),
    "policy_findings_add": ("listing", lambda i: (), dict.fromkeys(OWN + ALL_UNITS, NOT_ALLOWED)),
    "chooser:choose": ("listing", lambda i: (), SAME),
    "chooser:choose_results": ("listing", lambda i: (), SAME),
    "chooser:chosen": ("object", lambda i: (i.obj.pk,), SAME),
    "chooser:chosen_multiple": ("listing", lambda i: (), SAME),
    "chooser:create": ("listing", lambda i: (), SAME),
}
# Views whose page shows the item's text to its own unit: proof that the leak check can see a leak.
SHOWS_TEXT = {"edit", "copy", "revisions_revert", "revisions_compare", "list?export=csv"}


class Item:
    """A unit's request or post waiting for the head, with an unsubmitted draft saved after submission."""

    def __init__(self, model_name: str, obj):
        self.model_name = model_name
        self.obj = obj
        revisions = list(obj.revisions.order_by("created_at", "pk"))
        self.first_revision, self.latest_revision = revisions[0], revisions[-1]
        self.workflow_state = obj.current_workflow_state
        self.task_state = self.workflow_state.current_task_state

    def url(self, view: str) -> str:
        kind, args, _expected = VIEWS[view]
        name, _sep, query = view.partition("?")
        namespace = self.obj.snippet_viewset.url_namespace
        if name.startswith("chooser:"):
            namespace, name = self.obj.snippet_viewset.chooser_viewset.url_namespace, name.removeprefix("chooser:")
        url = reverse(f"{namespace}:{name}", args=args(self))
        if name == "chosen_multiple":
            query = f"id={self.obj.pk}"
        return f"{url}?{query}" if query else url


def _moderated(obj, editor, head, draft_field: str, draft_text: str):
    """Submitted by the editor; then the head, reviewing, saves a draft of new text (not submitted)."""
    obj.save_revision(user=editor)
    obj.get_workflow().start(obj, editor)
    setattr(obj, draft_field, draft_text)
    obj.save()
    obj.save_revision(user=head)  # the workflow lock keeps the editor out, not the head
    return obj


def make_items(demo, unit_code: str = "SCI", texts=(SUBMITTED, DRAFT)) -> dict[str, Item]:
    unit, editor = demo.units[unit_code], demo.user(f"{unit_code.lower()}_editor")
    head = demo.user(f"{unit_code.lower()}_head")
    submitted, draft = texts
    request_obj = RightsRequest.objects.create(
        unit=unit, requester=editor, scope="news", justification=submitted["rightsrequest"], live=False
    )
    request_obj.staff.set([editor])
    post = SocialPost.objects.create(
        unit=unit,
        requester=editor,
        channel="facebook",
        post_text=submitted["socialpost"],
        planned_at=timezone.now() + datetime.timedelta(days=2),
        poster_position="นักวิชาการคอมพิวเตอร์",
        live=False,
    )
    return {
        "rightsrequest": Item("rightsrequest", _moderated(request_obj, editor, head, "justification", draft["rightsrequest"])),
        "socialpost": Item("socialpost", _moderated(post, editor, head, "post_text", draft["socialpost"])),
    }


@pytest.fixture
def users(demo):
    superuser = get_user_model().objects.create_superuser("superuser", "superuser@pcru.ac.th", "pw")
    return {**{role: demo.user(role) for role in ROLES if role != "superuser"}, "superuser": superuser}


def body_text(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    text = raw.decode("utf-8", "replace")
    if response.get("Content-Type", "").startswith("application/json"):
        text += json.dumps(json.loads(raw), ensure_ascii=False)
    return text


def leaks(response, model_name: str) -> list[str]:
    text = body_text(response)
    secrets = (*MARKERS, SUBMITTED[model_name].split(" ", 1)[1], DRAFT[model_name].split(" ", 1)[1])
    return [secret for secret in secrets if secret in text]


def is_refused(response) -> bool:
    """403/404, or Wagtail's PermissionDenied for a page request: back to the dashboard with a message."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def outcome(response):
    return REFUSED if is_refused(response) else response.status_code


def registered_view_names(model) -> set[str]:
    """The URL names in the viewset's and the chooser's namespaces, read from the live URLconf."""
    viewset = model.snippet_viewset
    namespaces = {viewset.url_namespace: "", viewset.chooser_viewset.url_namespace: "chooser:"}
    names = set()
    for namespace, prefix in namespaces.items():
        _prefix, resolver = get_resolver().namespace_dict[namespace]
        names |= {prefix + pattern.name for pattern in resolver.url_patterns if pattern.name}
    return names


@pytest.mark.parametrize("model_name", MODELS)
def test_table_covers_every_registered_view(model_name):
    registered = registered_view_names(MODELS[model_name])
    tabled = {view.partition("?")[0] for view in VIEWS}
    assert registered - tabled == set(), "a snippet view without a scoping row in VIEWS"
    assert tabled - registered == set(), "a row in VIEWS for a view that is no longer registered"


@pytest.mark.parametrize("model_name", MODELS)
def test_every_registered_view_is_unit_scoped(demo, model_name):
    item = make_items(demo)[model_name]
    for view in VIEWS:
        view_class = resolve(item.url(view).partition("?")[0]).func.view_class
        assert issubclass(view_class, UnitScopedViewMixin), view


@pytest.mark.parametrize("model_name", MODELS)
def test_each_view_answers_the_unit_only(client, demo, users, model_name):
    """Every view × every role (one test per model: the demo university takes seconds to build)."""
    item = make_items(demo)[model_name]
    client.raise_request_exception = False  # a view that crashes is a 500 row in the table
    failures = []
    for role in ROLES:
        client.force_login(users[role])
        for view, (kind, _args, expected_in_scope) in VIEWS.items():
            response = client.get(item.url(view))
            leaked = leaks(response, model_name)
            if role in OUTSIDE:
                if kind == "object" and not is_refused(response):
                    failures.append(f"{role:14} {view}: {response.status_code}, expected refused")
                if leaked:
                    failures.append(f"{role:14} {view}: {response.status_code} shows {leaked}")
                continue
            if outcome(response) != expected_in_scope[role]:
                failures.append(f"{role:14} {view}: {outcome(response)}, expected {expected_in_scope[role]}")
            if role == "sci_editor" and view in SHOWS_TEXT and not leaked:
                failures.append(f"{role:14} {view}: the unit's own editor does not see the text")
            if view == "history" and response.status_code == 200 and not response.context["object_list"]:
                failures.append(f"{role:14} history: no log entries listed")
    assert failures == [], f"{model_name}:\n" + "\n".join(failures)


@pytest.mark.parametrize("model_name", MODELS)
def test_other_units_cannot_change_anything(client, demo, users, model_name):
    """POSTs from another unit's head: save a draft, revert, lock, approve, copy, bulk delete."""
    item = make_items(demo)[model_name]
    huso_item = make_items(
        demo,
        "HUSO",
        texts=({m: f"HUSO {m} ฉบับส่ง" for m in MODELS}, {m: f"HUSO {m} ฉบับร่าง" for m in MODELS}),
    )[model_name]
    obj = item.obj
    latest_before = obj.latest_revision_id
    client.force_login(users["huso_head"])
    attempts = {
        "edit": {TEXT_FIELD[model_name]: "แก้โดยหน่วยงานอื่น", "unit": demo.units["HUSO"].pk},
        "revisions_revert": {TEXT_FIELD[model_name]: "ย้อนโดยหน่วยงานอื่น"},
        "lock": {},
        "workflow_action": {"comment": "อนุมัติข้ามหน่วยงาน"},
        "copy": {TEXT_FIELD[model_name]: "สำเนาโดยหน่วยงานอื่น", "unit": demo.units["HUSO"].pk},
    }
    for view, data in attempts.items():
        response = client.post(item.url(view), data)
        assert is_refused(response), (view, response.status_code)
        assert not leaks(response, model_name), view
    # Their own item's URL with SCI's task state: the task state must belong to the item named.
    approve_own_url = reverse(
        f"{obj.snippet_viewset.url_namespace}:workflow_action", args=(huso_item.obj.pk, "approve", item.task_state.pk)
    )
    assert client.post(approve_own_url, {"comment": ""}).status_code == 404

    obj.refresh_from_db()
    item.task_state.refresh_from_db()
    assert obj.latest_revision_id == latest_before
    assert not obj.locked
    assert item.task_state.status == TaskState.STATUS_IN_PROGRESS
    assert MODELS[model_name].objects.filter(unit=demo.units["HUSO"]).count() == 1  # no copy made

    # Snippets' bulk delete lists the items a user may not delete by title (a post's title is its text).
    bulk_url = reverse("wagtail_bulk_action", args=(MODELS[model_name]._meta.app_label, model_name, "delete")) + f"?id={obj.pk}"
    for role in ("huso_editor", "executive"):
        client.force_login(users[role])
        response = client.get(bulk_url)
        assert is_refused(response) and not leaks(response, model_name), role
        assert client.post(bulk_url).status_code in (302, 404)
    assert MODELS[model_name].objects.filter(pk=obj.pk).exists()
    client.force_login(users["webmaster"])
    assert client.get(bulk_url).status_code == 200
