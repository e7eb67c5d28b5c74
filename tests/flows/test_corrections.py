"""G6 end to end through the real admin views: a correction notice on a live news item is an edit like any
other. It waits for the head and the webmaster, passes the policy checks, and only then reaches the public
page, the corrections log and its feed."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own responses

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset

from publication.moderation.models import PublicationRecord
from publication.organisation.templatetags.thai_dates import thai_date
from publication.outbox.models import Notification
from publication.pages.models import NewsPage, PageCorrection

from .helpers import current_task_state, edit_news, login, valid_thai_id, workflow_action

# Real commits: the outbox sends after commit, exactly as in production.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "มหาวิทยาลัยเปิดรับสมัครนักศึกษาใหม่ รอบโควตา ปีการศึกษา 2570"
WRONG = "ข่าวระบุวันสุดท้ายของการรับสมัครเป็นวันที่ 5 ธันวาคม 2569"
CHANGED = "แก้ไขวันสุดท้ายของการรับสมัครเป็นวันที่ 15 ธันวาคม 2569 ส่วนสถานที่สมัครยังคงเดิม"


def correction(wrong: str = WRONG, changed: str = CHANGED, date: datetime.date | None = None) -> dict:
    return {"date": (date or timezone.localdate()).isoformat(), "what_was_wrong": wrong, "what_changed": changed}


@pytest.fixture
def live_news(demo, make_news) -> NewsPage:
    """A live news item SCI's editor wrote in the university news: its edits go to SCI's head, then the webmaster."""
    return make_news(demo.university_news, TITLE, owner_unit=demo.units["SCI"], slug="rap-samak", owner=demo.user("sci_editor"))


def edit_corrections(client, page, notices: list[dict], action: str | None = "action-submit"):
    """Post the page's edit form as it stands, with `notices` in its corrections panel."""
    publisher_unit = page.specific.publisher_unit_id  # the form shows it filled in; posting it empty changes the item
    return edit_news(client, page, page.title, publisher_unit=publisher_unit, corrections=inline_formset(notices), action=action)


def submit_correction(client, demo, page, *notices: dict, action: str = "action-submit"):
    login(client, demo.user("sci_editor"))
    return edit_corrections(client, page, list(notices), action=action)


def public_text(client, page) -> str:
    client.logout()
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def log_text(client) -> str:
    client.logout()
    response = client.get("/corrections/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_a_correction_waits_for_head_and_webmaster_then_shows_everywhere(client, demo, live_news):
    corrected_on = timezone.localdate() - datetime.timedelta(days=1)
    response = submit_correction(client, demo, live_news, correction(date=corrected_on))
    assert response.status_code == 302, response.content[:3000]

    # In moderation: a draft revision; the live page, its rows, the log and the feed are unchanged.
    live_news.refresh_from_db()
    assert live_news.live and live_news.has_unpublished_changes
    assert not PageCorrection.objects.exists()
    draft = live_news.get_latest_revision_as_object()
    assert [c.what_changed for c in draft.corrections.all()] == [CHANGED]
    head_state = current_task_state(live_news)
    assert head_state.task.specific.__class__.__name__ == "HeadOfUnitApprovalTask"
    assert {n.recipient for n in Notification.objects.filter(kind="task_submitted")} == {demo.user("sci_head").email}
    assert CHANGED not in public_text(client, live_news)
    assert TITLE not in log_text(client)

    # The head approves: still nothing public (SCI's items in the university news need the webmaster too).
    workflow_action(login(client, demo.user("sci_head")), live_news, "approve", head_state, comment="ถูกต้องแล้ว")
    head_state.refresh_from_db()
    assert head_state.status == TaskState.STATUS_APPROVED
    webmaster_state = current_task_state(live_news)
    assert webmaster_state.task.specific.__class__.__name__ == "WebmasterApprovalTask"
    assert CHANGED not in public_text(client, live_news)
    assert not PageCorrection.objects.exists()

    workflow_action(login(client, demo.user("webmaster")), live_news, "approve", webmaster_state)
    live_news.refresh_from_db()
    assert live_news.live and not live_news.has_unpublished_changes
    notice = PageCorrection.objects.get()
    assert notice.page_id == live_news.pk and notice.date == corrected_on

    # The public page: the notice with its Buddhist-era date, what was wrong and what changed.
    text = public_text(client, live_news)
    assert "การแก้ไขข้อมูล" in text
    assert f"แก้ไขเมื่อ {thai_date(corrected_on)}" in text
    assert WRONG in text and CHANGED in text
    # The corrections log and its feed list it, linking to the notice on the page.
    assert TITLE in log_text(client) and CHANGED in log_text(client)
    channel = ET.fromstring(client.get("/feeds/corrections/rss/").content).find("channel")  # noqa: S314
    [item] = channel.findall("item")
    assert item.findtext("title") == f"แก้ไขข้อมูล: {TITLE}"
    assert item.findtext("link").endswith(f"{live_news.url}#correction-{notice.pk}")

    # Recorded like any publication, and the unit is told.
    record = PublicationRecord.objects.filter(page=live_news).latest("pk")
    assert record.head_approver == demo.user("sci_head") and record.webmaster_approver == demo.user("webmaster")


def test_a_correction_with_a_secrecy_marking_or_a_national_id_is_refused(client, demo, live_news):
    national_id = valid_thai_id()
    response = submit_correction(
        client,
        demo,
        live_news,
        correction(wrong="ลับที่สุด\nวันรับสมัครเดิมตามบันทึกข้อความภายใน", changed=f"ผู้ประสานงาน เลขประจำตัวประชาชน {national_id}"),
    )
    assert response.status_code == 200
    content = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "ส่งขออนุมัติหรือเผยแพร่ไม่ได้" in content
    # Each finding names the notice and its part in Thai, with the exact text.
    assert "การแก้ไขข้อมูล รายการที่ 1 (ข้อมูลที่ไม่ถูกต้อง)" in content and "«ลับที่สุด»" in content
    assert "การแก้ไขข้อมูล รายการที่ 1 (สิ่งที่แก้ไข)" in content and national_id in content
    # The notice's own fields show the finding too, and keep what the editor typed.
    form = BeautifulSoup(response.content, "html.parser")
    wrong_field = form.find(attrs={"name": "corrections-0-what_was_wrong"})
    assert wrong_field is not None and "ลับที่สุด" in wrong_field.get_text()
    assert "«ลับที่สุด»" in wrong_field.find_parent(attrs={"data-field": True}).select_one(".error-message").get_text()

    assert not WorkflowState.objects.exists()
    live_news.refresh_from_db()
    assert live_news.live and not PageCorrection.objects.exists()


def test_the_approval_step_checks_the_correction_too(client, demo, live_news):
    """A draft saved with a secrecy marking in a notice (saving a draft is never blocked) and then put into
    the workflow is sent back by the head's approval with the finding, and never published."""
    page = NewsPage.objects.get(pk=live_news.pk)
    page.corrections = [PageCorrection(date=timezone.localdate(), what_was_wrong="ลับมาก\nตัวเลขงบประมาณเดิม", what_changed=CHANGED)]
    page.save_revision(user=demo.user("sci_editor"))
    page.get_workflow().start(page, demo.user("sci_editor"))
    head_state = current_task_state(page)
    workflow_action(login(client, demo.user("sci_head")), page, "approve", head_state)
    head_state.refresh_from_db()
    assert head_state.status == TaskState.STATUS_REJECTED
    assert "การแก้ไขข้อมูล รายการที่ 1" in head_state.get_comment() and "«ลับมาก»" in head_state.get_comment()
    assert not PageCorrection.objects.exists()


def test_a_correction_changed_after_the_head_approved_needs_the_head_again(client, demo, make_news):
    """HUSO (no P1.2 rights): the head approves one notice; the webmaster then changes its text and tries to
    publish. The head's approval covers the content it saw, not the new notice."""
    page = make_news(demo.units["HUSO"].news_index, "นิทรรศการศิลปกรรมนักศึกษา ครั้งที่ 16", slug="art")
    login(client, demo.user("huso_editor"))
    response = edit_corrections(client, page, [correction()])
    assert response.status_code == 302, response.content[:2000]
    assert response.url != "/admin/", "the editor could not open the page"
    workflow_action(login(client, demo.user("huso_head")), page, "approve", current_task_state(page))
    assert current_task_state(page).task.specific.__class__.__name__ == "WebmasterApprovalTask"

    # The webmaster edits the notice's text (a draft), then publishes through the admin API.
    login(client, demo.user("webmaster"))
    page.refresh_from_db()
    [existing] = page.get_latest_revision_as_object().corrections.all()
    changed = {**correction(changed="แก้ไขวันจัดนิทรรศการเป็นวันที่ 20 ธันวาคม 2569"), "id": str(existing.pk or "")}
    response = edit_corrections(client, page, [changed], action=None)
    assert response.status_code == 302, response.content[:2000]
    response = client.post(f"/admin/api/main/pages/{page.pk}/action/publish/", data={}, content_type="application/json")
    assert response.status_code == 403
    assert "หัวหน้าหน่วยงาน" in " ".join(response.json()["reasons"])
    page.refresh_from_db()
    assert not PageCorrection.objects.filter(page=page).exists()
