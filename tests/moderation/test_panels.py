"""The "My work" dashboard panels of moderation (P1.1–P1.3), rendered at /admin/ as each demo role.

Items are submitted, sent back and approved through the real admin views (`tests.flows.helpers`);
rights requests and social posts are the demo's own (`ensure_requests_and_posts`).
"""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import TaskState

from publication.demo.requests import ensure_requests_and_posts
from publication.moderation.panels import EditorWorkPanel, HeadWorkPanel, WebmasterWorkPanel
from publication.pages.models import NewsPage
from tests.flows.helpers import add_news, current_task_state, workflow_action

SENT_BACK_COMMENT = "กรุณาเพิ่มชื่อผู้ให้ข้อมูลและตรวจวันที่จัดกิจกรรมอีกครั้ง"


# --- reading the dashboard --------------------------------------------------------------------------


def dashboard(client, user) -> BeautifulSoup:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def panel(soup: BeautifulSoup, name: str):
    return soup.select_one(f'[data-my-work="{name}"]')


def work_list(soup: BeautifulSoup, name: str, key: str):
    found = panel(soup, name)
    assert found is not None, f"panel {name} missing"
    return found.select_one(f'[data-my-work-list="{key}"]')


def count(soup: BeautifulSoup, name: str, key: str) -> int:
    found = work_list(soup, name, key)
    return 0 if found is None else int(found["data-count"])


def rows(soup: BeautifulSoup, name: str, key: str) -> dict[str, object]:
    """Title → row of a list."""
    found = work_list(soup, name, key)
    if found is None:
        return {}
    return {row.select_one("td.title a").get_text(strip=True): row for row in found.select("tr[data-my-work-item]")}


# --- making work --------------------------------------------------------------------------------------


def submit_news(client, demo, editor: str, folder, title: str, slug: str, owner_unit=None) -> NewsPage:
    client.force_login(demo.user(editor))
    response = add_news(client, folder, title, slug=slug, owner_unit=owner_unit)
    assert response.status_code == 302, response.content[:2000]
    return NewsPage.objects.get(slug=slug)


def make_overdue(page) -> None:
    state = current_task_state(page)
    TaskState.objects.filter(pk=state.pk).update(started_at=timezone.now() - datetime.timedelta(days=14))


@pytest.fixture
def work(client, demo):
    """SCI's editor has a draft, an item the head sent back with a comment and one waiting (overdue) at the
    head; HUSO's editor has one item at the head and one at the webmaster; plus the demo's requests and posts
    (MGT's rights request and EDU's social post wait for their heads, AGRI's request is a draft)."""
    ensure_requests_and_posts()
    sci, huso = demo.units["SCI"], demo.units["HUSO"]
    client.force_login(demo.user("sci_editor"))
    response = add_news(client, demo.university_news, "ร่างข่าวค่ายคณิตศาสตร์", slug="draft-sci", owner_unit=sci, action=None)
    assert response.status_code == 302
    draft = NewsPage.objects.get(slug="draft-sci")
    sent_back = submit_news(client, demo, "sci_editor", demo.university_news, "ข่าวที่ต้องแก้ไขเพิ่มเติม", "sent-back-sci", sci)
    waiting = submit_news(client, demo, "sci_editor", demo.university_news, "ข่าวรอหัวหน้าอนุมัติ", "waiting-sci", sci)
    client.force_login(demo.user("sci_head"))
    response = workflow_action(client, sent_back, "reject", current_task_state(sent_back), comment=SENT_BACK_COMMENT)
    assert response.status_code in (200, 302)
    make_overdue(waiting)

    huso_waiting = submit_news(client, demo, "huso_editor", huso.news_index, "นิทรรศการศิลปกรรมนักศึกษา", "huso-art", huso)
    huso_at_webmaster = submit_news(client, demo, "huso_editor", huso.news_index, "เสวนาภาษาไทยถิ่นเพชรบูรณ์", "huso-talk", huso)
    client.force_login(demo.user("huso_head"))
    workflow_action(client, huso_at_webmaster, "approve", current_task_state(huso_at_webmaster))
    assert type(current_task_state(huso_at_webmaster).task.specific).__name__ == "WebmasterApprovalTask"
    client.logout()
    return {
        "draft": draft,
        "sent_back": sent_back,
        "waiting": waiting,
        "huso_waiting": huso_waiting,
        "huso_at_webmaster": huso_at_webmaster,
    }


# --- unit editors ---------------------------------------------------------------------------------------


def test_editor_sees_drafts_sent_back_with_comment_and_waiting(client, demo, work):
    soup = dashboard(client, demo.user("sci_editor"))
    name = "my-work-editor"
    assert panel(soup, name) is not None
    assert "งานของฉัน" in panel(soup, name).find_parent("section").get_text()

    assert count(soup, name, "drafts") == 1
    assert list(rows(soup, name, "drafts")) == ["ร่างข่าวค่ายคณิตศาสตร์"]
    assert rows(soup, name, "drafts")["ร่างข่าวค่ายคณิตศาสตร์"].select_one("a")["href"] == f"/admin/pages/{work['draft'].pk}/edit/"

    assert count(soup, name, "sent-back") == 1
    row = rows(soup, name, "sent-back")["ข่าวที่ต้องแก้ไขเพิ่มเติม"]
    assert SENT_BACK_COMMENT in row.get_text()
    assert "อรุณี เพชรรัตน์" in row.get_text()  # the head who asked for changes

    assert count(soup, name, "waiting") == 1
    row = rows(soup, name, "waiting")["ข่าวรอหัวหน้าอนุมัติ"]
    assert row.has_attr("data-overdue")
    assert "เกินกำหนด" in row.get_text()
    # Another unit's work is never in it, and the editor has no head, webmaster or letters panel.
    assert "นิทรรศการศิลปกรรมนักศึกษา" not in panel(soup, name).get_text()
    for other in ("my-work-head", "my-work-webmaster", "my-work-letters", "my-work-outbox"):
        assert panel(soup, other) is None


def test_editor_panel_lists_unit_requests_too(client, demo, work):
    """A rights request being written is a draft; a social post at the head is waiting for approval."""
    soup = dashboard(client, demo.user("agri_editor"))
    assert count(soup, "my-work-editor", "drafts") == 1
    assert "คำขอสิทธิ์" in next(iter(rows(soup, "my-work-editor", "drafts")))
    soup = dashboard(client, demo.user("edu_editor"))
    assert count(soup, "my-work-editor", "waiting") == 1
    assert "โพสต์สื่อสังคมออนไลน์" in next(iter(rows(soup, "my-work-editor", "waiting").values())).get_text()


def test_editor_with_nothing_to_do_is_told_in_thai(client, demo, work):
    soup = dashboard(client, demo.user("pres_editor"))
    found = panel(soup, "my-work-editor")
    assert found["data-total"] == "0"
    assert "ไม่มีงานค้าง" in found.get_text()


# --- unit heads -----------------------------------------------------------------------------------------


def test_head_sees_own_unit_waiting_and_overdue(client, demo, work):
    soup = dashboard(client, demo.user("sci_head"))
    name = "my-work-head"
    assert count(soup, name, "waiting") == 1
    assert list(rows(soup, name, "waiting")) == ["ข่าวรอหัวหน้าอนุมัติ"]
    assert count(soup, name, "overdue") == 1
    assert list(rows(soup, name, "overdue")) == ["ข่าวรอหัวหน้าอนุมัติ"]
    assert rows(soup, name, "overdue")["ข่าวรอหัวหน้าอนุมัติ"].select_one("a")["href"] == f"/admin/pages/{work['waiting'].pk}/edit/"
    assert panel(soup, "my-work-editor") is None


def test_head_never_sees_another_units_items(client, demo, work):
    soup = dashboard(client, demo.user("sci_head"))
    text = panel(soup, "my-work-head").get_text()
    for other in ("นิทรรศการศิลปกรรมนักศึกษา", "เสวนาภาษาไทยถิ่นเพชรบูรณ์", "คณะวิทยาการจัดการ", "ประกาศรายชื่อผู้ผ่าน"):
        assert other not in text

    soup = dashboard(client, demo.user("huso_head"))
    assert list(rows(soup, "my-work-head", "waiting")) == ["นิทรรศการศิลปกรรมนักศึกษา"]
    assert count(soup, "my-work-head", "overdue") == 0
    assert "ไม่มีงานค้าง" in work_list(soup, "my-work-head", "overdue").get_text()
    assert "ข่าวรอหัวหน้าอนุมัติ" not in panel(soup, "my-work-head").get_text()

    # The demo's P1.2 and P1.5 items wait for their own unit's head only.
    soup = dashboard(client, demo.user("mgt_head"))
    assert count(soup, "my-work-head", "waiting") == 1
    assert "คณะวิทยาการจัดการ" in next(iter(rows(soup, "my-work-head", "waiting")))
    soup = dashboard(client, demo.user("edu_head"))
    assert count(soup, "my-work-head", "waiting") == 1
    assert "โพสต์สื่อสังคมออนไลน์" in next(iter(rows(soup, "my-work-head", "waiting").values())).get_text()


# --- the webmaster --------------------------------------------------------------------------------------


def test_webmaster_sees_own_step_and_everything_overdue(client, demo, work):
    soup = dashboard(client, demo.user("webmaster"))
    name = "my-work-webmaster"
    assert count(soup, name, "waiting") == 1
    assert list(rows(soup, name, "waiting")) == ["เสวนาภาษาไทยถิ่นเพชรบูรณ์"]
    assert "คณะมนุษยศาสตร์และสังคมศาสตร์" in rows(soup, name, "waiting")["เสวนาภาษาไทยถิ่นเพชรบูรณ์"].get_text()
    # Overdue at the head's step of SCI: the webmaster follows it up.
    assert count(soup, name, "overdue") == 1
    assert "หัวหน้าหน่วยงานอนุมัติ" in rows(soup, name, "overdue")["ข่าวรอหัวหน้าอนุมัติ"].get_text()
    assert panel(soup, "my-work-editor") is None and panel(soup, "my-work-head") is None


def test_rights_request_reaches_the_webmasters_panel_after_the_head(client, demo, work):
    from publication.rights.models import RightsRequest

    request_obj = RightsRequest.objects.get(unit__code="MGT")
    state = request_obj.current_workflow_state.current_task_state.specific
    state.task.specific.on_action(state, demo.user("mgt_head"), "approve", comment="")
    soup = dashboard(client, demo.user("webmaster"))
    assert count(soup, "my-work-webmaster", "waiting") == 2
    assert any("คณะวิทยาการจัดการ" in title for title in rows(soup, "my-work-webmaster", "waiting"))
    assert count(dashboard(client, demo.user("mgt_head")), "my-work-head", "waiting") == 0


# --- bounded queries ----------------------------------------------------------------------------------


def _render(panel_class, user) -> tuple[str, int]:
    request = RequestFactory().get("/admin/")
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        html = panel_class(request).render_html({"request": request})
    return html, len(queries)


@pytest.mark.parametrize(
    ("panel_class", "username"),
    [(EditorWorkPanel, "sci_editor"), (HeadWorkPanel, "sci_head"), (WebmasterWorkPanel, "webmaster")],
)
def test_panels_run_a_fixed_number_of_queries(demo, work, make_news, panel_class, username, django_assert_max_num_queries):
    user = demo.user(username)
    _html, before = _render(panel_class, user)
    editor, sci = demo.user("sci_editor"), demo.units["SCI"]
    for number in range(12):  # more work of every kind than a list shows: drafts, items at the head, overdue ones
        draft = make_news(demo.university_news, f"ร่างข่าวที่ {number}", owner_unit=sci, owner=editor, publish=False)
        draft.save_revision(user=editor)
        page = make_news(demo.university_news, f"ข่าวรออนุมัติที่ {number}", owner_unit=sci, owner=editor, publish=False)
        page.get_workflow().start(page, editor)
        make_overdue(page)
    user = type(user).objects.get(pk=user.pk)  # no per-user caches carried over
    with django_assert_max_num_queries(before):
        html, _after = _render(panel_class, user)
    assert "ข่าวรออนุมัติที่" in html
