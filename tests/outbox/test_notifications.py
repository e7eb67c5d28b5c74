"""The notification outbox: queued in the caller's transaction, sent by a django-tasks task after
commit, never lost when SMTP fails (retried with back-off, resent from the admin)."""

from __future__ import annotations

import datetime
import email
import io
import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from publication.moderation.notify import notify_unit_page_published
from publication.outbox.models import Notification, NotificationStatus
from publication.outbox.notifications import (
    deliver,
    queue_notification,
    retry_notifications,
    send_due,
)

pytestmark = pytest.mark.django_db

FAILING_BACKEND = "tests.outbox.mail_backends.DisconnectedEmailBackend"
PUBLISHED_CONTEXT = {
    "page_title": "ประกาศรับสมัครนักศึกษาใหม่ ปีการศึกษา 2570",
    "page_url": "https://www.pcru.ac.th/news/admission-2570/",
    "unit_name": "คณะวิทยาศาสตร์และเทคโนโลยี",
    "approved_by_name": "ธนพล ศรีสุข",
    "approved_at": datetime.datetime(2026, 11, 25, 14, 30, tzinfo=datetime.UTC),
}


def queue_published(recipients=("sci@pcru.ac.th",), **kwargs):
    return queue_notification(list(recipients), "moderation/emails/page_published", PUBLISHED_CONTEXT, **kwargs)


def make_due(notification: Notification) -> None:
    """The back-off has elapsed."""
    past = timezone.now() - datetime.timedelta(seconds=1)
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=past)


# --- Queue and send -------------------------------------------------------------------------------


def test_queued_then_sent_after_commit_in_thai(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        [notification] = queue_published()
        # Nothing leaves before the transaction commits.
        assert mail.outbox == []
        assert notification.status == NotificationStatus.QUEUED
    assert len(callbacks) == 1

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.attempts == 1
    assert notification.sent_at is not None
    assert notification.kind == "page_published"

    [message] = mail.outbox
    assert message.to == ["sci@pcru.ac.th"]
    assert message.subject == "[PCRU] เผยแพร่แล้ว: ประกาศรับสมัครนักศึกษาใหม่ ปีการศึกษา 2570"
    assert message.from_email == "PCRU Publish <no-reply@pcru.ac.th>"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    body = message.body
    assert "เรียน คณะวิทยาศาสตร์และเทคโนโลยี" in body
    assert "https://www.pcru.ac.th/news/admission-2570/" in body
    assert "ผู้อนุมัติ: ธนพล ศรีสุข" in body
    # 14:30 UTC is 21:30 in Bangkok; the year is Buddhist era 2569.
    assert "อนุมัติเมื่อ: 25 พฤศจิกายน 2569 เวลา 21:30 น." in body
    assert "ระบบเผยแพร่ข้อมูล มหาวิทยาลัยราชภัฏเพชรบูรณ์" in body
    assert "ส่งจากระบบโดยอัตโนมัติ" in body
    assert "&amp;" not in body and "&#x27;" not in body


def test_plain_text_is_not_html_escaped(django_capture_on_commit_callbacks):
    context = {**PUBLISHED_CONTEXT, "page_title": "วิจัย & นวัตกรรม <2570>", "page_url": "https://x.test/?a=1&b=2"}
    with django_capture_on_commit_callbacks(execute=True):
        queue_notification(["sci@pcru.ac.th"], "moderation/emails/page_published", context)
    [message] = mail.outbox
    assert message.subject == "[PCRU] เผยแพร่แล้ว: วิจัย & นวัตกรรม <2570>"
    assert "https://x.test/?a=1&b=2" in message.body


def test_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_published()
        raise RuntimeError("the publish failed")
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_recipients_are_deduplicated_and_empty_addresses_skipped(django_capture_on_commit_callbacks):
    user = get_user_model().objects.create_user("head", email="Head@pcru.ac.th", first_name="สมชาย")
    inactive = get_user_model().objects.create_user("gone", email="gone@pcru.ac.th", is_active=False)
    no_mail = get_user_model().objects.create_user("nomail", email="")
    with django_capture_on_commit_callbacks(execute=True):
        rows = queue_published(
            ["head@pcru.ac.th", user, " HEAD@pcru.ac.th ", "", None, inactive, no_mail]
            + ["sci@pcru.ac.th", "SCI@pcru.ac.th"]
        )
    assert sorted(row.recipient.lower() for row in rows) == ["head@pcru.ac.th", "sci@pcru.ac.th"]
    # The address given as a user keeps the link to the account.
    assert next(row for row in rows if row.recipient.lower() == "head@pcru.ac.th").recipient_user == user
    assert sorted(message.to[0].lower() for message in mail.outbox) == ["head@pcru.ac.th", "sci@pcru.ac.th"]


def test_no_recipients_queues_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert queue_published(recipients=["", None]) == []
    assert callbacks == []


def test_related_object_is_recorded(demo, make_news, django_capture_on_commit_callbacks):
    sci = demo.units["SCI"]
    page = make_news(sci.news_index, "ข่าวทดสอบการแจ้งเตือน", owner_unit=sci)
    with django_capture_on_commit_callbacks(execute=True):
        [row] = queue_published(related=page, kind="page_published")
    assert row.object_id == str(page.pk)
    assert row.related_label == "ข่าวทดสอบการแจ้งเตือน"
    assert row.related_object.specific == page


def test_unit_is_notified_when_its_page_is_published(demo, make_news, django_capture_on_commit_callbacks):
    """P1.1(4): the unit's contact address gets the title, public URL, approver and time."""
    sci = demo.units["SCI"]
    webmaster = demo.user("webmaster")
    page = make_news(sci.news_index, "ข่าวคณะวิทยาศาสตร์ประจำสัปดาห์", owner_unit=sci)
    approved_at = datetime.datetime(2026, 12, 1, 3, 5, tzinfo=datetime.UTC)
    with django_capture_on_commit_callbacks(execute=True):
        [row] = notify_unit_page_published(page, approved_by=webmaster, approved_at=approved_at)
    assert row.recipient == sci.contact_email
    assert row.status == NotificationStatus.QUEUED
    row.refresh_from_db()
    assert row.status == NotificationStatus.SENT
    [message] = mail.outbox
    assert message.to == [sci.contact_email]
    assert message.subject == "[PCRU] เผยแพร่แล้ว: ข่าวคณะวิทยาศาสตร์ประจำสัปดาห์"
    assert page.full_url in message.body
    assert f"ผู้อนุมัติ: {webmaster.get_full_name()}" in message.body
    assert "1 ธันวาคม 2569 เวลา 10:05 น." in message.body
    assert f"หน่วยงาน: {sci.name_th}" in message.body


# --- Failure, back-off, recovery ------------------------------------------------------------------


def test_smtp_failure_leaves_it_queued_and_the_caller_unharmed(settings, django_capture_on_commit_callbacks, caplog):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = queue_published()  # no exception reaches the caller
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.QUEUED
    assert notification.attempts == 1
    assert notification.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert notification.sent_at is None
    assert before + datetime.timedelta(minutes=1) <= notification.next_attempt_at
    assert notification.next_attempt_at <= timezone.now() + datetime.timedelta(minutes=1)
    assert mail.outbox == []
    record = next(r for r in caplog.records if r.name == "publication.notifications")
    assert record.levelname == "WARNING"
    assert f"Sending notification {notification.pk} (page_published) to sci@pcru.ac.th failed (attempt 1 of 6)" in (
        record.getMessage()
    )

    # Not due yet: the command leaves it alone.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_queued_notifications", stdout=io.StringIO())
    assert mail.outbox == []

    # The SMTP server is back and the back-off has elapsed: the command sends it.
    make_due(notification)
    out = io.StringIO()
    call_command("send_queued_notifications", stdout=out)
    assert "sent: 1" in out.getvalue()
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.attempts == 2
    assert notification.last_error == ""
    assert [m.subject for m in mail.outbox] == ["[PCRU] เผยแพร่แล้ว: ประกาศรับสมัครนักศึกษาใหม่ ปีการศึกษา 2570"]


def test_backoff_doubles_then_gives_up_after_max_attempts(settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    [notification] = queue_published()  # on_commit not run: we drive the sending ourselves
    delays = []
    for _attempt in range(5):
        make_due(notification)
        started = timezone.now()
        assert deliver(notification.pk) == NotificationStatus.QUEUED
        notification.refresh_from_db()
        delays.append(round((notification.next_attempt_at - started).total_seconds() / 60))
    assert delays == [1, 2, 4, 8, 16]
    assert notification.attempts == 5

    make_due(notification)
    assert deliver(notification.pk) == NotificationStatus.FAILED
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == notification.max_attempts == 6

    # A failed row is no longer retried by the periodic run…
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due() == {}
    assert deliver(notification.pk) == "skipped"
    # …unless asked to include failed rows.
    assert send_due(include_failed=True) == {"sent": 1}
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert len(mail.outbox) == 1


def test_a_row_is_sent_once_even_if_delivered_twice():
    [notification] = queue_published()
    assert deliver(notification.pk) == NotificationStatus.SENT
    assert deliver(notification.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_retry_task_sends_what_is_due(settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    [notification] = queue_published()
    deliver(notification.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_due(notification)
    result = retry_notifications.enqueue()
    assert result.return_value == {"sent": 1}
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT


def test_enqueue_failure_is_logged_and_the_row_kept(settings, django_capture_on_commit_callbacks, caplog):
    # The task backend (e.g. the worker's database) is unavailable: the caller must not notice.
    settings.TASKS = {"default": {"BACKEND": "tests.outbox.mail_backends.UnavailableTaskBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = queue_published()
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.QUEUED
    assert notification.attempts == 0
    assert mail.outbox == []
    assert any(
        r.name == "publication.notifications"
        and r.getMessage() == (
            f"Could not enqueue sending of notification {notification.pk}; "
            "it stays queued for send_queued_notifications"
        )
        for r in caplog.records
    )


# --- Admin ----------------------------------------------------------------------------------------


@pytest.fixture
def failed_notification(settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    [notification] = queue_published()
    deliver(notification.pk)
    Notification.objects.filter(pk=notification.pk).update(status=NotificationStatus.FAILED, attempts=6)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    notification.refresh_from_db()
    return notification


def test_webmaster_sees_the_outbox_and_the_dashboard_count(demo, client, failed_notification):
    client.force_login(demo.user("webmaster"))
    response = client.get(reverse("notification:index"), {"status": "failed"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "กล่องจดหมายออก" in content
    assert failed_notification.subject in content
    assert "ส่งไม่สำเร็จ" in content
    assert reverse("notification:resend", args=[failed_notification.pk]) in content
    # No add/edit/delete for an outbox.
    assert "/admin/notification/new/" not in content

    response = client.get(reverse("notification:index"), {"q": "sci@pcru"})
    assert failed_notification.subject in response.content.decode()
    response = client.get(reverse("notification:index"), {"status": "sent"})
    assert failed_notification.subject not in response.content.decode()

    response = client.get(reverse("notification:inspect", args=[failed_notification.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in content
    assert "ระบบเผยแพร่ข้อมูล มหาวิทยาลัยราชภัฏเพชรบูรณ์" in content

    response = client.get(reverse("wagtailadmin_home"))
    assert "อีเมลส่งไม่สำเร็จ 1 ฉบับ" in response.content.decode()


def test_webmaster_resends_a_failed_item(demo, client, failed_notification, django_capture_on_commit_callbacks):
    client.force_login(demo.user("webmaster"))
    url = reverse("notification:resend", args=[failed_notification.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("notification:index")
    failed_notification.refresh_from_db()
    assert failed_notification.status == NotificationStatus.SENT
    assert [m.to for m in mail.outbox] == [["sci@pcru.ac.th"]]

    # A sent item cannot be resent.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert len(mail.outbox) == 1


def test_unit_editor_cannot_see_or_resend(demo, client, failed_notification):
    client.force_login(demo.user("sci_editor"))
    url = reverse("notification:resend", args=[failed_notification.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert client.get(reverse("notification:index")).status_code in (302, 403)
    failed_notification.refresh_from_db()
    assert failed_notification.status == NotificationStatus.FAILED
    assert mail.outbox == []
    response = client.get(reverse("wagtailadmin_home"))
    assert "อีเมลส่งไม่สำเร็จ" not in response.content.decode()


def test_webmasters_group_holds_the_outbox_permissions(demo):
    webmaster = get_user_model().objects.get(pk=demo.user("webmaster").pk)
    assert webmaster.has_perm("outbox.view_notification")
    assert webmaster.has_perm("outbox.change_notification")
    assert not webmaster.has_perm("outbox.add_notification")
    assert Permission.objects.filter(codename="change_notification").exists()


# --- A real SMTP server ---------------------------------------------------------------------------


class RecordingHandler:
    """aiosmtpd handler keeping every message as received on the wire."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"

    def subjects(self) -> list[str]:
        """Subjects decoded the way a mail client does (RFC 2047 words, folding whitespace dropped)."""
        return [str(make_header(decode_header(m["Subject"]))).strip() for m in self.messages]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_real_smtp_server_outage_and_recovery(settings, django_capture_on_commit_callbacks):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

    handler = RecordingHandler()
    server = Controller(handler, hostname="127.0.0.1", port=port)
    server.start()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            [first] = queue_published()
    finally:
        server.stop()
    first.refresh_from_db()
    assert first.status == NotificationStatus.SENT
    [received] = handler.messages
    assert handler.subjects() == ["[PCRU] เผยแพร่แล้ว: ประกาศรับสมัครนักศึกษาใหม่ ปีการศึกษา 2570"]
    assert "=?utf-8?b?" in received["Subject"]  # it really travelled RFC 2047-encoded
    assert received["To"] == "sci@pcru.ac.th"
    assert "ระบบเผยแพร่ข้อมูล มหาวิทยาลัยราชภัฏเพชรบูรณ์" in received.get_payload(decode=True).decode("utf-8")

    # The server is down: the notification stays queued with the connection error.
    with django_capture_on_commit_callbacks(execute=True):
        [second] = queue_published(recipients=["edu@pcru.ac.th"])
    second.refresh_from_db()
    assert second.status == NotificationStatus.QUEUED
    assert second.attempts == 1
    assert "ConnectionRefusedError" in second.last_error
    assert len(handler.messages) == 1

    # The server comes back; once the back-off has elapsed the periodic command sends it.
    make_due(second)
    server = Controller(handler, hostname="127.0.0.1", port=port)
    server.start()
    try:
        call_command("send_queued_notifications", stdout=io.StringIO())
    finally:
        server.stop()
    second.refresh_from_db()
    assert second.status == NotificationStatus.SENT
    assert [m["To"] for m in handler.messages] == ["sci@pcru.ac.th", "edu@pcru.ac.th"]


def test_a_row_left_sending_by_a_dead_worker_is_picked_up_again():
    [notification] = queue_published()
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.SENDING, updated_at=long_ago, next_attempt_at=long_ago
    )
    # A row another worker is sending right now is left alone…
    Notification.objects.filter(pk=notification.pk).update(updated_at=timezone.now())
    assert send_due() == {}
    # …but one stuck for longer than STALE_SENDING_AFTER goes back to the queue and is sent.
    Notification.objects.filter(pk=notification.pk).update(updated_at=long_ago)
    assert send_due() == {"sent": 1}
    assert len(mail.outbox) == 1
