"""P1.2 (rights request) and P1.5 (social post) in a real browser, each step by the real role (issue 6, scenarios 4, 6)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .admin import (
    ADMIN_VIEWPORT,
    NewsDraft,
    choose_in_modal,
    fill_news_form,
    finish_action_dialog,
    footer_action,
    open_review_action,
    review_from_dashboard,
    submit_for_moderation,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_EDITOR = "huso_newsroom"
NEW_EDITOR_PASSWORD = "pcru-e2e-2569"  # noqa: S105 - a test account on the live test server


def choose_unit(page, name_th: str) -> None:
    """The form preselects the user's only unit; choose it in the modal otherwise."""
    if page.locator("#id_unit").input_value():
        expect(page.locator("[data-contentpath='unit']")).to_contain_text(name_th)
        return
    choose_in_modal(page, "unit", name_th)


def submit_snippet(page) -> None:
    with page.expect_navigation(timeout=30_000):
        footer_action(page, "action-submit")
    page.wait_for_load_state()


@pytest.fixture
def new_editor(live_site, django_user_model):
    return django_user_model.objects.create_user(
        NEW_EDITOR, f"{NEW_EDITOR}@pcru.ac.th", NEW_EDITOR_PASSWORD, is_staff=True, first_name="กมลชนก", last_name="ใจงาม"
    )


def test_p12_rights_request_then_the_new_editor_publishes_unit_news(e2e, new_editor):
    from publication.pages.models import NewsPage
    from publication.rights.models import RightsRequest

    huso = e2e.demo.units["HUSO"]
    editor = e2e.login("huso_editor", viewport=ADMIN_VIEWPORT)
    editor.goto(e2e.url("/admin/snippets/publication/rightsrequest/add/"))
    choose_unit(editor, huso.name_th)
    editor.locator("#id_staff").select_option(str(new_editor.pk))
    editor.locator("#id_scope").select_option("news")
    editor.locator("#id_justification").fill("คณะมีข่าวกิจกรรมนักศึกษาและบริการวิชาการสัปดาห์ละ 2–3 เรื่อง ต้องการเผยแพร่ได้ทันเวลา")
    e2e.shot(editor, "editor-rights-request-form", full_page=False)
    submit_snippet(editor)
    request_obj = RightsRequest.objects.get()
    title = str(request_obj)

    head = e2e.login("huso_head", viewport=ADMIN_VIEWPORT)
    expect(head.locator("main")).to_contain_text(title)
    review_from_dashboard(head, title, "อนุมัติพร้อมความเห็น", comment="เห็นควรอนุมัติ")
    webmaster = e2e.login("webmaster", viewport=ADMIN_VIEWPORT)
    e2e.shot(webmaster, "webmaster-dashboard-rights-request", full_page=False)
    review_from_dashboard(webmaster, title, "อนุมัติ")

    request_obj.refresh_from_db()
    huso.refresh_from_db()
    assert request_obj.granted_at is not None
    assert huso.may_publish_own_news and huso.editors.filter(pk=new_editor.pk).exists()
    granted = e2e.smtp.to("huso@pcru.ac.th")
    assert any("อนุมัติสิทธิ์" in m["message"]["Subject"] for m in granted)

    # The new editor logs in and publishes unit news with the head's approval only.
    newsroom = e2e.login(NEW_EDITOR, NEW_EDITOR_PASSWORD, viewport=ADMIN_VIEWPORT)
    newsroom.goto(e2e.url(f"/admin/pages/{huso.news_index.pk}/add_subpage/"))
    if "/add/pages/newspage/" not in newsroom.url:
        newsroom.get_by_role("link", name="ข่าว", exact=True).click()
    title_news = "เสวนาภาษาและวัฒนธรรมท้องถิ่นเพชรบูรณ์"
    fill_news_form(
        newsroom,
        NewsDraft(
            title=title_news,
            summary="คณะมนุษยศาสตร์และสังคมศาสตร์ชวนร่วมเสวนาภาษาและวัฒนธรรมท้องถิ่น",
            body=["ขอเชิญนักศึกษาและผู้สนใจร่วมเสวนาภาษาและวัฒนธรรมท้องถิ่นเพชรบูรณ์ ณ หอประชุมคณะ"],
            publisher_name="กมลชนก ใจงาม",
            publisher_position="นักวิชาการประชาสัมพันธ์",
        ),
    )
    submit_for_moderation(newsroom)
    head = e2e.login("huso_head", viewport=ADMIN_VIEWPORT)
    review_from_dashboard(head, title_news, "อนุมัติ")
    page = NewsPage.objects.get(title=title_news)
    assert page.live
    public = e2e.new_page()
    public.goto(e2e.url(page.url))
    expect(public.get_by_role("heading", level=1)).to_have_text(title_news)
    e2e.shot(public, "public-unit-news")


def test_p15_social_post_head_checklist_posted(e2e):
    from publication.social.models import SocialPost

    sci = e2e.demo.units["SCI"]
    editor = e2e.login("sci_editor", viewport=ADMIN_VIEWPORT)
    editor.goto(e2e.url("/admin/snippets/publication/socialpost/add/"))
    choose_unit(editor, sci.name_th)
    editor.locator("#id_channel").select_option("facebook")
    text = "ขอเชิญนักเรียนร่วมค่ายวิทยาศาสตร์สัญจร ณ คณะวิทยาศาสตร์และเทคโนโลยี สมัครได้ถึง 10 ธันวาคม 2569"
    editor.locator("#id_post_text").fill(text)
    planned = editor.locator("#id_planned_at")
    planned.fill("01/12/2026 09:00")
    planned.press("Escape")
    editor.locator("#id_poster_position").fill("นักวิชาการคอมพิวเตอร์")
    e2e.shot(editor, "editor-social-post-form", full_page=False)
    submit_snippet(editor)
    post = SocialPost.objects.get()
    title = str(post)

    head = e2e.login("sci_head", viewport=ADMIN_VIEWPORT)
    review_from_dashboard(head, title, "อนุมัติ")

    # The poster's own final review: every checklist item must be ticked.
    editor.goto(e2e.url("/admin/"))
    dialog = open_review_action(editor, title, "ยืนยันการตรวจทานและพร้อมโพสต์")
    for checkbox in dialog.locator("input[type=checkbox]").all():
        checkbox.check()
    finish_action_dialog(editor, dialog, screenshot=lambda: e2e.shot(editor, "poster-checklist", full_page=False))
    post.refresh_from_db()
    assert post.live and post.checklist_complete

    editor.goto(e2e.url(f"/admin/snippets/publication/socialpost/edit/{post.pk}/"))
    editor.goto(e2e.url(f"/admin/social-posts/{post.pk}/posted/"))
    editor.locator("#id_posted_url").fill("https://www.facebook.com/pcru.sci/posts/2569")
    with editor.expect_navigation():
        editor.locator("main form button[type=submit]").click()
    post.refresh_from_db()
    assert post.posted_url == "https://www.facebook.com/pcru.sci/posts/2569"
    editor.goto(e2e.url("/admin/social-posts/calendar/?month=2026-12"))
    expect(editor.locator("main")).to_contain_text("โพสต์แล้ว")
    e2e.shot(editor, "social-calendar", full_page=False)
