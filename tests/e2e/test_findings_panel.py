"""Issue 12 item 1 in a real browser: policy findings appear in the editor's side panel while the editor
types, take the editor to the words when clicked, and go away when the text is fixed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .admin import ADMIN_VIEWPORT
from .test_gate import saved_draft, valid_thai_id

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_finding_appears_while_typing_and_goes_when_fixed(e2e):
    draft = saved_draft(e2e, "SCI", "ประกาศรายชื่อผู้ได้รับทุน", "scholarship", "ประกาศรายชื่อนักศึกษาที่ได้รับทุนการศึกษา")
    national_id = valid_thai_id("310370001234")
    editor = e2e.login("sci_editor", viewport=ADMIN_VIEWPORT)
    editor.goto(e2e.url(f"/admin/pages/{draft.pk}/edit/"))
    expect(editor.locator("#id_title")).to_be_visible()

    toggle = editor.locator('[data-side-panel-toggle="policy-findings"]')
    toggle.click()
    panel = editor.locator("[data-policy-findings]")
    expect(panel).to_be_visible()
    expect(panel.locator("[data-policy-findings-status]")).to_contain_text("ไม่พบปัญหา", timeout=20_000)

    # Type a national ID at the end of the first paragraph (Draftail, a contenteditable).
    paragraph = editor.locator('[data-contentpath="body"] [contenteditable="true"]').first
    paragraph.click()
    editor.keyboard.press("End")
    editor.keyboard.type(f" ติดต่อ นายสมชาย ใจดี เลขประจำตัวประชาชน {national_id}")

    finding = panel.locator("[data-policy-finding]").filter(has_text=national_id)
    expect(finding).to_be_visible(timeout=20_000)
    expect(finding).to_contain_text("เลขประจำตัวประชาชน")
    expect(finding).to_contain_text("เนื้อหา ลำดับที่ 1 (ย่อหน้า)")
    expect(finding).to_contain_text("ต้องแก้ไข")
    expect(toggle.locator("[data-side-panel-toggle-counter]")).to_have_text("1")
    expect(panel.locator("[data-policy-findings-status]")).to_have_text("ต้องแก้ไข: 1 · ผู้อนุมัติต้องรับทราบ: 0")

    # Clicking the finding outlines the block and highlights the words.
    finding.locator("button").click()
    block = editor.locator(".pcru-finding-target")
    expect(block).to_have_count(1)
    expect(block).to_contain_text(national_id)
    highlighted = editor.evaluate("() => CSS.highlights.has('pcru-finding') && [...CSS.highlights.get('pcru-finding')][0].toString()")
    assert highlighted == national_id
    e2e.shot(editor, "editor-finding-highlighted", full_page=False)

    # Remove the number: the finding goes away.
    paragraph.click()
    editor.keyboard.press("End")
    for _ in range(len(national_id) + 1):
        editor.keyboard.press("Backspace")
    expect(panel.locator("[data-policy-finding]")).to_have_count(0, timeout=20_000)
    expect(panel.locator("[data-policy-findings-status]")).to_contain_text("ไม่พบปัญหา")
    e2e.shot(editor, "editor-finding-fixed", full_page=False)
