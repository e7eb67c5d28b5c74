"""E-mails Wagtail and Django would send inline go through the outbox: the password reset link (in
Thai, retried while SMTP is down, its token never shown by the outbox) and page-comment e-mails."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageSubscription
from wagtail.test.utils.form_data import inline_formset

from publication.outbox.models import SECRET_MASK, Notification, NotificationStatus
from publication.outbox.notifications import send_due
from tests.flows.helpers import edit_news

pytestmark = pytest.mark.django_db

FAILING_BACKEND = "tests.outbox.mail_backends.DisconnectedEmailBackend"
LOCMEM_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
RESET_LINK = re.compile(r"http://testserver(/admin/password_reset/confirm/[^/\s]+/[^/\s]+/)")


def request_reset(client, email: str, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_password_reset"), {"email": email})
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_password_reset_done")
    return response


def make_due(notification: Notification) -> None:
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))


def test_reset_link_queued_while_smtp_is_down_is_sent_by_the_retry_in_thai(client, demo, settings, django_capture_on_commit_callbacks):
    user = demo.user("sci_editor")
    settings.EMAIL_BACKEND = FAILING_BACKEND
    request_reset(client, user.email, django_capture_on_commit_callbacks)

    # Django's form would have logged the failure and dropped the mail; the outbox keeps it.
    [row] = Notification.objects.filter(kind="password_reset")
    assert mail.outbox == []
    assert (row.status, row.attempts, row.recipient_user) == (NotificationStatus.QUEUED, 1, user)
    assert "SMTPServerDisconnected" in row.last_error
    # The stored row can still send the right link: its token is valid, and kept out of the body.
    assert default_token_generator.check_token(user, row.secret)
    assert row.secret not in row.body_text + row.subject and SECRET_MASK in row.body_text

    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    make_due(row)
    assert send_due() == {"sent": 1}

    [message] = mail.outbox
    assert message.to == [user.email]
    assert message.subject == "[PCRU] ตั้งรหัสผ่านใหม่"
    assert "เรียน ณัฐวุฒิ สายทอง" in message.body
    assert "ระบบได้รับคำขอตั้งรหัสผ่านใหม่สำหรับบัญชีของท่าน" in message.body
    assert "ลิงก์ใช้ได้ครั้งเดียว ภายใน 72 ชั่วโมง" in message.body
    assert f"ชื่อผู้ใช้ของท่าน: {user.username}" in message.body
    link = RESET_LINK.search(message.body).group(1)
    assert SECRET_MASK not in link and row.secret in link

    # The link works: Django swaps the token for a session and shows the new-password form.
    opened = client.get(link, follow=True)
    assert opened.status_code == 200 and "new_password1" in opened.content.decode()

    # Sent: the credential and the body that carried it are gone from the database.
    row.refresh_from_db()
    assert row.status == NotificationStatus.SENT
    assert (row.body_text, row.body_html, row.secret, row.confidential) == ("", "", "", True)


def test_unknown_address_queues_nothing_and_answers_the_same(client, demo, django_capture_on_commit_callbacks):
    request_reset(client, "nobody@pcru.ac.th", django_capture_on_commit_callbacks)
    assert not Notification.objects.exists()


def test_the_outbox_never_shows_the_reset_token(client, demo, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    request_reset(client, demo.user("sci_head").email, django_capture_on_commit_callbacks)
    [row] = Notification.objects.filter(kind="password_reset")
    token = row.secret
    assert token

    client.force_login(demo.user("webmaster"))
    pages = {
        "listing": client.get(reverse("notification:index")),
        "search": client.get(reverse("notification:index"), {"q": "PCRU"}),
        "inspect": client.get(reverse("notification:inspect", args=[row.pk])),
        "csv": client.get(reverse("notification:index"), {"export": "csv"}),
        "xlsx": client.get(reverse("notification:index"), {"export": "xlsx"}),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert token.encode() not in body, name
    inspect = pages["inspect"].content.decode()
    assert SECRET_MASK in inspect
    assert "ซ่อนลิงก์ที่ใช้ได้ครั้งเดียวไว้" in inspect
    assert "ลิงก์ตั้งรหัสผ่านใหม่" in pages["listing"].content.decode()  # the kind, in Thai

    # Once sent, the inspect view says why the body is empty.
    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    make_due(row)
    send_due()
    inspect = client.get(reverse("notification:inspect", args=[row.pk])).content.decode()
    assert "ลบเนื้อหาแล้วหลังส่ง" in inspect and token not in inspect


def test_page_comment_emails_go_through_the_outbox(client, demo, make_news, settings, django_capture_on_commit_callbacks):
    sci = demo.units["SCI"]
    head = demo.user("sci_head")
    page = make_news(sci.news_index, "ค่ายวิทยาศาสตร์สัญจร อำเภอเขาค้อ", owner_unit=sci, slug="science-camp")
    PageSubscription.objects.create(page=page, user=head, comment_notifications=True)
    comment = {
        "id": "",
        "contentpath": "title",
        "text": "ขอให้ตรวจชื่อโรงเรียนที่ร่วมกิจกรรมอีกครั้ง",
        "position": "",
        "resolved": "",
        "DELETE": "",
        "replies": inline_formset([]),
    }
    settings.EMAIL_BACKEND = FAILING_BACKEND
    client.force_login(demo.user("sci_editor"))
    with django_capture_on_commit_callbacks(execute=True):
        response = edit_news(client, page, page.title, action=None, comments=inline_formset([comment]))
    assert response.status_code == 302, response.content[:2000]

    # Wagtail would have sent this inside the request and lost it to the broken server.
    [row] = Notification.objects.filter(kind="updated_comments")
    assert mail.outbox == []
    assert (row.recipient, row.status, row.attempts) == (head.email, NotificationStatus.QUEUED, 1)
    assert row.subject == "[PCRU] ณัฐวุฒิ สายทอง ปรับปรุงความคิดเห็นใน “ค่ายวิทยาศาสตร์สัญจร อำเภอเขาค้อ”"
    assert "ความคิดเห็นใหม่:" in row.body_text and comment["text"] in row.body_text
    assert f"http://testserver/admin/pages/{page.pk}/edit/" in row.body_text
