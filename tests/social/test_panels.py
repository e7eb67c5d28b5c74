"""P1.5 on the dashboard: a post at the poster's own last review, then cleared and waiting to be posted.

The demo's EDU post waits for EDU's head; SCI's was posted already (`ensure_requests_and_posts`).
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from publication.demo.requests import ensure_requests_and_posts
from publication.social.models import SocialPost

PANEL = "my-work-social"


def dashboard(client, user) -> BeautifulSoup:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def social_panel(soup):
    return soup.select_one(f'[data-my-work="{PANEL}"]')


def count(soup, key: str) -> int:
    return int(social_panel(soup).select_one(f'[data-my-work-list="{key}"]')["data-count"])


@pytest.fixture
def edu_post(demo):
    ensure_requests_and_posts()
    return SocialPost.objects.get(unit__code="EDU")


def _act(post, user, action, **kwargs):
    state = post.current_workflow_state.current_task_state.specific
    state.task.specific.on_action(state, user, action, **kwargs)
    post.refresh_from_db()


def test_post_at_the_head_is_not_the_editors_to_post_yet(client, demo, edu_post):
    soup = dashboard(client, demo.user("edu_editor"))
    assert social_panel(soup) is None  # hidden while empty
    assert soup.select_one('[data-my-work="my-work-editor"] [data-my-work-list="waiting"]')["data-count"] == "1"


def test_poster_review_then_ready_to_post_then_gone(client, demo, edu_post):
    editor = demo.user("edu_editor")
    _act(edu_post, demo.user("edu_head"), "approve", comment="")

    soup = dashboard(client, editor)
    assert count(soup, "review") == 1
    assert count(soup, "ready") == 0
    assert "ประกาศรายชื่อผู้ผ่านการคัดเลือก" in social_panel(soup).get_text()
    # At the poster's own step it is no longer "waiting for approval" in the editor's panel.
    assert soup.select_one('[data-my-work="my-work-editor"]')["data-total"] == "0"

    _act(edu_post, editor, "confirm_checklist", **dict.fromkeys(SocialPost.CHECKLIST, True))
    assert edu_post.live and edu_post.posted_at is None
    soup = dashboard(client, editor)
    assert count(soup, "review") == 0
    assert count(soup, "ready") == 1
    row = social_panel(soup).select_one('[data-my-work-list="ready"] tr[data-my-work-item]')
    assert row.select_one("a")["href"] == f"/admin/social-posts/{edu_post.pk}/posted/"
    assert "LINE Official Account" in row.get_text()
    assert "คณะครุศาสตร์" in row.get_text()

    # Other units' editors and the heads do not get it.
    assert social_panel(dashboard(client, demo.user("sci_editor"))) is None
    assert social_panel(dashboard(client, demo.user("edu_head"))) is None

    SocialPost.objects.filter(pk=edu_post.pk).update(posted_at=timezone.now(), posted_url="https://line.me/R/home/public/post")
    assert social_panel(dashboard(client, editor)) is None


def test_social_panel_runs_a_fixed_number_of_queries(demo, edu_post, django_assert_max_num_queries):
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from publication.social.panels import SocialPostingPanel

    editor, head = demo.user("edu_editor"), demo.user("edu_head")

    def render(user):
        request = RequestFactory().get("/admin/")
        request.user = user
        with CaptureQueriesContext(connection) as queries:
            html = SocialPostingPanel(request).render_html({"request": request})
        return html, len(queries)

    _act(edu_post, head, "approve", comment="")
    _html, before = render(editor)
    for number in range(3):  # more posts at the poster's review
        post = SocialPost.objects.create(
            unit=edu_post.unit,
            requester=editor,
            channel=edu_post.channel,
            post_text=f"ประกาศกิจกรรมคณะครุศาสตร์ ครั้งที่ {number + 1}",
            planned_at=edu_post.planned_at,
            poster_position=edu_post.poster_position,
            poster_unit=edu_post.unit,
            live=False,
        )
        post.save_revision(user=editor)
        post.get_workflow().start(post, editor)
        _act(post, head, "approve", comment="")
    for number in range(12):  # and more cleared posts than the list shows (stored as cleared: no workflow here)
        post = SocialPost.objects.create(
            unit=edu_post.unit,
            requester=editor,
            channel=edu_post.channel,
            post_text=f"ข่าวประชาสัมพันธ์คณะครุศาสตร์ที่ {number + 1}",
            planned_at=edu_post.planned_at,
            poster_position=edu_post.poster_position,
            poster_unit=edu_post.unit,
            live=False,
        )
        SocialPost.objects.filter(pk=post.pk).update(live=True, **dict.fromkeys(SocialPost.CHECKLIST, True))
    editor = type(editor).objects.get(pk=editor.pk)
    with django_assert_max_num_queries(before):
        html, _after = render(editor)
    soup = BeautifulSoup(html, "html.parser")
    assert count(soup, "review") == 4
    assert count(soup, "ready") == 12
