"""Attachments of outbox e-mails: stored with the row, sent with it, shown in the outbox admin (count in
the listing; name, type, size and a download link in the inspect view) to webmasters only."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core import mail
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation

from publication.outbox.models import MAX_ATTACHMENT_BYTES, Notification, NotificationAttachment
from publication.outbox.notifications import build_message, deliver, queue_notification
from tests.outbox.test_notifications import PUBLISHED_CONTEXT

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% ARIT-011 test file\n%%EOF\n"
PDF_NAME = "แบบ สวท.011 หน้า 42.pdf"


def queue_with_files(recipients=("sci@pcru.ac.th",), **kwargs):
    return queue_notification(
        list(recipients),
        "moderation/emails/page_published",
        PUBLISHED_CONTEXT,
        kind="page_published_editor",
        attachments=[(PDF_NAME, PDF, "application/pdf"), ("สรุป.txt", "สรุปข่าว", None)],
        **kwargs,
    )


# --- Stored and sent ------------------------------------------------------------------------------


def test_attachments_are_stored_with_every_recipients_row_and_sent():
    first, second = queue_with_files(["sci@pcru.ac.th", "edu@pcru.ac.th"])
    for notification in (first, second):
        files = list(notification.attachments.order_by("pk"))
        assert [(f.filename, f.mimetype, f.size) for f in files] == [
            (PDF_NAME, "application/pdf", len(PDF)),
            ("สรุป.txt", "text/plain", len("สรุปข่าว".encode())),
        ]
        assert bytes(files[0].content) == PDF

    assert deliver(first.pk) == "sent"
    [message] = mail.outbox
    assert (PDF_NAME, PDF, "application/pdf") in message.attachments
    assert ("สรุป.txt", "สรุปข่าว", "text/plain") in message.attachments
    # The Thai file name survives the trip through MIME (RFC 2231).
    assert PDF_NAME in {part.get_filename() for part in message.message().walk() if part.get_filename()}


def test_an_e_mail_without_attachments_sends_none():
    [notification] = queue_notification(["sci@pcru.ac.th"], "moderation/emails/page_published", PUBLISHED_CONTEXT)
    assert build_message(notification).attachments == []


def test_a_file_too_large_for_mail_servers_is_refused_before_anything_is_written():
    with pytest.raises(ValueError, match="limit"):
        queue_notification(
            ["sci@pcru.ac.th"],
            "moderation/emails/page_published",
            PUBLISHED_CONTEXT,
            attachments=[("big.pdf", b"0" * (MAX_ATTACHMENT_BYTES + 1), "application/pdf")],
        )
    assert not Notification.objects.exists() and not NotificationAttachment.objects.exists()


def test_a_path_in_the_file_name_is_dropped():
    [notification] = queue_notification(
        ["sci@pcru.ac.th"], "moderation/emails/page_published", PUBLISHED_CONTEXT, attachments=[("../../etc/รายงาน.pdf", PDF, None)]
    )
    assert notification.attachments.get().filename == "รายงาน.pdf"
    assert notification.attachments.get().mimetype == "application/pdf"


# --- The outbox admin -----------------------------------------------------------------------------


@pytest.fixture
def queued(demo):
    [notification] = queue_with_files()
    return notification


def test_webmaster_sees_the_count_in_the_listing_and_the_files_in_the_inspect_view(client, demo, queued):
    client.force_login(demo.user("webmaster"))
    listing = client.get(reverse("notification:index"))
    assert listing.status_code == 200
    [row] = [n for n in listing.context["object_list"] if n.pk == queued.pk]
    assert row.attachment_count == 2
    html = listing.content.decode()
    assert "ไฟล์แนบ" in html  # the column
    # The kind in words; its code is only the filter's option value.
    assert "แจ้งผู้รับผิดชอบข้อมูลว่าเผยแพร่แล้ว" in html and ">page_published_editor<" not in html

    inspect = client.get(reverse("notification:inspect", args=[queued.pk]))
    assert inspect.status_code == 200
    html = inspect.content.decode()
    pdf = queued.attachments.get(filename=PDF_NAME)
    assert PDF_NAME in html and "application/pdf" in html
    with translation.override("th"):
        assert filesizeformat(len(PDF)) in html
    download_url = reverse("notification:attachment", args=[pdf.pk])
    assert download_url in html

    download = client.get(download_url)
    assert download.status_code == 200
    assert download.content == PDF and download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Security-Policy"] == "sandbox"


def test_an_editor_gets_neither_the_outbox_nor_its_attachments(client, demo, queued):
    client.force_login(demo.user("sci_editor"))
    pdf = queued.attachments.get(filename=PDF_NAME)
    download = client.get(reverse("notification:attachment", args=[pdf.pk]))
    assert download.status_code == 403 and PDF not in download.content
    # Wagtail's admin answers a missing permission with a redirect to the dashboard.
    inspect = client.get(reverse("notification:inspect", args=[queued.pk]))
    assert inspect.status_code in (302, 403) and PDF_NAME not in inspect.content.decode()
    listing = client.get(reverse("notification:index"))
    assert listing.status_code in (302, 403)


def test_the_head_of_a_unit_cannot_download_either(client, demo, queued):
    client.force_login(demo.user("sci_head"))
    pdf = queued.attachments.get(filename=PDF_NAME)
    assert client.get(reverse("notification:attachment", args=[pdf.pk])).status_code == 403


def test_inspect_view_says_when_there_are_no_attachments(client, demo):
    [notification] = queue_notification(["sci@pcru.ac.th"], "moderation/emails/page_published", PUBLISHED_CONTEXT)
    client.force_login(demo.user("webmaster"))
    html = client.get(reverse("notification:inspect", args=[notification.pk])).content.decode()
    assert "อีเมลนี้ไม่มีไฟล์แนบ" in html


def test_outbox_export_shows_kind_labels_and_attachment_counts(client, demo, queued):
    client.force_login(demo.user("webmaster"))
    response = client.get(reverse("notification:index"), {"export": "csv"})
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    headings, *rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    row = dict(zip(headings, next(r for r in rows if "sci@pcru.ac.th" in r), strict=True))
    assert row["ประเภท"] == "แจ้งผู้รับผิดชอบข้อมูลว่าเผยแพร่แล้ว"  # not "page_published_editor"
    assert row["สถานะ"] == "รอส่ง" and row["ไฟล์แนบ"] == "2"
    assert row["ส่งเมื่อ"] == ""  # not sent yet: empty, not "None"
    assert re.fullmatch(r"\d{1,2} \S+ 25\d\d \d\d:\d\d", row["สร้างเมื่อ"])  # Buddhist-era year, Bangkok time
