"""Steps in Wagtail 8's admin, as a person does them: fill the page form, choose, submit, approve.

Selectors are Wagtail's own stable hooks (field ids, `name=` of action buttons, ARIA roles and the
Thai labels people read), so a change of styling does not break the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, expect

ADMIN_VIEWPORT = {"width": 1280, "height": 1000}


@dataclass
class NewsDraft:
    title: str
    summary: str
    body: list[str]
    date: str = "25/11/2026"  # the admin's date format (WAGTAIL_DATE_FORMAT)
    owner_unit: str | None = None  # the unit's Thai name, chosen in the snippet chooser
    image_file: Path | None = None
    image_title: str = ""
    image_alt: str = ""
    publisher_name: str = "ณัฐวุฒิ สายทอง"
    publisher_position: str = "นักวิชาการคอมพิวเตอร์"


def field(page: Page, name: str):
    """The `w-field` wrapper of a form field, by the field's name."""
    return page.locator(f"[data-contentpath='{name}']").first


def choose_in_modal(page: Page, field_name: str, link_text: str) -> None:
    field(page, field_name).locator("button.chooser__choose-button").click()
    modal = page.locator(".modal-dialog, [role=dialog]").filter(has_text=link_text).last
    modal.get_by_role("link", name=link_text, exact=True).click()
    expect(page.locator(f"#id_{field_name}")).not_to_have_value("")


def upload_in_image_chooser(page: Page, image_file: Path, title: str) -> None:
    field(page, "cover_image").locator("button.chooser__choose-button").click()
    page.get_by_role("tab", name="อัพโหลด").click()
    page.locator("#id_image-chooser-upload-file").set_input_files(str(image_file))
    page.locator("#id_image-chooser-upload-title").fill(title)
    page.locator("form.image-upload, #tab-upload form").first.locator("button[type=submit]").click()
    expect(page.locator("#id_cover_image")).not_to_have_value("", timeout=20_000)


def type_rich_text(page: Page, lines: list[str], block_index: int = 0) -> None:
    """Add a paragraph block to the body StreamField and type into its Draftail editor."""
    field(page, "body").locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name="ย่อหน้า").or_(page.get_by_role("button", name="ย่อหน้า")).first.click()
    editor = field(page, "body").locator(".public-DraftEditor-content").nth(block_index)
    editor.click()
    for number, line in enumerate(lines):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.type(line)


def replace_rich_text(page: Page, lines: list[str], block_index: int = 0) -> None:
    editor = field(page, "body").locator(".public-DraftEditor-content").nth(block_index)
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    for number, line in enumerate(lines):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.type(line)


def fill_news_form(page: Page, draft: NewsDraft) -> None:
    page.locator("#id_title").fill(draft.title)
    if draft.owner_unit:
        choose_in_modal(page, "owner_unit", draft.owner_unit)
    page.locator("#id_summary").fill(draft.summary)
    date = page.locator("#id_date")
    date.fill(draft.date)
    date.press("Escape")
    if draft.image_file:
        upload_in_image_chooser(page, draft.image_file, draft.image_title or draft.title)
        page.locator("#id_cover_image_alt").fill(draft.image_alt)
    type_rich_text(page, draft.body)
    page.locator("#id_publisher_name").fill(draft.publisher_name)
    page.locator("#id_publisher_position").fill(draft.publisher_position)


def footer_action(page: Page, name: str) -> None:
    """Click an action of the editor's footer menu (Save draft's drop-up: submit, workflow actions)."""
    button = page.locator(f"footer button[name='{name}'], .footer button[name='{name}']").first
    if not button.is_visible():
        page.locator("footer .w-dropdown__toggle, .footer .w-dropdown__toggle").first.click()
    button.click()


def submit_for_moderation(page: Page) -> None:
    # No waiting for autosave first: moderation/js/autosave-guard.js holds the click until it is done.
    with page.expect_navigation(timeout=30_000):
        footer_action(page, "action-submit")
    page.wait_for_load_state()


def open_workflow_action(page: Page, label: str):
    """On a page's edit view, click a workflow action (e.g. "อนุมัติพร้อมความเห็น") from the footer menu."""
    button = page.locator("footer").get_by_role("button", name=label, exact=True)
    if not button.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    button.click()
    dialog = page.get_by_role("dialog").filter(has=page.locator("form")).last
    expect(dialog).to_be_visible()
    return dialog


def review_row(page: Page, title: str):
    """The row of the dashboard's "awaiting your review" panel (รอการพิจารณาของท่าน) for a page."""
    panel = page.locator("section, .w-panel, .panel").filter(has_text="รอการพิจารณาของท่าน").last
    return panel.locator("tr").filter(has_text=title)


def open_review_action(page: Page, title: str, label: str, with_dialog: bool = True):
    """From the dashboard, open a workflow action (อนุมัติ, อนุมัติพร้อมความเห็น, ขอให้แก้ไข) on a page.

    Actions without a comment (plain อนุมัติ) post at once and reload the dashboard."""
    row = review_row(page, title)
    row.locator(".w-dropdown__toggle, button[aria-haspopup], button[aria-expanded]").last.click()
    action = row.get_by_role("button", name=label, exact=True).or_(row.get_by_role("link", name=label, exact=True))
    if not with_dialog:
        with page.expect_navigation(timeout=30_000):
            action.first.click()
        page.wait_for_load_state()
        return None
    action.first.click()
    dialog = page.get_by_role("dialog").filter(has=page.locator("form")).last
    expect(dialog).to_be_visible()
    return dialog


def finish_action_dialog(page: Page, dialog, comment: str | None = None, screenshot=None) -> None:
    if comment is not None:
        dialog.locator("textarea[name=comment]").fill(comment)
    if screenshot:
        screenshot()
    with page.expect_navigation(timeout=30_000):
        dialog.locator("button[type=submit], input[type=submit]").first.click()
    page.wait_for_load_state()


def review_from_dashboard(page: Page, title: str, label: str, comment: str | None = None, screenshot=None) -> None:
    if label == "อนุมัติ" and comment is None:
        open_review_action(page, title, label, with_dialog=False)
        return
    finish_action_dialog(page, open_review_action(page, title, label), comment, screenshot)


def workflow_action(page: Page, label: str, comment: str | None = None, screenshot=None) -> None:
    """A workflow action from the page's edit view (the footer's action menu)."""
    finish_action_dialog(page, open_workflow_action(page, label), comment, screenshot)
