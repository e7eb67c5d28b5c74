"""Issue 12 item 2: a create form that Wagtail's autosave has already saved never makes a second object.

Wagtail's autosave posts the create form with `Accept: application/json`; the editor's Submit posts the
same form (same creation key) as an ordinary form. Whatever order they reach the server in, there is one
page (or snippet), it carries the editor's last text, and Submit starts its approval.
"""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from publication.moderation.autosave import CREATION_KEY_FIELD
from publication.moderation.models import AutosaveCreation
from publication.pages.models import NewsPage
from publication.social.models import SocialPost
from tests.flows.helpers import news_form

pytestmark = pytest.mark.django_db

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}
TITLE = "ค่ายวิทยาศาสตร์สัญจร ภาคเรียนที่ 2/2569"


@pytest.fixture
def editor(client, demo):
    client.force_login(demo.user("sci_editor"))
    return client


@pytest.fixture
def folder(demo):
    return demo.units["SCI"].news_index


def add_url(folder) -> str:
    return reverse("wagtailadmin_pages:add", args=("pages", "newspage", folder.pk))


def post_news(client, folder, *, key, action, body="ขอเชิญนักเรียนร่วมค่ายวิทยาศาสตร์สัญจร", **headers):
    data = news_form(TITLE, body, slug="khai-witthayasat", action=action)
    if key is not None:
        data[CREATION_KEY_FIELD] = str(key)
    return client.post(add_url(folder), data, **headers)


def news_in(folder):
    return NewsPage.objects.child_of(folder).filter(title=TITLE)


def test_autosave_creates_the_page_and_returns_its_edit_url(editor, folder):
    key = uuid.uuid4()
    response = post_news(editor, folder, key=key, action=None, **AUTOSAVE)
    assert response.status_code == 200, response.content[:2000]
    payload = response.json()
    page = news_in(folder).get()
    assert payload["success"] and payload["pk"] == page.pk
    assert payload["url"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    claim = AutosaveCreation.objects.get(key=key)
    assert claim.object_id == str(page.pk) and claim.user.username == "sci_editor"


def test_submit_after_autosave_carries_on_in_the_edit_view(editor, folder):
    key = uuid.uuid4()
    post_news(editor, folder, key=key, action=None, **AUTOSAVE)
    response = post_news(editor, folder, key=key, action="action-submit", body="ขอเชิญนักเรียนร่วมค่าย ฉบับแก้ไขล่าสุด")
    assert response.status_code == 302, response.content[:3000]
    page = news_in(folder).get()  # one page, not two
    assert page.workflow_in_progress
    assert "ฉบับแก้ไขล่าสุด" in str(page.get_latest_revision_as_object().body)
    assert Page.objects.child_of(folder).count() == 1


def test_save_draft_after_autosave_saves_the_same_page(editor, folder):
    key = uuid.uuid4()
    post_news(editor, folder, key=key, action=None, **AUTOSAVE)
    response = post_news(editor, folder, key=key, action=None, body="ร่างที่สองของข่าวค่าย")
    assert response.status_code == 302
    page = news_in(folder).get()
    assert "ร่างที่สอง" in str(page.get_latest_revision_as_object().body)
    assert page.revisions.count() == 2


def test_without_a_key_the_second_create_is_a_thai_slug_error_not_a_second_page(editor, folder):
    post_news(editor, folder, key=None, action=None, **AUTOSAVE)
    response = post_news(editor, folder, key=None, action="action-submit")
    assert response.status_code == 200
    assert news_in(folder).count() == 1
    assert "ที่อยู่หน้า (slug) &#x27;khai-witthayasat&#x27; มีหน้าอื่นในหมวดเดียวกันใช้แล้ว" in response.content.decode()


def test_an_autosave_racing_a_submit_that_won_is_refused_in_json(editor, folder):
    key = uuid.uuid4()
    assert post_news(editor, folder, key=key, action="action-submit").status_code == 302
    response = post_news(editor, folder, key=key, action=None, **AUTOSAVE)
    assert response.status_code == 400
    assert response.json()["error_code"] == "invalid_revision"
    assert "บันทึก" in response.json()["error_message"]
    page = news_in(folder).get()
    assert page.revisions.count() == 1 and page.workflow_in_progress


def test_another_users_key_creates_their_own_page(client, demo, folder):
    key = uuid.uuid4()
    client.force_login(demo.user("sci_editor"))
    post_news(client, folder, key=key, action=None, **AUTOSAVE)
    client.force_login(demo.user("sci_head"))
    response = post_news(client, folder, key=key, action=None)
    # The head's form with a stolen key neither edits the editor's page nor creates a second one.
    assert response.status_code in (200, 409)
    assert news_in(folder).count() == 1
    assert news_in(folder).get().owner.username == "sci_editor"


def test_slug_taken_between_validation_and_save_is_a_form_error_not_500(editor, folder, monkeypatch, make_news, demo):
    """Two tabs creating the same slug at once: the slug is free when the form validates and taken when
    the page is saved (Page.full_clean raises); the editor gets the form back with a Thai error."""
    original = Page.add_child

    def add_child_after_another_tab(self, *args, **kwargs):
        monkeypatch.setattr(Page, "add_child", original)
        make_news(folder, "ข่าวจากอีกแท็บ", owner_unit=demo.units["SCI"], publish=False, slug="khai-witthayasat")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Page, "add_child", add_child_after_another_tab)
    response = post_news(editor, folder, key=uuid.uuid4(), action="action-submit")
    assert response.status_code == 200
    html = response.content.decode()
    assert "khai-witthayasat" in html  # the typed form comes back
    assert news_in(folder).count() == 0
    assert AutosaveCreation.objects.count() == 0


def social_form(demo, key, text, **action):
    data = {
        "unit": demo.units["SCI"].pk,
        "channel": "facebook",
        "post_text": text,
        "media_links": "",
        "planned_at": (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M"),
        "poster_position": "นักวิชาการคอมพิวเตอร์",
        "poster_unit": demo.units["SCI"].pk,
        "speaks_for_university": "on",
        CREATION_KEY_FIELD: str(key),
        **action,
    }
    return data


def test_snippet_submit_after_autosave_is_one_post_in_approval(editor, demo):
    url = reverse("wagtailsnippets_publication_socialpost:add")
    key = uuid.uuid4()
    first = editor.post(url, social_form(demo, key, "ขอเชิญร่วมงานวันวิทยาศาสตร์แห่งชาติ"), **AUTOSAVE)
    assert first.status_code == 200 and first.json()["success"], first.content[:2000]
    response = editor.post(url, social_form(demo, key, "ขอเชิญร่วมงานวันวิทยาศาสตร์แห่งชาติ 18 สิงหาคม", **{"action-submit": "1"}))
    assert response.status_code == 302, response.content[:3000]
    post = SocialPost.objects.get()
    assert post.workflow_in_progress
    assert "18 สิงหาคม" in post.get_latest_revision_as_object().post_text


def test_a_save_refused_after_the_insert_leaves_no_claim(editor, folder, monkeypatch):
    """A ValidationError after the page row was inserted rolls the row back while its id stays set in
    memory: that id must not be claimed, or a later post would edit whichever page gets it next."""
    from django.core.exceptions import ValidationError

    original = Page.save_revision

    def refuse_once(self, *args, **kwargs):
        monkeypatch.setattr(Page, "save_revision", original)
        raise ValidationError({"slug": "another tab took it"})

    monkeypatch.setattr(Page, "save_revision", refuse_once)
    key = uuid.uuid4()
    assert post_news(editor, folder, key=key, action="action-submit").status_code == 200
    assert news_in(folder).count() == 0
    assert not AutosaveCreation.objects.filter(key=key).exists()
    # The same form posted again creates its page.
    assert post_news(editor, folder, key=key, action=None).status_code == 302
    assert news_in(folder).count() == 1


def test_a_form_whose_page_was_deleted_creates_it_again(editor, folder):
    key = uuid.uuid4()
    post_news(editor, folder, key=key, action=None, **AUTOSAVE)
    news_in(folder).get().delete()
    response = post_news(editor, folder, key=key, action="action-submit")
    assert response.status_code == 302, response.content[:2000]
    assert news_in(folder).get().workflow_in_progress


def test_a_key_from_another_folder_is_a_conflict(client, demo, folder):
    key = uuid.uuid4()
    client.force_login(demo.user("webmaster"))
    post_news(client, folder, key=key, action=None, **AUTOSAVE)
    other = demo.units["HUSO"].news_index
    response = post_news(client, other, key=key, action=None)
    assert response.status_code == 409
    assert news_in(folder).get().title == TITLE and not news_in(other).exists()
