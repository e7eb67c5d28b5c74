"""The webmaster's dashboard panel of the outbox: e-mails that failed to send, counted and linked."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from publication.outbox.models import Notification, NotificationStatus
from publication.outbox.panels import FailedEmailsPanel

PANEL = "my-work-outbox"


def dashboard(client, user) -> BeautifulSoup:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def failed_list(soup):
    found = soup.select_one(f'[data-my-work="{PANEL}"]')
    return None if found is None else found.select_one('[data-my-work-list="failed"]')


def notification(subject: str, status: str, attempts: int = 6, error: str = "") -> Notification:
    return Notification.objects.create(
        recipient="sci@pcru.ac.th",
        subject=subject,
        body_text="เนื้อหาอีเมล",
        kind="page_published",
        related_label="ค่ายวิทยาศาสตร์สัญจร",
        status=status,
        attempts=attempts,
        last_error=error,
    )


@pytest.fixture
def outbox(demo):
    return {
        "failed": notification(
            "เผยแพร่แล้ว: ค่ายวิทยาศาสตร์สัญจร",
            NotificationStatus.FAILED,
            error="Traceback …\nSMTPServerDisconnected: Connection unexpectedly closed",
        ),
        "failed2": notification("รออนุมัติ: นิทรรศการศิลปกรรม", NotificationStatus.FAILED, attempts=1, error="timed out"),
        "queued": notification("รออนุมัติ: ข่าวรอส่ง", NotificationStatus.QUEUED, attempts=0),
        "sent": notification("เผยแพร่แล้ว: ข่าวส่งแล้ว", NotificationStatus.SENT, attempts=1),
    }


def test_webmaster_sees_failed_emails_with_count_error_and_link(client, demo, outbox):
    soup = dashboard(client, demo.user("webmaster"))
    failed = failed_list(soup)
    assert failed is not None
    assert int(failed["data-count"]) == 2
    rows = {row.select_one("td.title a").get_text(strip=True): row for row in failed.select("tr[data-my-work-item]")}
    assert set(rows) == {"เผยแพร่แล้ว: ค่ายวิทยาศาสตร์สัญจร", "รออนุมัติ: นิทรรศการศิลปกรรม"}
    row = rows["เผยแพร่แล้ว: ค่ายวิทยาศาสตร์สัญจร"]
    assert row.select_one("a")["href"] == f"/admin/notification/inspect/{outbox['failed'].pk}/"
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in row.get_text()  # the last line of the error
    assert "ส่งไม่สำเร็จหลังพยายาม 6 ครั้ง" in row.get_text()
    assert "sci@pcru.ac.th" in row.get_text()


def test_no_failed_email_no_panel(client, demo, outbox):
    Notification.objects.filter(status=NotificationStatus.FAILED).update(status=NotificationStatus.SENT)
    assert failed_list(dashboard(client, demo.user("webmaster"))) is None


@pytest.mark.parametrize("username", ["sci_editor", "sci_head", "executive", "clerk", "arit_director"])
def test_only_those_who_can_resend_see_it(client, demo, outbox, username):
    soup = dashboard(client, demo.user(username))
    assert soup.select_one(f'[data-my-work="{PANEL}"]') is None
    assert "SMTPServerDisconnected" not in soup.get_text()


def test_outbox_panel_runs_a_fixed_number_of_queries(demo, outbox, django_assert_max_num_queries):
    def render():
        request = RequestFactory().get("/admin/")
        request.user = webmaster
        with CaptureQueriesContext(connection) as queries:
            html = FailedEmailsPanel(request).render_html({"request": request})
        return html, len(queries)

    webmaster = type(demo.user("webmaster")).objects.get(username="webmaster")
    _html, before = render()
    for number in range(15):
        notification(f"รออนุมัติ: ข่าวที่ {number}", NotificationStatus.FAILED, error="refused")
    webmaster = type(webmaster).objects.get(pk=webmaster.pk)  # no permission cache carried over
    with django_assert_max_num_queries(before):
        html, _after = render()
    soup = BeautifulSoup(html, "html.parser")
    assert int(failed_list(soup)["data-count"]) == 17
    assert len(failed_list(soup).select("tr[data-my-work-item]")) == 10
    assert failed_list(soup).select_one("a.button")["href"] == "/admin/notification/?status=failed"
