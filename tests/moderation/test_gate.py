"""Issue 9: the ways around the gate that were found, each through the admin's real URLs.

Every test here failed before `publication.moderation.gate` (see the issue's cases 1–7); the entry-point
enumeration and the role × content table are in `test_gate_matrix.py`.
"""

from __future__ import annotations

import datetime
import io

from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision, TaskState

from publication.moderation.models import ContentCheck, PublicationRecord
from publication.pages.models import NewsPage
from tests.flows.helpers import add_news, current_task_state, edit_news, news_form, workflow_action


def _valid_thai_id() -> str:
    digits = "110370000000"
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits))
    return digits + str((11 - total % 11) % 10)


SECRET_BODY = f"ลับที่สุด\nรายงานผลการสอบสวนวินัย ผู้ถูกกล่าวหา เลขประจำตัวประชาชน {_valid_thai_id()}"
WARNING_BODY = "สอบถามรายละเอียดเพิ่มเติมโทร 02-123-4567 ในวันและเวลาราชการ"


def login(client, user):
    client.force_login(user)
    return client


def draft(client, demo, editor: str, folder, title: str, slug: str, body: str | None = None, **kwargs) -> NewsPage:
    """A news draft saved through the create view (never submitted)."""
    if body:
        kwargs["body"] = body
    response = add_news(login(client, demo.user(editor)), folder, title, slug=slug, action=None, **kwargs)
    assert response.status_code == 302, response.content[:1000]
    return NewsPage.objects.get(slug=slug)


def api(client, page, action: str, **data):
    return client.post(f"/admin/api/main/pages/{page.pk}/action/{action}/", data=data, content_type="application/json")


def messages_of(response) -> str:
    return "\n".join(str(m) for m in get_messages(response.wsgi_request))


def is_live(page) -> bool:
    return Page.objects.get(pk=page.pk).live


# --- 1. Admin API publish ------------------------------------------------------------------------------


def test_admin_api_publish_of_a_blocked_draft_is_refused_for_head_and_webmaster(client, demo):
    page = draft(client, demo, "sci_editor", demo.units["SCI"].news_index, "รายงานการประชุม", "secret", SECRET_BODY)
    for who in ("sci_head", "webmaster"):
        response = api(login(client, demo.user(who)), page, "publish")
        assert response.status_code == 403, (who, response.content[:500])
        answer = response.json()
        assert "รายงานการประชุม" in answer["message"]
        assert not is_live(page)
    reasons = " ".join(api(login(client, demo.user("sci_head")), page, "publish").json()["reasons"])
    assert "«ลับที่สุด»" in reasons and _valid_thai_id() in reasons
    assert not PublicationRecord.objects.exists()


def test_admin_api_publish_needs_the_chain_and_the_register_names_who_published(client, demo):
    huso_page = draft(client, demo, "huso_editor", demo.units["HUSO"].news_index, "นิทรรศการศิลปกรรม", "art")
    # HUSO lacks P1.2 rights: its head may not publish, and the webmaster not before the head approved.
    assert api(login(client, demo.user("huso_head")), huso_page, "publish").status_code == 403
    refused = api(login(client, demo.user("webmaster")), huso_page, "publish")
    assert refused.status_code == 403 and "หัวหน้าหน่วยงานอนุมัติ" in " ".join(refused.json()["reasons"])
    assert not is_live(huso_page)

    edit_news(login(client, demo.user("huso_editor")), huso_page, huso_page.title)  # submit
    workflow_action(login(client, demo.user("huso_head")), huso_page, "approve", current_task_state(huso_page))
    response = api(login(client, demo.user("webmaster")), huso_page, "publish")
    assert response.status_code == 200, response.content[:500]
    assert is_live(huso_page)
    record = PublicationRecord.objects.get(page=huso_page)
    assert record.published_by == demo.user("webmaster")  # not the editor who wrote it
    assert record.publish_path == "admin_api"

    # SCI holds P1.2 rights: its head takes the last step and may publish through the API.
    sci_page = draft(client, demo, "sci_editor", demo.units["SCI"].news_index, "ค่ายวิทยาศาสตร์สัญจร", "camp")
    assert api(login(client, demo.user("huso_head")), sci_page, "publish").status_code in (403, 404)
    assert api(login(client, demo.user("sci_head")), sci_page, "publish").status_code == 200
    record = PublicationRecord.objects.get(page=sci_page)
    assert (record.published_by, record.publish_path) == (demo.user("sci_head"), "admin_api")


# --- 2. Copy with "publish copies" ---------------------------------------------------------------------


def copy(client, page, **data):
    form = {"new_title": page.title, "new_slug": f"{page.slug}-copy", "new_parent_page": page.get_parent().pk}
    form.update(data)
    return client.post(reverse("wagtailadmin_pages:copy", args=[page.pk]), form)


def test_copy_with_publish_copies_never_goes_live_unchecked(client, demo, make_news):
    folder = demo.units["SCI"].news_index
    live = make_news(folder, "ผลการแข่งขันหุ่นยนต์", owner_unit=demo.units["SCI"], slug="robot")
    webmaster = login(client, demo.user("webmaster"))

    response = copy(webmaster, live, new_title="ลับที่สุด ผลการแข่งขันหุ่นยนต์", publish_copies="on")
    assert response.status_code == 302
    assert not Page.objects.filter(slug="robot-copy").exists()  # rolled back whole
    assert "ยังเผยแพร่ไม่ได้" in messages_of(response)

    # The live page gets a blocked draft: a published copy would carry it as its live revision.
    live.body = [("paragraph", __import__("wagtail.rich_text", fromlist=["RichText"]).RichText(f"<p>{SECRET_BODY}</p>"))]
    live.save_revision(user=demo.user("sci_editor"))
    response = copy(login(client, demo.user("sci_head")), live, publish_copies="on")
    assert not Page.objects.filter(slug="robot-copy").exists()
    response = api(login(client, demo.user("sci_head")), live, "copy", destination_page_id=folder.pk,
                   slug="robot-api-copy", keep_live=True)
    assert response.status_code == 403 and not Page.objects.filter(slug="robot-api-copy").exists()

    # Copying as a draft is fine: the copy goes through the approval chain like any new page.
    response = copy(login(client, demo.user("sci_head")), live)
    copied = Page.objects.get(slug="robot-copy")
    assert not copied.live and copied.specific.live_revision is None


# --- 3. Heads of units without P1.2 rights do not skip the webmaster -------------------------------------


def test_heads_without_news_rights_cannot_publish_their_units_news(client, demo):
    folder = demo.units["HUSO"].news_index
    head = login(client, demo.user("huso_head"))

    # A new page with "Publish": kept as a draft, with the reason.
    response = add_news(head, folder, "ประกาศรับสมัครนักศึกษา", slug="admission", action="action-publish")
    page = NewsPage.objects.get(slug="admission")
    assert not page.live and "ผู้ดูแลเว็บไซต์ตรวจสอบและเผยแพร่" in messages_of(response)

    # A draft: no Publish button, and a crafted Publish only saves.
    assert not page.permissions_for_user(demo.user("huso_head")).can_publish()
    assert 'name="action-publish"' not in head.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    edit_news(head, page, page.title, action="action-publish")
    assert not is_live(page)

    # Waiting at the head's own step: publishing is refused and the workflow is not cancelled.
    edit_news(login(client, demo.user("huso_editor")), page, page.title)
    state = current_task_state(page)
    assert state.task.specific.__class__.__name__ == "HeadOfUnitApprovalTask"
    edit_news(login(client, demo.user("huso_head")), page, page.title, action="action-publish")
    assert not is_live(page)
    assert Page.objects.get(pk=page.pk).specific.current_workflow_state.status == "in_progress"

    # Rights follow the workflow: the head publishes the unit's own section (head-only, P1.3),
    # SCI's head publishes SCI news (P1.2 rights), nobody publishes another unit's.
    assert demo.units["HUSO"].section.specific.permissions_for_user(demo.user("huso_head")).can_publish()
    sci_page = draft(client, demo, "sci_editor", demo.units["SCI"].news_index, "ค่ายเคมี", "chem")
    assert sci_page.permissions_for_user(demo.user("sci_head")).can_publish()
    assert not sci_page.permissions_for_user(demo.user("huso_head")).can_publish()


# --- 4. Aliases follow their source ----------------------------------------------------------------------


def test_alias_of_embargoed_news_stays_off_the_public_site(client, demo):
    page = draft(client, demo, "sci_editor", demo.units["SCI"].news_index, "ประกาศผลรางวัล", "award")
    webmaster = login(client, demo.user("webmaster"))
    response = api(webmaster, page, "create_alias", destination_page_id=demo.university_news.pk, update_slug="award-alias")
    assert response.status_code == 201, response.content[:500]
    alias = Page.objects.get(slug="award-alias")
    assert not alias.live

    # Scheduled for tomorrow: the source waits, and so does its alias (Wagtail's sync made it live).
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    head = login(client, demo.user("sci_head"))
    edit_news(head, page, page.title, action="action-publish", go_live_at=tomorrow.strftime("%Y-%m-%d %H:%M"))
    assert Revision.objects.filter(object_id=str(page.pk), approved_go_live_at__isnull=False).exists()
    assert not is_live(page) and not is_live(alias)
    webmaster = login(client, demo.user("webmaster"))
    response = api(webmaster, page, "create_alias", destination_page_id=demo.university_news.pk, update_slug="award-alias-2")
    assert not Page.objects.get(slug="award-alias-2").live
    assert client.get(alias.url).status_code == 404

    # At go-live both appear.
    scheduled = Revision.objects.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    past = timezone.now() - datetime.timedelta(minutes=1)
    scheduled.content["go_live_at"] = past.isoformat()
    Revision.objects.filter(pk=scheduled.pk).update(content=scheduled.content, approved_go_live_at=past)
    call_command("publish_scheduled", stdout=io.StringIO())
    assert is_live(page) and is_live(alias)


# --- 5. Bulk publish "including drafts" --------------------------------------------------------------


def test_bulk_publish_with_drafts_publishes_nothing_unapproved_and_says_why(client, demo):
    folder = demo.units["HUSO"].news_index
    unseen = draft(client, demo, "huso_editor", folder, "กิจกรรมวันภาษาไทย", "thai-day")
    secret = draft(client, demo, "huso_editor", folder, "บันทึกการประชุม", "minutes", SECRET_BODY)
    webmaster = login(client, demo.user("webmaster"))
    url = f"/admin/bulk/wagtailcore/page/publish/?id={folder.pk}&next=/admin/pages/{folder.pk}/"
    response = webmaster.post(url, {"include_descendants": "on"})
    assert response.status_code == 302
    assert not is_live(unseen) and not is_live(secret)
    said = messages_of(response)
    assert "กิจกรรมวันภาษาไทย" in said and "หัวหน้าหน่วยงานอนุมัติ" in said
    assert "บันทึกการประชุม" in said and "«ลับที่สุด»" in said

    # Selecting the drafts themselves is refused the same way.
    response = webmaster.post(f"/admin/bulk/wagtailcore/page/publish/?id={unseen.pk}&id={secret.pk}", {})
    assert not is_live(unseen) and not is_live(secret)
    assert "กิจกรรมวันภาษาไทย" in messages_of(response)


# --- 6. Revert on a locked page ---------------------------------------------------------------------


def test_revert_through_the_api_on_a_page_waiting_for_its_head_is_refused(client, demo):
    editor = login(client, demo.user("sci_editor"))
    page = draft(client, demo, "sci_editor", demo.university_news, "กำหนดการสอบ", "exam", owner_unit=demo.units["SCI"])
    wrong = page.latest_revision
    edit_news(editor, page, page.title, body="สอบปลายภาควันที่ 14 ธันวาคม 2569 ณ อาคารเรียนรวม")  # submit v2
    submitted = current_task_state(page)
    assert submitted is not None
    response = api(editor, page, "revert_to_page_revision", revision_id=wrong.pk)
    assert response.status_code == 403, response.content[:500]
    assert Page.objects.get(pk=page.pk).latest_revision_id == submitted.revision_id

    workflow_action(login(client, demo.user("sci_head")), page, "approve", current_task_state(page))
    workflow_action(login(client, demo.user("webmaster")), page, "approve", current_task_state(page))
    live = NewsPage.objects.get(pk=page.pk)
    assert live.live and live.live_revision_id == submitted.revision_id
    assert "14 ธันวาคม 2569" in str(live.body)


# --- 7. Warnings need an acknowledgement on every path -------------------------------------------------


def test_direct_publish_with_warnings_needs_an_acknowledgement_which_is_recorded(client, demo):
    page = draft(client, demo, "sci_editor", demo.units["SCI"].news_index, "เปิดรับสมัครอบรม", "training", WARNING_BODY)
    head = login(client, demo.user("sci_head"))
    response = api(head, page, "publish")
    assert response.status_code == 403 and "คำเตือน" in response.json()["message"]

    response = edit_news(head, page, page.title, body=WARNING_BODY, action="action-publish")
    revision = Page.objects.get(pk=page.pk).latest_revision
    ack_url = reverse("publication_acknowledge_publish", args=[page.pk, revision.pk])
    assert response.status_code == 302 and response["Location"] == ack_url
    assert not is_live(page)
    form = head.get(ack_url)
    assert form.status_code == 200 and "02-123-4567" in form.content.decode()
    assert head.post(ack_url, {}).status_code == 200  # the box must be ticked
    assert not is_live(page)
    assert login(client, demo.user("huso_head")).post(ack_url, {"acknowledge_warnings": "on"}).status_code in (302, 403)
    assert not is_live(page)

    head = login(client, demo.user("sci_head"))
    head.post(ack_url, {"acknowledge_warnings": "on"})
    assert is_live(page)
    check = ContentCheck.objects.get(revision=revision)
    assert check.acknowledged_by == demo.user("sci_head")
    record = PublicationRecord.objects.get(page=page)
    assert "รับทราบโดย" in record.warnings_acknowledged and record.publish_path == "acknowledge"


def test_scheduling_is_publishing_later_and_passes_the_same_gate(client, demo):
    page = draft(client, demo, "huso_editor", demo.units["HUSO"].news_index, "ปฏิทินกิจกรรม", "calendar")
    tomorrow = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    # The webmaster may not approve a go-live the head never saw.
    edit_news(login(client, demo.user("webmaster")), page, page.title, action="action-publish", go_live_at=tomorrow)
    assert not Revision.objects.filter(object_id=str(page.pk), approved_go_live_at__isnull=False).exists()
    assert not TaskState.objects.filter(status="approved").exists()


def test_create_view_keeps_the_draft_when_publishing_is_refused(client, demo):
    webmaster = login(client, demo.user("webmaster"))
    url = reverse("wagtailadmin_pages:add", args=("pages", "newspage", demo.units["SCI"].news_index.pk))
    response = webmaster.post(url, news_form("ข่าวที่ยังไม่ได้อนุมัติ", slug="unapproved", action="action-publish"))
    page = NewsPage.objects.get(slug="unapproved")
    assert response.status_code == 302 and not page.live
    assert page.latest_revision is not None  # nothing typed was lost


# --- Found by trying to break it (a second engineer, every URL, every role) -------------------------------


def _folder_form(title: str, slug: str, intro: str, action: str | None = "action-publish") -> dict:
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = {"title": title, "slug": slug, "intro": intro, "page_size": "12", "comments": inline_formset([])}
    if action:
        data[action] = "1"
    return nested_form_data(data)


def test_news_folders_and_other_structural_pages_pass_the_gate(client, demo):
    huso_section = demo.units["HUSO"].section
    url = reverse("wagtailadmin_pages:add", args=("pages", "newsindexpage", huso_section.pk))
    head = login(client, demo.user("huso_head"))
    response = head.post(url, _folder_form("ลับที่สุด ข่าวด่วนคณะ", "urgent", SECRET_BODY))
    folder = Page.objects.get(slug="urgent")
    assert not folder.live and "«ลับที่สุด»" in messages_of(response)

    # A unit's news folder is the unit's: the webmaster does not publish it, its head does.
    sci_folder = demo.units["SCI"].news_index
    edit_url = reverse("wagtailadmin_pages:edit", args=[sci_folder.pk])
    intro = "ข่าวสารของคณะวิทยาศาสตร์และเทคโนโลยี"
    login(client, demo.user("webmaster")).post(edit_url, _folder_form(sci_folder.title, sci_folder.slug, intro))
    assert sci_folder.specific.__class__.objects.get(pk=sci_folder.pk).intro != intro
    login(client, demo.user("sci_head")).post(edit_url, _folder_form(sci_folder.title, sci_folder.slug, intro))
    assert sci_folder.specific.__class__.objects.get(pk=sci_folder.pk).intro == intro


def test_a_new_news_folder_takes_the_units_workflow(client, demo):
    """HUSO lacks P1.2 rights: news in any folder of its section still goes to the webmaster."""
    huso_section = demo.units["HUSO"].section
    url = reverse("wagtailadmin_pages:add", args=("pages", "newsindexpage", huso_section.pk))
    head = login(client, demo.user("huso_head"))
    response = head.post(url, _folder_form("ข่าวกิจกรรมนักศึกษา", "activities", "กิจกรรมของนักศึกษาคณะ"))
    folder = Page.objects.get(slug="activities")
    # Like the unit's first news folder, it goes head → webmaster, itself and the news in it.
    assert folder.specific.get_workflow().name == "เว็บไซต์มหาวิทยาลัย"
    assert not folder.live and "ผู้ดูแลเว็บไซต์ตรวจสอบและเผยแพร่" in messages_of(response)
    add_news(head, folder, "ข่าวที่ไม่ผ่านผู้ดูแลเว็บไซต์", slug="no-webmaster", action="action-publish")
    assert not NewsPage.objects.get(slug="no-webmaster").live


def test_seo_title_tags_and_slug_are_checked_too(client, demo):
    head = login(client, demo.user("sci_head"))
    folder = demo.units["SCI"].news_index
    attempts = {
        "seo": ({"seo_title": "ลับที่สุด ผลสอบสวน"}, "«ลับที่สุด»"),
        "tags": ({"tags": f"ลับที่สุด,{_valid_thai_id()}"}, _valid_thai_id()),
        f"pid-{_valid_thai_id()}": ({}, _valid_thai_id()),
    }
    for slug, (extra, shown) in attempts.items():
        response = add_news(head, folder, f"ข่าวทดสอบ {slug[:4]}", slug=slug, action="action-publish", **extra)
        said = response.content.decode() if response.status_code == 200 else messages_of(response)
        assert shown in said, slug
        page = NewsPage.objects.filter(slug=slug).first()
        assert page is None or not page.live, slug


def test_a_page_linking_a_letter_is_refused(client, demo):
    from tests.letters.test_external_requests import register_letter

    letter = register_letter(client, demo)
    document = letter.attachments.get().document
    head = login(client, demo.user("sci_head"))
    data = news_form("ข่าวพร้อมเอกสารแนบ", slug="with-letter", action="action-publish")
    data.update({"body-count": "2", "body-1-type": "document", "body-1-deleted": "", "body-1-order": "1",
                 "body-1-value-document": str(document.pk), "body-1-value-title": "เอกสารแนบ"})
    response = head.post(
        reverse("wagtailadmin_pages:add", args=("pages", "newspage", demo.units["SCI"].news_index.pk)), data
    )
    said = messages_of(response) if response.status_code == 302 else response.content.decode()
    assert "หนังสือราชการในคลังลับเฉพาะ" in said
    page = NewsPage.objects.filter(slug="with-letter").first()
    assert page is None or not page.live


def test_one_person_never_takes_two_steps(client, demo):
    from publication.organisation.models import ActingHead

    # The acting-head form refuses a webmaster (they would approve head and webmaster steps).
    webmaster = login(client, demo.user("webmaster"))
    today = timezone.localdate()
    webmaster.post(reverse("wagtailsnippets_publication_actinghead:add"), {
        "unit": demo.units["HUSO"].pk, "head": demo.user("huso_head").pk, "acting": demo.user("webmaster").pk,
        "start_date": today.isoformat(), "end_date": (today + datetime.timedelta(days=30)).isoformat(), "note": "",
    })
    assert not ActingHead.objects.exists()

    # Made anyway (outside the form): the same person may approve one step only.
    ActingHead.objects.create(unit=demo.units["HUSO"], head=demo.user("huso_head"), acting=demo.user("webmaster"),
                              start_date=today, end_date=today + datetime.timedelta(days=30))
    page = draft(client, demo, "huso_editor", demo.units["HUSO"].news_index, "ข่าวที่อนุมัติคนเดียว", "solo")
    edit_news(login(client, demo.user("huso_editor")), page, page.title)  # submit
    workflow_action(login(client, demo.user("webmaster")), page, "approve", current_task_state(page))
    webmaster_step = current_task_state(page)
    assert webmaster_step.task.specific.__class__.__name__ == "WebmasterApprovalTask"
    assert workflow_action(login(client, demo.user("webmaster")), page, "approve", webmaster_step).status_code == 403
    assert api(login(client, demo.user("webmaster")), page, "publish").status_code == 403
    assert not is_live(page)


def test_moving_live_news_to_another_unit_is_refused(client, demo, make_news):
    huso_news = make_news(demo.units["HUSO"].news_index, "ข่าวคณะมนุษยศาสตร์ฯ", owner_unit=demo.units["HUSO"], slug="huso-live")
    webmaster = login(client, demo.user("webmaster"))
    url = reverse("wagtailadmin_pages:move_confirm", args=[huso_news.pk, demo.units["SCI"].news_index.pk])
    response = webmaster.post(url)
    moved = NewsPage.objects.get(pk=huso_news.pk)
    assert moved.get_parent().pk == demo.units["HUSO"].news_index.pk and moved.live
    assert "ย้ายหน้าที่เผยแพร่แล้ว" in messages_of(response)


def _document(demo, title: str, name: str):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from tests.files import small_pdf

    document = get_document_model()(title=title, collection=demo.units["SCI"].collection,
                                    uploaded_by_user=demo.user("sci_editor"))
    document.file.save(name, ContentFile(small_pdf()), save=False)
    document.save()
    return document


def _news_with_document(client, demo, slug: str, document, link_text: str = ""):
    head = login(client, demo.user("sci_head"))
    data = news_form(f"ข่าวพร้อมเอกสาร {slug}", slug=slug, action="action-publish")
    data.update({"body-count": "2", "body-1-type": "document", "body-1-deleted": "", "body-1-order": "1",
                 "body-1-value-document": str(document.pk), "body-1-value-title": link_text})
    return head.post(reverse("wagtailadmin_pages:add", args=("pages", "newspage", demo.units["SCI"].news_index.pk)), data)


def test_a_document_used_by_live_content_cannot_change_what_the_public_reads(client, demo, django_capture_on_commit_callbacks):
    document = _document(demo, "กำหนดการกิจกรรม", "schedule.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        _news_with_document(client, demo, "doc-swap", document)
    page = NewsPage.objects.get(slug="doc-swap")
    assert page.live
    # The public link shows the page's own (checked, approved) text, never the document's title...
    editor = login(client, demo.user("sci_editor"))
    editor.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": "ลับที่สุด เลขประจำตัวประชาชน", "collection": document.collection_id, "tags": ""},
    )
    public = client.get(page.url).content.decode()
    assert "ดาวน์โหลดเอกสารแนบ" in public and "ลับที่สุด" not in public
    # ...and its file is not replaced behind the approval.
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.files import small_pdf

    before = type(document).objects.get(pk=document.pk).file.name
    response = login(client, demo.user("sci_head")).post(reverse("wagtaildocs:edit", args=[document.pk]), {
        "title": "กำหนดการกิจกรรม", "collection": document.collection_id, "tags": "",
        "file": SimpleUploadedFile("new.pdf", small_pdf(), content_type="application/pdf"),
    })
    assert type(document).objects.get(pk=document.pk).file.name == before
    assert "ใช้ในเนื้อหาที่เผยแพร่แล้ว" in messages_of(response)


def test_table_captions_and_document_file_names_are_checked(client, demo):
    # A draft whose table caption carries a secrecy marking (saved by its editor); the head publishes.
    page = NewsPage(title="ข่าวพร้อมตาราง", slug="with-table", summary="ตารางกิจกรรม", date=datetime.date(2026, 11, 25),
                    publisher_name="ณัฐวุฒิ สายทอง", publisher_position="นักวิชาการคอมพิวเตอร์", live=False,
                    body=[("table", {"data": [["วัน", "กิจกรรม"], ["1 ม.ค.", "เปิดงาน"]], "first_row_is_table_header": True,
                                     "first_col_is_header": False, "table_caption": "ลับที่สุด กำหนดการ"})])
    demo.units["SCI"].news_index.add_child(instance=page)
    page.save_revision(user=demo.user("sci_editor"))
    response = api(login(client, demo.user("sci_head")), page, "publish")
    assert response.status_code == 403 and "«ลับที่สุด»" in " ".join(response.json()["reasons"])
    assert not is_live(page)

    document = _document(demo, "เอกสารประกอบ", f"pid-{_valid_thai_id()}.pdf")
    response = _news_with_document(client, demo, "file-name", document, link_text="เอกสารประกอบ")
    page = NewsPage.objects.filter(slug="file-name").first()
    assert page is None or not page.live
    said = response.content.decode() if response.status_code == 200 else messages_of(response)
    assert _valid_thai_id() in said and "ชื่อไฟล์" in said
