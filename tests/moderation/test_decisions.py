"""Issue 12 item 4: every decision confirmed in Thai with what happens next; the approver's comment on
the editor's edit screen."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from publication.pages.models import NewsPage
from tests.flows.helpers import add_news, current_task_state, workflow_action

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m).strip() for m in get_messages(response.wsgi_request)]


def submitted(client, demo, unit: str, slug: str, title: str) -> NewsPage:
    """Submitted by the unit's editor in a session of their own (its messages stay there)."""
    editor = Client()
    editor.force_login(demo.user(f"{unit.lower()}_editor"))
    add_news(editor, demo.units[unit].news_index, title, slug=slug)
    return NewsPage.objects.get(slug=slug)


def test_head_approval_says_who_is_next(client, demo):
    page = submitted(client, demo, "HUSO", "art", "นิทรรศการศิลปกรรมนักศึกษา")
    client.force_login(demo.user("huso_head"))
    response = workflow_action(client, page, "approve", current_task_state(page))
    assert response.status_code == 200
    texts = messages_of(response)
    assert len(texts) == 1
    assert "คุณอนุมัติ “นิทรรศการศิลปกรรมนักศึกษา” แล้ว" in texts[0]
    assert current_task_state(page).task.name in texts[0]


def test_final_approval_says_it_is_published(client, demo):
    page = submitted(client, demo, "SCI", "award", "นักศึกษาคว้ารางวัลระดับภาค")
    client.force_login(demo.user("sci_head"))
    response = workflow_action(client, page, "approve", current_task_state(page))
    page.refresh_from_db()
    assert page.live
    assert messages_of(response) == ["คุณอนุมัติ “นักศึกษาคว้ารางวัลระดับภาค” และเผยแพร่แล้ว ระบบแจ้งหน่วยงานทางอีเมลแล้ว"]


def test_sending_back_is_confirmed_and_the_comment_shown_to_the_editor(client, demo):
    page = submitted(client, demo, "HUSO", "talk", "เสวนาวิชาการ")
    client.force_login(demo.user("huso_head"))
    response = workflow_action(client, page, "reject", current_task_state(page), comment="กรุณาเพิ่มชื่อวิทยากร")
    texts = messages_of(response)
    assert len(texts) == 1 and "ส่ง “เสวนาวิชาการ” กลับให้ผู้เขียนแก้ไขแล้ว" in texts[0]

    client.force_login(demo.user("huso_editor"))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    shown = messages_of(edit)
    assert any("กรุณาเพิ่มชื่อวิทยากร" in text and demo.user("huso_head").get_full_name() in text for text in shown), shown


def test_no_confirmation_when_nothing_was_decided(client, demo):
    page = submitted(client, demo, "HUSO", "art2", "นิทรรศการภาพถ่าย")
    state = current_task_state(page)
    client.force_login(demo.user("sci_head"))  # not this unit's head: refused
    response = workflow_action(client, page, "approve", state)
    assert not any("อนุมัติ" in text for text in messages_of(response))
