"""Urgent takedown (G6, issue 14) through the real admin URLs: who may, what it does, and that the page
comes back only through its approval workflow, whichever publish path is tried."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

from publication.moderation.models import PublicationRecord, RegisterAction
from publication.organisation.models import ActingHead
from publication.outbox.models import Notification
from publication.pages.models import NewsPage
from publication.upkeep.takedown import TAKEDOWN_ACTION
from tests.flows.helpers import current_task_state, login, news_form, workflow_action

pytestmark = pytest.mark.django_db

REASON = "ข่าวเผยแพร่เลขประจำตัวประชาชนของนักศึกษาโดยไม่ได้รับอนุญาต ต้องนำลงก่อนแก้ไข"
HUSO_BODY = "คณะมนุษยศาสตร์และสังคมศาสตร์จัดนิทรรศการศิลปกรรมนักศึกษา ครั้งที่ 16 ณ หอศิลป์ของมหาวิทยาลัย"


def _url(page) -> str:
    return reverse("upkeep_takedown", args=[page.pk])


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def _follow_messages(client, response) -> str:
    """The text of the page a redirect leads to (where the admin shows its messages)."""
    assert response.status_code == 302, response.content[:500]
    return client.get(response["Location"]).content.decode()


def _edit_data(page, **extra) -> dict:
    """The edit form as the browser posts it (same text, the body block keeping its id)."""
    from publication.moderation.checks import rich_text_to_plain

    page = NewsPage.objects.get(pk=page.pk)
    content = page.latest_revision.as_object()
    text = rich_text_to_plain(content.body[0].value.source)
    data = news_form(content.title, text, slug=content.slug, action=None, owner_unit=content.owner_unit, **extra)
    data["body-0-id"] = content.body[0].id
    return data


def _submit(client, user, page):
    """The editor submits the page's current draft for approval from the edit view."""
    response = login(client, user).post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {**_edit_data(page), "action-submit": "1"})
    assert response.status_code == 302, response.content[:800]
    return current_task_state(page)


def _approve(client, user, page) -> None:
    task_state = current_task_state(page)
    assert task_state is not None, "no task waiting"
    response = workflow_action(login(client, user), page, "approve", task_state)
    assert response.status_code in (200, 302), response.content[:300]
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED


def _live(page) -> bool:
    return Page.objects.get(pk=page.pk).live


@pytest.fixture
def huso_news(client, demo):
    """A HUSO news item published the normal way: editor → head → webmaster (no P1.2 rights)."""
    folder = demo.units["HUSO"].news_index
    response = login(client, demo.user("huso_editor")).post(
        reverse("wagtailadmin_pages:add", args=("pages", "newspage", folder.pk)),
        news_form("นิทรรศการศิลปกรรมนักศึกษา ครั้งที่ 16", HUSO_BODY, slug="art-16"),
    )
    assert response.status_code == 302, response.content[:800]
    page = NewsPage.objects.get(slug="art-16")
    _approve(client, demo.user("huso_head"), page)
    _approve(client, demo.user("webmaster"), page)
    page.refresh_from_db()
    assert page.live
    client.logout()
    return page


def _take_down(client, user, page, reason=REASON, **extra):
    return login(client, user).post(_url(page), {"reason": reason, **extra})


# --- Who may ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("huso_editor", False),  # the unit's own editor
        ("huso_head", True),  # the head of the page's owner unit
        ("sci_head", False),  # another unit's head
        ("executive", False),
        ("clerk", False),
        ("webmaster", True),
        ("superuser", True),
    ],
)
def test_who_may_take_down(role, allowed, client, demo, make_news, django_user_model):
    page = make_news(demo.units["HUSO"].news_index, "ข่าวนิทรรศการภาพถ่ายชุมชนเพชรบูรณ์", owner_unit=demo.units["HUSO"])
    user = django_user_model.objects.create_superuser("root", "root@pcru.ac.th", "pw") if role == "superuser" else demo.user(role)
    response = login(client, user).get(_url(page))
    assert response.status_code == (200 if allowed else 403)
    response = _take_down(client, user, page)
    assert response.status_code == (302 if allowed else 403)
    assert _live(page) is not allowed
    assert PublicationRecord.objects.filter(page=page, action=RegisterAction.TAKEN_DOWN).exists() is allowed
    assert Notification.objects.filter(kind="takedown").exists() is allowed


def test_anonymous_is_sent_to_sign_in_and_nothing_happens(client, demo, make_news):
    page = make_news(demo.units["HUSO"].news_index, "ข่าวกิจกรรมวันภาษาไทย", owner_unit=demo.units["HUSO"])
    for response in (client.get(_url(page)), client.post(_url(page), {"reason": REASON})):
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert _live(page)
    assert not PublicationRecord.objects.filter(action=RegisterAction.TAKEN_DOWN).exists()


def test_acting_head_may_while_the_head_is_away(client, demo, make_news):
    page = make_news(demo.units["HUSO"].news_index, "ข่าวการแข่งขันกล่าวสุนทรพจน์", owner_unit=demo.units["HUSO"])
    today = timezone.localdate()
    ActingHead.objects.create(
        unit=demo.units["HUSO"],
        head=demo.user("huso_head"),
        acting=demo.user("sci_head"),
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=1),
    )
    assert login(client, demo.user("huso_head")).get(_url(page)).status_code == 403  # away: the acting head decides
    assert _take_down(client, demo.user("sci_head"), page).status_code == 302
    assert not _live(page)


def test_the_button_is_shown_only_to_those_who_may(client, demo, make_news):
    folder = demo.units["HUSO"].news_index
    page = make_news(folder, "ข่าวโครงการอนุรักษ์ภาษาถิ่น", owner_unit=demo.units["HUSO"])
    draft = make_news(folder, "ข่าวฉบับร่างที่ยังไม่เผยแพร่", owner_unit=demo.units["HUSO"], publish=False)
    button = f'href="{_url(page)}'
    for role, shown in (("huso_head", True), ("webmaster", True), ("huso_editor", False), ("sci_head", False)):
        client = login(client, demo.user(role))
        header = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        assert (button in header) is shown, role
        if shown:
            assert "นำลงทันที" in header
            listing = client.get(reverse("wagtailadmin_explore", args=[folder.pk])).content.decode()
            assert button in listing, role
            assert f'href="{_url(draft)}' not in listing  # nothing to take down on a draft


# --- What it does -------------------------------------------------------------------------------------------


def test_takedown_unpublishes_records_logs_and_notifies(client, demo, huso_news):
    page = huso_news
    huso = demo.units["HUSO"]
    live_revision = page.live_revision
    # An alias elsewhere, a later edit waiting for approval, and a scheduled go-live: all go.
    webmaster = login(client, demo.user("webmaster"))
    response = webmaster.post(
        f"/admin/api/main/pages/{page.pk}/action/create_alias/",
        {"destination_page_id": demo.university_news.pk, "update_slug": "art-16-alias"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content[:300]
    alias = Page.objects.get(slug="art-16-alias")
    assert alias.live
    _submit(client, demo.user("huso_editor"), page)
    _approve(client, demo.user("huso_head"), page)  # waits for the webmaster now
    state = page.current_workflow_state
    assert state is not None
    Revision.objects.filter(pk=page.latest_revision_id).update(approved_go_live_at=timezone.now() + datetime.timedelta(days=2))

    head = login(client, demo.user("huso_head"))
    form = head.get(_url(page), {"next": reverse("wagtailadmin_pages:edit", args=[page.pk])})
    text = form.content.decode()
    assert page.title in text and "เหตุผล" in text and huso.name_th in text
    response = _take_down(client, demo.user("huso_head"), page, next=reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert "ถูกนำออกจากเว็บไซต์แล้ว" in _follow_messages(client, response)

    page.refresh_from_db()
    assert not page.live and not Page.objects.get(pk=alias.pk).live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_CANCELLED
    assert page.current_workflow_state is None
    assert not Revision.objects.filter(object_id=str(page.pk), approved_go_live_at__isnull=False).exists()

    record = PublicationRecord.objects.get(page=page, action=RegisterAction.TAKEN_DOWN)
    assert record.reason == REASON
    assert record.published_by == demo.user("huso_head")
    assert record.unit == huso
    assert record.title == page.title and record.url.endswith("/art-16/")
    assert record.revision_id == live_revision.pk
    assert record.unit_notified_at is not None
    assert timezone.now() - record.published_at < datetime.timedelta(minutes=1)

    entry = PageLogEntry.objects.get(page=page, action=TAKEDOWN_ACTION)
    assert entry.user == demo.user("huso_head") and entry.data["reason"] == REASON
    history = head.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "นำลงโดยด่วน" in history and REASON in history

    rows = Notification.objects.filter(kind="takedown")
    recipients = sorted(row.recipient for row in rows)
    assert recipients == sorted([huso.contact_email, demo.user("webmaster").email])
    unit_mail = rows.get(recipient=huso.contact_email)
    assert page.title in unit_mail.subject and "นำลง" in unit_mail.subject
    body = unit_mail.body_text
    assert REASON in body
    assert demo.user("huso_head").get_full_name() in body
    assert f"{timezone.localdate().year + 543}" in body  # the Buddhist-era year
    assert f"/admin/pages/{page.pk}/edit/" in body
    assert huso.name_th in body

    # A second click (or a second tab) takes nothing down twice and sends nothing twice.
    again = _take_down(client, demo.user("webmaster"), page)
    assert "ไม่ได้อยู่บนเว็บไซต์" in _follow_messages(client, again)
    assert PublicationRecord.objects.filter(page=page, action=RegisterAction.TAKEN_DOWN).count() == 1
    assert Notification.objects.filter(kind="takedown").count() == 2


def test_one_e_mail_when_the_unit_address_is_a_webmaster_address(client, demo, make_news):
    page = make_news(demo.units["HUSO"].news_index, "ข่าวสัมมนาวิชาการภาษาอังกฤษ", owner_unit=demo.units["HUSO"])
    webmaster = demo.user("webmaster")
    demo.units["HUSO"].__class__.objects.filter(pk=demo.units["HUSO"].pk).update(contact_email=webmaster.email.upper())
    _take_down(client, demo.user("huso_head"), page)
    rows = Notification.objects.filter(kind="takedown")
    assert [row.recipient.lower() for row in rows] == [webmaster.email.lower()]


@pytest.mark.parametrize("reason", ["", "   \n\t  "])
def test_a_reason_is_required(reason, client, demo, make_news):
    page = make_news(demo.units["HUSO"].news_index, "ข่าวรับสมัครนักศึกษาใหม่", owner_unit=demo.units["HUSO"])
    response = _take_down(client, demo.user("huso_head"), page, reason=reason)
    assert response.status_code == 200
    assert "โปรดระบุเหตุผลที่นำหน้านี้ลง" in response.content.decode()
    assert _live(page)
    assert not PublicationRecord.objects.filter(action=RegisterAction.TAKEN_DOWN).exists()
    assert not Notification.objects.filter(kind="takedown").exists()
    assert not PageLogEntry.objects.filter(action=TAKEDOWN_ACTION).exists()


def test_bad_reasons_keep_what_was_typed(client, demo, make_news):
    page = make_news(demo.units["HUSO"].news_index, "ข่าวประกวดเรียงความ", owner_unit=demo.units["HUSO"])
    too_long = "ข้อความยาวเกินกำหนด " * 200
    response = _take_down(client, demo.user("huso_head"), page, reason=too_long)
    assert response.status_code == 200
    text = response.content.decode()
    assert "ไม่เกิน 2000 ตัวอักษร" in text and "ข้อความยาวเกินกำหนด" in text
    response = _take_down(client, demo.user("huso_head"), page, reason="มีข้อมูลผิด\x00พลาด")
    assert response.status_code == 200
    assert _live(page)


def test_what_cannot_be_taken_down_gets_a_thai_message(client, demo, make_news):
    draft = make_news(demo.units["HUSO"].news_index, "ข่าวฉบับร่าง", owner_unit=demo.units["HUSO"], publish=False)
    webmaster = login(client, demo.user("webmaster"))
    assert "ไม่ได้อยู่บนเว็บไซต์" in _follow_messages(client, webmaster.get(_url(draft)))
    assert "ไม่ได้อยู่บนเว็บไซต์" in _follow_messages(client, webmaster.post(_url(draft), {"reason": REASON}))
    assert "หน้าแรกของเว็บไซต์" in _follow_messages(client, webmaster.get(_url(demo.home)))
    assert Page.objects.get(pk=demo.home.pk).live
    assert webmaster.get(reverse("upkeep_takedown", args=[999999])).status_code == 404
    assert not PublicationRecord.objects.filter(action=RegisterAction.TAKEN_DOWN).exists()


# --- Back only through the workflow -----------------------------------------------------------------------


def _edit_publish(client, user, page):
    return login(client, user).post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {**_edit_data(page), "action-publish": "1"})


def _bulk_publish(client, user, page):
    return login(client, user).post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}", {})


def _admin_api(client, user, page):
    return login(client, user).post(f"/admin/api/main/pages/{page.pk}/action/publish/", {}, content_type="application/json")


def _revert_publish(client, user, page):
    revision = NewsPage.objects.get(pk=page.pk).live_revision or PublicationRecord.objects.filter(page=page).first().revision
    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revision.pk])
    return login(client, user).post(url, {**_edit_data(page), "action-publish": "1"})


def _acknowledge(client, user, page):
    page = NewsPage.objects.get(pk=page.pk)
    url = reverse("publication_acknowledge_publish", args=[page.pk, page.latest_revision_id])
    return login(client, user).post(url, {"acknowledge_warnings": "on"})


def _scheduled(client, user, page):
    tomorrow = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    response = login(client, user).post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {**_edit_data(page, go_live_at=tomorrow), "action-publish": "1"}
    )
    # Whatever was scheduled (nothing, if the gate refused), and a go-live forced into the database: both due now.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = NewsPage.objects.get(pk=page.pk).latest_revision
    revision.content["go_live_at"] = past.isoformat()
    Revision.objects.filter(pk=revision.pk).update(content=revision.content, approved_go_live_at=past)
    call_command("publish_scheduled", stdout=io.StringIO())
    return response


def _old_approvals(client, user, page):
    """Publishing the very revision the head and the webmaster approved before the takedown."""
    from django.db import transaction

    from publication.moderation.gate import PublishBlocked

    revision = PublicationRecord.objects.get(page=page, action=RegisterAction.PUBLISHED).revision
    try:
        with transaction.atomic():
            revision.publish(user=user)
    except PublishBlocked as blocked:
        return blocked
    return None


PATHS = {
    "edit_view": _edit_publish,
    "bulk_publish": _bulk_publish,
    "admin_api": _admin_api,
    "revisions_revert": _revert_publish,
    "acknowledge": _acknowledge,
    "scheduled": _scheduled,
    "approvals_before_takedown": _old_approvals,
}


@pytest.mark.parametrize("path", sorted(PATHS))
@pytest.mark.parametrize("taken_down", [True, False], ids=["after_takedown", "after_plain_unpublish"])
def test_no_publish_path_brings_a_taken_down_page_back(path, taken_down, client, demo, huso_news, django_user_model):
    """The webmaster takes HUSO's last step, and the head approved this very content: any of these paths
    publishes it again after a plain unpublish (the control), none of them after a takedown."""
    page = huso_news
    if taken_down:
        assert _take_down(client, demo.user("huso_head"), page).status_code == 302
    else:
        login(client, demo.user("webmaster")).post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]), {})
    assert not _live(page)
    superuser = django_user_model.objects.create_superuser("root", "root@pcru.ac.th", "pw")
    users = (demo.user("webmaster"), superuser) if taken_down else (demo.user("webmaster"),)
    for user in users:
        result = PATHS[path](client, user, page)
        assert _live(page) is not taken_down, (path, user.username)
    if not taken_down:
        return
    assert PublicationRecord.objects.filter(page=page).order_by("-published_at").first().action == RegisterAction.TAKEN_DOWN
    assert not Revision.objects.filter(object_id=str(page.pk), approved_go_live_at__isnull=False).exists()
    if path == "edit_view":
        assert "ถูกนำลงโดยด่วน" in _follow_messages(client, result)
    if path == "admin_api":
        assert result.status_code == 403 and "ถูกนำลงโดยด่วน" in result.json()["reasons"][0]
    if path == "approvals_before_takedown":
        assert any("ถูกนำลงโดยด่วน" in line for line in result.lines())


def test_the_workflow_in_progress_at_the_takedown_cannot_finish_it(client, demo, huso_news):
    page = huso_news
    _submit(client, demo.user("huso_editor"), page)
    _approve(client, demo.user("huso_head"), page)
    waiting = current_task_state(page)
    _take_down(client, demo.user("webmaster"), page)
    waiting.refresh_from_db()
    assert waiting.status == TaskState.STATUS_CANCELLED
    response = workflow_action(login(client, demo.user("webmaster")), page, "approve", waiting)
    assert response.status_code in (302, 403)
    assert not _live(page)


def test_back_through_the_workflow_with_a_new_register_entry(client, demo, huso_news):
    page = huso_news
    _take_down(client, demo.user("huso_head"), page)
    _submit(client, demo.user("huso_editor"), page)
    _approve(client, demo.user("huso_head"), page)
    assert not _live(page)  # the head's approval alone is not the whole chain
    _approve(client, demo.user("webmaster"), page)
    assert _live(page)
    entries = list(PublicationRecord.objects.filter(page=page).order_by("published_at").values_list("action", flat=True))
    assert entries == [RegisterAction.PUBLISHED, RegisterAction.TAKEN_DOWN, RegisterAction.PUBLISHED]
    latest = PublicationRecord.objects.filter(page=page).order_by("-published_at").first()
    assert latest.head_approver == demo.user("huso_head") and latest.webmaster_approver == demo.user("webmaster")


def test_single_step_unit_comes_back_through_its_head(client, demo, make_news):
    """SCI holds P1.2 rights: its head's approval is the whole chain, after a webmaster's takedown too."""
    page = make_news(demo.units["SCI"].news_index, "ข่าวค่ายวิทยาศาสตร์สัญจร", owner_unit=demo.units["SCI"], slug="camp")
    _take_down(client, demo.user("webmaster"), page)
    _edit_publish(client, demo.user("sci_head"), page)  # the head's direct publish is not the workflow
    assert not _live(page)
    _submit(client, demo.user("sci_editor"), page)
    _approve(client, demo.user("sci_head"), page)
    assert _live(page)
    assert PublicationRecord.objects.filter(page=page).order_by("-published_at").first().action == RegisterAction.PUBLISHED


# --- The register ------------------------------------------------------------------------------------------


def test_register_shows_the_entry_kind_and_reason_on_screen_and_in_exports(client, demo, make_news):
    page = make_news(demo.units["HUSO"].news_index, "ข่าวผลการแข่งขันกีฬาภายใน", owner_unit=demo.units["HUSO"])
    assert PublicationRecord.objects.filter(page=page, action=RegisterAction.PUBLISHED).count() == 1
    _take_down(client, demo.user("huso_head"), page)
    webmaster = login(client, demo.user("webmaster"))
    screen = webmaster.get(reverse("publication_register")).content.decode()
    assert "นำลงโดยด่วน" in screen and REASON in screen and "รายการในทะเบียน" in screen

    body = b"".join(webmaster.get(reverse("publication_register"), {"export": "csv"}).streaming_content)
    headings, *rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    rows = [dict(zip(headings, row, strict=True)) for row in rows if row[0] == page.title]
    assert sorted(row["รายการในทะเบียน"] for row in rows) == sorted(["เผยแพร่แล้ว", "นำลงโดยด่วน"])
    assert [row["เหตุผลที่นำลง"] for row in rows if row["รายการในทะเบียน"] == "นำลงโดยด่วน"] == [REASON]

    response = webmaster.get(reverse("publication_register"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert "รายการในทะเบียน" in values[0] and REASON in [v for row in values for v in row]

    only = webmaster.get(reverse("publication_register_results"), {"action": RegisterAction.TAKEN_DOWN}).content.decode()
    assert REASON in only and only.count(page.title) == 1


# --- The same content under another page (red-team findings: a copy, a converted alias) ---------------------


def test_a_copy_of_a_taken_down_page_cannot_be_published_directly(client, demo, make_news):
    """SCI holds P1.2 rights, so its head may publish SCI news directly: not a copy of what was taken down."""
    sci = demo.units["SCI"]
    page = make_news(sci.news_index, "ประกาศผลการแข่งขันตอบปัญหาวิทยาศาสตร์", owner_unit=sci, slug="quiz-results")
    head = demo.user("sci_head")
    assert _take_down(client, head, page).status_code == 302
    copied = login(client, head).post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {"new_title": "ประกาศผลการแข่งขันตอบปัญหาวิทยาศาสตร์ (สำเนา)", "new_slug": "quiz-results-copy", "new_parent_page": sci.news_index.pk},
    )
    assert copied.status_code == 302
    copy = NewsPage.objects.get(slug="quiz-results-copy")
    response = _admin_api(client, head, copy)
    assert response.status_code == 403 and "ถูกนำลงโดยด่วน" in response.json()["reasons"][0]
    assert not _live(copy)
    # Once its own workflow approves it after the takedown, the copy may go up like any page.
    _submit(client, demo.user("sci_editor"), copy)
    _approve(client, head, copy)
    assert _live(copy)


def test_a_converted_alias_of_a_taken_down_page_stays_down(client, demo, huso_news):
    from wagtail.actions.create_alias import CreatePageAliasAction

    edu_folder = demo.units["EDU"].news_index
    alias = CreatePageAliasAction(huso_news.specific, recursive=False, parent=edu_folder, update_slug="art-16-edu").execute(
        skip_permission_checks=True
    )
    assert _take_down(client, demo.user("huso_head"), huso_news).status_code == 302
    assert not _live(alias)
    edu_head = demo.user("edu_head")
    assert login(client, edu_head).post(reverse("wagtailadmin_pages:convert_alias", args=[alias.pk]), {}).status_code == 302
    assert Page.objects.get(pk=alias.pk).alias_of_id is None
    for user in (edu_head, demo.user("webmaster")):
        response = _admin_api(client, user, alias)
        assert response.status_code == 403, (user.username, response.content[:300])
        assert not _live(alias)


def test_a_different_page_is_not_caught_by_the_takedown(client, demo, make_news):
    sci = demo.units["SCI"]
    gone = make_news(sci.news_index, "ข่าวที่ถูกนำลง", owner_unit=sci, slug="gone")
    _take_down(client, demo.user("sci_head"), gone)
    other = make_news(sci.news_index, "ข่าวอื่นของคณะ", owner_unit=sci, slug="other", publish=False)
    response = _admin_api(client, demo.user("sci_head"), other)
    assert response.status_code == 200, response.content[:300]
    assert _live(other)


def test_a_takedown_goes_through_while_the_cache_does_not_answer(client, demo, make_news, settings):
    """Found in a review: with Redis away, the takedown and Wagtail's unpublish answered HTTP 500 and the page
    stayed live. The page goes; the page cache's purge is owed (tests/pages/test_page_cache_attacks.py)."""
    huso = demo.units["HUSO"]
    first = make_news(huso.news_index, "ข่าวทดสอบถอดหน้าขณะแคชล่ม", owner_unit=huso, slug="takedown-cache-down")
    second = make_news(huso.news_index, "ข่าวทดสอบยกเลิกเผยแพร่ขณะแคชล่ม", owner_unit=huso, slug="unpublish-cache-down")
    settings.CACHES = {
        "default": {"BACKEND": "publication.organisation.resilient_cache.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    webmaster = login(client, demo.user("webmaster"))
    response = webmaster.post(_url(first), {"reason": REASON})
    assert response.status_code == 302 and not _live(first)
    response = webmaster.post(reverse("wagtailadmin_pages:unpublish", args=[second.pk]), {})
    assert response.status_code == 302 and not _live(second)
