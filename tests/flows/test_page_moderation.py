"""P1.1 / P1.2 / P1.3 end to end through the real admin views: submit → head → webmaster → live → e-mail."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from publication.moderation.checks import PublishBlocked
from publication.moderation.models import ContentCheck, PublicationRecord
from publication.organisation.models import ActingHead
from publication.outbox.models import Notification
from publication.pages.models import NewsPage

from .helpers import add_news, current_task_state, edit_news, login, valid_thai_id, workflow_action

# Real commits: the outbox sends after commit, exactly as in production.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SECRET_BODY = "ลับ\nบันทึกข้อความ เรื่อง การประชุมคณะกรรมการ ผู้ติดต่อ เลขประจำตัวประชาชน 1-1037-00000-00-0"


def submit_university_news(client, demo, title="ค่ายวิทยาศาสตร์สัญจรสู่โรงเรียนในอำเภอเขาค้อ", **kwargs):
    login(client, demo.user("sci_editor"))
    response = add_news(client, demo.university_news, title, owner_unit=demo.units["SCI"], **kwargs)
    return response, NewsPage.objects.filter(title=title).first()


def test_p11_editor_head_webmaster_publish_and_unit_email(client, demo):
    response, page = submit_university_news(client, demo)
    assert response.status_code == 302, response.content[:2000]
    assert page is not None and not page.live
    assert page.owner_unit.code == "SCI"
    task_state = current_task_state(page)
    assert task_state.task.specific.__class__.__name__ == "HeadOfUnitApprovalTask"

    # Only the head of the page's own unit is told (not every head in the university).
    submitted = Notification.objects.filter(kind="task_submitted")
    assert {n.recipient for n in submitted} == {demo.user("sci_head").email}
    assert any("รออนุมัติ" in m.subject for m in mail.outbox)

    # Head of another unit: 403 and nothing changes. The editor cannot approve their own item.
    assert workflow_action(login(client, demo.user("huso_head")), page, "approve", task_state).status_code == 403
    assert workflow_action(login(client, demo.user("sci_editor")), page, "approve", task_state).status_code == 403
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    # The right head approves with a comment; the item moves on to the webmasters.
    response = workflow_action(login(client, demo.user("sci_head")), page, "approve", task_state, comment="เห็นควรเผยแพร่")
    assert response.status_code in (200, 302)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    webmaster_state = current_task_state(page)
    assert webmaster_state.task.specific.__class__.__name__ == "WebmasterApprovalTask"
    assert Notification.objects.filter(kind="task_approved", recipient=demo.user("sci_editor").email).exists()
    assert Notification.objects.filter(kind="task_submitted", recipient=demo.user("webmaster").email).exists()

    mail.outbox.clear()
    workflow_action(login(client, demo.user("webmaster")), page, "approve", webmaster_state)
    page.refresh_from_db()
    assert page.live

    record = PublicationRecord.objects.get(page=page)
    assert record.head_approver == demo.user("sci_head")
    assert record.head_comment == "เห็นควรเผยแพร่"
    assert record.webmaster_approver == demo.user("webmaster")
    assert record.editor == demo.user("sci_editor")
    assert record.unit_notified_at is not None

    unit_mail = [m for m in mail.outbox if "sci@pcru.ac.th" in m.to]
    assert len(unit_mail) == 1
    assert page.title in unit_mail[0].subject
    assert page.full_url in unit_mail[0].body
    assert "ธนพล ศรีสุข" in unit_mail[0].body  # the approving webmaster


def test_p13_unit_section_is_head_only(client, demo):
    """A unit granted P1.2 rights gets head-only moderation on its news folder: the head's approval publishes."""
    news_folder = demo.units["SCI"].news_index
    login(client, demo.user("sci_editor"))
    add_news(client, news_folder, "นักศึกษาวิทยาการคอมพิวเตอร์คว้ารางวัลระดับภาค", slug="award")
    page = NewsPage.objects.get(slug="award")
    workflow_action(login(client, demo.user("sci_head")), page, "approve", current_task_state(page))
    page.refresh_from_db()
    assert page.live
    assert PublicationRecord.objects.get(page=page).head_approver == demo.user("sci_head")


def test_unit_without_news_rights_goes_to_webmaster(client, demo):
    folder = demo.units["HUSO"].news_index
    assert not demo.units["HUSO"].may_publish_own_news
    login(client, demo.user("huso_editor"))
    add_news(client, folder, "นิทรรศการศิลปกรรมนักศึกษา ครั้งที่ 16", slug="art")
    page = NewsPage.objects.get(slug="art")
    workflow_action(login(client, demo.user("huso_head")), page, "approve", current_task_state(page))
    page.refresh_from_db()
    assert not page.live
    assert current_task_state(page).task.specific.__class__.__name__ == "WebmasterApprovalTask"


def test_submission_with_secret_marking_and_national_id_is_refused_with_findings(client, demo):
    body = f"ลับ\nบันทึกข้อความ ผู้ติดต่อ เลขประจำตัวประชาชน {valid_thai_id()}"
    response, page = submit_university_news(client, demo, body=body)
    assert response.status_code == 200
    content = response.content.decode()
    assert "ส่งขออนุมัติหรือเผยแพร่ไม่ได้" in content
    assert "«ลับ»" in content
    assert valid_thai_id() in content
    assert page is None
    assert not WorkflowState.objects.exists()

    # Fixed, it goes through.
    response, page = submit_university_news(client, demo)
    assert response.status_code == 302
    assert page.current_workflow_state is not None


def test_warnings_need_acknowledgement_which_is_recorded(client, demo):
    # A landline number is a warning (not an error): it goes forward but must be acknowledged.
    response, page = submit_university_news(client, demo, body="สอบถามเพิ่มเติมโทร 02-123-4567 ในวันและเวลาราชการ")
    assert response.status_code == 302
    task_state = current_task_state(page)
    check = ContentCheck.objects.get(revision=task_state.revision)
    assert check.warning_count >= 1 and check.error_count == 0

    head = login(client, demo.user("sci_head"))
    assert workflow_action(head, page, "approve", task_state).status_code == 403  # plain approve refused
    response = workflow_action(head, page, "approve_ack", task_state, comment="")
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS  # the checkbox is required
    workflow_action(head, page, "approve_ack", task_state, acknowledge_warnings="on")
    task_state.refresh_from_db()
    check.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert check.acknowledged_by == demo.user("sci_head")


def test_request_changes_loop_reruns_checks(client, demo):
    _response, page = submit_university_news(client, demo)
    head_state = current_task_state(page)
    workflow_action(login(client, demo.user("sci_head")), page, "reject", head_state, comment="กรุณาเพิ่มวันที่จัดกิจกรรม")
    changes = Notification.objects.get(kind="changes_requested")
    assert changes.recipient == demo.user("sci_editor").email
    assert "กรุณาเพิ่มวันที่จัดกิจกรรม" in changes.body_text

    # Resubmitting with a secret marking is refused again: the checks run on every submission.
    login(client, demo.user("sci_editor"))
    response = edit_news(client, page, page.title, body="ลับ\nเอกสารการประชุม")
    assert response.status_code == 200 and "«ลับ»" in response.content.decode()
    response = edit_news(client, page, page.title, body="จัดกิจกรรมวันที่ 5 ธันวาคม 2569 ณ โรงเรียนเขาค้อ")
    assert response.status_code == 302
    new_state = current_task_state(page)
    assert new_state.pk != head_state.pk and new_state.status == TaskState.STATUS_IN_PROGRESS
    workflow_action(login(client, demo.user("sci_head")), page, "approve", new_state)
    assert current_task_state(page).task.specific.__class__.__name__ == "WebmasterApprovalTask"


def test_acting_head_acts_and_is_notified_instead(client, demo, django_user_model):
    acting = django_user_model.objects.create_user(
        "sci_acting", "sci_acting@pcru.ac.th", "pw", is_staff=True, first_name="สมพร", last_name="รักดี"
    )
    today = timezone.localdate()
    ActingHead.objects.create(
        unit=demo.units["SCI"],
        head=demo.user("sci_head"),
        acting=acting,
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=7),
    )
    _response, page = submit_university_news(client, demo)
    recipients = {n.recipient for n in Notification.objects.filter(kind="task_submitted")}
    assert recipients == {"sci_acting@pcru.ac.th"}
    task_state = current_task_state(page)
    assert workflow_action(login(client, demo.user("sci_head")), page, "approve", task_state).status_code == 403
    workflow_action(login(client, acting), page, "approve", task_state)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED and task_state.finished_by == acting


def test_two_approvals_of_one_task_give_one_result(client, demo):
    _response, page = submit_university_news(client, demo)
    stale = current_task_state(page)
    task = stale.task.specific
    head = demo.user("sci_head")
    task.on_action(stale, head, "approve", comment="")
    webmaster_states = TaskState.objects.filter(task__name__contains="ผู้ดูแลเว็บไซต์")
    assert webmaster_states.count() == 1
    task.on_action(stale, head, "approve", comment="ซ้ำ")  # the second, with a stale object, changes nothing
    assert webmaster_states.count() == 1
    assert TaskState.objects.get(pk=stale.pk).get_comment() == ""


def test_overdue_items_remind_approvers_and_show_on_dashboard(client, demo):
    _response, page = submit_university_news(client, demo)
    state = current_task_state(page)
    TaskState.objects.filter(pk=state.pk).update(started_at=timezone.now() - datetime.timedelta(days=7))
    call_command("send_overdue_reminders", stdout=__import__("io").StringIO())
    reminders = Notification.objects.filter(kind="overdue_reminder")
    assert [n.recipient for n in reminders] == [demo.user("sci_head").email]
    call_command("send_overdue_reminders", stdout=__import__("io").StringIO())
    assert reminders.count() == 1  # once a day, not every run
    # The head's "งานของฉัน" panel lists it under "เกินกำหนด" (overdue); another unit's head does not see it.
    dashboard = login(client, demo.user("sci_head")).get("/admin/").content.decode()
    overdue = dashboard.split("เกินกำหนด", 1)
    assert len(overdue) == 2 and page.title in overdue[1]
    other = login(client, demo.user("huso_head")).get("/admin/")
    assert page.title not in other.content.decode()


def test_smtp_down_publish_still_succeeds_then_mail_is_sent(client, demo, settings):
    settings.EMAIL_BACKEND = "tests.outbox.mail_backends.DisconnectedBackend"
    _response, page = submit_university_news(client, demo)
    workflow_action(login(client, demo.user("sci_head")), page, "approve", current_task_state(page))
    workflow_action(login(client, demo.user("webmaster")), page, "approve", current_task_state(page))
    page.refresh_from_db()
    assert page.live
    unit_row = Notification.objects.get(kind="page_published", recipient="sci@pcru.ac.th")
    assert unit_row.status != "sent" and unit_row.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Notification.objects.update(next_attempt_at=timezone.now())
    call_command("send_queued_notifications", stdout=__import__("io").StringIO())
    unit_row.refresh_from_db()
    assert unit_row.status == "sent"
    assert any("sci@pcru.ac.th" in m.to for m in mail.outbox)


def test_register_lists_publication_and_exports_csv_and_xlsx(client, demo):
    import io

    import openpyxl

    _response, page = submit_university_news(client, demo)
    workflow_action(login(client, demo.user("sci_head")), page, "approve", current_task_state(page), comment="อนุมัติ")
    workflow_action(login(client, demo.user("webmaster")), page, "approve", current_task_state(page))
    webmaster = login(client, demo.user("webmaster"))
    listing = webmaster.get("/admin/register/")
    assert listing.status_code == 200 and page.title in listing.content.decode()
    filtered = webmaster.get("/admin/register/", {"unit": demo.units["HUSO"].pk})
    assert page.title not in filtered.content.decode()
    csv_response = webmaster.get("/admin/register/", {"export": "csv"})
    csv_text = (
        b"".join(csv_response.streaming_content).decode("utf-8-sig") if csv_response.streaming else csv_response.content.decode("utf-8-sig")
    )
    assert "ชื่อเรื่อง" in csv_text and "หัวหน้าผู้อนุมัติ" in csv_text and page.title in csv_text
    assert "อรุณี เพชรรัตน์" in csv_text
    xlsx = webmaster.get("/admin/register/", {"export": "xlsx"})
    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "ชื่อเรื่อง" and rows[1][0] == page.title
    assert login(client, demo.user("sci_editor")).get("/admin/register/").status_code in (302, 403)


def test_arit_011_pdf_renders(client, demo):
    _response, page = submit_university_news(client, demo)
    workflow_action(login(client, demo.user("sci_head")), page, "approve", current_task_state(page), comment="เห็นชอบ")
    response = login(client, demo.user("sci_editor")).get(f"/admin/pages/{page.pk}/arit-011.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # Wagtail turns PermissionDenied in admin views into a redirect to the dashboard.
    refused = login(client, demo.user("huso_editor")).get(f"/admin/pages/{page.pk}/arit-011.pdf")
    assert refused.status_code in (302, 403) and refused.get("Content-Type") != "application/pdf"


# --- Every publish path is guarded ------------------------------------------------------------


@pytest.fixture
def bad_draft(demo, make_news):
    """A news item whose latest revision carries a secrecy marking (saved as a draft, never submitted)."""
    page = make_news(demo.units["SCI"].news_index, "ประกาศผลการประชุม", owner_unit=demo.units["SCI"], publish=False)
    page.body = [
        (
            "paragraph",
            __import__("wagtail.rich_text", fromlist=["RichText"]).RichText("<p>ลับมาก</p><p>ผลการประชุมคณะกรรมการ</p>"),
        )
    ]
    revision = page.save_revision(user=demo.user("sci_editor"))
    return page, revision


def test_programmatic_revision_publish_is_blocked(bad_draft):
    page, revision = bad_draft
    with pytest.raises(PublishBlocked):
        revision.publish()
    page.refresh_from_db()
    assert not page.live


def test_edit_view_publish_button_is_blocked(client, demo, bad_draft):
    page, _revision = bad_draft
    login(client, demo.user("webmaster"))
    response = edit_news(client, page, page.title, body="ลับมาก\nผลการประชุม", action="action-publish")
    page.refresh_from_db()
    assert not page.live
    assert response.status_code == 200 and "«ลับมาก»" in response.content.decode()


def test_before_publish_page_hook_blocks_and_keeps_draft(rf, demo, bad_draft):
    from django.contrib.messages.storage.fallback import FallbackStorage

    from publication.moderation.views import block_publishing_with_policy_errors

    page, revision = bad_draft
    request = rf.post("/")
    request.user = demo.user("webmaster")
    request.session = {}
    request._messages = FallbackStorage(request)
    response = block_publishing_with_policy_errors(request, page)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.latest_revision_id == revision.pk and not page.live


def test_scheduled_go_live_is_blocked_and_reported(demo, bad_draft):
    page, revision = bad_draft
    from wagtail.models import Revision

    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=5))
    call_command("publish_scheduled", stdout=__import__("io").StringIO())
    page.refresh_from_db()
    revision.refresh_from_db()
    assert not page.live
    assert revision.approved_go_live_at is None
    assert Notification.objects.filter(kind="publish_blocked").exists()


def test_bulk_publish_is_blocked(client, demo, bad_draft):
    page, _revision = bad_draft
    login(client, demo.user("webmaster"))
    url = f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=/admin/pages/"
    response = client.post(url, {"include_descendants": ""})
    page.refresh_from_db()
    assert not page.live
    assert response.status_code == 302


def test_final_workflow_approval_of_content_with_errors_sends_it_back(client, demo, bad_draft):
    page, _revision = bad_draft
    workflow = page.get_workflow()
    workflow.start(page, demo.user("sci_editor"))
    head_state = current_task_state(page)
    workflow_action(login(client, demo.user("sci_head")), page, "approve", head_state)
    page.refresh_from_db()
    head_state.refresh_from_db()
    assert not page.live
    assert head_state.status == TaskState.STATUS_REJECTED
    assert "«ลับมาก»" in head_state.get_comment()
    assert Notification.objects.filter(kind="changes_requested", recipient=demo.user("sci_editor").email).exists()
