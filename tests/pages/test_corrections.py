"""G6 correction notices: what the policy checks and the gate read, how a page shows its notices, the public
corrections log and its feeds, and copies. The moderation of a notice, end to end through the admin, is in
`tests/flows/test_corrections.py`; the browser walk in `tests/e2e/test_corrections.py`."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own responses

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset

from publication.moderation.checks import describe_finding, field_label, page_texts, run_checks
from publication.moderation.gate import content_fingerprint, object_fingerprint, trusted_publication
from publication.pages.correction_log import LOG_PAGE_SIZE
from publication.pages.models import NewsPage, PageCorrection, StandardPage, UnitPage
from tests.flows.helpers import edit_news, news_form
from tests.test_security_headers import inline_code

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
WRONG = "ข่าวระบุสถานที่จัดงานเป็นหอประชุมเพชรบูรณ์"
CHANGED = "แก้ไขสถานที่จัดงานเป็นอาคารเรียนรวม 2 ชั้น 3 ส่วนวันและเวลายังคงเดิม"


def notice(wrong: str = WRONG, changed: str = CHANGED, date: datetime.date = datetime.date(2025, 1, 15)) -> PageCorrection:
    return PageCorrection(date=date, what_was_wrong=wrong, what_changed=changed)


def publish_notices(page, *notices: PageCorrection):
    """Publish `page` (specific) with `notices` as it stands before the test (no workflow, checks apply)."""
    page = type(page).objects.get(pk=page.pk)
    page.corrections = list(notices)
    with trusted_publication("test: a correction published before the test"):
        page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def news(demo, make_news):
    return make_news(demo.units["SCI"].news_index, "คณะวิทยาศาสตร์จัดนิทรรศการวันวิทยาศาสตร์", slug="wan-witthayasat")


# --- the policy checks and the gate read the notices ------------------------------------------------


def test_page_texts_carry_each_notice_text_with_a_thai_label(news):
    news.corrections = [notice(), notice("ระบุเวลาเป็น 09.00 น.", "แก้ไขเวลาเป็น 13.00 น.")]
    texts = page_texts(news)
    assert texts["corrections[0].what_was_wrong"] == WRONG
    assert texts["corrections[1].what_changed"] == "แก้ไขเวลาเป็น 13.00 น."
    assert field_label("corrections[1].what_changed") == "การแก้ไขข้อมูล รายการที่ 2 (สิ่งที่แก้ไข)"
    assert field_label("corrections[0].what_was_wrong", NewsPage) == "การแก้ไขข้อมูล รายการที่ 1 (ข้อมูลที่ไม่ถูกต้อง)"


def test_a_secrecy_marking_or_a_national_id_in_a_notice_is_found_as_in_the_body(news):
    """The same texts give the same findings (rule and severity) in a notice as in the body."""
    digits = "110370000000"
    national_id = digits + str((11 - sum(int(d) * (13 - i) for i, d in enumerate(digits)) % 11) % 10)
    wrong, changed = "ลับที่สุด\nงบประมาณตามบันทึกภายใน", f"ติดต่อผู้ประสานงาน เลขประจำตัวประชาชน {national_id}"

    in_body = NewsPage.objects.get(pk=news.pk)
    in_body.body = [("paragraph", RichText(f"<p>{wrong}</p>")), ("paragraph", RichText(f"<p>{changed}</p>"))]
    in_notice = NewsPage.objects.get(pk=news.pk)
    in_notice.corrections = [notice(wrong, changed)]

    def rules(page, prefix):
        return sorted((f["rule"], f["severity"]) for f in run_checks(page) if f["field"].startswith(prefix))

    found = rules(in_notice, "corrections[")
    assert found == rules(in_body, "body[") and found
    assert {"error"} <= {severity for _rule, severity in found}
    lines = [describe_finding(f) for f in run_checks(in_notice) if f["field"].startswith("corrections[")]
    assert any(line.startswith("• การแก้ไขข้อมูล รายการที่ 1 (ข้อมูลที่ไม่ถูกต้อง)") and "«ลับที่สุด»" in line for line in lines)
    assert any(national_id in line for line in lines)


def test_the_gate_fingerprint_covers_the_notices(news):
    before = object_fingerprint(news)
    news.corrections = [notice()]
    added = object_fingerprint(news)
    assert added != before
    news.corrections = [notice(changed="แก้ไขสถานที่จัดงานเป็นโรงยิม")]
    assert object_fingerprint(news) != added
    news.corrections = [notice(date=datetime.date(2025, 1, 16))]
    assert object_fingerprint(news) != added
    # Only bookkeeping differs (a row's id, its position number, its page): the same content.
    same = notice()
    same.pk, same.sort_order = 99, 7
    news.corrections = [same]
    assert object_fingerprint(news) == added


def test_a_revision_saved_before_notices_existed_keeps_its_fingerprint(news):
    """Approvals given before pages/0002 (revision content without `corrections`) still cover the content."""
    content = dict(news.latest_revision.content)
    assert content.pop("corrections") == []
    assert content_fingerprint(content) == object_fingerprint(news)


# --- the editor's form ----------------------------------------------------------------------------------


def test_the_live_findings_panel_reads_the_notices_being_typed(client, demo, make_news):
    page = make_news(demo.units["SCI"].news_index, "ประกาศรับสมัครค่ายวิทยาศาสตร์", slug="khai", owner=demo.user("sci_editor"))
    client.force_login(demo.user("sci_editor"))
    notices = inline_formset([{"date": "2025-01-15", "what_was_wrong": "ลับที่สุด\nกำหนดการเดิม", "what_changed": CHANGED}])
    data = news_form(
        page.title, slug=page.slug, owner_unit=page.owner_unit, publisher_unit=page.publisher_unit_id, corrections=notices, action=None
    )
    findings = client.post(reverse("policy_findings_page_edit", args=[page.pk]), data).json()["findings"]
    found = [f for f in findings if f["field"] == "corrections[0].what_was_wrong"]
    assert found and found[0]["severity"] == "error" and found[0]["match"] == "ลับที่สุด"
    assert found[0]["field_label"] == "การแก้ไขข้อมูล รายการที่ 1 (ข้อมูลที่ไม่ถูกต้อง)"
    assert not PageCorrection.objects.exists()


def test_a_correction_date_in_the_future_is_a_thai_field_error_and_nothing_typed_is_lost(client, demo, make_news):
    page = make_news(demo.units["SCI"].news_index, "ประกาศรับสมัครค่ายวิทยาศาสตร์", slug="khai", owner=demo.user("sci_editor"))
    client.force_login(demo.user("sci_editor"))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    notices = inline_formset([{"date": tomorrow.isoformat(), "what_was_wrong": WRONG, "what_changed": CHANGED}])
    response = edit_news(client, page, page.title, publisher_unit=page.publisher_unit_id, corrections=notices, action=None)
    assert response.status_code == 200
    form = soup(response)
    date_field = form.find(attrs={"name": "corrections-0-date"}).find_parent(attrs={"data-field": True})
    assert date_field.select_one(".error-message").get_text(strip=True) == ("วันที่แก้ไขต้องไม่เป็นวันในอนาคต กรุณาระบุวันที่ได้แก้ไขเนื้อหาแล้ว")
    # A textarea's first line break is not part of its value (HTML): the text typed comes back whole.
    assert form.find(attrs={"name": "corrections-0-what_changed"}).get_text().removeprefix("\n") == CHANGED
    assert page.revisions.count() == 1 and not PageCorrection.objects.exists()

    today = timezone.localdate().isoformat()
    notices = inline_formset([{"date": today, "what_was_wrong": WRONG, "what_changed": CHANGED}])
    response = edit_news(client, page, page.title, publisher_unit=page.publisher_unit_id, corrections=notices, action=None)
    assert response.status_code == 302
    page.refresh_from_db()
    assert [c.what_changed for c in page.get_latest_revision_as_object().corrections.all()] == [CHANGED]
    assert page.live and not PageCorrection.objects.exists()  # a draft: the public page is unchanged


def test_a_correction_date_before_2000_is_refused_in_thai(client, demo, make_news):
    """Red team: year 1 was accepted and shown as พ.ศ. 544 (and +06:42 in the Atom feed)."""
    page = make_news(demo.units["SCI"].news_index, "ประกาศผลการคัดเลือกนักศึกษา", slug="old-date", owner=demo.user("sci_editor"))
    client.force_login(demo.user("sci_editor"))
    notices = inline_formset([{"date": "0001-01-01", "what_was_wrong": WRONG, "what_changed": CHANGED}])
    response = edit_news(client, page, page.title, publisher_unit=page.publisher_unit_id, corrections=notices, action=None)
    assert response.status_code == 200
    date_field = soup(response).find(attrs={"name": "corrections-0-date"}).find_parent(attrs={"data-field": True})
    assert "ย้อนหลังเกินไป" in date_field.select_one(".error-message").get_text(strip=True)
    assert page.revisions.count() == 1


def test_every_page_type_with_notices_offers_the_panel(client, demo, news):
    client.force_login(demo.user("webmaster"))
    for page in (news, demo.units["SCI"].section, StandardPage.objects.live().first()):
        form = soup(client.get(f"/admin/pages/{page.pk}/edit/"))
        assert form.find(id="id_corrections-TOTAL_FORMS") is not None, type(page)
        assert "การแก้ไขข้อมูล (แนวปฏิบัติข้อ 6)" in form.get_text()


def test_a_copy_is_a_new_item_without_the_notices(demo, news):
    news = publish_notices(news, notice())
    with trusted_publication("test: copy as a draft"):
        copy = news.copy(
            to=news.get_parent(),
            update_attrs={"slug": "wan-witthayasat-2", "title": "คณะวิทยาศาสตร์จัดนิทรรศการวันวิทยาศาสตร์ ปี 2570"},
            keep_live=False,
        )
    copy = NewsPage.objects.get(pk=copy.pk)
    assert list(copy.corrections.all()) == []
    assert list(copy.get_latest_revision_as_object().corrections.all()) == []
    assert [c.what_changed for c in news.corrections.all()] == [CHANGED]


# --- the public page --------------------------------------------------------------------------------------


def test_the_news_page_shows_its_notices_newest_first_with_buddhist_era_dates(client, news):
    news = publish_notices(
        news,
        notice("ระบุเวลาเป็น 09.00 น.", "แก้ไขเวลาเป็น 13.00 น.", datetime.date(2025, 1, 10)),
        notice(date=datetime.date(2025, 1, 15)),
    )
    page = soup(client.get(news.url))
    section = page.find("section", class_="corrections")
    heading = section.find(id=section["aria-labelledby"])
    assert heading.name == "h2" and heading.get_text(strip=True) == "การแก้ไขข้อมูล"
    items = section.select("ol > li.correction")
    assert [item.find("time")["datetime"] for item in items] == ["2025-01-15", "2025-01-10"]
    assert items[0].find("time").get_text() == "15 มกราคม 2568"
    assert items[0].select_one(".correction__date").get_text(" ", strip=True) == "แก้ไขเมื่อ 15 มกราคม 2568"
    terms = [(dt.get_text(strip=True), dt.find_next_sibling("dd").get_text(strip=True)) for dt in items[0].find_all("dt")]
    assert terms == [("ข้อมูลที่ไม่ถูกต้อง", WRONG), ("สิ่งที่แก้ไข", CHANGED)]
    stored = {c.what_changed: c.pk for c in news.corrections.all()}
    assert items[0]["id"] == f"correction-{stored[CHANGED]}"
    assert inline_code(client.get(news.url).content) == []


def test_a_page_without_notices_shows_no_corrections_section(client, news):
    assert soup(client.get(news.url)).find("section", class_="corrections") is None


@pytest.mark.parametrize("kind", ["unit page", "standard page"])
def test_unit_and_standard_pages_show_their_notices(client, demo, kind):
    page = demo.units["SCI"].section.specific if kind == "unit page" else StandardPage.objects.live().first()
    assert isinstance(page, UnitPage | StandardPage)
    page = publish_notices(page, notice("ระบุเบอร์โทรศัพท์สำนักงานคณะไม่ครบ", "แก้ไขเบอร์โทรศัพท์ให้ครบถ้วนแล้ว"))
    section = soup(client.get(page.url)).find("section", class_="corrections")
    assert "แก้ไขเบอร์โทรศัพท์ให้ครบถ้วนแล้ว" in section.get_text() and "15 มกราคม 2568" in section.get_text()


# --- the corrections log ----------------------------------------------------------------------------------


@pytest.fixture
def corrected(demo, make_news, news):
    """Live news with notices, plus notices that must not be listed: a draft item's, a live item's
    unpublished draft's, a private item's, and an alias of a listed item."""
    sci, edu = demo.units["SCI"].news_index, demo.units["EDU"].news_index
    listed = {
        "newest": publish_notices(news, notice(changed="แก้ไขชื่อวิทยากรให้ถูกต้อง", date=datetime.date(2025, 3, 2))),
        "older": publish_notices(
            make_news(edu, "คณะครุศาสตร์จัดอบรมครูพี่เลี้ยง", slug="obrom"),
            notice(changed="แก้ไขจำนวนผู้เข้าอบรมเป็น 120 คน", date=datetime.date(2025, 2, 1)),
        ),
    }
    draft = make_news(sci, "ร่างข่าวที่ยังไม่เผยแพร่", slug="rang", publish=False)
    draft.corrections = [notice(changed="แก้ไขในร่างข่าวที่ยังไม่เผยแพร่")]
    draft.save()  # a never-published page keeps its rows in the table: the log must still skip them
    pending = NewsPage.objects.get(pk=listed["older"].pk)
    pending.corrections = [*pending.corrections.all(), notice(changed="แก้ไขที่ยังรออนุมัติ")]
    pending.save_revision()
    private = publish_notices(make_news(sci, "ข่าวภายในสำหรับบุคลากร", slug="phainai"), notice(changed="แก้ไขในข่าวภายใน"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    with trusted_publication("test: an alias of a listed item"):
        listed["newest"].create_alias(parent=demo.university_news, update_slug="wan-witthayasat-alias")
    return listed


def log_rows(client, **params) -> list[dict]:
    page = soup(client.get("/corrections/", params))
    return [
        {
            "title": row.find("h2").get_text(strip=True),
            "href": row.find("h2").find("a")["href"],
            "date": row.find("time").get_text(),
            "change": row.select_one(".correction-log__change").get_text(" ", strip=True),
        }
        for row in page.select("ol.correction-log > li")
    ]


def test_the_log_lists_live_public_notices_newest_first_once(client, corrected):
    rows = log_rows(client)
    assert [row["title"] for row in rows] == ["คณะวิทยาศาสตร์จัดนิทรรศการวันวิทยาศาสตร์", "คณะครุศาสตร์จัดอบรมครูพี่เลี้ยง"]
    assert rows[0]["date"] == "2 มีนาคม 2568"
    assert rows[0]["change"] == "สิ่งที่แก้ไข: แก้ไขชื่อวิทยากรให้ถูกต้อง"
    notice_pk = corrected["newest"].corrections.get().pk
    assert rows[0]["href"] == f"http://testserver{corrected['newest'].url}#correction-{notice_pk}"
    # The alias shows the same notice on its own page, but the log lists it once.
    alias = Page.objects.get(slug="wan-witthayasat-alias").specific
    assert alias.corrections.count() == 1 and alias.live


def test_the_log_page_is_accessible_thai_and_has_its_feeds(client, corrected):
    response = client.get("/corrections/")
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "การแก้ไขข้อมูล"
    assert page.title.get_text().startswith("การแก้ไขข้อมูล |")
    for row in page.select("ol.correction-log > li"):
        article = row.find("article")
        assert article.find(id=article["aria-labelledby"]).name == "h2"
    feeds = {link["href"] for link in page.select('link[rel="alternate"]')}
    assert {"/feeds/corrections/rss/", "/feeds/corrections/atom/"} <= feeds
    assert page.select_one('.feed-links a[href="/feeds/corrections/rss/"]') is not None
    assert inline_code(response.content) == []


def test_the_footer_of_every_page_links_to_the_log(client, demo):
    footer = soup(client.get(demo.home.url)).find("footer", class_="site-footer")
    link = footer.find("a", href="/corrections/")
    assert link is not None and link.get_text(strip=True) == "การแก้ไขข้อมูล"


def test_an_empty_log_says_so(client, demo):
    assert "ยังไม่มีการแก้ไขข้อมูลที่เผยแพร่" in soup(client.get("/corrections/")).get_text()


def test_the_log_is_paginated_and_takes_the_same_queries_whatever_its_length(client, demo, make_news, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count the view's own queries, not the page cache's hits
    folders = [demo.units[code].news_index for code in ("SCI", "EDU", "AGRI")]
    pages = [make_news(folder, f"ข่าวกิจกรรม {folder.title}", slug=f"kitcakam-{n}") for n, folder in enumerate(folders)]
    start = datetime.date(2025, 1, 1)

    def publish_counts(per_page: int) -> None:
        for n, page in enumerate(pages):
            publish_notices(
                page,
                *(
                    notice(changed=f"แก้ไขครั้งที่ {i + 1} ของข่าว {n + 1}", date=start + datetime.timedelta(days=3 * i + n))
                    for i in range(per_page)
                ),
            )

    def queries(**params) -> int:
        client.get("/corrections/", params)  # warm up: Wagtail caches the site root paths after a change
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/corrections/", params).status_code == 200
        return len(captured)

    publish_counts(1)
    few = queries()
    assert len(log_rows(client)) == 3

    publish_counts(10)  # 30 notices: a full first page and a second one
    assert queries() == few
    assert queries(page=2) == few
    first, second = log_rows(client), log_rows(client, page=2)
    assert len(first) == LOG_PAGE_SIZE and len(second) == 30 - LOG_PAGE_SIZE
    dates = [row["date"] for row in first + second]
    assert first[0]["change"].endswith("แก้ไขครั้งที่ 10 ของข่าว 3")  # the newest correction date
    assert len(dates) == 30
    assert log_rows(client, page="ไม่ใช่ตัวเลข") == first  # a page number that is not one shows the first page


# --- the feeds --------------------------------------------------------------------------------------------


def test_the_rss_feed_lists_the_notices_with_links_to_them(client, corrected):
    response = client.get("/feeds/corrections/rss/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314
    assert channel.findtext("language") == "th"
    assert channel.findtext("link") == "http://testserver/corrections/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "แก้ไขข้อมูล: คณะวิทยาศาสตร์จัดนิทรรศการวันวิทยาศาสตร์",
        "แก้ไขข้อมูล: คณะครุศาสตร์จัดอบรมครูพี่เลี้ยง",
    ]
    notice_pk = corrected["newest"].corrections.get().pk
    assert items[0].findtext("link") == f"http://testserver{corrected['newest'].url}#correction-{notice_pk}"
    guid = items[0].find("guid")
    assert guid.text == f"http://testserver/corrections/#correction-{notice_pk}" and guid.get("isPermaLink") == "false"
    description = BeautifulSoup(items[0].findtext("description"), "html.parser")
    assert [p.get_text() for p in description.find_all("p")] == [f"ข้อมูลที่ไม่ถูกต้อง: {WRONG}", "สิ่งที่แก้ไข: แก้ไขชื่อวิทยากรให้ถูกต้อง"]
    assert "ยังรออนุมัติ" not in response.content.decode() and "ข่าวภายใน" not in response.content.decode()


def test_the_atom_feed_escapes_typed_markup_once(client, news):
    publish_notices(news, notice(wrong='ระบุชื่อทีม <b>PCRU</b> & "หุ่นยนต์"', changed="แก้ไขชื่อทีม\x0bให้ถูกต้อง"))
    response = client.get("/feeds/corrections/atom/")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # noqa: S314
    assert feed.tag == f"{ATOM}feed"
    [entry] = feed.findall(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    parsed = BeautifulSoup(summary.text, "html.parser")
    assert [p.get_text() for p in parsed.find_all("p")] == [
        'ข้อมูลที่ไม่ถูกต้อง: ระบุชื่อทีม <b>PCRU</b> & "หุ่นยนต์"',
        "สิ่งที่แก้ไข: แก้ไขชื่อทีม ให้ถูกต้อง",
    ]
    assert {tag.name for tag in parsed.find_all(True)} == {"p"}


def test_the_feed_takes_the_same_queries_whatever_its_length(client, demo, make_news, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count the feed's own queries, not the page cache's hits
    pages = [make_news(demo.units[code].news_index, f"ข่าว {code}", slug=f"khao-{code.lower()}") for code in ("SCI", "EDU")]
    publish_notices(pages[0], notice())
    client.get("/feeds/corrections/rss/")
    with CaptureQueriesContext(connection) as few:
        client.get("/feeds/corrections/rss/")
    for page in pages:
        publish_notices(page, *(notice(changed=f"แก้ไขครั้งที่ {i}") for i in range(12)))
    client.get("/feeds/corrections/rss/")  # warm up again: Wagtail caches the site root paths after a change
    with CaptureQueriesContext(connection) as many:
        response = client.get("/feeds/corrections/rss/")
    assert len(ET.fromstring(response.content).find("channel").findall("item")) == 24  # noqa: S314
    assert len(many) == len(few)
