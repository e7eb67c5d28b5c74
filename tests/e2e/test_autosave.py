"""Issue 12 (2) in a real browser: Submit never races Wagtail's autosave.

Each test makes the race happen on purpose instead of hoping for it: the browser's first autosave of a
new page is held at the network (Playwright routing) while the editor clicks Submit, then let through.
The editor's click waits for the autosave (moderation/js/autosave-guard.js), the page is created once,
and Submit runs on it. Refused submits in a row never bring up Wagtail's "saved a new version in another
window" dialog.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from publication.pages.models import NewsPage

from .admin import ADMIN_VIEWPORT, NewsDraft, fill_news_form, footer_action, replace_rich_text
from .test_page_moderation import valid_thai_id

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "ค่ายวิทยาศาสตร์สัญจร ภาคเรียนที่ 2/2569"
BODY = ["คณะวิทยาศาสตร์และเทคโนโลยีจัดค่ายวิทยาศาสตร์สัญจรให้นักเรียนมัธยมศึกษาในอำเภอเขาค้อ"]


class HeldAutosaves:
    """Holds the browser's autosave requests to a URL pattern until `release()`."""

    def __init__(self, page, url_pattern: str):
        self.page = page
        self.routes: list = []
        self.holding = True
        self.pattern = re.compile(url_pattern)
        page.route(self.pattern, self._hold)

    @staticmethod
    def is_autosave(request) -> bool:
        return request.method == "POST" and "application/json" in (request.headers.get("accept") or "")

    def _hold(self, route):
        if self.holding and self.is_autosave(route.request):
            self.routes.append(route)
        else:
            route.continue_()

    def wait_for_one(self, timeout_s: float = 20.0) -> None:
        """Until an autosave is held (Playwright runs route handlers while the test talks to the page)."""
        deadline = time.monotonic() + timeout_s
        while not self.routes:
            assert time.monotonic() < deadline, "no autosave reached the network"
            self.page.evaluate("() => new Promise((resolve) => requestAnimationFrame(resolve))")

    def release(self) -> None:
        self.holding = False
        routes, self.routes = self.routes, []
        for route in routes:
            route.continue_()


def open_news_form(e2e, username="sci_editor"):
    folder = e2e.demo.units["SCI"].news_index
    editor = e2e.login(username, viewport=ADMIN_VIEWPORT)
    editor.goto(e2e.url(f"/admin/pages/add/pages/newspage/{folder.pk}/"))
    expect(editor.locator("#id_title")).to_be_visible()
    # Wagtail's w-unsaved takes its snapshot of the form 2 s after load; edits before it are not edits.
    editor.wait_for_function("() => window.wagtail?.app?.queryController('w-unsaved')?.initialFormData !== undefined")
    return editor


def draft(body=BODY) -> NewsDraft:
    return NewsDraft(title=TITLE, summary="นักเรียนกว่า 300 คนร่วมทดลองวิทยาศาสตร์", body=body)


def test_submit_clicked_while_the_first_autosave_is_in_flight_makes_one_page_in_approval(e2e):
    editor = open_news_form(e2e)
    held = HeldAutosaves(editor, r".*/admin/pages/add/pages/newspage/\d+/(\?.*)?$")
    fill_news_form(editor, draft())
    held.wait_for_one()  # the autosave that creates the page is on the wire, and stays there

    footer_action(editor, "action-submit")
    form = editor.locator("form[data-edit-form]")
    expect(form).to_have_attribute("aria-busy", "")  # the click waits for the autosave
    e2e.shot(editor, "submit-waits-for-autosave", full_page=False)
    assert NewsPage.objects.filter(title=TITLE).count() == 0

    held.release()
    folder = e2e.demo.units["SCI"].news_index
    expect(editor).to_have_url(re.compile(rf"/admin/pages/{folder.pk}/$"))  # Submit lands in the explorer
    pages = NewsPage.objects.filter(title=TITLE)
    assert pages.count() == 1
    page = pages.get()
    assert page.workflow_in_progress and not page.live
    expect(editor.locator(".messages")).to_contain_text("ส่ง")
    e2e.shot(editor, "submitted-once", full_page=False)


def test_refused_submits_in_a_row_keep_one_page_and_raise_no_conflict_dialog(e2e):
    digits = valid_thai_id()
    editor = open_news_form(e2e)
    fill_news_form(editor, draft([*BODY, f"ติดต่อผู้ประสานงาน เลขประจำตัวประชาชน {digits}"]))

    for attempt in range(3):
        with editor.expect_navigation(timeout=30_000):
            footer_action(editor, "action-submit")
        # Refused by the gate: the editor's text comes back with the finding, nothing is lost.
        expect(editor.locator(".messages")).to_contain_text("ส่งขออนุมัติหรือเผยแพร่ไม่ได้")
        expect(editor.locator("#id_title")).to_have_value(TITLE)
        # None yet if the first Submit beat the first autosave (a refused create makes no page); never two.
        assert NewsPage.objects.filter(title=TITLE).count() <= 1
        replace_rich_text(editor, [*BODY, f"ติดต่อผู้ประสานงาน เลขประจำตัวประชาชน {digits} ครั้งที่ {attempt + 2}"])
    expect(editor.locator("#w-save-confirmation-dialog")).to_be_hidden()
    e2e.shot(editor, "after-three-refused-submits", full_page=False)

    # The fixed text goes through first time, on the same page: no dialog, no second page.
    replace_rich_text(editor, BODY)
    with editor.expect_navigation(timeout=30_000):
        footer_action(editor, "action-submit")
    editor.wait_for_load_state()
    expect(editor.locator("#w-save-confirmation-dialog")).to_be_hidden()
    pages = NewsPage.objects.filter(title=TITLE)
    assert pages.count() == 1 and pages.get().workflow_in_progress
