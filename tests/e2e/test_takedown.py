"""Urgent takedown (G6, issue 14) in a real browser: the head of the owner unit finds "นำลงทันที" in the
page's more-menu, is stopped without a reason, and takes the page down with one."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from publication.moderation.gate import trusted_publication
from publication.moderation.models import PublicationRecord, RegisterAction
from publication.pages.models import NewsPage

from .admin import ADMIN_VIEWPORT

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REASON = "ข่าวเผยแพร่เลขประจำตัวประชาชนของนักศึกษาโดยไม่ได้รับอนุญาต ต้องนำลงก่อนแก้ไข"


def test_head_takes_a_page_down_from_its_more_menu(e2e):
    folder = e2e.demo.units["HUSO"].news_index
    page = NewsPage(
        title="นิทรรศการศิลปกรรมนักศึกษา ครั้งที่ 16",
        slug="art-16",
        summary="นักศึกษาสาขาศิลปกรรมจัดแสดงผลงานกว่า 80 ชิ้น",
        date=datetime.date(2026, 11, 25),
        owner_unit=e2e.demo.units["HUSO"],
        body=[("paragraph", RichText("<p>คณะมนุษยศาสตร์และสังคมศาสตร์จัดนิทรรศการศิลปกรรมนักศึกษา ณ หอศิลป์</p>"))],
        publisher_name="ศิริพร บุญเรือง",
        publisher_position="นักวิชาการศึกษา",
    )
    with trusted_publication("e2e: a news item published before the test"):
        folder.add_child(instance=page)
        page.save_revision().publish()

    head = e2e.login("huso_head", viewport=ADMIN_VIEWPORT)
    head.goto(e2e.url(f"/admin/pages/{page.pk}/edit/"))
    head.locator("header .w-dropdown__toggle").last.click()
    head.get_by_role("link", name="นำลงทันที").click()
    expect(head.get_by_role("heading", name="นำหน้าเว็บลงโดยด่วน")).to_be_visible()
    e2e.shot(head, "confirmation")

    head.get_by_role("button", name="นำลงทันที").click()
    expect(head.get_by_text("โปรดระบุเหตุผลที่นำหน้านี้ลง")).to_be_visible()
    assert NewsPage.objects.get(pk=page.pk).live

    head.get_by_label("เหตุผลที่นำลง").fill(REASON)
    head.get_by_role("button", name="นำลงทันที").click()
    expect(head.get_by_text("ถูกนำออกจากเว็บไซต์แล้ว")).to_be_visible()
    e2e.shot(head, "taken-down")
    assert not NewsPage.objects.get(pk=page.pk).live
    assert PublicationRecord.objects.get(page=page, action=RegisterAction.TAKEN_DOWN).reason == REASON
