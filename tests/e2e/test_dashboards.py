"""The "My work" dashboard panels in a real browser: an editor, a head, the webmaster and an executive log in
and each finds their own panel, its counts and a link that opens the item.

The work is made through the real workflow tasks before the browser opens: SCI's editor has a draft, an
item the head sent back with a comment and an overdue one at the head; HUSO's head passed an item to the
webmaster; an e-mail failed; the demo's letters (one overdue at the executives' step).
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import TaskState

from .admin import ADMIN_VIEWPORT

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COMMENT = "กรุณาเพิ่มชื่อผู้ให้ข้อมูลและตรวจวันที่จัดกิจกรรมอีกครั้ง"


def _task_state(obj):
    return obj.current_workflow_state.current_task_state.specific


def _act(obj, user, action: str, **kwargs) -> None:
    state = _task_state(obj)
    state.task.specific.on_action(state, user, action, **kwargs)


@pytest.fixture
def work(e2e, make_news):
    from publication.demo.letters import ensure_external_letters
    from publication.outbox.models import Notification, NotificationStatus

    demo = e2e.demo
    ensure_external_letters(demo.home)
    sci, huso = demo.units["SCI"], demo.units["HUSO"]
    sci_editor, huso_editor = demo.user("sci_editor"), demo.user("huso_editor")

    def news(title: str, unit, editor, folder, submit: bool = True):
        page = make_news(folder, title, owner_unit=unit, owner=editor, publish=False)
        page.save_revision(user=editor)
        if submit:
            page.get_workflow().start(page, editor)
        return page

    draft = news("ร่างข่าวค่ายคณิตศาสตร์สำหรับนักเรียน", sci, sci_editor, demo.university_news, submit=False)
    sent_back = news("ข่าวนิทรรศการวิทยาศาสตร์ที่ต้องแก้ไข", sci, sci_editor, demo.university_news)
    _act(sent_back, demo.user("sci_head"), "reject", comment=COMMENT)
    overdue = news("ข่าวค่ายวิทยาศาสตร์สัญจรรอหัวหน้าอนุมัติ", sci, sci_editor, demo.university_news)
    TaskState.objects.filter(pk=_task_state(overdue).pk).update(started_at=timezone.now() - datetime.timedelta(days=14))
    at_webmaster = news("เสวนาภาษาไทยถิ่นเพชรบูรณ์", huso, huso_editor, huso.news_index)
    _act(at_webmaster, demo.user("huso_head"), "approve", comment="")
    Notification.objects.create(
        recipient="huso@pcru.ac.th",
        subject="เผยแพร่แล้ว: เสวนาภาษาไทยถิ่นเพชรบูรณ์",
        body_text="เนื้อหาอีเมล",
        kind="page_published",
        status=NotificationStatus.FAILED,
        attempts=6,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    return {"draft": draft, "sent_back": sent_back, "overdue": overdue, "at_webmaster": at_webmaster}


def _panel_shot(e2e, page, panel_id: str, name: str) -> None:
    """A screenshot of one panel: the admin scrolls inside its main area, so a page shot shows the top only."""
    panel = page.locator(f"#{panel_id}-section")
    panel.scroll_into_view_if_needed()
    panel.screenshot(path=str(e2e.output / f"panel-{name}.png"))


def _badge(page, list_id: str):
    return page.locator(f"#{list_id} [data-count-badge]")


def test_each_role_finds_its_own_work_on_the_dashboard(e2e, work):
    # The editor: sent back with the head's comment, a draft, one waiting (overdue).
    editor = e2e.login("sci_editor", viewport=ADMIN_VIEWPORT)
    editor.goto(e2e.url("/admin/"))
    expect(editor.get_by_role("heading", name="งานของฉัน: เนื้อหาที่ฉันรับผิดชอบ")).to_be_visible()
    expect(_badge(editor, "my-work-editor-sent-back")).to_have_text("1 รายการ")
    expect(_badge(editor, "my-work-editor-drafts")).to_have_text("1 รายการ")
    expect(_badge(editor, "my-work-editor-waiting")).to_have_text("1 รายการ")
    expect(editor.locator("#my-work-editor-sent-back")).to_contain_text(COMMENT)
    expect(editor.locator("#my-work-editor-waiting [data-overdue-badge]")).to_have_text("เกินกำหนด")
    expect(editor.get_by_role("heading", name="งานของฉัน: การอนุมัติในฐานะหัวหน้าหน่วยงาน")).to_have_count(0)
    e2e.shot(editor, "editor-dashboard")
    editor.locator("#my-work-editor-sent-back").get_by_role("link", name="ข่าวนิทรรศการวิทยาศาสตร์ที่ต้องแก้ไข").click()
    expect(editor).to_have_url(re.compile(rf"/admin/pages/{work['sent_back'].pk}/edit/$"))

    # The head of SCI: the overdue item of their own unit, never HUSO's.
    head = e2e.login("sci_head", viewport=ADMIN_VIEWPORT)
    head.goto(e2e.url("/admin/"))
    expect(head.get_by_role("heading", name="งานของฉัน: การอนุมัติในฐานะหัวหน้าหน่วยงาน")).to_be_visible()
    expect(_badge(head, "my-work-head-waiting")).to_have_text("1 รายการ")
    expect(_badge(head, "my-work-head-overdue")).to_have_text("1 รายการ")
    expect(head.locator("#my-work-head-overdue")).to_contain_text("ข่าวค่ายวิทยาศาสตร์สัญจรรอหัวหน้าอนุมัติ")
    expect(head.locator("#my-work-head-section")).not_to_contain_text("เสวนาภาษาไทยถิ่นเพชรบูรณ์")
    e2e.shot(head, "head-dashboard")
    head.locator("#my-work-head-overdue").get_by_role("link", name="ข่าวค่ายวิทยาศาสตร์สัญจรรอหัวหน้าอนุมัติ").click()
    expect(head).to_have_url(re.compile(rf"/admin/pages/{work['overdue'].pk}/edit/$"))

    # The webmaster: HUSO's item at their step, SCI's overdue one, the failed e-mail, the declined letter.
    webmaster = e2e.login("webmaster", viewport=ADMIN_VIEWPORT)
    webmaster.goto(e2e.url("/admin/"))
    expect(webmaster.get_by_role("heading", name="งานของฉัน: ตรวจสอบและเผยแพร่ของผู้ดูแลเว็บไซต์")).to_be_visible()
    expect(_badge(webmaster, "my-work-webmaster-waiting")).to_have_text("1 รายการ")
    expect(webmaster.locator("#my-work-webmaster-waiting")).to_contain_text("เสวนาภาษาไทยถิ่นเพชรบูรณ์")
    expect(_badge(webmaster, "my-work-webmaster-overdue")).to_have_text("1 รายการ")
    expect(_badge(webmaster, "my-work-outbox-failed")).to_have_text("1 รายการ")
    expect(webmaster.locator("#my-work-outbox-failed")).to_contain_text("SMTPServerDisconnected")
    expect(_badge(webmaster, "my-work-letters-notify")).to_have_text("1 รายการ")
    e2e.shot(webmaster, "webmaster-dashboard")
    _panel_shot(e2e, webmaster, "my-work-outbox", "webmaster-outbox")
    _panel_shot(e2e, webmaster, "my-work-letters", "webmaster-letters")
    webmaster.locator("#my-work-webmaster-waiting").get_by_role("link", name="เสวนาภาษาไทยถิ่นเพชรบูรณ์").click()
    expect(webmaster).to_have_url(re.compile(rf"/admin/pages/{work['at_webmaster'].pk}/edit/$"))

    # An executive: the letter waiting for their decision since it came in, marked overdue.
    executive = e2e.login("executive", viewport=ADMIN_VIEWPORT)
    executive.goto(e2e.url("/admin/"))
    expect(executive.get_by_role("heading", name="งานของฉัน: หนังสือราชการจากหน่วยงานภายนอก")).to_be_visible()
    expect(_badge(executive, "my-work-letters-decide")).to_have_text("1 รายการ")
    letter_row = executive.locator("#my-work-letters-decide tr[data-my-work-item]")
    expect(letter_row).to_contain_text("พช 0017.2/ว 1021")
    expect(letter_row.locator("[data-overdue-badge]")).to_have_text("เกินกำหนด")
    expect(executive.get_by_role("heading", name="งานของฉัน: เนื้อหาที่ฉันรับผิดชอบ")).to_have_count(0)
    e2e.shot(executive, "executive-dashboard")
    letter_row.get_by_role("link").click()
    expect(executive).to_have_url(re.compile(r"/admin/external-requests/\d+/$"))
    expect(executive.get_by_text("พช 0017.2/ว 1021").first).to_be_visible()
