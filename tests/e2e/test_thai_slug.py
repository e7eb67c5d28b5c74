"""Issue 12 (3) in a real browser: the slug of a Thai title keeps its vowels and tone marks.

SCI's editor types a Thai title in Wagtail's page editor; the slug field (Wagtail's `w-slug` controller,
subclassed by publication/pages/static/pages/js/thai-slug.js) shows the full Thai slug, the same one the
server makes (`slugify_thai`). The editor saves; SCI's head publishes; the page is served at that Thai
address, typed as Thai or percent-encoded.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from publication.pages.models import NewsPage
from publication.pages.slugs import slugify_thai
from tests.pages.test_slugs import CASES, SHORT_CASES

from .admin import ADMIN_VIEWPORT, field, footer_action, type_rich_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "ค่ายวิทยาศาสตร์สัญจร 2/2569"
SLUG = "ค่ายวิทยาศาสตร์สัญจร-2-2569"
BODY = ["คณะวิทยาศาสตร์และเทคโนโลยีจัดค่ายวิทยาศาสตร์สัญจรให้นักเรียนมัธยมศึกษาในอำเภอเขาค้อ"]

SLUGS_IN_THE_BROWSER = """([titles, limited]) => {
    const slug = window.wagtail.app.queryController('w-slug');
    return {
        ours: typeof slug.constructor.slugifyThai === 'function',
        urlify: titles.map((title) => slug.urlify({ detail: { value: title } }, { ignoreUpdate: true })),
        slugify: titles.map((title) => slug.slugify({ detail: { value: title } }, { ignoreUpdate: true })),
        limited: limited.map(([title, length]) => slug.constructor.slugifyThai(title, length)),
    };
}"""


def show_slug_field(page):
    """Open the editor tab that holds the slug field (Wagtail puts it in the promote tab)."""
    slug = page.locator("#id_slug")
    panel_id = slug.evaluate("input => input.closest('[role=tabpanel]').id")
    page.locator(f"[role=tab][aria-controls='{panel_id}'], a[role=tab][href='#{panel_id}']").first.click()
    expect(slug).to_be_visible()
    slug.scroll_into_view_if_needed()
    return slug


def test_editor_types_a_thai_title_and_the_page_is_served_at_its_thai_slug(e2e):
    assert slugify_thai(TITLE) == SLUG
    folder = e2e.demo.units["SCI"].news_index
    editor = e2e.login("sci_editor", viewport=ADMIN_VIEWPORT)
    editor.goto(e2e.url(f"/admin/pages/{folder.pk}/add_subpage/"))
    if "/add/pages/newspage/" not in editor.url:  # Wagtail skips the type list when only News fits
        editor.get_by_role("link", name="ข่าว", exact=True).click()
    title = editor.locator("#id_title")
    expect(title).to_be_visible()

    # The editor types the title key by key and moves on; Wagtail's sync writes the slug.
    title.click()
    title.press_sequentially(TITLE)
    title.press("Tab")
    slug = editor.locator("#id_slug")
    expect(slug).to_have_value(SLUG)
    e2e.shot(editor, "editor-typed-thai-title", full_page=False)

    # The controller on the slug field is ours, and it agrees with the server on every case.
    titles = [case_title for case_title, _slug in CASES]
    limited = [[case_title, length] for case_title, length, _slug in SHORT_CASES]
    result = editor.evaluate(SLUGS_IN_THE_BROWSER, [titles, limited])
    assert result["ours"], "the slug field is not run by thai-slug.js"
    assert result["urlify"] == [slugify_thai(case_title) for case_title in titles]
    assert result["slugify"] == result["urlify"]
    assert result["limited"] == [slugify_thai(case_title, length) for case_title, length in limited]
    expect(slug).to_have_value(SLUG)  # comparing left the field alone

    # The rest of the news item, then the slug as the editor sees it before saving.
    editor.locator("#id_summary").fill("นักเรียนกว่า 300 คนร่วมทดลองวิทยาศาสตร์กับคณะวิทยาศาสตร์และเทคโนโลยี")
    date = editor.locator("#id_date")
    date.fill("25/11/2026")
    date.press("Escape")
    type_rich_text(editor, BODY)
    editor.locator("#id_publisher_name").fill("ณัฐวุฒิ สายทอง")
    editor.locator("#id_publisher_position").fill("นักวิชาการคอมพิวเตอร์")
    expect(show_slug_field(editor)).to_have_value(SLUG)
    expect(field(editor, "slug")).to_contain_text("ระบบจะสร้างจากชื่อเรื่องให้")  # the help text, in Thai
    e2e.shot(editor, "editor-slug-of-thai-title", full_page=False)

    with editor.expect_navigation(timeout=30_000):
        editor.locator("footer button[type=submit]:not([name])").first.click()
    editor.wait_for_load_state()
    page = NewsPage.objects.get(title=TITLE)
    assert page.slug == SLUG and not page.live
    expect(editor.locator("#id_slug")).to_have_value(SLUG)

    # SCI's head (P1.2 rights) publishes it from the editor.
    head = e2e.login("sci_head", viewport=ADMIN_VIEWPORT)
    head.goto(e2e.url(f"/admin/pages/{page.pk}/edit/"))
    expect(head.locator("#id_title")).to_have_value(TITLE)
    with head.expect_navigation(timeout=30_000):
        footer_action(head, "action-publish")
    head.wait_for_load_state()
    expect(head.locator(".messages")).to_contain_text(TITLE)
    page.refresh_from_db()
    assert page.live and page.slug == SLUG

    # The public page at its Thai address: typed as Thai, and as the percent-encoded link Wagtail makes.
    address = f"/units/sci/news/{SLUG}/"
    assert page.url == quote(address)
    public = e2e.new_page()
    response = public.goto(e2e.url(address))
    assert response.status == 200
    expect(public.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert public.evaluate("() => decodeURIComponent(location.pathname)") == address
    e2e.shot(public, "public-page-at-thai-slug")
    assert public.goto(e2e.url(page.url)).status == 200
