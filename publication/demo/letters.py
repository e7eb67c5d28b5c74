"""Demo letters from external agencies (P1.4), one at each step, for `bootstrap_demo`. Idempotent.

Each example is walked through the real step functions of `publication.letters.steps`, so the demo's
logs, e-mails and histories look exactly like a real run. A letter is identified by its number.
"""

from __future__ import annotations

import datetime
import functools

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Page

from publication.letters import steps
from publication.letters.models import ExternalNoticeIndexPage, ExternalRequest, NotificationChannel
from publication.organisation.exports import decompose_sara_am

LETTERS = [
    # letter number, agency, contact, phone, e-mail, subject, content, last step
    (
        "พช 0017.2/ว 1021",
        "สำนักงานจังหวัดเพชรบูรณ์",
        "นายสมชาย ใจงาม",
        "056-711-234",
        "saraban@phetchabun.go.th",
        "ขอความอนุเคราะห์ประชาสัมพันธ์งานมะขามหวานเพชรบูรณ์ ประจำปี 2569",
        "จังหวัดเพชรบูรณ์กำหนดจัดงานมะขามหวานเพชรบูรณ์ ระหว่างวันที่ 15–24 มกราคม 2570 ณ บริเวณศาลากลางจังหวัดเพชรบูรณ์\n"
        "ภายในงานมีการประกวดมะขามหวาน การแสดงของนักเรียนนักศึกษา และตลาดสินค้าชุมชน",
        "submitted",
    ),
    (
        "ศธ 04103/2345",
        "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาพิษณุโลก อุตรดิตถ์",
        "นางสาวกานดา ศรีสวัสดิ์",
        "055-000-111",
        "",
        "ขอประชาสัมพันธ์โครงการแข่งขันทักษะวิชาการระดับมัธยมศึกษา",
        "สำนักงานเขตพื้นที่การศึกษาขอเชิญนักเรียนระดับมัธยมศึกษาสมัครแข่งขันทักษะวิชาการ ภายในวันที่ 30 ธันวาคม 2569",
        "approved",
    ),
    (
        "บจก. 2569/088",
        "บริษัท เพชรบูรณ์การค้า จำกัด",
        "นายวิชัย พาณิชย์",
        "081-000-0000",
        "",
        "ขอให้เผยแพร่โฆษณาสินค้าลดราคาปลายปี",
        "บริษัทขอให้มหาวิทยาลัยเผยแพร่โฆษณาสินค้าลดราคาปลายปีบนเว็บไซต์มหาวิทยาลัย",
        "declined",
    ),
    (
        "พช 0023.3/ว 5510",
        "สำนักงานสาธารณสุขจังหวัดเพชรบูรณ์",
        "นางวิไล รักสุขภาพ",
        "056-711-500",
        "",
        "ประชาสัมพันธ์การฉีดวัคซีนป้องกันไข้หวัดใหญ่ตามฤดูกาล",
        "สำนักงานสาธารณสุขจังหวัดเพชรบูรณ์ขอประชาสัมพันธ์การฉีดวัคซีนป้องกันไข้หวัดใหญ่ตามฤดูกาล ปี 2569\n"
        "ผู้สูงอายุ 65 ปีขึ้นไปและผู้มีโรคเรื้อรังรับบริการได้ที่โรงพยาบาลส่งเสริมสุขภาพตำบลทุกแห่ง",
        "closed",
    ),
]


@functools.lru_cache(maxsize=8)
def letter_pdf(number: str, agency: str, subject: str, content: str) -> bytes:
    """A one-page Thai letter rendered by WeasyPrint (fonts-thai-tlwg or Sarabun)."""
    from weasyprint import HTML

    html = render_to_string(
        "letters/external_letter_demo.html",
        {"number": number, "agency": agency, "subject": subject, "content": content.splitlines()},
    )
    return HTML(string=decompose_sara_am(html)).write_pdf()  # text that copies as Thai (see decompose_sara_am)


def ensure_notice_index(home: Page) -> ExternalNoticeIndexPage:
    index = ExternalNoticeIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=ExternalNoticeIndexPage(
                title=steps.NOTICE_INDEX_TITLE,
                slug="external-news",
                intro="ประกาศและข่าวที่หน่วยงานภายนอกขอให้มหาวิทยาลัยเผยแพร่ ผ่านการพิจารณาของผู้บริหารแล้ว",
                show_in_menus=True,
            )
        )
    return index


def ensure_external_letters(home: Page, *, examples: bool = True) -> None:
    """The notice folder always; the example letters unless the demo is asked to stay lean (--no-news)."""
    ensure_notice_index(home)
    if not examples:
        return
    users = get_user_model().objects.in_bulk(["clerk", "executive", "arit_director", "webmaster"], field_name="username")
    if len(users) < 4:
        return
    clerk, executive, director, webmaster = (users[n] for n in ("clerk", "executive", "arit_director", "webmaster"))
    today = timezone.localdate()
    for number, (letter_number, agency, contact, phone, email, subject, content, last) in enumerate(LETTERS):
        if ExternalRequest.objects.filter(letter_number=letter_number).exists():
            continue
        received = today - datetime.timedelta(days=12 - number * 3)
        req = ExternalRequest.objects.create(
            agency_name=agency,
            contact_person=contact,
            contact_phone=phone,
            contact_email=email,
            letter_number=letter_number,
            letter_date=received - datetime.timedelta(days=2),
            received_on=received,
            received_by=clerk,
            subject=subject,
            requested_content=content,
            publish_from=received + datetime.timedelta(days=3),
            publish_until=received + datetime.timedelta(days=40),
        )
        steps.record_registration(req, clerk)
        steps.attach_letter_file(req, "หนังสือราชการ.pdf", "pdf", letter_pdf(letter_number, agency, subject, content), clerk)
        steps.submit(req, clerk)
        if last == "submitted":
            # Waiting since the letter came in: the listing shows it overdue.
            waiting_since = timezone.make_aware(datetime.datetime.combine(received, datetime.time(9)))
            ExternalRequest.objects.filter(pk=req.pk).update(step_started_at=waiting_since)
            continue
        if last == "declined":
            steps.decide(req, executive, approve=False, reason="เป็นการโฆษณาเชิงพาณิชย์ ไม่ใช่ภารกิจของมหาวิทยาลัย", attested=False)
            continue
        steps.decide(req, executive, approve=True, reason="เห็นควรเผยแพร่", attested=True)
        if last == "approved":
            continue
        req.refresh_from_db()
        steps.assign(req, director, webmaster, "ดำเนินการภายใน 3 วันทำการ")
        req.refresh_from_db()
        page = steps.create_notice(req, webmaster)
        page.intro = content.splitlines()[0][:400]
        page.save_revision(user=webmaster).publish(user=webmaster)
        req.refresh_from_db()
        steps.record_notification(
            req, webmaster, channel=NotificationChannel.TELEPHONE, notified_on=today, note=f"โทรแจ้ง{contact} รับทราบแล้ว"
        )
        req.refresh_from_db()
        steps.close(req, webmaster)
