"""Issue 9: every entry point Wagtail offers × every role × clean / error / warning content.

Two tests keep the gate honest:

* `test_every_live_state_entry_point_is_known` enumerates Wagtail's own registries — the admin URL
  patterns, the admin API's page actions and the bulk actions — and fails when one exists that this
  file does not list, either as covered (with the test that covers it) or as unable to make content
  public (with the reason). A Wagtail upgrade that adds a path turns CI red.
* `test_entry_point_matrix` drives each publish entry point through the real admin URLs for each
  role and content kind, in a unit with P1.2 rights (SCI: its head takes the last step) and one
  without (HUSO: head, then webmaster), and compares what went live with the rule.
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.models import Page, Revision

from publication.pages.models import NewsPage
from tests.flows.helpers import current_task_state, news_form, workflow_action

CLEAN = "คณะจัดกิจกรรมค่ายวิทยาศาสตร์สัญจรให้นักเรียนมัธยมในอำเภอเขาค้อ ทดลองเคมีในชีวิตประจำวัน"
WARNING = "สอบถามรายละเอียดเพิ่มเติมโทร 02-123-4567 ในวันและเวลาราชการ"
ERROR = "ลับที่สุด\nรายงานผลการสอบสวนวินัยของบุคลากร"
CONTENT = {"clean": CLEAN, "warning": WARNING, "error": ERROR}
ROLES = ("editor", "own_head", "other_head", "webmaster", "superuser")

# --- What each entry point is, and how it is covered ----------------------------------------------------

#: Admin URL names that can make content of ours public, and the tests that drive them.
LIVE_STATE_URLS = {
    "wagtailadmin_pages:edit": "test_entry_point_matrix[edit_view], test_gate.py (cases 3, 7)",
    "wagtailadmin_pages:add": "test_entry_point_matrix[create_view], test_gate.py::test_create_view_keeps_the_draft…",
    "wagtailadmin_pages:revisions_revert": "test_entry_point_matrix[revisions_revert]",
    "wagtailadmin_pages:workflow_action": "test_entry_point_matrix[workflow]",
    "wagtailadmin_pages:collect_workflow_action_data": "same view as workflow_action (modal data): test_entry_point_matrix[workflow]",
    "wagtailadmin_pages:copy": "test_entry_point_matrix[copy], test_gate.py (case 2)",
    "wagtailadmin_pages:convert_alias": "test_alias_paths",
    "wagtailadmin_api:pages:action": "test_entry_point_matrix[admin_api], test_gate.py (cases 1, 2, 4, 6), test_alias_paths",
    "wagtail_bulk_action": "test_entry_point_matrix[bulk_publish], test_gate.py (case 5)",
    "publication_acknowledge_publish": "test_gate.py (case 7)",
    "publication_external_create_notice": "creates a draft notice; its publish is the P1.4 chain: tests/letters/test_external_requests.py",
    # Moderated unit snippets (P1.2 rights requests, P1.5 social posts): publishing = clearing.
    "wagtailsnippets_publication_rightsrequest:edit": "test_snippet_paths",
    "wagtailsnippets_publication_rightsrequest:workflow_action": "test_snippet_paths, tests/flows/test_requests.py",
    "wagtailsnippets_publication_rightsrequest:collect_workflow_action_data": "same view as workflow_action: test_snippet_paths",
    "wagtailsnippets_publication_rightsrequest:revisions_revert": "test_snippet_paths",
    "wagtailsnippets_publication_rightsrequest:copy": "copy creates a draft (DraftStateMixin copies are never live): test_snippet_paths",
    "wagtailsnippets_publication_socialpost:edit": "test_snippet_paths",
    "wagtailsnippets_publication_socialpost:workflow_action": "test_snippet_paths, tests/flows/test_requests.py",
    "wagtailsnippets_publication_socialpost:collect_workflow_action_data": "same view as workflow_action: test_snippet_paths",
    "wagtailsnippets_publication_socialpost:revisions_revert": "test_snippet_paths",
    "wagtailsnippets_publication_socialpost:copy": "copy creates a draft: test_snippet_paths",
    "wagtailsnippets_publication_rightsrequest:add": "a new request is born a draft: test_snippet_paths",
    "wagtailsnippets_publication_socialpost:add": "a new post is born a draft: test_snippet_paths",
}

#: Admin URL names (exact, or a namespace ending in ":") that cannot make our content public.
NOT_LIVE_STATE_URLS = {
    # Pages: reading, navigation, taking content *off* the site, or structure.
    "wagtailadmin_pages:add_subpage": "chooses a page type; no write",
    "wagtailadmin_pages:choose_parent": "chooses a parent; no write",
    "wagtailadmin_pages:confirm_workflow_cancellation": "cancelling a workflow publishes nothing",
    "wagtailadmin_pages:delete": "takes content off the site",
    "wagtailadmin_pages:unpublish": "takes content off the site",
    "upkeep_takedown": "urgent takedown (G6): takes a page off the site; back only through the workflow (tests/upkeep/test_takedown.py)",
    "wagtailadmin_pages:revisions_unschedule": "withdraws a scheduled go-live",
    "wagtailadmin_pages:lock": "lock state only",
    "wagtailadmin_pages:unlock": "lock state only",
    "wagtailadmin_pages:move": "chooses a destination; no write",
    "wagtailadmin_pages:move_confirm": "moves a page: no content changes (owner re-derived; webmasters only across units)",
    "wagtailadmin_pages:set_page_position": "ordering among siblings",
    "wagtailadmin_pages:set_privacy": "restricts who may read a page",
    "wagtailadmin_pages:preview_on_add": "preview, never stored live",
    "wagtailadmin_pages:preview_on_edit": "preview, never stored live",
    "policy_findings_page_edit": "live policy findings of the edit form: checks, never saves (test_findings_panel.py)",
    "policy_findings_page_add": "live policy findings of the create form: checks, never saves",
    "wagtailsnippets_publication_rightsrequest:policy_findings": "live policy findings: checks, never saves",
    "wagtailsnippets_publication_rightsrequest:policy_findings_add": "live policy findings: checks, never saves",
    "wagtailsnippets_publication_socialpost:policy_findings": "live policy findings: checks, never saves",
    "wagtailsnippets_publication_socialpost:policy_findings_add": "live policy findings: checks, never saves",
    "wagtailadmin_pages:view_draft": "preview of the draft for the editor",
    "wagtailadmin_pages:workflow_preview": "preview",
    "wagtailadmin_pages:history": "read only",
    "wagtailadmin_pages:history_results": "read only",
    "wagtailadmin_pages:revisions_index": "read only",
    "wagtailadmin_pages:revisions_view": "read only",
    "wagtailadmin_pages:revisions_compare": "read only",
    "wagtailadmin_pages:search": "read only",
    "wagtailadmin_pages:search_results": "read only",
    "wagtailadmin_pages:type_use": "read only",
    "wagtailadmin_pages:type_use_results": "read only",
    "wagtailadmin_pages:usage": "read only",
    "wagtailadmin_pages:workflow_history": "read only",
    "wagtailadmin_pages:workflow_history_detail": "read only",
    "wagtailadmin_api:pages:listing": "read only",
    "wagtailadmin_api:pages:detail": "read only",
    "wagtailadmin_api:pages:find": "read only",
    "wagtailadmin_api:documents:": "read only (letters filtered: tests/letters/test_letters_private.py)",
    "wagtailadmin_api:images:": "read only",
    # Snippets that are ours but never public (letters are internal records; the rest configuration).
    "wagtailsnippets_publication_rightsrequest:list": "read only (scoped: test_snippet_scoping.py)",
    "wagtailsnippets_publication_rightsrequest:list_results": "read only",
    "wagtailsnippets_publication_rightsrequest:usage": "read only",
    "wagtailsnippets_publication_rightsrequest:history": "read only",
    "wagtailsnippets_publication_rightsrequest:history_results": "read only",
    "wagtailsnippets_publication_rightsrequest:revisions_compare": "read only",
    "wagtailsnippets_publication_rightsrequest:workflow_history": "read only",
    "wagtailsnippets_publication_rightsrequest:workflow_history_detail": "read only",
    "wagtailsnippets_publication_rightsrequest:confirm_workflow_cancellation": "cancelling publishes nothing",
    "wagtailsnippets_publication_rightsrequest:revisions_unschedule": "withdraws a scheduled go-live",
    "wagtailsnippets_publication_rightsrequest:unpublish": "takes it off",
    "wagtailsnippets_publication_rightsrequest:delete": "takes it off",
    "wagtailsnippets_publication_rightsrequest:lock": "lock state only",
    "wagtailsnippets_publication_rightsrequest:unlock": "lock state only",
    "wagtailsnippets_publication_socialpost:list": "read only (scoped: test_snippet_scoping.py)",
    "wagtailsnippets_publication_socialpost:list_results": "read only",
    "wagtailsnippets_publication_socialpost:usage": "read only",
    "wagtailsnippets_publication_socialpost:history": "read only",
    "wagtailsnippets_publication_socialpost:history_results": "read only",
    "wagtailsnippets_publication_socialpost:revisions_compare": "read only",
    "wagtailsnippets_publication_socialpost:workflow_history": "read only",
    "wagtailsnippets_publication_socialpost:workflow_history_detail": "read only",
    "wagtailsnippets_publication_socialpost:confirm_workflow_cancellation": "cancelling publishes nothing",
    "wagtailsnippets_publication_socialpost:revisions_unschedule": "withdraws a scheduled go-live",
    "wagtailsnippets_publication_socialpost:unpublish": "takes it off",
    "wagtailsnippets_publication_socialpost:delete": "takes it off",
    "wagtailsnippets_publication_socialpost:lock": "lock state only",
    "wagtailsnippets_publication_socialpost:unlock": "lock state only",
    "wagtailsnippets_publication_externalrequest:": "letters are internal records, never public (P1.4 notice pages are)",
    "wagtailsnippets_publication_unit:": "unit records (webmasters); changes re-provision rights",
    "wagtailsnippets_publication_actinghead:": "delegations (webmasters)",
    "wagtailsnippets_publication_newscategory:": "category names (webmasters)",
    "wagtailsnippets_policy_checks_policyterm:": "the policy lexicon (webmasters)",
    "wagtailsnippetchoosers_": "choosers: read only (scoped: tests/moderation/test_snippet_scoping.py)",
    "wagtailsnippets:": "snippet index: read only",
    # Media, people, configuration, reports.
    "wagtailimages": "images are published only through a page that uses them",
    "wagtaildocs": "documents are published only through a page that links them",
    "wagtailusers_": "accounts and groups (superusers)",
    "wagtailsites:": "site records (superusers)",
    "wagtailredirects:": "redirects (webmasters); no content",
    "wagtailadmin_collections:": "collections (superusers)",
    "wagtailadmin_workflows:": "workflow definitions (superusers): the gate always asks the current one",
    "wagtailadmin_reports:": "read only",
    "wagtailforms:": "form submissions (none of our pages are forms)",
    "wagtailsettings:": "site settings (webmasters)",
    "wagtailembeds:": "embed look-ups",
    "wagtailadmin_editing_sessions:": "presence pings",
    "notification": "the outbox (webmasters)",
    "login_attempts": "failed sign-ins report (webmasters): read only (tests/organisation/test_login_throttling.py)",
    "login_attempts_results": "failed sign-ins report (webmasters): read only",
    "login_attempts_unlock": "lifts a sign-in lock (webmasters); no content",
    "publication_review_report": "periodic review report (P1.1(1)): read only (tests/upkeep/test_review.py)",
    "publication_review_report_results": "periodic review report: read only",
    "publication_review_schedule": "a page's review schedule: the schedule row only, never the page or a revision",
    "publication_review_mark_reviewed": "records a review on the schedule and the page's log; the page is not saved",
    "publication_": "our own views: register, PDFs, steps of letters, calendar (no page or snippet goes live)",
    "wagtailadmin_": "dashboard, account, login, choosers, autocomplete, sprites, error pages",
    "wagtail_": "other Wagtail utilities",
    "wagtail": "Wagtail's catch-all page serving under /admin/ (none)",
    "": "unnamed patterns",
}

#: Admin API page actions (`PagesAdminAPIViewSet.actions`).
API_ACTIONS = {
    "publish": "test_entry_point_matrix[admin_api], test_gate.py (case 1)",
    "copy": "test_gate.py (case 2): keep_live refused",
    "create_alias": "test_alias_paths, test_gate.py (case 4)",
    "convert_alias": "test_alias_paths",
    "revert_to_page_revision": "test_gate.py (case 6): refused on locked pages; a revision is never live by itself",
    "copy_for_translation": "creates a draft translation (i18n is off)",
    "unpublish": "takes content off the site",
    "move": "structure only",
    "delete": "takes content off the site",
}

#: Bulk actions by (app_label, model_name, action_type).
BULK_ACTIONS = {
    "publish": "test_entry_point_matrix[bulk_publish], test_gate.py (case 5)",
    "unpublish": "takes content off the site",
    "delete": "takes content off the site",
    "move": "structure only",
    "add_tags": "images and documents: tags",
    "add_to_collection": "images and documents: collection (letters guarded: test_letters_private.py)",
    "assign_role": "users: groups (superusers)",
    "set_active_state": "users: active flag (superusers)",
}


#: Namespaces where every URL name must be listed one by one (a new view there may publish).
STRICT_NAMESPACES = (
    "wagtailadmin_pages:",
    "wagtailadmin_api:pages:",
    "wagtailsnippets_publication_rightsrequest:",
    "wagtailsnippets_publication_socialpost:",
)


def _admin_url_names() -> set[str]:
    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            else:
                yield prefix + str(pattern.pattern), (f"{namespace}:" if namespace else "") + (pattern.name or "")

    return {name for path, name in walk(get_resolver().url_patterns) if path.startswith("admin/")}


def _classified(name: str) -> bool:
    if name in LIVE_STATE_URLS or name in NOT_LIVE_STATE_URLS:
        return True
    # Exact page names above win; anything else under the page and API namespaces must be listed.
    if name.startswith(STRICT_NAMESPACES):
        return False
    return any(key and (key.endswith((":", "_")) or key in ("wagtailimages", "wagtaildocs", "notification", "wagtail"))
               and name.startswith(key) for key in NOT_LIVE_STATE_URLS) or name == ""


def test_every_live_state_entry_point_is_known():
    from wagtail import hooks
    from wagtail.admin.api.views import PagesAdminAPIViewSet

    names = _admin_url_names()
    unknown = sorted(name for name in names if not _classified(name))
    assert not unknown, f"Admin URLs the gate tests do not know yet (classify them in this file): {unknown}"
    assert set(LIVE_STATE_URLS) <= names, "a covered URL disappeared: update the table"

    assert set(PagesAdminAPIViewSet.actions) == set(API_ACTIONS), (
        f"Admin API page actions changed: {sorted(set(PagesAdminAPIViewSet.actions) ^ set(API_ACTIONS))}"
    )

    action_types = set()
    for fn in hooks.get_hooks("register_bulk_action"):
        action_types.add(fn.action_type)
    assert action_types == set(BULK_ACTIONS), f"Bulk actions changed: {sorted(action_types ^ set(BULK_ACTIONS))}"

    # Every snippet model with draft state is either gated or listed as never public.
    from django.apps import apps
    from wagtail.models import DraftStateMixin

    from publication.moderation.checks import is_checked_page

    for model in apps.get_models():
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page):
            viewset = getattr(model, "snippet_viewset", None)
            key = f"{viewset.url_namespace}:" if viewset else f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:"
            gated = hasattr(model, "policy_texts")
            assert gated == (key in STRICT_NAMESPACES) or key in NOT_LIVE_STATE_URLS, f"{model.__name__}: classify it"
            assert gated == (model._meta.model_name in ("rightsrequest", "socialpost")), model
            assert not gated or any(name.startswith(key) for name in LIVE_STATE_URLS)
            assert is_checked_page(model.__new__(model)) == gated


def test_enumeration_fails_on_an_unknown_entry_point(settings):
    """The enumeration can fail: a made-up page URL is caught."""
    assert not _classified("wagtailadmin_pages:publish_everything")
    assert not _classified("wagtailadmin_api:pages:new_action")
    assert not _classified("wagtailsnippets_publication_socialpost:publish")
    assert _classified("wagtailimages:index")


# --- The matrix ---------------------------------------------------------------------------------------------


class Cells:
    """Pages made for one (location, content, role) each, through the admin's own views."""

    def __init__(self, client, demo, superuser):
        self.client = client
        self.demo = demo
        self.users = {**demo.users, "superuser": superuser}
        self.counter = 0

    def who(self, location: str, role: str):
        own, other = ("SCI", "HUSO") if location == "SCI" else ("HUSO", "SCI")
        name = {
            "editor": f"{own.lower()}_editor",
            "own_head": f"{own.lower()}_head",
            "other_head": f"{other.lower()}_head",
            "webmaster": "webmaster",
            "superuser": "superuser",
        }[role]
        return self.users[name]

    def as_user(self, user):
        self.client.force_login(user)
        return self.client

    def folder(self, location: str):
        return self.demo.units[location].news_index

    def slug(self) -> str:
        self.counter += 1
        return f"cell-{self.counter}"

    def item(self, location: str, content: str, *, state: str = "draft") -> NewsPage:
        """A news item of the unit's editor: a draft, submitted, or approved by the head (HUSO)."""
        slug = self.slug()
        editor = self.as_user(self.who(location, "editor"))
        url = reverse("wagtailadmin_pages:add", args=("pages", "newspage", self.folder(location).pk))
        response = editor.post(url, news_form(f"ข่าวทดสอบ {slug}", CONTENT[content], slug=slug, action=None))
        assert response.status_code == 302, response.content[:800]
        page = NewsPage.objects.get(slug=slug)
        if state in ("submitted", "head_approved"):
            page.get_workflow().start(page, self.who(location, "editor"))
        if state == "head_approved":
            head = self.as_user(self.who(location, "own_head"))
            action = "approve_ack" if content == "warning" else "approve"
            workflow_action(head, page, action, current_task_state(page), acknowledge_warnings="on")
        return NewsPage.objects.get(pk=page.pk)

    def edit_form(self, page: NewsPage, **extra) -> dict:
        """The edit form as the browser posts it: same fields, the body block keeping its id."""
        text = next(iter(self._texts(page)), "")
        data = news_form(page.title, text, slug=page.slug, action=None, **extra)
        data["body-0-id"] = page.body[0].id
        return data

    @staticmethod
    def _texts(page):
        from publication.moderation.checks import rich_text_to_plain

        revision = page.latest_revision
        obj = revision.as_object() if revision else page
        for block in obj.body:
            yield rich_text_to_plain(block.value.source)


def _live(page) -> bool:
    return Page.objects.get(pk=page.pk).live


def _edit_view(cells, page, user):
    data = cells.edit_form(page)
    data["action-publish"] = "1"
    cells.as_user(user).post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def _revisions_revert(cells, page, user):
    data = cells.edit_form(page)
    data["action-publish"] = "1"
    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, page.latest_revision_id])
    cells.as_user(user).post(url, data)


def _admin_api(cells, page, user):
    cells.as_user(user).post(f"/admin/api/main/pages/{page.pk}/action/publish/", {}, content_type="application/json")


def _bulk_publish(cells, page, user):
    cells.as_user(user).post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}", {})


def _programmatic(cells, page, user):
    from django.core.exceptions import PermissionDenied

    from publication.moderation.gate import PublishBlocked

    try:
        with transaction.atomic():
            page.latest_revision.publish(user=user)
    except (PublishBlocked, PermissionDenied):
        pass


def _scheduled(cells, page, user):
    tomorrow = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    data = cells.edit_form(page, go_live_at=tomorrow)
    data["action-publish"] = "1"
    cells.as_user(user).post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    past = timezone.now() - datetime.timedelta(minutes=1)
    for revision in Revision.objects.filter(object_id=str(page.pk), approved_go_live_at__isnull=False):
        revision.content["go_live_at"] = past.isoformat()
        Revision.objects.filter(pk=revision.pk).update(content=revision.content, approved_go_live_at=past)
    call_command("publish_scheduled", stdout=io.StringIO())


def _workflow(cells, page, user):
    task_state = current_task_state(page)
    if task_state is None:
        return
    action = "approve_ack" if task_state.revision.content_check.warning_count else "approve"
    workflow_action(cells.as_user(user), page, action, task_state, acknowledge_warnings="on")


ENTRY_POINTS = {
    "edit_view": _edit_view,
    "revisions_revert": _revisions_revert,
    "admin_api": _admin_api,
    "bulk_publish": _bulk_publish,
    "programmatic": _programmatic,
    "scheduled": _scheduled,
    "workflow": _workflow,
}


def expected_live(entry: str, location: str, state: str, content: str, role: str) -> bool:
    """The rule of issue 9: passing checks, acknowledged warnings, the location's chain completed."""
    if content == "error":
        return False
    # SCI holds P1.2 rights: its head takes the last (only) step. HUSO goes head → webmaster: the
    # webmaster (or a superuser) takes the last step, after the head approved this content.
    final = role == "own_head" if location == "SCI" else role in ("webmaster", "superuser") and state == "head_approved"
    if entry == "workflow":
        return final  # approving with "approve_ack" is the acknowledgement
    acknowledged = content == "clean" or state == "head_approved"
    return final and acknowledged


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_entry_point_matrix(entry, client, demo, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", "root@pcru.ac.th", "pw")
    cells = Cells(client, demo, superuser)
    plans = [("SCI", "submitted" if entry == "workflow" else "draft"), ("HUSO", "head_approved")]
    wrong = []
    for location, state in plans:
        for content in CONTENT:
            for role in ROLES:
                item_state = state
                if content == "error" and state == "head_approved":
                    item_state = "submitted"  # errors never pass the head: the item waits at the head step
                page = cells.item(location, content, state=item_state)
                ENTRY_POINTS[entry](cells, page, cells.who(location, role))
                got = _live(page)
                want = expected_live(entry, location, item_state, content, role)
                if got != want:
                    wrong.append(f"{location}/{item_state}/{content}/{role}: live={got}, expected {want}")
    assert not wrong, f"{entry}: " + "; ".join(wrong)


def test_create_view_publish_matrix(client, demo, django_user_model):
    """A new page with "Publish" goes live only for the unit's final approver, with clean content."""
    superuser = django_user_model.objects.create_superuser("root", "root@pcru.ac.th", "pw")
    cells = Cells(client, demo, superuser)
    wrong = []
    for location in ("SCI", "HUSO"):
        for content in CONTENT:
            for role in ROLES:
                slug = cells.slug()
                url = reverse("wagtailadmin_pages:add", args=("pages", "newspage", cells.folder(location).pk))
                cells.as_user(cells.who(location, role)).post(
                    url, news_form(f"ข่าวใหม่ {slug}", CONTENT[content], slug=slug, action="action-publish")
                )
                page = NewsPage.objects.filter(slug=slug).first()
                got = bool(page and page.live)
                want = content == "clean" and location == "SCI" and role == "own_head"
                if got != want:
                    wrong.append(f"{location}/{content}/{role}: live={got}, expected {want}")
    assert not wrong, "; ".join(wrong)


def test_copy_with_publish_copies_matrix(client, demo, django_user_model, make_news):
    """A published copy is a new page that skipped its approval: never live, for any role."""
    superuser = django_user_model.objects.create_superuser("root", "root@pcru.ac.th", "pw")
    cells = Cells(client, demo, superuser)
    for location in ("SCI", "HUSO"):
        source = make_news(cells.folder(location), f"ข่าวต้นฉบับ {location}", owner_unit=demo.units[location],
                           slug=f"source-{location.lower()}")
        for role in ROLES:
            slug = cells.slug()
            cells.as_user(cells.who(location, role)).post(
                reverse("wagtailadmin_pages:copy", args=[source.pk]),
                {"new_title": source.title, "new_slug": slug, "new_parent_page": source.get_parent().pk,
                 "publish_copies": "on"},
            )
            assert not Page.objects.filter(slug=slug, live=True).exists(), (location, role)


def test_alias_paths(client, demo, make_news):
    """An alias mirrors its source: live only while the source is; converting it changes nothing public."""
    webmaster = client
    webmaster.force_login(demo.user("webmaster"))
    live = make_news(demo.units["SCI"].news_index, "ข่าวที่เผยแพร่แล้ว", owner_unit=demo.units["SCI"], slug="live")
    draft = make_news(demo.units["SCI"].news_index, "ข่าวฉบับร่าง", owner_unit=demo.units["SCI"], slug="draft",
                      publish=False)
    for source, slug in ((live, "live-alias"), (draft, "draft-alias")):
        response = webmaster.post(f"/admin/api/main/pages/{source.pk}/action/create_alias/",
                                  {"destination_page_id": demo.university_news.pk, "update_slug": slug},
                                  content_type="application/json")
        assert response.status_code == 201, response.content[:300]
    assert Page.objects.get(slug="live-alias").live
    assert not Page.objects.get(slug="draft-alias").live
    # Converting a live alias into a page changes nothing the public reads: allowed, still live.
    alias = Page.objects.get(slug="live-alias")
    response = webmaster.post(reverse("wagtailadmin_pages:convert_alias", args=[alias.pk]), {})
    alias.refresh_from_db()
    assert alias.alias_of_id is None and alias.live
    response = webmaster.post(f"/admin/api/main/pages/{Page.objects.get(slug='draft-alias').pk}/action/convert_alias/",
                              {}, content_type="application/json")
    assert not Page.objects.get(slug="draft-alias").live


def test_snippet_paths(client, demo):
    """Rights requests and social posts are cleared only by their workflow's last step, whatever URL."""
    from django.core.exceptions import PermissionDenied

    from publication.moderation.gate import PublishBlocked
    from publication.social.models import SocialPost

    post = SocialPost.objects.create(
        unit=demo.units["SCI"], requester=demo.user("sci_editor"), channel="facebook",
        post_text="ขอเชิญร่วมงานวันวิทยาศาสตร์ 18 สิงหาคม ณ อาคารวิทยาศาสตร์", planned_at=timezone.now(),
        poster_position="นักวิชาการคอมพิวเตอร์", live=False,
    )
    revision = post.save_revision(user=demo.user("sci_editor"))
    base = "wagtailsnippets_publication_socialpost"
    edit_data = {"unit": demo.units["SCI"].pk, "channel": "facebook", "post_text": post.post_text,
                 "planned_at": timezone.localtime(post.planned_at).strftime("%Y-%m-%d %H:%M"),
                 "speaks_for_university": "on", "poster_position": post.poster_position, "media_links": "",
                 "action-publish": "1"}
    for user in ("sci_editor", "sci_head", "huso_head", "webmaster"):
        client.force_login(demo.user(user))
        client.post(reverse(f"{base}:edit", args=[post.pk]), edit_data)
        client.post(reverse(f"{base}:revisions_revert", args=[post.pk, revision.pk]), edit_data)
        assert not SocialPost.objects.get(pk=post.pk).live, user
        with pytest.raises((PublishBlocked, PermissionDenied)), transaction.atomic():
            revision.publish(user=demo.user(user))
        assert not SocialPost.objects.get(pk=post.pk).live, user
    # A new post with "Publish" is born a draft.
    client.force_login(demo.user("sci_head"))
    client.post(reverse(f"{base}:add"), {**edit_data, "post_text": "โพสต์ใหม่ที่กดเผยแพร่ทันที"})
    created = SocialPost.objects.get(post_text="โพสต์ใหม่ที่กดเผยแพร่ทันที")
    assert not created.live
    # Copying a post makes a draft: nothing is cleared without the workflow.
    client.force_login(demo.user("sci_editor"))
    client.post(reverse(f"{base}:copy", args=[post.pk]), {**edit_data, "action-publish": ""})
    assert not SocialPost.objects.filter(live=True).exists()
