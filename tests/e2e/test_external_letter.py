"""P1.4 in a real browser (issue 6, scenario 5): clerk registers a letter with a PDF → an executive
approves with the legal attestation → the ARIT Director assigns a webmaster → the webmaster publishes
the notice and records the telephone call → closed; anonymous users never get the letter file."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.files import small_pdf

from .admin import ADMIN_VIEWPORT, footer_action

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SUBJECT = "ขอความอนุเคราะห์ประชาสัมพันธ์งานมะขามหวานเพชรบูรณ์ ประจำปี 2569"


def fill_date(page, selector: str, value: str) -> None:
    field = page.locator(selector)
    field.fill(value)
    field.press("Escape")
    field.evaluate("element => element.blur()")
    page.locator(".xdsoft_datetimepicker").evaluate_all("pickers => pickers.forEach(p => p.style.display = 'none')")


def click_and_wait(page, button_name: str) -> None:
    with page.expect_navigation(timeout=30_000):
        page.get_by_role("button", name=button_name, exact=True).click()
    page.wait_for_load_state()


def test_p14_letter_to_published_notice_with_private_file(e2e, tmp_path):
    from publication.letters.models import ExternalNoticePage, ExternalRequest

    letter = tmp_path / "หนังสือราชการ.pdf"
    letter.write_bytes(small_pdf())

    clerk = e2e.login("clerk", viewport=ADMIN_VIEWPORT)
    clerk.goto(e2e.url(reverse("wagtailsnippets_publication_externalrequest:add")))
    clerk.locator("#id_agency_name").fill("สำนักงานจังหวัดเพชรบูรณ์")
    clerk.locator("#id_contact_person").fill("นายสมชาย ใจงาม")
    clerk.locator("#id_contact_phone").fill("056-711-234")
    clerk.locator("#id_contact_email").fill("saraban@phetchabun.go.th")
    clerk.locator("#id_letter_number").fill("พช 0017.2/ว 1021")
    fill_date(clerk, "#id_letter_date", "20/11/2026")
    fill_date(clerk, "#id_received_on", "23/11/2026")
    clerk.locator("#id_subject").fill(SUBJECT)
    clerk.locator("#id_requested_content").fill("จังหวัดเพชรบูรณ์กำหนดจัดงานมะขามหวานเพชรบูรณ์ ระหว่างวันที่ 15–24 มกราคม 2570")
    fill_date(clerk, "#id_publish_from", "01/12/2026")
    fill_date(clerk, "#id_publish_until", "24/01/2027")
    clerk.locator("#id_letter_files").set_input_files(str(letter))
    e2e.shot(clerk, "clerk-registers-letter", full_page=False)
    with clerk.expect_navigation(timeout=30_000):
        # A date picker left open overlays the footer; press the button itself, as a keyboard user would.
        clerk.locator("footer button.action-save").first.focus()
        clerk.keyboard.press("Enter")
    req = ExternalRequest.objects.get()
    assert req.attachments.count() == 1
    process = e2e.url(reverse("publication_external_process", args=[req.pk]))
    clerk.goto(process)
    click_and_wait(clerk, "เสนอผู้บริหารพิจารณา")

    executive = e2e.login("executive", viewport=ADMIN_VIEWPORT)
    executive.goto(process)
    executive.locator("input[name=decision][value=approve]").check()
    executive.locator("textarea[name=reason]").fill("เห็นควรเผยแพร่ เป็นประโยชน์ต่อชุมชน")
    executive.locator("input[name=attest]").check()
    e2e.shot(executive, "executive-decides", full_page=False)
    click_and_wait(executive, "บันทึกผลการพิจารณา")

    director = e2e.login("arit_director", viewport=ADMIN_VIEWPORT)
    director.goto(process)
    director.locator("select[name=webmaster]").select_option(str(e2e.demo.user("webmaster").pk))
    click_and_wait(director, "รับทราบและมอบหมาย")

    webmaster = e2e.login("webmaster", viewport=ADMIN_VIEWPORT)
    webmaster.goto(process)
    click_and_wait(webmaster, "สร้างหน้าข่าวจากหน่วยงานภายนอก")
    expect(webmaster.locator("#id_title")).to_be_visible()
    with webmaster.expect_navigation(timeout=30_000):
        footer_action(webmaster, "action-publish")
    notice = ExternalNoticePage.objects.get(external_request=req)
    assert notice.live

    webmaster.goto(process)
    webmaster.locator("select[name=channel]").select_option("telephone")
    webmaster.locator("textarea[name=note], input[name=note]").first.fill("โทรแจ้งคุณสมชาย ใจงาม")
    click_and_wait(webmaster, "บันทึกการแจ้ง")
    click_and_wait(webmaster, "ปิดเรื่อง")
    req.refresh_from_db()
    assert req.status == "closed"
    expect(webmaster.locator("main")).to_contain_text("ปิดเรื่องแล้ว")
    e2e.shot(webmaster, "webmaster-closed", full_page=False)

    public = e2e.new_page()
    public.goto(e2e.url(notice.url))
    expect(public.get_by_role("heading", level=1)).to_contain_text("มะขามหวาน")
    e2e.shot(public, "public-notice")
    # The letter itself is never public: Wagtail's document URL, and the raw media path.
    document = req.attachments.get().document
    assert public.goto(e2e.url(document.url)).status in (403, 404)
    # Our URLconf never serves documents from MEDIA_URL (Django's live test server itself serves all of
    # MEDIA_ROOT, which is a test-harness artefact, so ask the site through the test client instead).
    from django.test import Client

    assert Client().get("/media/" + document.file.name).status_code == 404
