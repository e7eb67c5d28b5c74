"""P1.2 rights requests and P1.5 social posts end to end through the real snippet admin views."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from publication.outbox.models import Notification
from publication.pages.models import NewsPage
from publication.rights.models import RightsRequest
from publication.social.models import SocialPost

from .helpers import add_news, current_task_state, login

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def action(client, model: str, obj, name: str, task_state, **data):
    url = reverse(f"wagtailsnippets_publication_{model}:workflow_action", args=(obj.pk, name, task_state.pk))
    return client.post(url, data, headers={"x-requested-with": "XMLHttpRequest"})


@pytest.fixture
def new_editor(django_user_model):
    return django_user_model.objects.create_user(
        "huso_newsroom", "huso_newsroom@pcru.ac.th", "pw", is_staff=True, first_name="กมลชนก", last_name="ใจงาม"
    )


def submit_rights_request(client, demo, staff, justification="หน่วยงานมีข่าวกิจกรรมนักศึกษาสัปดาห์ละ 2–3 เรื่อง"):
    login(client, demo.user("huso_editor"))
    url = reverse("wagtailsnippets_publication_rightsrequest:add")
    return client.post(
        url,
        {
            "unit": demo.units["HUSO"].pk,
            "staff": [staff.pk],
            "scope": "news",
            "justification": justification,
            "requested_date": "2026-11-25",
            "action-submit": "1",
        },
    )


def test_p12_rights_request_head_then_webmaster_grants_rights(client, demo, new_editor):
    huso = demo.units["HUSO"]
    assert not huso.may_publish_own_news
    response = submit_rights_request(client, demo, new_editor)
    assert response.status_code == 302, response.content[:3000]
    request_obj = RightsRequest.objects.get()
    assert request_obj.requester == demo.user("huso_editor")
    head_state = current_task_state(request_obj)
    assert {n.recipient for n in Notification.objects.filter(kind="task_submitted")} == {demo.user("huso_head").email}

    # Another unit's head cannot act or even open it.
    assert action(login(client, demo.user("sci_head")), "rightsrequest", request_obj, "approve", head_state).status_code == 403
    edit_url = reverse("wagtailsnippets_publication_rightsrequest:edit", args=(request_obj.pk,))
    assert login(client, demo.user("sci_editor")).get(edit_url).status_code in (302, 403)

    action(login(client, demo.user("huso_head")), "rightsrequest", request_obj, "approve", head_state, comment="เห็นควรอนุมัติ")
    webmaster_state = current_task_state(request_obj)
    assert webmaster_state.task.specific.__class__.__name__ == "WebmasterApprovalTask"
    mail.outbox.clear()
    action(login(client, demo.user("webmaster")), "rightsrequest", request_obj, "approve", webmaster_state)

    request_obj.refresh_from_db()
    huso.refresh_from_db()
    assert request_obj.granted_at is not None and request_obj.granted_by == demo.user("webmaster")
    assert huso.may_publish_own_news
    assert huso.editors.filter(pk=new_editor.pk).exists()
    assert huso.editors_group.user_set.filter(pk=new_editor.pk).exists()
    assert any("huso@pcru.ac.th" in m.to and "อนุมัติสิทธิ์" in m.subject for m in mail.outbox)
    assert request_obj.history.count() >= 1

    # The new editor now publishes unit news with the head's approval only (P1.2 + P1.3).
    login(client, new_editor)
    add_news(client, huso.news_index, "เสวนาภาษาและวัฒนธรรมท้องถิ่นเพชรบูรณ์", slug="seminar")
    page = NewsPage.objects.get(slug="seminar")
    from .helpers import workflow_action

    workflow_action(login(client, demo.user("huso_head")), page, "approve", current_task_state(page))
    page.refresh_from_db()
    assert page.live

    # ARIT-012 as a PDF, and revoking is one logged action.
    pdf = login(client, demo.user("webmaster")).get(reverse("publication_arit_012", args=(request_obj.pk,)))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    from tests.moderation.test_arit_011_pdf import pdf_text

    copied = "".join(pdf_text(pdf.content).split())
    assert "มหาวิทยาลัยราชภัฏเพชรบูรณ์" in copied and "ำ" not in copied  # every า and ำ copies as itself
    revoke = reverse("publication_rights_revoke", args=(request_obj.pk,))
    assert login(client, demo.user("huso_head")).post(revoke, {"reason": "x"}).status_code in (302, 403)
    request_obj.refresh_from_db()
    assert request_obj.revoked_at is None
    login(client, demo.user("webmaster")).post(revoke, {"reason": "หน่วยงานขอยกเลิก"})
    request_obj.refresh_from_db()
    huso.refresh_from_db()
    assert request_obj.revoked_at is not None and request_obj.revoke_reason == "หน่วยงานขอยกเลิก"
    assert not huso.may_publish_own_news
    assert not huso.editors_group.user_set.filter(pk=new_editor.pk).exists()
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(action="publication.rights_revoked", object_id=str(request_obj.pk)).exists()


def test_rights_request_with_personal_data_in_justification_is_refused(client, demo, new_editor):
    response = submit_rights_request(client, demo, new_editor, justification="ติดต่อผู้ขอได้ที่ 081-234-5678")
    assert response.status_code == 200
    assert "081-234-5678" in response.content.decode()
    assert not RightsRequest.objects.exists()


def test_rights_request_changes_requested_by_head(client, demo, new_editor):
    submit_rights_request(client, demo, new_editor)
    request_obj = RightsRequest.objects.get()
    action(
        login(client, demo.user("huso_head")),
        "rightsrequest",
        request_obj,
        "reject",
        current_task_state(request_obj),
        comment="กรุณาระบุจำนวนข่าวต่อเดือน",
    )
    assert Notification.objects.filter(kind="changes_requested", recipient=demo.user("huso_editor").email).exists()
    request_obj.refresh_from_db()
    assert request_obj.granted_at is None


def submit_post(client, demo, text, *, speaks_for_university=True):
    login(client, demo.user("sci_editor"))
    data = {
        "unit": demo.units["SCI"].pk,
        "channel": "facebook",
        "post_text": text,
        "media_links": "",
        "planned_at": (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M"),
        "poster_position": "นักวิชาการคอมพิวเตอร์",
        "poster_unit": demo.units["SCI"].pk,
        "action-submit": "1",
    }
    if speaks_for_university:
        data["speaks_for_university"] = "on"
    return client.post(reverse("wagtailsnippets_publication_socialpost:add"), data)


def test_p15_social_post_head_then_checklist_then_posted(client, demo):
    response = submit_post(client, demo, "ขอเชิญร่วมงานวันวิทยาศาสตร์แห่งชาติ ณ คณะวิทยาศาสตร์และเทคโนโลยี 18 สิงหาคม 2570")
    assert response.status_code == 302, response.content[:3000]
    post = SocialPost.objects.get()
    action(login(client, demo.user("sci_head")), "socialpost", post, "approve", current_task_state(post))
    review = current_task_state(post)
    assert review.task.specific.__class__.__name__ == "PosterReviewTask"
    # The head cannot do the poster's self-review; an incomplete checklist is refused.
    assert action(login(client, demo.user("sci_head")), "socialpost", post, "confirm_checklist", review).status_code == 403
    poster = login(client, demo.user("sci_editor"))
    action(poster, "socialpost", post, "confirm_checklist", review, checked_every_word="on", position_shown="on")
    review.refresh_from_db()
    assert review.status == TaskState.STATUS_IN_PROGRESS
    action(
        poster,
        "socialpost",
        post,
        "confirm_checklist",
        review,
        checked_every_word="on",
        position_shown="on",
        university_matter="on",
        no_secret="on",
        no_person_without_consent="on",
    )
    post.refresh_from_db()
    assert post.live and post.checklist_complete

    posted_url = reverse("publication_social_posted", args=(post.pk,))
    bad = poster.post(posted_url, {"posted_url": "ไม่ใช่ลิงก์", "posted_at": "2026-11-27 09:00"})
    assert bad.status_code == 200 and "กรุณาใส่ลิงก์ให้ถูกต้อง" in bad.content.decode()
    poster.post(posted_url, {"posted_url": "https://www.facebook.com/pcru.sci/posts/1", "posted_at": "2026-11-27 09:00"})
    post.refresh_from_db()
    assert post.posted_url.endswith("/posts/1") and post.posted_by == demo.user("sci_editor")
    assert post.status_label == "โพสต์แล้ว"
    assert post.history.count() >= 2

    calendar = poster.get(reverse("publication_social_calendar"), {"month": timezone.localtime(post.planned_at).strftime("%Y-%m")})
    assert calendar.status_code == 200 and "วันวิทยาศาสตร์แห่งชาติ" in calendar.content.decode()
    month = {"month": timezone.localtime(post.planned_at).strftime("%Y-%m")}
    other = login(client, demo.user("huso_editor")).get(reverse("publication_social_calendar"), month)
    assert "วันวิทยาศาสตร์แห่งชาติ" not in other.content.decode()


def test_personal_opinion_post_needs_disclaimer(client, demo):
    text = "ผมคิดว่าการจัดตารางเรียนภาคฤดูร้อนปีนี้ควรปรับให้ยืดหยุ่นกว่าเดิม"
    response = submit_post(client, demo, text, speaks_for_university=False)
    assert response.status_code == 200
    assert "disclaimer" in response.content.decode() or "ความเห็นส่วนตัว" in response.content.decode()
    assert not SocialPost.objects.exists()
    response = submit_post(client, demo, text + "\n(ความคิดเห็นนี้เป็นความเห็นส่วนตัว มิใช่ความเห็นของหน่วยงาน)", speaks_for_university=False)
    assert response.status_code == 302


# --- Issue 9, case 9: approving from the edit screen moves the workflow on -----------------------


def edit_screen_action(client, model: str, obj, fields: dict, action_name: str = "approve"):
    """POST the snippet edit form the way the edit view's workflow action menu does."""
    url = reverse(f"wagtailsnippets_publication_{model}:edit", args=(obj.pk,))
    data = {
        **fields,
        "action-workflow-action": "true",
        "workflow-action-name": action_name,
        "workflow-action-extra-data": '{"comment": "อนุมัติจากหน้าแก้ไข"}',
    }
    return client.post(url, data)


def approvals(obj):
    state = obj.workflow_states.order_by("-created_at").first()
    return list(state.task_states.filter(status=TaskState.STATUS_APPROVED).order_by("started_at"))


def test_head_approves_rights_request_from_edit_screen_moves_to_webmaster(client, demo, new_editor):
    assert submit_rights_request(client, demo, new_editor).status_code == 302
    request_obj = RightsRequest.objects.get()
    head_state = current_task_state(request_obj)
    assert head_state.task.specific.__class__.__name__ == "HeadOfUnitApprovalTask"
    revisions_before = request_obj.revisions.count()
    Notification.objects.all().delete()

    # The head opens the edit screen and presses "อนุมัติ" without touching the form.
    head = login(client, demo.user("huso_head"))
    assert head.get(reverse("wagtailsnippets_publication_rightsrequest:edit", args=(request_obj.pk,))).status_code == 200
    response = edit_screen_action(
        head,
        "rightsrequest",
        request_obj,
        {
            "unit": demo.units["HUSO"].pk,
            "staff": [new_editor.pk],
            "scope": "news",
            "justification": "หน่วยงานมีข่าวกิจกรรมนักศึกษาสัปดาห์ละ 2–3 เรื่อง",
            "requested_date": "2026-11-25",
        },
    )
    assert response.status_code == 302, response.content[:3000]

    request_obj.refresh_from_db()
    state = request_obj.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert state.current_task_state.task.specific.__class__.__name__ == "WebmasterApprovalTask"
    assert request_obj.revisions.count() == revisions_before  # nothing changed: no new revision
    head_rows = [ts for ts in approvals(request_obj) if ts.task_id == head_state.task_id]
    assert len(head_rows) == 1 and head_rows[0].finished_by == demo.user("huso_head")
    # The head is not asked again; the requester hears once that the head approved.
    assert not Notification.objects.filter(kind="task_submitted", recipient=demo.user("huso_head").email).exists()
    assert Notification.objects.filter(kind="task_approved").count() == 1

    # The webmaster finishes; ARIT-012 lists one approval per step.
    action(login(client, demo.user("webmaster")), "rightsrequest", request_obj, "approve", current_task_state(request_obj))
    request_obj.refresh_from_db()
    assert request_obj.granted_at is not None
    rows = approvals(request_obj)
    assert [ts.task.specific.__class__.__name__ for ts in rows] == ["HeadOfUnitApprovalTask", "WebmasterApprovalTask"]


@pytest.mark.parametrize("planned_seconds", [0, 37], ids=["typed-in-form", "set-by-code-with-seconds"])
def test_head_approves_social_post_from_edit_screen_moves_to_poster_review(client, demo, planned_seconds):
    text = "ขอเชิญร่วมงานวันวิทยาศาสตร์แห่งชาติ ณ คณะวิทยาศาสตร์และเทคโนโลยี 18 สิงหาคม 2570"
    assert submit_post(client, demo, text).status_code == 302
    post = SocialPost.objects.get()
    if planned_seconds:
        # Like the demo's posts: a time with seconds, which the edit form shows to the minute.
        planned = post.planned_at.replace(second=planned_seconds)
        SocialPost.objects.filter(pk=post.pk).update(planned_at=planned)
        revision = post.latest_revision
        revision.content["planned_at"] = planned.isoformat()
        revision.save(update_fields=["content"])
        post.refresh_from_db()
        assert post.get_latest_revision_as_object().planned_at.second == planned_seconds
    head_state = current_task_state(post)
    revisions_before = post.revisions.count()
    Notification.objects.all().delete()

    head = login(client, demo.user("sci_head"))
    response = edit_screen_action(
        head,
        "socialpost",
        post,
        {
            "unit": demo.units["SCI"].pk,
            "channel": "facebook",
            "post_text": text,
            "media_links": "",
            "planned_at": timezone.localtime(post.planned_at).strftime("%Y-%m-%d %H:%M"),
            "speaks_for_university": "on",
            "poster_position": "นักวิชาการคอมพิวเตอร์",
            "poster_unit": demo.units["SCI"].pk,
        },
    )
    assert response.status_code == 302, response.content[:3000]

    post.refresh_from_db()
    review = current_task_state(post)
    assert review.task.specific.__class__.__name__ == "PosterReviewTask"
    assert post.revisions.count() == revisions_before
    assert [ts.task_id for ts in approvals(post)] == [head_state.task_id]
    assert not Notification.objects.filter(kind="task_submitted", recipient=demo.user("sci_head").email).exists()
    assert Notification.objects.filter(kind="task_approved").count() == 1
