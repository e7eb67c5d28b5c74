"""G6 in a real browser: one correction from the editor to the public (issue 14).

SCI's editor opens a live news item of the university news in Wagtail's editor, adds a correction notice
in its panel and submits it → the public page is unchanged → SCI's head approves → still unchanged → the
webmaster approves → the public page shows the notice with its Buddhist-era date, the corrections log
("การแก้ไขข้อมูล") lists it, both pass axe-core, and SCI is e-mailed through the real SMTP sink.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from publication.moderation.gate import trusted_publication
from publication.organisation.templatetags.thai_dates import thai_date
from publication.pages.models import NewsPage, PageCorrection

from .admin import ADMIN_VIEWPORT, field, review_from_dashboard, review_row, submit_for_moderation
from .test_accessibility import run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "มหาวิทยาลัยเปิดรับสมัครนักศึกษาใหม่ รอบโควตา ปีการศึกษา 2570"
WRONG = "ข่าวระบุวันสุดท้ายของการรับสมัครเป็นวันที่ 5 ธันวาคม 2569"
CHANGED = "แก้ไขวันสุดท้ายของการรับสมัครเป็นวันที่ 15 ธันวาคม 2569 ส่วนสถานที่สมัครยังคงเดิม"


def live_news(e2e) -> NewsPage:
    """A live news item SCI's editor wrote in the university news (published before the test)."""
    page = NewsPage(
        title=TITLE,
        slug="rap-samak-quota-2570",
        summary="มหาวิทยาลัยราชภัฏเพชรบูรณ์เปิดรับสมัครนักศึกษาใหม่ระดับปริญญาตรี รอบโควตาในเขตพื้นที่บริการ",
        date=datetime.date(2026, 11, 20),
        owner_unit=e2e.demo.units["SCI"],
        owner=e2e.demo.user("sci_editor"),
        body=[("paragraph", RichText("<p>ผู้สนใจสมัครได้ที่กองบริการการศึกษา อาคารอำนวยการ ชั้น 1 ในวันและเวลาราชการ</p>"))],
        publisher_name="ณัฐวุฒิ สายทอง",
        publisher_position="นักวิชาการคอมพิวเตอร์",
    )
    with trusted_publication("e2e: news published before the test"):
        e2e.demo.university_news.add_child(instance=page)
        page.save_revision().publish()
    return NewsPage.objects.get(pk=page.pk)


def notices_shown(e2e, public, page: NewsPage):
    public.goto(e2e.url(page.url))
    expect(public.get_by_role("heading", level=1)).to_have_text(TITLE)
    return public.locator("section.corrections")


def axe_clean(e2e, page, name: str) -> None:
    violations = run_axe(page)
    (e2e.output / f"axe-{name}.json").write_text(json.dumps(violations, ensure_ascii=False, indent=2), encoding="utf-8")
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=2)


def test_a_correction_goes_from_the_editor_through_head_and_webmaster_to_the_public(e2e):
    page = live_news(e2e)
    public = e2e.new_page(viewport={"width": 1280, "height": 900})
    expect(notices_shown(e2e, public, page)).to_have_count(0)

    # The editor adds the notice in the page editor's "การแก้ไขข้อมูล (แนวปฏิบัติข้อ 6)" panel and submits.
    editor = e2e.login("sci_editor", viewport=ADMIN_VIEWPORT)
    editor.goto(e2e.url(f"/admin/pages/{page.pk}/edit/"))
    expect(editor.locator("#id_title")).to_have_value(TITLE)
    panel = field(editor, "corrections").or_(editor.locator("#id_corrections-FORMS")).first
    add = editor.locator("#id_corrections-ADD")
    expect(add).to_have_text("เพิ่ม รายการแก้ไขข้อมูล")
    add.click()
    expect(editor.locator("#id_corrections-0-date")).to_have_value(timezone.localdate().strftime("%d/%m/%Y"))
    editor.locator("#id_corrections-0-what_was_wrong").fill(WRONG)
    editor.locator("#id_corrections-0-what_changed").fill(CHANGED)
    editor.locator("#id_corrections-0-what_changed").scroll_into_view_if_needed()
    expect(panel).to_be_visible()
    e2e.shot(editor, "editor-adds-correction", full_page=False)
    submit_for_moderation(editor)
    expect(editor.locator(".messages")).to_contain_text(TITLE)
    e2e.shot(editor, "editor-submitted", full_page=False)

    # Awaiting the head: a draft revision, nothing public changes.
    page.refresh_from_db()
    assert page.live and page.has_unpublished_changes and not PageCorrection.objects.exists()
    expect(notices_shown(e2e, public, page)).to_have_count(0)

    head = e2e.login("sci_head", viewport=ADMIN_VIEWPORT)
    expect(review_row(head, TITLE)).to_be_visible()
    e2e.shot(head, "head-dashboard", full_page=False)
    review_from_dashboard(head, TITLE, "อนุมัติพร้อมความเห็น", comment="ตรวจสอบวันรับสมัครกับประกาศของมหาวิทยาลัยแล้ว ถูกต้อง")
    expect(head.locator(".messages")).to_contain_text(f"คุณอนุมัติ “{TITLE}” แล้ว", timeout=20_000)
    expect(notices_shown(e2e, public, page)).to_have_count(0)

    webmaster = e2e.login("webmaster", viewport=ADMIN_VIEWPORT)
    expect(review_row(webmaster, TITLE)).to_be_visible()
    review_from_dashboard(webmaster, TITLE, "อนุมัติ")
    expect(webmaster.locator(".messages")).to_contain_text("เผยแพร่แล้ว", timeout=20_000)
    e2e.shot(webmaster, "webmaster-approved", full_page=False)
    page.refresh_from_db()
    notice = PageCorrection.objects.get(page=page)

    # The public page: the notice, its Buddhist-era date, what was wrong and what changed.
    section = notices_shown(e2e, public, page)
    expect(section).to_have_count(1)
    expect(section.get_by_role("heading", level=2)).to_have_text("การแก้ไขข้อมูล")
    item = section.locator(f"#correction-{notice.pk}")
    expect(item.locator(".correction__date")).to_have_text(f"แก้ไขเมื่อ {thai_date(timezone.localdate())}")
    expect(item).to_contain_text(WRONG)
    expect(item).to_contain_text(CHANGED)
    section.scroll_into_view_if_needed()
    e2e.shot(public, "public-news-with-notice", full_page=False)
    e2e.shot(public, "public-news-full-page")
    axe_clean(e2e, public, "news-page")

    # The corrections log, reached from the footer, lists it and links to the notice on the page.
    public.locator("footer.site-footer").get_by_role("link", name="การแก้ไขข้อมูล", exact=True).click()
    expect(public.get_by_role("heading", level=1)).to_have_text("การแก้ไขข้อมูล")
    row = public.locator("ol.correction-log > li").first
    expect(row.get_by_role("link")).to_have_text(TITLE)
    expect(row).to_contain_text(thai_date(timezone.localdate()))
    expect(row).to_contain_text(CHANGED)
    e2e.shot(public, "public-corrections-log")
    axe_clean(e2e, public, "corrections-log")
    row.get_by_role("link").click()
    expect(public).to_have_url(f"{page.full_url}#correction-{notice.pk}")
    expect(public.locator(f"#correction-{notice.pk}")).to_be_in_viewport()

    # SCI hears that the (corrected) item was published, through the real SMTP server.
    received = e2e.smtp.to("sci@pcru.ac.th")
    assert received and TITLE in received[-1]["message"]["Subject"]
