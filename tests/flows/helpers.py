"""Helpers to drive the real Wagtail admin views: page forms, workflow actions."""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import Page, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

CLEAN_BODY = (
    "คณะวิทยาศาสตร์และเทคโนโลยี มหาวิทยาลัยราชภัฏเพชรบูรณ์ จัดกิจกรรมค่ายวิทยาศาสตร์สัญจร "
    "ให้นักเรียนมัธยมศึกษาในอำเภอเขาค้อ ได้ทดลองเคมีในชีวิตประจำวันและส่องกล้องจุลทรรศน์"
)


def news_form(title: str, body: str = CLEAN_BODY, *, owner_unit=None, action: str | None = "action-submit", **extra) -> dict:
    data = {
        "title": title,
        "slug": extra.pop("slug", "news-flow"),
        "summary": extra.pop("summary", "นักเรียนกว่า 300 คนร่วมกิจกรรมทดลองวิทยาศาสตร์กับคณะวิทยาศาสตร์และเทคโนโลยี"),
        "date": "2026-11-25",
        "cover_image_alt": "",
        "body": streamfield([("paragraph", rich_text(f"<p>{body}</p>"))]),
        "tags": "",
        "publisher_name": "ณัฐวุฒิ สายทอง",
        "publisher_position": "นักวิชาการคอมพิวเตอร์",
        "comments": inline_formset([]),
        "corrections": inline_formset([]),  # the correction notices panel (G6), empty unless a test fills it
        **extra,
    }
    if owner_unit is not None:
        data["owner_unit"] = owner_unit.pk
    if action:
        data[action] = "1"
    return nested_form_data(data)


def add_news(client, parent: Page, title: str, **kwargs):
    url = reverse("wagtailadmin_pages:add", args=("pages", "newspage", parent.pk))
    return client.post(url, news_form(title, **kwargs))


def edit_news(client, page: Page, title: str, **kwargs):
    owner = getattr(page.specific, "owner_unit", None)
    if owner is not None:
        kwargs.setdefault("owner_unit", owner)
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), news_form(title, slug=page.slug, **kwargs))


def current_task_state(page: Page) -> TaskState | None:
    state = page.current_workflow_state
    return state.current_task_state.specific if state and state.current_task_state else None


def workflow_action(client, page: Page, action: str, task_state: TaskState, **data):
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, data, headers={"x-requested-with": "XMLHttpRequest"})


def valid_thai_id() -> str:
    """A 13-digit Thai national ID whose check digit is right (what the PDPA check must find)."""
    digits = "110370000000"
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits))
    return digits + str((11 - total % 11) % 10)


def login(client, user):
    """`client` signed in as `user` (returned for chaining)."""
    client.force_login(user)
    return client
