"""Issue 9 in a real browser: the admin API publish and a head's direct publish, by the real roles.

The admin JSON API is what Wagtail 8's own editor scripts call; a logged-in user's browser can call
it with the page's CSRF token. The gate answers it in Thai and nothing goes public. A head's Publish
button exists only where the head takes the workflow's last step, and there warnings need the head's
acknowledgement first.
"""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect
from wagtail.models import Page
from wagtail.rich_text import RichText

from publication.moderation.gate import trusted_publication
from publication.moderation.models import ContentCheck, PublicationRecord
from publication.pages.models import NewsPage

from .admin import ADMIN_VIEWPORT, footer_action

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def valid_thai_id(first12: str = "110370000000") -> str:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return first12 + str((11 - total % 11) % 10)


SECRET = f"ลับที่สุด รายงานผลการสอบสวนวินัย ผู้ถูกกล่าวหา เลขประจำตัวประชาชน {valid_thai_id()}"
WARNING = "สอบถามรายละเอียดเพิ่มเติมโทร 02-123-4567 ในวันและเวลาราชการ"


def saved_draft(e2e, unit: str, title: str, slug: str, text: str) -> NewsPage:
    """A news draft the unit's editor saved (never submitted)."""
    folder = e2e.demo.units[unit].news_index
    page = NewsPage(
        title=title,
        slug=slug,
        summary=f"สรุปข่าว: {title}",
        date=datetime.date(2026, 11, 25),
        body=[("paragraph", RichText(f"<p>{text}</p>"))],
        publisher_name="ณัฐวุฒิ สายทอง",
        publisher_position="นักวิชาการคอมพิวเตอร์",
        live=False,
    )
    with trusted_publication("e2e: a draft saved before the test"):
        folder.add_child(instance=page)
    page.save_revision(user=e2e.demo.user(f"{unit.lower()}_editor"))
    return NewsPage.objects.get(pk=page.pk)


API_PUBLISH = """async (pageId) => {
    const token = document.cookie.split('; ').find((c) => c.startsWith('csrftoken=')).split('=')[1];
    const r = await fetch(`/admin/api/main/pages/${pageId}/action/publish/`, {
        method: 'POST', body: '{}',
        headers: {'X-CSRFToken': token, 'Content-Type': 'application/json'},
    });
    let body = {};
    try { body = await r.json(); } catch (e) {}
    return {status: r.status, body};
}"""


def show_answer(page, answer) -> None:
    """Put the API's answer on the screen, so the screenshot shows what the browser got."""
    page.evaluate(
        """(answer) => {
            const box = document.createElement('pre');
            box.id = 'api-answer';
            box.style.cssText = 'white-space:pre-wrap;font:16px Sarabun, sans-serif;background:#fff3f3;'
                + 'padding:1rem;margin:1rem;border:2px solid #b00020';
            box.textContent = `HTTP ${answer.status}\\n${answer.body.message || ''}\\n` + (answer.body.reasons || []).join('\\n');
            document.querySelector('main, body').prepend(box);
        }""",
        answer,
    )


def test_admin_api_publish_from_the_browser_is_refused_in_thai(e2e):
    secret = saved_draft(e2e, "SCI", "รายงานผลการสอบสวน", "investigation", SECRET)
    unapproved = saved_draft(e2e, "HUSO", "นิทรรศการศิลปกรรม", "art-show", "นิทรรศการผลงานศิลปกรรมของนักศึกษา")

    head = e2e.login("sci_head", viewport=ADMIN_VIEWPORT)
    head.goto(e2e.url(f"/admin/pages/{secret.pk}/edit/"))
    answer = head.evaluate(API_PUBLISH, secret.pk)
    assert answer["status"] == 403, answer
    assert "รายงานผลการสอบสวน" in answer["body"]["message"]
    reasons = "\n".join(answer["body"]["reasons"])
    assert "«ลับที่สุด»" in reasons and valid_thai_id() in reasons
    show_answer(head, answer)
    expect(head.locator("#api-answer")).to_contain_text("ลับที่สุด")
    e2e.shot(head, "sci-head-api-publish-refused", full_page=False)

    webmaster = e2e.login("webmaster", viewport=ADMIN_VIEWPORT)
    webmaster.goto(e2e.url(f"/admin/pages/{unapproved.pk}/edit/"))
    answer = webmaster.evaluate(API_PUBLISH, unapproved.pk)
    assert answer["status"] == 403 and "หัวหน้าหน่วยงานอนุมัติ" in "\n".join(answer["body"]["reasons"]), answer
    show_answer(webmaster, answer)
    e2e.shot(webmaster, "webmaster-api-publish-without-head-refused", full_page=False)

    for page in (secret, unapproved):
        assert not Page.objects.get(pk=page.pk).live
    public = e2e.new_page()
    assert public.goto(e2e.url("/news/")).status == 200
    assert public.goto(e2e.url(f"/news/{secret.slug}/")).status == 404
    assert public.goto(e2e.url(f"/units/sci/news/{secret.slug}/")).status == 404
    assert not PublicationRecord.objects.exists()


def test_head_direct_publish_follows_the_workflow_and_acknowledges_warnings(e2e):
    huso = saved_draft(e2e, "HUSO", "ประกาศรับสมัครนักศึกษาใหม่", "admission", "คณะมนุษยศาสตร์ฯ เปิดรับสมัครนักศึกษาใหม่")
    sci = saved_draft(e2e, "SCI", "เปิดรับสมัครอบรมเชิงปฏิบัติการ", "workshop", WARNING)

    # HUSO has no P1.2 rights: its head approves, the webmaster publishes. No Publish button.
    huso_head = e2e.login("huso_head", viewport=ADMIN_VIEWPORT)
    huso_head.goto(e2e.url(f"/admin/pages/{huso.pk}/edit/"))
    expect(huso_head.locator("#id_title")).to_be_visible()
    huso_head.locator("footer .w-dropdown__toggle").first.click()
    expect(huso_head.locator("footer button[name='action-submit']")).to_be_visible()
    assert huso_head.locator("footer button[name='action-publish']").count() == 0
    e2e.shot(huso_head, "huso-head-no-publish-button", full_page=False)

    # SCI has P1.2 rights: its head publishes, after reading and acknowledging the warnings.
    sci_head = e2e.login("sci_head", viewport=ADMIN_VIEWPORT)
    sci_head.goto(e2e.url(f"/admin/pages/{sci.pk}/edit/"))
    expect(sci_head.locator("#id_title")).to_be_visible()
    with sci_head.expect_navigation(timeout=30_000):
        footer_action(sci_head, "action-publish")
    sci_head.wait_for_load_state()
    assert "/acknowledge-publish/" in sci_head.url, sci_head.url
    expect(sci_head.locator("main")).to_contain_text("02-123-4567")
    assert not Page.objects.get(pk=sci.pk).live
    e2e.shot(sci_head, "sci-head-acknowledge-warnings", full_page=False)

    with sci_head.expect_navigation(timeout=30_000):
        sci_head.get_by_role("button", name="รับทราบคำเตือนและเผยแพร่").click()
    assert "/acknowledge-publish/" in sci_head.url  # the box was not ticked: still here, with the error
    expect(sci_head.locator("main")).to_contain_text("กรุณายืนยันว่าได้อ่านคำเตือนแล้ว")
    sci_head.get_by_label("ข้าพเจ้าได้อ่านคำเตือนจากการตรวจนโยบายทุกข้อแล้ว").check()
    with sci_head.expect_navigation(timeout=30_000):
        sci_head.get_by_role("button", name="รับทราบคำเตือนและเผยแพร่").click()
    expect(sci_head.locator(".messages")).to_contain_text("เผยแพร่ «เปิดรับสมัครอบรมเชิงปฏิบัติการ» แล้ว")
    e2e.shot(sci_head, "sci-head-published-after-acknowledgement", full_page=False)

    live = NewsPage.objects.get(pk=sci.pk)
    assert live.live
    check = ContentCheck.objects.get(revision=live.live_revision)
    assert check.acknowledged_by == e2e.demo.user("sci_head")
    record = PublicationRecord.objects.get(page=live)
    assert record.published_by == e2e.demo.user("sci_head") and record.publish_path == "acknowledge"
    public = e2e.new_page()
    response = public.goto(e2e.url(live.url))
    assert response.status == 200
    expect(public.locator("h1")).to_contain_text("เปิดรับสมัครอบรมเชิงปฏิบัติการ")
    e2e.shot(public, "public-page-after-acknowledged-publish")
    assert not Page.objects.get(pk=huso.pk).live
