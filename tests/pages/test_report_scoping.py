"""Issue 9: Wagtail's own reports show each unit's staff only their units' items.

The reports under /admin/reports/ (workflows, workflow tasks, site history, aging pages, locked pages,
page types usage), their results fragments and their CSV/XLSX exports list pages, rights requests and
social posts by title; a social post's title is its text, drafts included. Unit staff hold
model-wide permissions on the posts and "add" on the university news folder, so Wagtail alone would
list every unit's posts and news drafts to them. Webmasters and superusers see everything; the
central roles (executive, President's Office, ARIT Director) see no unit item.

Every check goes through the real URLs; each text carries an ASCII marker so a leak shows in HTML,
CSV and XLSX alike.
"""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from wagtail.admin.urls import reports as wagtail_report_urls
from wagtail.models import BaseLogEntry, Page, TaskState, WorkflowState

from publication.pages.models import NewsPage
from publication.rights.models import RightsRequest
from publication.social.models import SocialPost
from tests.flows.helpers import add_news

pytestmark = pytest.mark.django_db

SCI_MARKERS = ("SCIPOST-", "SCINEWS-")
HUSO_MARKERS = ("HUSOPOST-", "HUSONEWS-")

# role -> markers of the items that role must never see
FOREIGN = {
    "sci_editor": HUSO_MARKERS,
    "sci_head": HUSO_MARKERS,
    "huso_editor": SCI_MARKERS,
    "huso_head": SCI_MARKERS,
    "executive": SCI_MARKERS + HUSO_MARKERS,
    "clerk": SCI_MARKERS + HUSO_MARKERS,
    "arit_director": SCI_MARKERS + HUSO_MARKERS,
    "webmaster": (),
    "superuser": (),
}
ROLES = tuple(FOREIGN)
CENTRAL = ("executive", "clerk", "arit_director")
SCI_ROLES, HUSO_ROLES = ("sci_editor", "sci_head"), ("huso_editor", "huso_head")
ALL_UNITS = ("webmaster", "superuser")

# report -> {role: markers the role must see}: the unit's own items stay in the reports (Wagtail's own
# rules decide which of them: e.g. a head holds only "add" on the university news folder, so the editor's
# university news draft is not the head's to edit and not in the head's workflow report).
EVERYTHING = SCI_MARKERS + HUSO_MARKERS
WORKFLOW_SEES = {
    "sci_editor": ("SCIPOST-", "SCINEWS-"),
    "sci_head": ("SCIPOST-", "SCINEWS-"),
    "huso_editor": ("HUSOPOST-",),
    "huso_head": ("HUSOPOST-",),
    "webmaster": ("SCIPOST-", "SCINEWS-", "HUSOPOST-"),
    "superuser": ("SCIPOST-", "SCINEWS-", "HUSOPOST-"),
}
MUST_SEE = {
    "workflow": WORKFLOW_SEES,
    "workflow_tasks": WORKFLOW_SEES,
    "site_history": {
        "sci_editor": SCI_MARKERS,
        "sci_head": SCI_MARKERS,
        "huso_editor": HUSO_MARKERS,
        "huso_head": HUSO_MARKERS,
        "webmaster": EVERYTHING,
        "superuser": EVERYTHING,
    },
    # Published pages the user may publish: the SCI head's own section.
    "aging_pages": {"sci_head": ("SCINEWS-",), "webmaster": ("SCINEWS-",), "superuser": ("SCINEWS-",)},
    "locked_pages": {"sci_head": ("SCINEWS-",), "webmaster": ("SCINEWS-",), "superuser": ("SCINEWS-",)},
    # The last edited news page shown for each page type.
    "page_types_usage": {
        "sci_editor": ("SCINEWS-",),
        "sci_head": ("SCINEWS-",),
        "huso_editor": ("HUSONEWS-",),
        "huso_head": ("HUSONEWS-",),
    },
}
EXPORTS = ("", "csv", "xlsx")
HAS_EXPORT = {"workflow", "workflow_tasks", "site_history", "aging_pages", "locked_pages"}


def wagtail_report_names() -> list[str]:
    return [pattern.name for pattern in wagtail_report_urls.urlpatterns]


def social_post(demo, unit_code: str, text: str, draft_text: str | None = None) -> SocialPost:
    """A post submitted by the unit's editor; the head then saves a draft of new text (not submitted)."""
    prefix = unit_code.lower()
    editor, head = demo.user(f"{prefix}_editor"), demo.user(f"{prefix}_head")
    post = SocialPost.objects.create(
        unit=demo.units[unit_code],
        requester=editor,
        channel="facebook",
        post_text=text,
        planned_at=timezone.now() + datetime.timedelta(days=2),
        poster_position="นักวิชาการคอมพิวเตอร์",
        live=False,
    )
    post.save_revision(user=editor)
    post.get_workflow().start(post, editor)
    if draft_text:
        post.post_text = draft_text
        post.save()
        post.save_revision(user=head)
    return post


def rights_request(demo, unit_code: str) -> RightsRequest:
    editor = demo.user(f"{unit_code.lower()}_editor")
    request_obj = RightsRequest.objects.create(
        unit=demo.units[unit_code], requester=editor, scope="news", justification="มีข่าวกิจกรรมทุกสัปดาห์", live=False
    )
    request_obj.staff.set([editor])
    request_obj.save_revision(user=editor)
    request_obj.get_workflow().start(request_obj, editor)
    return request_obj


def news(client, demo, username: str, folder, title: str, slug: str, *, submit: bool, owner_unit=None) -> NewsPage:
    client.force_login(demo.user(username))
    response = add_news(client, folder, title, slug=slug, owner_unit=owner_unit, action="action-submit" if submit else None)
    assert response.status_code == 302, response.content[:2000]
    page = NewsPage.objects.get(slug=slug)
    assert (page.current_workflow_state is not None) == submit
    return page


@pytest.fixture
def items(client, demo, make_news):
    """Items of HUSO, then of SCI: a post in a workflow, news drafts in and out of a workflow, a live locked page."""
    huso, sci = demo.units["HUSO"], demo.units["SCI"]
    made = {
        "huso_post": social_post(demo, "HUSO", "HUSOPOST-SUBMITTED เสวนาภาษาและวัฒนธรรมท้องถิ่น"),
        "huso_rights": rights_request(demo, "HUSO"),
        "huso_draft": news(
            client,
            demo,
            "huso_editor",
            demo.university_news,
            "HUSONEWS-DRAFT ร่างข่าวเสวนาภาษาถิ่น",
            "huso-draft",
            submit=False,
            owner_unit=huso,
        ),
        "sci_post": social_post(demo, "SCI", "SCIPOST-SUBMITTED ขอเชิญร่วมค่ายวิทยาศาสตร์สัญจร", "SCIPOST-DRAFT ร่างประกาศผลการแข่งขันตอบปัญหา"),
        "sci_rights": rights_request(demo, "SCI"),
        "sci_live": make_news(sci.news_index, "SCINEWS-LIVE ข่าวที่เผยแพร่แล้วของคณะ", owner_unit=sci, slug="sci-live"),
        "sci_submitted": news(
            client,
            demo,
            "sci_editor",
            demo.university_news,
            "SCINEWS-SUBMITTED ค่ายวิทยาศาสตร์สัญจรเขาค้อ",
            "sci-submitted",
            submit=True,
            owner_unit=sci,
        ),
        "sci_unit": news(client, demo, "sci_editor", sci.news_index, "SCINEWS-UNIT ข่าวในส่วนของคณะ", "sci-unit", submit=True),
        "sci_draft": news(
            client, demo, "sci_editor", demo.university_news, "SCINEWS-DRAFT ร่างข่าวที่ยังไม่ได้ส่ง", "sci-draft", submit=False, owner_unit=sci
        ),
    }
    client.force_login(demo.user("sci_head"))
    response = client.post(reverse("wagtailadmin_pages:lock", args=(made["sci_live"].pk,)))
    assert response.status_code == 302
    made["sci_live"].refresh_from_db()
    assert made["sci_live"].locked
    client.logout()
    return made


@pytest.fixture
def users(demo):
    superuser = get_user_model().objects.create_superuser("superuser", "superuser@pcru.ac.th", "pw")
    return {**{role: demo.user(role) for role in ROLES if role != "superuser"}, "superuser": superuser}


def body_text(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if raw.startswith(b"PK"):  # XLSX: a zip; read every cell
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
        return "\n".join(str(cell) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row if cell)
    return raw.decode("utf-8", "replace")


def listed_objects(response) -> list[tuple[int, str]]:
    """(base content type id, object id) of every row a report lists, read from its context."""
    if response.context is None or "object_list" not in response.context:
        return []
    page_type = ContentType.objects.get_for_model(Page).pk
    rows = []
    for row in response.context["object_list"]:
        if isinstance(row, TaskState):
            row = row.workflow_state
        if isinstance(row, WorkflowState):
            rows.append((row.base_content_type_id, str(row.object_id)))
        elif isinstance(row, BaseLogEntry):
            page_id = getattr(row, "page_id", None)
            rows.append((page_type, str(page_id)) if page_id else (row.content_type_id, str(row.object_id)))
        elif isinstance(row, Page):
            rows.append((page_type, str(row.pk)))
        elif getattr(row, "last_edited_page", None) is not None:
            rows.append((page_type, str(row.last_edited_page.pk)))
    return rows


def item_key(obj) -> tuple[int, str]:
    model = Page if isinstance(obj, Page) else type(obj)
    return ContentType.objects.get_for_model(model).pk, str(obj.pk)


def report_urls(name: str):
    for results in ("", "_results"):
        base = reverse(f"wagtailadmin_reports:{name}{results}")
        for export in EXPORTS if name in HAS_EXPORT else ("",):
            yield f"{base}?export={export}" if export else base


def test_every_wagtail_report_url_is_served_by_a_scoped_view():
    """The same paths and URL names as Wagtail's, so the Reports menu and reverse() land on the scoped views."""
    from publication.pages.reports import UnitScopedReportMixin

    reports = {name for name in wagtail_report_names() if not name.endswith("_results")}
    assert reports == set(MUST_SEE), "a Wagtail report without a row in MUST_SEE (or a row for a report that is gone)"
    for name in wagtail_report_names():
        url = reverse(f"wagtailadmin_reports:{name}")
        wagtail_path = next(str(p.pattern) for p in wagtail_report_urls.urlpatterns if p.name == name)
        assert url == f"/admin/reports/{wagtail_path}", name
        match = resolve(url)
        assert match.view_name == f"wagtailadmin_reports:{name}"
        assert issubclass(match.func.view_class, UnitScopedReportMixin), name
        wagtail_view = next(p.callback for p in wagtail_report_urls.urlpatterns if p.name == name)
        assert issubclass(match.func.view_class, wagtail_view.view_class), name
        assert match.func.view_initkwargs == wagtail_view.view_initkwargs, name


def test_no_route_leads_to_an_unscoped_report_view():
    """Wagtail's own report views are replaced, not shadowed: no URL anywhere still serves one."""
    wagtail_views = {pattern.callback.view_class for pattern in wagtail_report_urls.urlpatterns}

    def view_classes(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from view_classes(pattern.url_patterns)
            else:
                yield getattr(pattern.callback, "view_class", None)

    assert wagtail_views.isdisjoint(view_classes(get_resolver().url_patterns))


def test_reports_still_require_admin_access(client, demo):
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))
    client.force_login(get_user_model().objects.create_user("visitor", "visitor@example.com", "pw"))
    assert client.get(reverse("wagtailadmin_reports:workflow")).status_code in (302, 403)


@pytest.mark.parametrize("report", sorted(MUST_SEE))
def test_report_lists_only_the_users_units(client, demo, items, users, report):
    """Each report × listing/results × HTML/CSV/XLSX × role."""
    foreign_items = {
        "sci": [item_key(items[k]) for k in ("huso_post", "huso_rights", "huso_draft")],
        "huso": [item_key(items[k]) for k in ("sci_post", "sci_rights", "sci_live", "sci_submitted", "sci_unit", "sci_draft")],
    }
    client.raise_request_exception = False
    failures = []
    for role in ROLES:
        client.force_login(users[role])
        must_see = MUST_SEE[report].get(role, ())
        for url in report_urls(report):
            response = client.get(url)
            if response.status_code >= 500:
                failures.append(f"{role:14} {url}: {response.status_code}")
                continue
            text = body_text(response)
            shown = [marker for marker in FOREIGN[role] if marker in text]
            if shown:
                failures.append(f"{role:14} {url}: {response.status_code} shows {shown}")
            group = "sci" if role in SCI_ROLES else "huso" if role in HUSO_ROLES else None
            if role in CENTRAL:
                listed = listed_objects(response)
                unit_items = [key for keys in foreign_items.values() for key in keys]
                if leaked := [key for key in listed if key in unit_items]:
                    failures.append(f"{role:14} {url}: lists unit items {leaked}")
            elif group:
                if leaked := [key for key in listed_objects(response) if key in foreign_items[group]]:
                    failures.append(f"{role:14} {url}: lists other units' items {leaked}")
            if missing := [marker for marker in must_see if marker not in text]:
                failures.append(f"{role:14} {url}: {response.status_code}, own items missing {missing}")
    assert failures == [], f"{report}:\n" + "\n".join(failures)
