"""P1.5: a post marked posted keeps its record (link, time, text) unless its unit's head or a
webmaster changes it, on every admin path; every change is kept in history."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from publication.moderation.gate import publishing_as
from publication.social.models import SocialPost
from publication.social.records import PostedRecordLocked

pytestmark = pytest.mark.django_db

POST_TEXT = "ขอเชิญนักเรียนร่วมค่ายวิทยาศาสตร์สัญจร ณ คณะวิทยาศาสตร์และเทคโนโลยี สมัครได้ถึง 10 ธันวาคม 2569"
POSTED_URL = "https://www.facebook.com/pcru.sci/posts/2569"
REFUSAL = "แก้ไขได้เฉพาะหัวหน้าหน่วยงาน (คณะวิทยาศาสตร์และเทคโนโลยี) หรือผู้ดูแลเว็บไซต์"


def posted_url(post) -> str:
    return reverse("publication_social_posted", args=[post.pk])


def edit_url(post) -> str:
    return reverse("wagtailsnippets_publication_socialpost:edit", args=[post.pk])


def edit_form(post, **changes) -> dict:
    data = {
        "unit": post.unit_id,
        "channel": post.channel,
        "post_text": post.post_text,
        "media_links": post.media_links,
        "planned_at": timezone.localtime(post.planned_at).strftime("%Y-%m-%d %H:%M"),
        "speaks_for_university": "on",
        "poster_position": post.poster_position,
        "poster_unit": post.poster_unit_id,
    }
    return {**data, **changes}


@pytest.fixture
def posted(client, demo):
    """SCI's post: approved by its head, reviewed by its poster, marked posted by the poster's own URL."""
    editor, head = demo.user("sci_editor"), demo.user("sci_head")
    post = SocialPost.objects.create(
        unit=demo.units["SCI"],
        requester=editor,
        channel="facebook",
        post_text=POST_TEXT,
        planned_at=timezone.now() + datetime.timedelta(days=1),
        poster_position="นักวิชาการคอมพิวเตอร์",
        poster_unit=demo.units["SCI"],
        live=False,
    )
    post.save_revision(user=editor)
    post.get_workflow().start(post, editor)
    state = post.current_workflow_state.current_task_state.specific
    state.task.specific.on_action(state, head, "approve", comment="")
    review = post.current_workflow_state.current_task_state.specific
    review.task.specific.on_action(review, editor, "confirm_checklist", **dict.fromkeys(SocialPost.CHECKLIST, True))

    client.force_login(editor)
    response = client.post(posted_url(post), {"posted_url": POSTED_URL, "posted_at": "2026-11-27 09:00"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.posted_url == POSTED_URL and post.posted_by == editor
    return post


def assert_unchanged(post, *, history: int, revision: int) -> None:
    post.refresh_from_db()
    assert (post.posted_url, post.post_text) == (POSTED_URL, POST_TEXT)
    assert timezone.localtime(post.posted_at).strftime("%Y-%m-%d %H:%M") == "2026-11-27 09:00"
    assert post.history.count() == history, "a refused change must leave no history row"
    assert post.latest_revision_id == revision


def test_editor_cannot_mark_posted_again(client, demo, posted):
    history, revision = posted.history.count(), posted.latest_revision_id
    client.force_login(demo.user("sci_editor"))
    page = client.get(posted_url(posted), follow=True)
    assert REFUSAL in page.content.decode()
    other = {"posted_url": "https://www.facebook.com/other/posts/1", "posted_at": "2026-12-01 10:00"}
    response = client.post(posted_url(posted), other, follow=True)
    assert response.redirect_chain[-1][0] == edit_url(posted)
    assert REFUSAL in response.content.decode()
    assert_unchanged(posted, history=history, revision=revision)
    assert not ModelLogEntry.objects.filter(action="publication.social_posted_corrected").exists()


def test_editor_cannot_change_the_post_through_the_edit_view(client, demo, posted):
    history, revision = posted.history.count(), posted.latest_revision_id
    client.force_login(demo.user("sci_editor"))
    # The edit screen says so before anything is typed.
    assert REFUSAL in client.get(edit_url(posted)).content.decode()
    changed = edit_form(posted, post_text="ข้อความที่แก้หลังโพสต์แล้ว")
    for action in ({}, {"action-submit": "1"}):  # save draft, submit for approval
        response = client.post(edit_url(posted), {**changed, **action})
        assert response.status_code == 200
        assert REFUSAL in response.content.decode()
        assert "ข้อความที่แก้หลังโพสต์แล้ว" in response.content.decode()  # what was typed is kept
    # Reverting to the first revision is an edit too.
    revert = reverse("wagtailsnippets_publication_socialpost:revisions_revert", args=[posted.pk, revision])
    assert REFUSAL in client.post(revert, changed).content.decode()
    # So is an autosave.
    autosave = client.post(edit_url(posted), changed, headers={"accept": "application/json"})
    assert autosave.status_code == 400
    assert REFUSAL in autosave.json()["error_message"]
    assert_unchanged(posted, history=history, revision=revision)


def test_editor_cannot_bulk_delete_a_posted_post(client, demo, posted):
    bulk = reverse("wagtail_bulk_action", args=("social", "socialpost", "delete")) + f"?id={posted.pk}"
    client.force_login(demo.user("sci_editor"))
    client.post(bulk)
    assert SocialPost.objects.filter(pk=posted.pk).exists()


def test_a_save_by_an_editor_on_any_other_path_is_refused(demo, posted):
    """The model refuses what no view checked: a bulk action or a view Wagtail adds later."""
    posted.posted_url = "https://www.facebook.com/other/posts/2"
    with publishing_as(demo.user("sci_editor"), "bulk_action"), pytest.raises(PostedRecordLocked) as refused:
        posted.save()
    assert REFUSAL in refused.value.summary()
    with pytest.raises(PostedRecordLocked):
        SocialPost.objects.get(pk=posted.pk).save_revision(user=demo.user("sci_editor"))


@pytest.mark.parametrize("role", ["sci_head", "webmaster"])
def test_head_or_webmaster_corrects_the_record_and_history_keeps_both(client, demo, posted, role):
    user = demo.user(role)
    history = posted.history.count()
    client.force_login(user)
    form = client.get(posted_url(posted))
    assert form.status_code == 200 and POSTED_URL in form.content.decode()  # the form starts from the record
    assert "แก้ไขข้อมูลการโพสต์" in client.get(edit_url(posted)).content.decode()

    corrected = "https://www.facebook.com/pcru.sci/posts/2570"
    response = client.post(posted_url(posted), {"posted_url": corrected, "posted_at": "2026-11-27 10:30"}, follow=True)
    assert "แก้ไขข้อมูลการโพสต์แล้ว" in response.content.decode()
    posted.refresh_from_db()
    assert posted.posted_url == corrected
    assert posted.posted_by == demo.user("sci_editor")  # who posted it does not change

    # django-simple-history: the new row names who changed it; the one before still holds the old link.
    assert posted.history.count() == history + 1
    latest, before = posted.history.order_by("-history_date", "-history_id")[:2]
    assert (latest.posted_url, latest.history_user) == (corrected, user)
    assert before.posted_url == POSTED_URL
    # Wagtail's log, shown in the snippet's history: the correction and what it replaced.
    entry = ModelLogEntry.objects.get(action="publication.social_posted_corrected", object_id=str(posted.pk))
    assert entry.user == user and entry.data["before"]["posted_url"] == POSTED_URL
    assert ModelLogEntry.objects.filter(action="publication.social_posted", user=demo.user("sci_editor")).exists()


def test_head_may_edit_the_posted_post_but_another_units_head_may_not(client, demo, posted):
    client.force_login(demo.user("sci_head"))
    response = client.post(edit_url(posted), edit_form(posted, post_text=POST_TEXT + " (แก้คำผิด)"))
    assert response.status_code == 302
    assert posted.revisions.count() == 2
    client.force_login(demo.user("huso_head"))
    client.post(posted_url(posted), {"posted_url": "https://www.facebook.com/other/posts/3", "posted_at": "2026-12-01 10:00"})
    posted.refresh_from_db()
    assert posted.posted_url == POSTED_URL
