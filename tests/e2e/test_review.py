"""Periodic review (P1.1(1)) in a real browser: the editor opens the report "เนื้อหาที่ต้องทบทวน", presses
"ทบทวนแล้ว" on an overdue row, and on another page presses it from the page header's menu (Wagtail's
`w-action` POST with the CSRF token); both reviews are recorded with the editor's name."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from .admin import ADMIN_VIEWPORT

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OVERDUE = "หลักสูตรที่เปิดสอนในปีการศึกษา 2569"
SOON = "กำหนดการรับสมัครนักศึกษาใหม่ ภาคเรียนที่ 1"


@pytest.fixture
def due(e2e):
    from publication.upkeep.review import bangkok_today
    from tests.upkeep.test_review import publish_standard, set_review_by

    demo = e2e.demo
    section, editor = demo.units["SCI"].section, demo.user("sci_editor")
    today = bangkok_today()
    overdue = publish_standard(section, OVERDUE, "courses")
    soon = publish_standard(section, SOON, "admission")
    set_review_by(overdue, today - datetime.timedelta(days=12), editor)
    set_review_by(soon, today + datetime.timedelta(days=4), editor)
    return {"overdue": overdue, "soon": soon}


def test_the_editor_marks_pages_reviewed_from_the_report_and_the_page(e2e, due):
    from publication.upkeep.models import ReviewSchedule

    editor = e2e.login("sci_editor", viewport=ADMIN_VIEWPORT)
    editor.goto(e2e.url("/admin/review/"))
    expect(editor.get_by_role("heading", name="เนื้อหาที่ต้องทบทวน")).to_be_visible()
    rows = editor.locator("table.listing tbody tr")
    expect(rows.first).to_contain_text(OVERDUE)
    expect(rows.first.locator('[data-review-status="overdue"]')).to_contain_text("เกินกำหนด")
    expect(rows.nth(1)).to_contain_text(SOON)
    e2e.shot(editor, "review-report")

    rows.first.get_by_role("button", name="ทบทวนแล้ว").click()
    expect(editor.locator(".messages")).to_contain_text(f"บันทึกการทบทวน “{OVERDUE}” แล้ว")
    expect(editor).to_have_url(re.compile(r"/admin/review/$"))
    e2e.shot(editor, "review-report-after")

    editor.goto(e2e.url(f"/admin/pages/{due['soon'].pk}/edit/"))
    editor.get_by_role("button", name="การดำเนินการ").first.click()
    editor.get_by_role("button", name="ทบทวนแล้ว").click()
    expect(editor.locator(".messages")).to_contain_text(f"บันทึกการทบทวน “{SOON}” แล้ว")
    expect(editor).to_have_url(re.compile(rf"/admin/pages/{due['soon'].pk}/edit/$"))

    editor.goto(e2e.url(f"/admin/review/pages/{due['soon'].pk}/"))
    expect(editor.locator("[data-review-history] tbody tr")).to_have_count(3)
    e2e.shot(editor, "review-schedule")
    history = editor.locator("[data-review-history]")
    history.scroll_into_view_if_needed()
    history.screenshot(path=str(e2e.output / "review-schedule-history.png"))

    reviewed_by = set(ReviewSchedule.objects.filter(page__in=due.values()).values_list("last_reviewed_by__username", flat=True))
    assert reviewed_by == {"sci_editor"}
