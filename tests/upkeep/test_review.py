"""Periodic review (P1.1(1), issue 14) through the real admin URLs as each role: defaults by page type,
archived news, the responsible person, setting a schedule and "ทบทวนแล้ว", the history kept, the daily
digests (grouped, heads' lists, no duplicate on re-run, live pages only) and the report with its export."""

from __future__ import annotations

import csv
import datetime
import io
import re

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.rich_text import RichText

from publication.moderation.gate import trusted_publication
from publication.outbox.models import Notification
from publication.pages.models import StandardPage, UnitPage
from publication.upkeep.models import ReviewSchedule
from publication.upkeep.review import (
    REVIEWED_ACTION,
    SCHEDULE_CHANGED_ACTION,
    ReviewStatus,
    add_months,
    bangkok_today,
    ensure_schedule,
    status_of,
    sync_review_schedules,
    with_status,
)
from publication.upkeep.review_digests import send_review_digests
from publication.upkeep.review_signals import DIGEST_KIND
from publication.upkeep.review_views import BuddhistEraDateField

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"
TODAY = bangkok_today()
CONTACT_TITLE = "ติดต่อคณะวิทยาศาสตร์และเทคโนโลยี"
COURSES_TITLE = "หลักสูตรที่เปิดสอนในปีการศึกษา 2569"
ADMISSION_TITLE = "กำหนดการรับสมัครนักศึกษาใหม่ ภาคเรียนที่ 1"
EDU_TITLE = "ข้อมูลการฝึกประสบการณ์วิชาชีพครู"
HIDDEN_TITLE = "ระเบียบการใช้ห้องปฏิบัติการ (ฉบับยกเลิก)"


def publish_standard(parent, title: str, slug: str, *, owner=None, publish: bool = True) -> StandardPage:
    """A standard page published the way every publish path ends (`revision.publish()` → `page_published`)."""
    page = StandardPage(
        title=title,
        slug=slug,
        intro=f"{title} คณะวิทยาศาสตร์และเทคโนโลยี มหาวิทยาลัยราชภัฏเพชรบูรณ์",
        body=[("paragraph", RichText(f"<p>{title} รายละเอียดสำหรับนักศึกษาและผู้สนใจ</p>"))],
        owner=owner,
        live=False,
    )
    with trusted_publication("test: a unit page published before the test"):
        parent.add_child(instance=page)
        revision = page.save_revision(user=owner)
        if publish:
            revision.publish()
    page.refresh_from_db()
    return page


def schedule_of(page) -> ReviewSchedule:
    return ReviewSchedule.objects.select_related("unit", "responsible").get(page=page)


def set_review_by(page, day: datetime.date, responsible=None) -> ReviewSchedule:
    schedule, _created = ensure_schedule(page)
    schedule.review_by = day
    if responsible is not None:
        schedule.responsible = responsible
    schedule.save()
    return schedule


# --- Defaults ---------------------------------------------------------------------------------------


def test_every_demo_page_has_a_schedule_with_the_defaults_of_its_type(demo):
    sci = demo.units["SCI"]
    section = schedule_of(sci.section)
    assert (section.unit, section.responsible, section.review_by) == (sci, demo.user("sci_head"), add_months(TODAY, 12))
    news_folder = schedule_of(sci.news_index)
    assert news_folder.unit == sci and news_folder.review_by == add_months(TODAY, 12)
    # The university's own pages belong to no unit; their owner is not a webmaster, so nobody yet.
    home = schedule_of(demo.home)
    assert (home.unit, home.responsible, home.review_by) == (None, None, add_months(TODAY, 12))
    assert schedule_of(demo.university_news).unit is None
    about = schedule_of(StandardPage.objects.get(slug="about"))
    assert about.unit == demo.units["PRES"] and about.responsible == demo.user("pres_head")
    # Idempotent: a second run creates and changes nothing.
    assert sync_review_schedules() == (0, 0)


def test_contact_pages_are_reviewed_every_six_months_and_others_yearly(demo):
    section = demo.units["SCI"].section
    contact = publish_standard(section, CONTACT_TITLE, "sci-contact-th")
    by_slug = publish_standard(section, "ช่องทางสื่อสารกับคณะ", "contact-us")
    courses = publish_standard(section, COURSES_TITLE, "courses")
    assert schedule_of(contact).review_by == add_months(TODAY, 6)
    assert schedule_of(by_slug).review_by == add_months(TODAY, 6)
    assert schedule_of(courses).review_by == add_months(TODAY, 12)
    assert add_months(datetime.date(2027, 8, 31), 6) == datetime.date(2028, 2, 29)


def test_a_second_publication_keeps_the_schedule(demo):
    page = publish_standard(demo.units["SCI"].section, COURSES_TITLE, "courses")
    set_review_by(page, TODAY + datetime.timedelta(days=3))
    with trusted_publication("test: republish"):
        page.save_revision().publish()
    assert schedule_of(page).review_by == TODAY + datetime.timedelta(days=3)


def test_news_needs_no_review_date_and_archived_news_is_never_due(demo, make_news, settings):
    sci = demo.units["SCI"]
    current = make_news(sci.news_index, "คณะวิทยาศาสตร์จัดค่ายวิทยาศาสตร์สัญจร", date=TODAY)
    old = make_news(sci.news_index, "ประกาศผลการแข่งขันตอบปัญหาวิทยาศาสตร์ ปี 2567", date=TODAY - datetime.timedelta(days=400))
    assert schedule_of(current).review_by is None and status_of(schedule_of(current)) == ReviewStatus.NONE
    # Current news may be given a date; archived news stays out of every due list even with one.
    set_review_by(current, TODAY - datetime.timedelta(days=1), demo.user("sci_editor"))
    set_review_by(old, TODAY - datetime.timedelta(days=1), demo.user("sci_editor"))
    statuses = dict(with_status(ReviewSchedule.objects.filter(page__in=[current, old])).values_list("page_id", "review_status"))
    assert statuses == {current.pk: ReviewStatus.OVERDUE, old.pk: ReviewStatus.NONE}
    settings.REVIEW_NEWS_ARCHIVED_AFTER_DAYS = 500
    assert status_of(schedule_of(old)) == ReviewStatus.OVERDUE


def test_responsible_is_the_owner_while_in_the_unit_else_the_head(demo):
    section = demo.units["SCI"].section
    own = publish_standard(section, COURSES_TITLE, "courses", owner=demo.user("sci_editor"))
    stranger = publish_standard(section, ADMISSION_TITLE, "admission", owner=demo.user("huso_editor"))
    assert schedule_of(own).responsible == demo.user("sci_editor")
    assert schedule_of(stranger).responsible == demo.user("sci_head")


# --- Setting the schedule and "ทบทวนแล้ว" ------------------------------------------------------------


def refused(response) -> bool:
    """HTTP 403, or Wagtail's answer to PermissionDenied in the admin: back to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"))


ROLES = {"sci_editor": True, "sci_head": True, "huso_head": False, "executive": False, "webmaster": True}


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_who_may_set_the_schedule_and_mark_reviewed(client, demo, role):
    page = publish_standard(demo.units["SCI"].section, COURSES_TITLE, "courses")
    schedule = set_review_by(page, TODAY - datetime.timedelta(days=5))
    history_before = schedule.history.count()
    if role != "anonymous":
        client.force_login(demo.user(role))
    view = client.get(reverse("publication_review_schedule", args=[page.pk]))
    marked = client.post(reverse("publication_review_mark_reviewed", args=[page.pk]))
    schedule.refresh_from_db()
    if role == "anonymous":
        assert view.status_code == marked.status_code == 302 and "/admin/login/" in marked["Location"]
    elif ROLES[role]:
        assert view.status_code == 200 and marked.status_code == 302
        assert schedule.last_reviewed_by == demo.user(role) and schedule.review_by == add_months(TODAY, 12)
        return
    else:
        assert refused(view) and refused(marked)
    assert schedule.last_reviewed_at is None and schedule.review_by == TODAY - datetime.timedelta(days=5)
    assert schedule.history.count() == history_before
    assert not PageLogEntry.objects.filter(page=page, action=REVIEWED_ACTION).exists()


def test_marking_reviewed_keeps_who_and_when_in_the_history_and_the_page_history(client, demo):
    page = publish_standard(demo.units["SCI"].section, COURSES_TITLE, "courses")
    schedule = set_review_by(page, TODAY - datetime.timedelta(days=5))
    editor = demo.user("sci_editor")
    client.force_login(editor)
    assert client.get(reverse("publication_review_mark_reviewed", args=[page.pk])).status_code == 405
    response = client.post(
        reverse("publication_review_mark_reviewed", args=[page.pk]), {"next": reverse("wagtailadmin_pages:edit", args=[page.pk])}
    )
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    latest = schedule.history.first()
    assert latest.history_user == editor and latest.last_reviewed_by == editor and latest.review_by == add_months(TODAY, 12)
    entry = PageLogEntry.objects.get(page=page, action=REVIEWED_ACTION)
    assert entry.user == editor and entry.data["previous_review_by"] == (TODAY - datetime.timedelta(days=5)).isoformat()
    # A second click the same day records nothing more.
    client.post(reverse("publication_review_mark_reviewed", args=[page.pk]))
    assert PageLogEntry.objects.filter(page=page, action=REVIEWED_ACTION).count() == 1
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "ทบทวนเนื้อหาแล้ว" in history


def test_the_page_header_menu_offers_the_schedule_and_mark_reviewed(client, demo):
    page = publish_standard(demo.units["SCI"].section, COURSES_TITLE, "courses")
    client.force_login(demo.user("sci_editor"))
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content, "html.parser")
    button = soup.select_one(f'[data-w-action-url-value="{reverse("publication_review_mark_reviewed", args=[page.pk])}"]')
    assert button is not None and button["data-action"] == "w-action#post" and "ทบทวนแล้ว" in button.get_text()
    assert soup.select_one(f'a[href="{reverse("publication_review_schedule", args=[page.pk])}"]') is not None


def form_data(schedule, **changes) -> dict:
    data = {
        "responsible": schedule.responsible_id,
        "review_interval_months": schedule.review_interval_months or "",
        "review_by": schedule.review_by.strftime("%d/%m/%Y") if schedule.review_by else "",
    }
    return {**data, **changes}


def test_setting_the_schedule_validates_in_thai_and_keeps_history(client, demo):
    page = publish_standard(demo.units["SCI"].section, CONTACT_TITLE, "sci-contact-th")
    schedule = schedule_of(page)
    url = reverse("publication_review_schedule", args=[page.pk])
    client.force_login(demo.user("sci_head"))
    refused = {
        "responsible": (demo.user("huso_editor").pk, "กรุณาเลือกบุคคลจากรายชื่อ"),
        "review_by": ("31/02/2027", "กรุณากรอกวันที่"),
    }
    # 29 February exists in 2028 (พ.ศ. 2571), not in 2029 (พ.ศ. 2572): the year is converted before the date is built.
    assert BuddhistEraDateField().clean("29/02/2571") == datetime.date(2028, 2, 29)
    with pytest.raises(ValidationError):
        BuddhistEraDateField().clean("29/02/2572")
    for field, (value, thai) in refused.items():
        response = client.post(url, form_data(schedule, **{field: value}))
        assert response.status_code == 200 and thai in response.content.decode()
    past = client.post(url, form_data(schedule, review_by=(TODAY - datetime.timedelta(days=1)).strftime("%d/%m/%Y")))
    assert "ต้องไม่ก่อนวันนี้" in past.content.decode()
    schedule.refresh_from_db()
    assert schedule.history.count() == 1 and not PageLogEntry.objects.filter(page=page, action=SCHEDULE_CHANGED_ACTION).exists()

    # The contact rule is only a default: the page is set yearly; a Buddhist-era year is understood.
    wanted = add_months(TODAY, 3)
    response = client.post(
        url,
        form_data(
            schedule,
            responsible=demo.user("sci_editor").pk,
            review_interval_months=12,
            review_by=wanted.strftime("%d/%m/") + str(wanted.year + 543),
        ),
    )
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert (schedule.responsible, schedule.review_interval_months, schedule.review_by) == (demo.user("sci_editor"), 12, wanted)
    assert schedule.history.first().history_user == demo.user("sci_head")
    assert PageLogEntry.objects.get(page=page, action=SCHEDULE_CHANGED_ACTION).user == demo.user("sci_head")
    # Marking it reviewed now counts the schedule's own interval (12 months), not the contact default.
    client.post(reverse("publication_review_mark_reviewed", args=[page.pk]))
    schedule.refresh_from_db()
    assert schedule.review_by == add_months(TODAY, 12)


# --- Digests ----------------------------------------------------------------------------------------


@pytest.fixture
def due_pages(demo, make_news):
    """SCI: one page overdue and one due soon (the editor's), one later; EDU: one overdue (the webmaster's,
    who also has a SCI one); an unpublished overdue page and archived news with an old date."""
    sci, edu = demo.units["SCI"], demo.units["EDU"]
    editor, webmaster = demo.user("sci_editor"), demo.user("webmaster")
    pages = {
        "overdue": publish_standard(sci.section, COURSES_TITLE, "courses"),
        "soon": publish_standard(sci.section, ADMISSION_TITLE, "admission"),
        "later": publish_standard(sci.section, "ประวัติคณะวิทยาศาสตร์และเทคโนโลยี", "history"),
        "edu": publish_standard(edu.section, EDU_TITLE, "practicum"),
        "hidden": publish_standard(sci.section, HIDDEN_TITLE, "old-rules"),
        "sci_webmaster": publish_standard(sci.section, CONTACT_TITLE, "sci-contact-th"),
        "archived": make_news(sci.news_index, "ประกาศผลการแข่งขันปี 2567", date=TODAY - datetime.timedelta(days=400)),
    }
    set_review_by(pages["overdue"], TODAY - datetime.timedelta(days=10), editor)
    set_review_by(pages["soon"], TODAY + datetime.timedelta(days=5), editor)
    set_review_by(pages["later"], TODAY + datetime.timedelta(days=100), editor)
    set_review_by(pages["edu"], TODAY - datetime.timedelta(days=3), webmaster)
    set_review_by(pages["sci_webmaster"], TODAY - datetime.timedelta(days=20), webmaster)
    set_review_by(pages["hidden"], TODAY - datetime.timedelta(days=30), editor)
    set_review_by(pages["archived"], TODAY - datetime.timedelta(days=30), editor)
    pages["hidden"].unpublish()
    return pages


def digests() -> dict[str, Notification]:
    rows = Notification.objects.filter(kind=DIGEST_KIND)
    assert len({row.recipient for row in rows}) == rows.count(), "one digest per person"
    return {row.recipient_user.username: row for row in rows}


def test_one_digest_per_person_grouped_overdue_first_heads_see_their_units(demo, due_pages):
    assert send_review_digests() == 4
    sent = digests()
    assert set(sent) == {"sci_editor", "webmaster", "sci_head", "edu_head"}

    editor = sent["sci_editor"].body_text
    assert editor.index(COURSES_TITLE) < editor.index(ADMISSION_TITLE)  # overdue part before due soon
    assert "เกินกำหนด 10 วัน" in editor and "คณะวิทยาศาสตร์และเทคโนโลยี" in editor
    assert reverse("wagtailadmin_pages:edit", args=[due_pages["overdue"].pk]) in editor
    assert reverse("publication_review_report") in editor
    for absent in (HIDDEN_TITLE, "ประกาศผลการแข่งขันปี 2567", "ประวัติคณะวิทยาศาสตร์"):
        assert absent not in editor
    assert "เกินกำหนด 1 รายการ" in sent["sci_editor"].subject and "ใกล้ครบกำหนด 1 รายการ" in sent["sci_editor"].subject

    # The webmaster's two overdue pages, grouped by unit (EDU's faculty before SCI's in Thai order).
    webmaster = sent["webmaster"].body_text
    assert webmaster.index("[คณะครุศาสตร์]") < webmaster.index(EDU_TITLE) < webmaster.index("[คณะวิทยาศาสตร์และเทคโนโลยี]")
    assert webmaster.index("[คณะวิทยาศาสตร์และเทคโนโลยี]") < webmaster.index(CONTACT_TITLE)

    # Heads: their unit's overdue pages in others' care, naming who is responsible; nothing due soon.
    head = sent["sci_head"].body_text
    assert COURSES_TITLE in head and CONTACT_TITLE in head and ADMISSION_TITLE not in head
    assert "ผู้รับผิดชอบ: ณัฐวุฒิ สายทอง" in head and "ธนพล ศรีสุข" in head
    assert EDU_TITLE in sent["edu_head"].body_text and COURSES_TITLE not in sent["edu_head"].body_text
    assert sent["sci_head"].subject == "[PCRU] เนื้อหาที่ต้องทบทวน: เกินกำหนด 2 รายการ"


def test_re_running_the_same_day_queues_nothing_new(demo, due_pages):
    assert send_review_digests() == 4
    assert send_review_digests() == 0
    out = io.StringIO()
    call_command("send_review_digests", stdout=out)
    assert "Digests queued: 0" in out.getvalue()
    assert Notification.objects.filter(kind=DIGEST_KIND).count() == 4


def test_nothing_due_sends_nothing(demo):
    assert send_review_digests() == 0
    assert not Notification.objects.filter(kind=DIGEST_KIND).exists()


# --- The report -------------------------------------------------------------------------------------


def report_titles(client, **params) -> list[str]:
    response = client.get(reverse("publication_review_report"), params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [cell.get_text(strip=True) for cell in soup.select("table.listing tbody td.title")]


def test_the_report_is_scoped_to_the_users_units_and_filters(client, demo, due_pages):
    client.force_login(demo.user("sci_editor"))
    titles = report_titles(client)
    assert titles[:3] == [CONTACT_TITLE, COURSES_TITLE, ADMISSION_TITLE]  # overdue (oldest first), then due soon
    assert EDU_TITLE not in titles and HIDDEN_TITLE not in titles
    assert report_titles(client, status="overdue") == [CONTACT_TITLE, COURSES_TITLE]
    assert report_titles(client, status="due_soon") == [ADMISSION_TITLE]
    assert report_titles(client, responsible=demo.user("sci_editor").pk, status="later") == ["ประวัติคณะวิทยาศาสตร์และเทคโนโลยี"]
    assert "ประกาศผลการแข่งขันปี 2567" in report_titles(client, status="none")
    assert client.get(reverse("publication_review_report"), {"status": "nonsense"}).status_code == 200

    client.force_login(demo.user("webmaster"))
    assert report_titles(client, status="overdue", unit=demo.units["EDU"].pk) == [EDU_TITLE]
    assert set(report_titles(client, status="overdue")) == {CONTACT_TITLE, COURSES_TITLE, EDU_TITLE}

    client.force_login(demo.user("huso_head"))
    assert report_titles(client, status="overdue") == []
    client.force_login(demo.user("executive"))
    assert refused(client.get(reverse("publication_review_report")))


def test_mark_reviewed_from_a_report_row_with_its_csrf_token(demo, due_pages):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(demo.user("sci_editor"))
    page = due_pages["overdue"]
    action = reverse("publication_review_mark_reviewed", args=[page.pk])
    assert browser.post(action).status_code == 403  # no token
    soup = BeautifulSoup(browser.get(reverse("publication_review_report"), {"status": "overdue"}).content, "html.parser")
    form = soup.select_one(f'form[action="{action}"]')
    data = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    response = browser.post(action, data)
    assert response.status_code == 302 and response["Location"] == reverse("publication_review_report") + "?status=overdue"
    assert schedule_of(page).last_reviewed_by == demo.user("sci_editor")
    assert COURSES_TITLE not in [t for t in report_titles(browser, status="overdue")]


def test_the_report_exports_csv_and_xlsx_with_thai_headings_and_buddhist_era_dates(client, demo, due_pages):
    client.force_login(demo.user("sci_editor"))
    response = client.get(reverse("publication_review_report"), {"status": "overdue", "export": "csv"})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(BOM)
    rows = list(csv.reader(io.StringIO(body[len(BOM) :].decode("utf-8"))))
    assert rows[0] == [
        "ชื่อเรื่อง",
        "ลิงก์สาธารณะ",
        "หน่วยงาน",
        "ผู้รับผิดชอบ",
        "รอบการทบทวน",
        "ต้องทบทวนภายใน",
        "สถานะ",
        "ทบทวนล่าสุดเมื่อ",
        "ผู้ทบทวนล่าสุด",
    ]
    by_title = {row[0]: row for row in rows[1:]}
    assert set(by_title) == {CONTACT_TITLE, COURSES_TITLE}
    courses = by_title[COURSES_TITLE]
    overdue_day = TODAY - datetime.timedelta(days=10)
    assert courses[2:7] == ["คณะวิทยาศาสตร์และเทคโนโลยี", "ณัฐวุฒิ สายทอง", "ทุก 12 เดือน", courses[5], "เกินกำหนด"]
    assert re.fullmatch(rf"{overdue_day.day} \S+ {overdue_day.year + 543}", courses[5])
    assert by_title[CONTACT_TITLE][4] == "ทุก 6 เดือน"

    response = client.get(reverse("publication_review_report"), {"status": "overdue", "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][3] == "ผู้รับผิดชอบ" and values[0][5] == "ต้องทบทวนภายใน"
    assert {row[0] for row in values[1:]} == {CONTACT_TITLE, COURSES_TITLE}
    dates = {row[0]: row[5] for row in values[1:]}
    assert dates[COURSES_TITLE].date() == overdue_day


def test_the_dashboard_lists_what_the_user_must_review(client, demo, due_pages):
    client.force_login(demo.user("sci_editor"))
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panel = soup.select_one('[data-my-work="my-work-review"]')
    assert panel is not None
    titles = [a.get_text(strip=True) for a in panel.select("td.title a")]
    assert titles == [COURSES_TITLE, ADMISSION_TITLE]
    assert panel.select("tr[data-overdue]")[0].select_one("td.title a").get_text(strip=True) == COURSES_TITLE
    client.force_login(demo.user("huso_editor"))
    assert BeautifulSoup(client.get("/admin/").content, "html.parser").select_one('[data-my-work="my-work-review"]') is None


def test_a_unit_page_keeps_its_unit_on_the_schedule(demo):
    page = UnitPage.objects.get(pk=demo.units["SCI"].section.pk)
    ReviewSchedule.objects.filter(page=page).update(unit=None)
    assert sync_review_schedules()[1] >= 1
    assert schedule_of(page).unit == demo.units["SCI"]


def test_a_page_moved_to_another_unit_takes_its_schedule_along(demo):
    from wagtail.actions.move_page import MovePageAction

    page = publish_standard(demo.units["SCI"].section, COURSES_TITLE, "courses")
    page.unpublish()  # the gate moves live pages only within their unit and workflow
    MovePageAction(page, demo.units["EDU"].section, pos="last-child", user=demo.user("webmaster")).execute()
    assert schedule_of(page).unit == demo.units["EDU"]
