"""P1.4 end to end through the real admin views: an external agency's letter, from the President's
Office to a published notice and the agency told; declines, refused files and private letters.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from publication.letters.forms import MAX_LETTER_FILE_SIZE
from publication.letters.models import LETTERS_COLLECTION, AgencyNotification, ExternalNoticePage, ExternalRequest, ExternalRequestStatus
from publication.outbox.models import Notification
from tests.files import pixel_bomb_png, small_pdf

# Real commits: the outbox sends after commit, exactly as in production.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Status = ExternalRequestStatus
SUBJECT = "ขอความอนุเคราะห์ประชาสัมพันธ์งานมะขามหวานเพชรบูรณ์ ประจำปี 2569"
CONTENT = (
    "จังหวัดเพชรบูรณ์กำหนดจัดงานมะขามหวานเพชรบูรณ์ ระหว่างวันที่ 15–24 มกราคม 2570 ณ ศาลากลางจังหวัดเพชรบูรณ์\n"
    "ภายในงานมีการประกวดมะขามหวาน การแสดงของนักเรียน และตลาดสินค้าชุมชน"
)


def letter_form(files=None, **overrides) -> dict:
    data = {
        "agency_name": "สำนักงานจังหวัดเพชรบูรณ์",
        "contact_person": "นายสมชาย ใจงาม",
        "contact_phone": "056-711-234",
        "contact_email": "saraban@phetchabun.go.th",
        "letter_number": "พช 0017.2/ว 1021",
        "letter_date": "2026-11-20",
        "received_on": "2026-11-23",
        "received_by": "",
        "subject": SUBJECT,
        "requested_content": CONTENT,
        "publish_from": "2026-12-01",
        "publish_until": "2027-01-24",
        **overrides,
    }
    if files is not None:
        data["letter_files"] = files
    return data


def shown(response) -> str:
    """A response's text as a reader sees it (JSON decoded, so Thai is not \\u-escaped)."""
    text = response.content.decode()
    if "json" in response.get("Content-Type", ""):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


def login(client, user):
    client.force_login(user)
    return client


def url(name: str, req: ExternalRequest) -> str:
    return reverse(f"publication_external_{name}", args=[req.pk])


def register_letter(client, demo, files=None) -> ExternalRequest:
    login(client, demo.user("clerk"))
    files = files or [SimpleUploadedFile("หนังสือ.pdf", small_pdf(), content_type="application/pdf")]
    response = client.post(reverse("wagtailsnippets_publication_externalrequest:add"), letter_form(files))
    assert response.status_code == 302, response.content.decode()[:3000]
    return ExternalRequest.objects.get(letter_number="พช 0017.2/ว 1021")


def notice_form(page: ExternalNoticePage, action: str = "action-publish") -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "owner_unit": page.owner_unit_id,
            "agency_name": page.agency_name,
            "intro": "งานมะขามหวานเพชรบูรณ์ 15–24 มกราคม 2570",
            "body": streamfield([("paragraph", rich_text(f"<p>{CONTENT.splitlines()[0]}</p>"))]),
            "display_until": "",
            "comments": inline_formset([]),
            action: "1",
        }
    )


def test_p14_register_decide_assign_publish_notify_close(client, demo):
    # 1. The President's Office registers the letter with its PDF.
    req = register_letter(client, demo)
    assert req.status == Status.REGISTERED
    assert req.received_by == demo.user("clerk")
    attachment = req.attachments.get()
    assert attachment.original_name == "หนังสือ.pdf"
    assert attachment.document.collection.name == LETTERS_COLLECTION
    assert "หนังสือ" not in attachment.document.file.name  # stored under an unguessable name

    # Nobody but the executives decides; the clerk submits.
    assert login(client, demo.user("executive")).post(url("submit", req)).status_code == 403
    response = login(client, demo.user("clerk")).post(url("submit", req))
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == Status.AWAITING_DECISION
    assert Notification.objects.filter(kind="external_submitted", recipient=demo.user("executive").email).exists()

    # 2. Executives decide: approval without the legal attestation is refused, nothing changes.
    login(client, demo.user("executive"))
    response = client.post(url("decide", req), {"decision": "approve", "reason": "เห็นควรเผยแพร่"})
    assert response.status_code == 400
    assert "พ.ร.บ.ข้อมูลข่าวสาร" in response.content.decode()
    req.refresh_from_db()
    assert req.status == Status.AWAITING_DECISION
    assert login(client, demo.user("arit_director")).post(url("decide", req), {"decision": "approve"}).status_code == 403

    login(client, demo.user("executive"))
    response = client.post(url("decide", req), {"decision": "approve", "reason": "เห็นควรเผยแพร่", "attest": "on"})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == Status.AWAITING_ASSIGNMENT
    assert req.decided_by == demo.user("executive") and req.compliance_attested and req.decided_at
    assert Notification.objects.filter(kind="external_approved", recipient=demo.user("arit_director").email).exists()

    # 3. The ARIT Director acknowledges and names a webmaster (a unit editor is not one).
    login(client, demo.user("arit_director"))
    response = client.post(url("assign", req), {"webmaster": demo.user("sci_editor").pk})
    assert response.status_code == 400
    response = client.post(url("assign", req), {"webmaster": demo.user("webmaster").pk, "note": "ภายใน 3 วันทำการ"})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == Status.ASSIGNED
    assert req.assigned_webmaster == demo.user("webmaster") and req.assigned_by == demo.user("arit_director")
    assert Notification.objects.filter(kind="external_assigned", recipient=demo.user("webmaster").email).exists()

    # 4. The webmaster creates the notice page from the letter and publishes it in the page editor.
    login(client, demo.user("webmaster"))
    response = client.post(url("create_notice", req))
    assert response.status_code == 302
    page = ExternalNoticePage.objects.get(external_request=req)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live and page.owner_unit.code == "ARIT"
    assert page.get_parent().title == "ข่าวจากหน่วยงานภายนอก"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), notice_form(page))
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
    req.refresh_from_db()
    assert req.status == Status.PUBLISHED

    # 5. Closing without telling the agency is refused (P1.4(6)).
    response = client.post(url("close", req), follow=True)
    assert "ต้องบันทึกการแจ้งหน่วยงานผู้ขอ" in response.content.decode()
    req.refresh_from_db()
    assert req.status == Status.PUBLISHED

    today = timezone.localdate().isoformat()
    response = client.post(url("notify", req), {"channel": "telephone", "notified_on": today, "note": "โทรแจ้งคุณสมชาย"})
    assert response.status_code == 302
    notification = AgencyNotification.objects.get(request=req)
    assert notification.channel == "telephone" and notification.recorded_by == demo.user("webmaster")
    assert client.post(url("close", req)).status_code == 302
    req.refresh_from_db()
    assert req.status == Status.CLOSED and req.closed_at

    # Every step: who and when, in order.
    log = list(req.steps.values_list("status", "actor__username"))
    assert log == [
        (Status.REGISTERED, "clerk"),
        (Status.AWAITING_DECISION, "clerk"),
        (Status.AWAITING_ASSIGNMENT, "executive"),
        (Status.ASSIGNED, "arit_director"),
        (Status.ASSIGNED, "webmaster"),  # draft notice created
        (Status.PUBLISHED, "webmaster"),
        (Status.PUBLISHED, "webmaster"),  # agency told
        (Status.CLOSED, "webmaster"),
    ]
    # The history has every change of the record, with the person who made it.
    history = list(req.history.order_by("history_date", "history_id").values_list("status", "history_user__username"))
    assert {status for status, _user in history} == set(Status) - {Status.DECLINED}
    assert history[0] == (Status.REGISTERED, "clerk")
    assert (Status.AWAITING_ASSIGNMENT, "executive") in history
    assert (Status.ASSIGNED, "arit_director") in history
    assert history[-1] == (Status.CLOSED, "webmaster")
    assert notification.history.count() == 1

    # E-mails left the outbox, in Thai, to the next actor at each step.
    sent = {(m.to[0], m.subject) for m in mail.outbox}
    assert any(to == demo.user("executive").email and SUBJECT in subject for to, subject in sent)
    assert any(to == demo.user("webmaster").email for to, _subject in sent)
    external = [m for m in mail.outbox if "หนังสือจากหน่วยงานภายนอก" in m.subject]
    assert {m.to[0] for m in external} >= {demo.user(u).email for u in ("executive", "arit_director", "webmaster", "clerk")}
    assert all(url("process", req) in m.body for m in external)

    # The step page shows the whole story.
    body = client.get(url("process", req)).content.decode()
    assert "ปิดเรื่องแล้ว" in body and "โทรศัพท์" in body and "ธนพล" in body


def test_p14_decline_with_reason_and_agency_told(client, demo):
    req = register_letter(client, demo)
    login(client, demo.user("clerk")).post(url("submit", req))
    login(client, demo.user("executive"))
    response = client.post(url("decide", req), {"decision": "decline", "reason": "  "})
    assert response.status_code == 400
    assert "กรุณาระบุเหตุผลที่ไม่อนุมัติ" in response.content.decode()
    reason = "เป็นการโฆษณาเชิงพาณิชย์ ไม่ใช่ภารกิจของมหาวิทยาลัย"
    assert client.post(url("decide", req), {"decision": "decline", "reason": reason}).status_code == 302
    req.refresh_from_db()
    assert req.status == Status.DECLINED and req.decision_reason == reason and not req.compliance_attested
    assert Notification.objects.filter(kind="external_declined", recipient=demo.user("clerk").email).exists()
    # Nothing can be assigned or published from a declined letter.
    assert login(client, demo.user("arit_director")).post(url("assign", req)).status_code == 403

    login(client, demo.user("clerk"))
    client.post(url("close", req))
    req.refresh_from_db()
    assert req.status == Status.DECLINED
    day = timezone.localdate().isoformat()
    response = client.post(url("notify", req), {"channel": "letter", "notified_on": day, "note": "หนังสือตอบ ที่ อว 0623/123"})
    assert response.status_code == 302
    assert client.post(url("close", req)).status_code == 302
    req.refresh_from_db()
    assert req.status == Status.CLOSED
    assert req.steps.filter(status=Status.DECLINED, actor=demo.user("executive"), note=reason).exists()
    assert req.history.filter(status=Status.DECLINED, history_user=demo.user("executive")).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("หนังสือ.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "เป็นโปรแกรม"),
        ("หนังสือ.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "PDF ที่เสียหาย"),
        ("หนังสือ.pdf", b"PK\x03\x04 this is a zip", "แต่เนื้อไฟล์เป็น ZIP"),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "ไฟล์ภาพ"),
        ("ใหญ่.pdf", b"%PDF-1.4\n" + b"0" * MAX_LETTER_FILE_SIZE, "เกินกำหนด"),
        # Issue 13: a 30000×30000 PNG gave HTTP 500 (DecompressionBombError) and lost the form.
        ("ภาพสแกน.png", pixel_bomb_png(), "มีจำนวนพิกเซลมากเกิน"),
    ],
    ids=["renamed-exe", "corrupt-pdf", "zip", "corrupt-png", "oversize", "pixel-bomb"],
)
def test_refused_letter_files_keep_everything_typed(client, demo, name, content, message):
    login(client, demo.user("clerk"))
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(reverse("wagtailsnippets_publication_externalrequest:add"), letter_form([upload]))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "ข้อมูลอื่นที่กรอกไว้ยังอยู่ครบ" in body
    # The form comes back with what the clerk typed.
    for value in ("พช 0017.2/ว 1021", "นายสมชาย ใจงาม", "saraban@phetchabun.go.th", "งานมะขามหวานเพชรบูรณ์"):
        assert value in body
    assert not ExternalRequest.objects.exists()
    assert not get_document_model().objects.filter(collection__name=LETTERS_COLLECTION).exists()


def test_a_letter_cannot_go_to_the_executives_without_a_file(client, demo):
    """A draft may be saved while the letter is being scanned; submitting needs at least one file."""
    login(client, demo.user("clerk"))
    response = client.post(reverse("wagtailsnippets_publication_externalrequest:add"), letter_form())
    assert response.status_code == 302
    req = ExternalRequest.objects.get()
    assert not req.attachments.exists()
    response = client.post(url("submit", req), follow=True)
    assert "ยังไม่ได้แนบไฟล์หนังสือราชการ" in response.content.decode()
    req.refresh_from_db()
    assert req.status == Status.REGISTERED


def test_letters_are_private_to_the_four_central_groups(client, demo):
    req = register_letter(client, demo)
    document = req.attachments.get().document
    file_url = document.url
    assert file_url.startswith("/documents/")  # serve_view: never a media URL
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"

    client.logout()
    assert client.get(file_url).status_code == 403
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404
    for username in ("sci_editor", "sci_head", "arit_editor", "pres_editor"):
        login(client, demo.user(username))
        assert client.get(file_url).status_code == 403, username
        assert client.get(reverse("wagtailsnippets_publication_externalrequest:list")).status_code in (302, 403)
        assert client.get(reverse("wagtailsnippets_publication_externalrequest:edit", args=[req.pk])).status_code in (
            302,
            403,
        )
        assert client.get(url("process", req)).status_code == 403
        assert client.post(url("submit", req)).status_code == 403
        # Their document chooser and listing never offer the letter.
        listing = client.get(reverse("wagtaildocs:index"))
        assert document.title not in listing.content.decode()
        # Nor does any chooser or the admin API (JSON: Thai is escaped in the raw bytes).
        for where in (
            reverse("wagtaildocs_chooser:choose"),
            reverse("wagtailadmin_api:documents:listing"),
            reverse("wagtailsnippetchoosers_publication_externalrequest:choose"),
            reverse("wagtailsnippetchoosers_publication_externalrequest:chosen", args=[req.pk]),
        ):
            text = shown(client.get(where))
            assert req.letter_number not in text and SUBJECT not in text, (username, where)
            assert document.file.name.rsplit("/", 1)[-1] not in text, (username, where)
    req.refresh_from_db()
    assert req.status == Status.REGISTERED

    for username in ("clerk", "executive", "arit_director", "webmaster"):
        login(client, demo.user(username))
        response = client.get(file_url)
        assert response.status_code == 200, username
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert client.get(url("process", req)).status_code == 200

    client.logout()
    response = client.get(reverse("wagtailsnippets_publication_externalrequest:list"))
    assert response.status_code == 302 and reverse("wagtailadmin_login") in response["Location"]


def test_listing_by_step_marks_overdue_and_exports(client, demo):
    req = register_letter(client, demo)
    login(client, demo.user("clerk")).post(url("submit", req))
    ExternalRequest.objects.filter(pk=req.pk).update(step_started_at=timezone.now() - datetime.timedelta(days=10))
    login(client, demo.user("executive"))
    list_url = reverse("wagtailsnippets_publication_externalrequest:list")
    body = client.get(list_url).content.decode()
    assert "เกินกำหนด" in body and "รอผู้บริหารพิจารณา" in body
    assert SUBJECT in client.get(list_url, {"status": "awaiting_decision"}).content.decode()
    assert SUBJECT not in client.get(list_url, {"status": "closed"}).content.decode()
    export = client.get(list_url, {"export": "csv"})
    assert export.status_code == 200
    csv = b"".join(export.streaming_content).decode("utf-8")
    assert "เกินกำหนด" in csv and "พช 0017.2/ว 1021" in csv


def test_after_the_decision_the_letter_is_no_longer_editable(client, demo):
    req = register_letter(client, demo)
    login(client, demo.user("clerk")).post(url("submit", req))
    login(client, demo.user("executive")).post(url("decide", req), {"decision": "decline", "reason": "ไม่เกี่ยวข้อง"})
    login(client, demo.user("clerk"))
    response = client.post(reverse("wagtailsnippets_publication_externalrequest:edit", args=[req.pk]), letter_form(subject="แก้แล้ว"))
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.subject == SUBJECT


def test_demo_letters_at_every_step_with_a_real_pdf(demo):
    from publication.demo.letters import ensure_external_letters

    ensure_external_letters(demo.home)
    ensure_external_letters(demo.home)  # idempotent
    statuses = set(ExternalRequest.objects.values_list("status", flat=True))
    assert statuses == {Status.AWAITING_DECISION, Status.AWAITING_ASSIGNMENT, Status.DECLINED, Status.CLOSED}
    assert ExternalRequest.objects.count() == 4
    document = ExternalRequest.objects.get(status=Status.AWAITING_DECISION).attachments.get().document
    assert document.collection.name == LETTERS_COLLECTION
    with document.file.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-64:]
    closed = ExternalRequest.objects.get(status=Status.CLOSED)
    assert closed.notice_page.live and closed.agency_notifications.exists()


def test_overdue_letters_remind_the_next_actors_once_a_day(client, demo):
    import io

    from django.core.management import call_command

    from publication.outbox.models import Notification

    req = register_letter(client, demo)
    login(client, demo.user("clerk")).post(url("submit", req))
    ExternalRequest.objects.filter(pk=req.pk).update(step_started_at=timezone.now() - datetime.timedelta(days=10))
    call_command("send_overdue_reminders", stdout=io.StringIO())
    reminders = Notification.objects.filter(kind="external_overdue", object_id=str(req.pk))
    assert [n.recipient for n in reminders] == [demo.user("executive").email]
    call_command("send_overdue_reminders", stdout=io.StringIO())
    assert reminders.count() == 1


def _to_assigned(client, demo) -> ExternalRequest:
    req = register_letter(client, demo)
    login(client, demo.user("clerk")).post(url("submit", req))
    login(client, demo.user("executive")).post(url("decide", req), {"decision": "approve", "reason": "เห็นควร", "attest": "on"})
    login(client, demo.user("arit_director")).post(url("assign", req), {"webmaster": demo.user("webmaster").pk})
    req.refresh_from_db()
    assert req.status == Status.ASSIGNED
    return req


def test_a_letter_is_never_offered_to_a_public_notice_and_is_flagged_if_linked(client, demo):
    """Case 10 of issue 9: the webmaster's chooser offered the letter and it was published on the notice."""
    from publication.letters.privacy import letter_findings

    req = _to_assigned(client, demo)
    document = req.attachments.get().document
    login(client, demo.user("webmaster"))
    assert client.post(url("create_notice", req)).status_code == 302
    page = ExternalNoticePage.objects.get(external_request=req)

    # While editing the notice, the document chooser does not offer the letter, by listing or by search.
    for query in ("", "?q=พช"):
        text = shown(client.get(reverse("wagtaildocs_chooser:choose_results") + query))
        assert document.title not in text and req.letter_number not in text
    assert client.get(reverse("wagtaildocs_chooser:chosen", args=[document.pk])).status_code != 200

    # A hand-made form that links the letter anyway is saved as a draft; the policy gate's finding names it.
    form = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "owner_unit": page.owner_unit_id,
            "agency_name": page.agency_name,
            "intro": "งานมะขามหวานเพชรบูรณ์ 15–24 มกราคม 2570",
            "body": streamfield(
                [
                    ("paragraph", rich_text(f"<p>{CONTENT.splitlines()[0]}</p>")),
                    ("document", {"document": document.pk, "title": "ดาวน์โหลดหนังสือ"}),
                ]
            ),
            "display_until": "",
            "comments": inline_formset([]),
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    assert not page.live
    findings = letter_findings(page.get_latest_revision_as_object())
    assert [(f["field"], f["severity"], f["match"]) for f in findings] == [("body[1].document", "error", "ดาวน์โหลดหนังสือ")]
    assert "หนังสือราชการ" in findings[0]["message"]


def test_a_closed_letters_file_stays_exactly_as_registered(client, demo):
    """Case 10 of issue 9: the clerk replaced a closed letter's file through Wagtail's document edit view."""
    req = register_letter(client, demo)
    document = req.attachments.get().document
    with document.file.open("rb") as handle:
        original = handle.read()
    stored_name = document.file.name
    login(client, demo.user("clerk")).post(url("submit", req))
    login(client, demo.user("executive")).post(url("decide", req), {"decision": "decline", "reason": "ไม่เกี่ยวข้อง"})
    login(client, demo.user("clerk"))
    client.post(url("notify", req), {"channel": "letter", "notified_on": timezone.localdate().isoformat()})
    client.post(url("close", req))
    req.refresh_from_db()
    assert req.status == Status.CLOSED

    # The document admin does not reach the letter; a posted replacement changes nothing.
    assert client.get(reverse("wagtaildocs:edit", args=[document.pk])).status_code != 200
    replacement = SimpleUploadedFile("letter.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    client.post(reverse("wagtaildocs:edit", args=[document.pk]), {"title": "หนังสือ", "file": replacement, "tags": ""})
    # Nor does the letter's own form once the letter is closed.
    client.post(
        reverse("wagtailsnippets_publication_externalrequest:edit", args=[req.pk]),
        letter_form([SimpleUploadedFile("หน้า2.pdf", small_pdf(), content_type="application/pdf")]),
    )
    document.refresh_from_db()
    assert document.file.name == stored_name and document.collection.name == LETTERS_COLLECTION
    with document.file.open("rb") as handle:
        assert handle.read() == original
    assert req.attachments.count() == 1


def test_step_log_and_emails_are_thai_whatever_language_the_actor_reads(client, demo):
    """Records are written in the site's language: an actor who reads the admin in English still logs Thai."""
    import re

    from django.utils import translation

    from publication.letters import steps
    from publication.outbox.models import Notification

    letter = register_letter(client, demo)
    before = Notification.objects.count()
    with translation.override("en"):
        steps.submit(letter, demo.user("clerk"))
    step = letter.steps.order_by("-at", "-pk").first()
    thai = re.compile(r"[\u0E00-\u0E7F]")
    assert thai.search(step.action), step.action
    subjects = list(Notification.objects.order_by("pk").values_list("subject", flat=True)[before:])
    assert subjects and all(thai.search(subject) for subject in subjects), subjects
