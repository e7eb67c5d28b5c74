"""P1.1 in a real browser, each step by the real role through the login form (issue 6, scenarios 1–3, 7).

Editor (sci_editor) writes Thai news in the university news index → head of SCI approves → webmaster
approves → the public page shows it with a Buddhist-era date → SCI's e-mail arrives at the SMTP sink.
"""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from publication.demo.images import news_cover_png
from publication.organisation.templatetags.thai_dates import thai_date

from .admin import (
    ADMIN_VIEWPORT,
    NewsDraft,
    fill_news_form,
    replace_rich_text,
    review_from_dashboard,
    review_row,
    submit_for_moderation,
    workflow_action,
)

# Real commits: the outbox sends after commit, as in production; the live server sees the data.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "ค่ายวิทยาศาสตร์สัญจรสู่โรงเรียนในอำเภอเขาค้อ"
SUMMARY = "นักเรียนกว่า 300 คนร่วมทดลองวิทยาศาสตร์กับคณะวิทยาศาสตร์และเทคโนโลยี"
BODY = [
    "คณะวิทยาศาสตร์และเทคโนโลยี มหาวิทยาลัยราชภัฏเพชรบูรณ์ จัดกิจกรรมค่ายวิทยาศาสตร์สัญจร",
    "ให้นักเรียนมัธยมศึกษาในอำเภอเขาค้อได้ทดลองเคมีในชีวิตประจำวันและส่องกล้องจุลทรรศน์",
]
NEWS_DATE = datetime.date(2026, 11, 25)


def valid_thai_id(first12: str = "110370000000") -> str:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return first12 + str((11 - total % 11) % 10)


def formatted_id(digits: str) -> str:
    return f"{digits[0]}-{digits[1:5]}-{digits[5:10]}-{digits[10:12]}-{digits[12]}"


@pytest.fixture
def cover_png(tmp_path):
    path = tmp_path / "khao-kho-science-camp.png"
    path.write_bytes(news_cover_png("SCI", 7, size=(960, 540)))
    return path


def sci_draft(e2e, cover_png=None, **overrides) -> NewsDraft:
    values = {
        "title": TITLE,
        "summary": SUMMARY,
        "body": BODY,
        "date": NEWS_DATE.strftime("%d/%m/%Y"),
        "owner_unit": e2e.demo.units["SCI"].name_th,
        "image_file": cover_png,
        "image_title": "ค่ายวิทยาศาสตร์สัญจร เขาค้อ",
        "image_alt": "นักเรียนมัธยมส่องกล้องจุลทรรศน์ในค่ายวิทยาศาสตร์",
    }
    values.update(overrides)
    return NewsDraft(**values)


def write_and_submit(e2e, draft: NewsDraft, shot_prefix: str = "editor"):
    editor = e2e.login("sci_editor", viewport=ADMIN_VIEWPORT)
    editor.goto(e2e.url(f"/admin/pages/{e2e.demo.university_news.pk}/add_subpage/"))
    if "/add/pages/newspage/" not in editor.url:  # Wagtail skips the type list when only News fits
        e2e.shot(editor, f"{shot_prefix}-choose-page-type", full_page=False)
        editor.get_by_role("link", name="ข่าว", exact=True).click()
    expect(editor.locator("#id_title")).to_be_visible()
    fill_news_form(editor, draft)
    e2e.shot(editor, f"{shot_prefix}-filled-form", full_page=False)
    submit_for_moderation(editor)
    return editor


def news_page(title: str = TITLE):
    from publication.pages.models import NewsPage

    return NewsPage.objects.filter(title=title).first()


def test_p11_editor_head_webmaster_publish_and_unit_email(e2e, cover_png):
    editor = write_and_submit(e2e, sci_draft(e2e, cover_png))
    expect(editor.locator(".messages")).to_contain_text(TITLE)
    e2e.shot(editor, "editor-submitted", full_page=False)
    page = news_page()
    assert page is not None and not page.live
    assert page.owner_unit.code == "SCI"
    assert page.cover_image is not None and page.cover_image.collection.name == e2e.demo.units["SCI"].name_th

    # Head of SCI: sees it awaiting review on the dashboard, approves with a comment.
    head = e2e.login("sci_head", viewport=ADMIN_VIEWPORT)
    expect(head.locator("main")).to_contain_text(TITLE)
    e2e.shot(head, "head-dashboard-awaiting-review", full_page=False)
    review_from_dashboard(
        head,
        TITLE,
        "อนุมัติพร้อมความเห็น",
        comment="เห็นควรเผยแพร่ ขอบคุณทีมงาน",
        screenshot=lambda: e2e.shot(head, "head-approve-with-comment", full_page=False),
    )
    # The decision is confirmed in Thai, with what happens next (issue 12 item 4).
    expect(head.locator(".messages")).to_contain_text(f"คุณอนุมัติ “{TITLE}” แล้ว ขั้นตอนต่อไป", timeout=20_000)
    e2e.shot(head, "head-approved", full_page=False)

    # Webmaster: approves the second task; the page goes live.
    webmaster = e2e.login("webmaster", viewport=ADMIN_VIEWPORT)
    expect(review_row(webmaster, TITLE)).to_be_visible()
    e2e.shot(webmaster, "webmaster-dashboard", full_page=False)
    review_from_dashboard(webmaster, TITLE, "อนุมัติ")
    expect(webmaster.locator(".messages")).to_contain_text("เผยแพร่แล้ว", timeout=20_000)
    e2e.shot(webmaster, "webmaster-approved", full_page=False)
    page.refresh_from_db()
    assert page.live

    # The public page, in Thai, with the Buddhist-era date and the cover image.
    public = e2e.new_page()
    public.goto(e2e.url(page.url))
    expect(public.get_by_role("heading", level=1)).to_have_text(TITLE)
    be_date = thai_date(NEWS_DATE)
    assert be_date == "25 พฤศจิกายน 2569"
    expect(public.locator("main")).to_contain_text(be_date)
    expect(public.locator("main")).to_contain_text(BODY[0])
    cover = public.locator("main img").first
    expect(cover).to_have_attribute("alt", "นักเรียนมัธยมส่องกล้องจุลทรรศน์ในค่ายวิทยาศาสตร์")
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0"), "the cover image did not load"
    e2e.shot(public, "public-news-page")

    # SCI's contact address gets the published e-mail through the real SMTP server.
    received = e2e.smtp.to("sci@pcru.ac.th")
    assert len(received) == 1, [m["message"]["Subject"] for m in e2e.smtp.messages]
    message = received[0]["message"]
    assert TITLE in message["Subject"]  # decoded from RFC 2047 by the e-mail package
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert page.full_url in text
    assert page.full_url.startswith(e2e.base_url)


def test_secret_marking_and_national_id_are_refused_then_the_fixed_item_goes_through(e2e):
    national_id = valid_thai_id()
    body = ["ลับ", f"บันทึกข้อความ เรื่อง การประชุมคณะกรรมการ ผู้ติดต่อ เลขประจำตัวประชาชน {national_id}"]
    editor = write_and_submit(e2e, sci_draft(e2e, body=body), shot_prefix="editor-secret")

    # Refused: the Thai banner lists each finding with the exact text; nothing is in moderation.
    errors = editor.locator(".messages, .help-block, .error-message, [role=alert]").filter(has_text="ส่งขออนุมัติหรือเผยแพร่ไม่ได้")
    expect(errors.first).to_be_visible()
    banner = editor.locator("body")
    expect(banner).to_contain_text("«ลับ»")
    expect(banner).to_contain_text(national_id)
    e2e.shot(editor, "refused-with-findings", full_page=False)
    from wagtail.models import WorkflowState

    assert not WorkflowState.objects.exists()

    # Fixed (the marking removed, the ID gone), the same form is submitted and goes to the head.
    replace_rich_text(editor, BODY)
    e2e.shot(editor, "fixed-body", full_page=False)
    submit_for_moderation(editor)
    expect(editor.locator(".messages")).to_contain_text(TITLE)
    e2e.shot(editor, "fixed-and-submitted", full_page=False)
    page = news_page()
    assert page.current_workflow_state is not None
    assert page.current_workflow_task.specific.__class__.__name__ == "HeadOfUnitApprovalTask"


def test_head_of_another_unit_cannot_see_or_approve(e2e):
    editor = write_and_submit(e2e, sci_draft(e2e))
    expect(editor.locator(".messages")).to_contain_text(TITLE)  # submitted: the autosaved page alone has no task yet
    page = news_page()
    task_state = page.current_workflow_task_state

    other = e2e.login("huso_head", viewport=ADMIN_VIEWPORT)
    expect(other.locator("main")).not_to_contain_text(TITLE)
    e2e.shot(other, "huso-head-dashboard", full_page=False)

    # The action URL itself: opening it is refused, posting to it (with a valid CSRF token) is a 403.
    action_url = e2e.url(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/")
    response = other.goto(action_url)
    assert response.status == 403 or "/workflow/action/" not in other.url, (response.status, other.url)
    e2e.shot(other, "huso-head-action-url", full_page=False)
    other.goto(e2e.url("/admin/"))
    status = other.evaluate(
        """async (url) => {
            const token = document.cookie.split('; ').find((c) => c.startsWith('csrftoken=')).split('=')[1];
            const body = new FormData();
            body.append('comment', 'อนุมัติแทน');
            const r = await fetch(url, {method: 'POST', body, headers: {'X-CSRFToken': token, 'X-Requested-With': 'XMLHttpRequest'}});
            return r.status;
        }""",
        action_url,
    )
    assert status == 403
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert not page.live


def test_request_changes_loop(e2e):
    editor = write_and_submit(e2e, sci_draft(e2e))
    page = news_page()
    first_state = page.current_workflow_task_state
    comment = "กรุณาเพิ่มวันที่และสถานที่จัดกิจกรรมในเนื้อข่าว"

    head = e2e.login("sci_head", viewport=ADMIN_VIEWPORT)
    review_from_dashboard(
        head,
        TITLE,
        "ขอให้แก้ไข",
        comment=comment,
        screenshot=lambda: e2e.shot(head, "head-request-changes", full_page=False),
    )

    # The editor sees the comment in the page's workflow history (and gets it by e-mail).
    editor.goto(e2e.url(f"/admin/pages/{page.pk}/workflow_history/"))
    editor.locator("a[href*='/workflow_history/detail/']").first.click()
    expect(editor.locator("main")).to_contain_text(comment)
    e2e.shot(editor, "editor-sees-comment-in-history", full_page=False)
    mails = e2e.smtp.to("sci_editor@pcru.ac.th")
    assert any(comment in m["message"].get_body(preferencelist=("plain",)).get_content() for m in mails)

    # Fixes the body and resubmits; the checks run again (a secret marking would be refused) and pass.
    editor.goto(e2e.url(f"/admin/pages/{page.pk}/edit/"))
    replace_rich_text(editor, [*BODY, "จัดกิจกรรมวันที่ 5 ธันวาคม 2569 ณ โรงเรียนเขาค้อทะเลภูวิทยา"])
    e2e.shot(editor, "editor-fixed", full_page=False)
    resubmit(editor)
    expect(editor.locator(".messages")).to_contain_text(TITLE)
    page.refresh_from_db()
    new_state = page.current_workflow_task_state
    assert new_state.pk != first_state.pk and new_state.status == new_state.STATUS_IN_PROGRESS

    head.goto(e2e.url("/admin/"))
    review_from_dashboard(head, TITLE, "อนุมัติ")
    e2e.shot(head, "head-approved-after-fix", full_page=False)
    page.refresh_from_db()
    assert page.current_workflow_task.specific.__class__.__name__ == "WebmasterApprovalTask"
    from publication.moderation.models import ContentCheck

    assert ContentCheck.objects.filter(revision__object_id=str(page.pk)).count() >= 2


def resubmit(editor) -> None:
    from .admin import footer_action

    name = "action-submit" if editor.locator("footer button[name='action-submit']").count() else "action-restart-workflow"
    with editor.expect_navigation(timeout=30_000):
        footer_action(editor, name)
    # Submitted: Wagtail leaves the editor for the explorer (a refused submit stays on /edit/).
    expect(editor).not_to_have_url(re.compile(r"/edit/$"))
    editor.wait_for_load_state()


def test_approving_from_the_edit_view_moves_the_workflow_on(e2e):
    editor = write_and_submit(e2e, sci_draft(e2e))
    expect(editor.locator(".messages")).to_contain_text(TITLE)  # submitted before the head looks
    page = news_page()
    head = e2e.login("sci_head", viewport=ADMIN_VIEWPORT)
    head.goto(e2e.url(f"/admin/pages/{page.pk}/edit/"))
    workflow_action(head, "อนุมัติพร้อมความเห็น", comment="เห็นควรเผยแพร่")
    e2e.shot(head, "head-approved-from-edit-view", full_page=False)
    page.refresh_from_db()
    assert page.current_workflow_task.specific.__class__.__name__ == "WebmasterApprovalTask"
