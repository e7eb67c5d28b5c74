"""Thai full-text search (issue 15): Wagtail's search backend with Thai words found inside unbroken Thai text.

Every search path asks the same backend (`publication.organisation.thai_search`): the public search page, the
admin's page search, the page chooser and the admin API. Run on SQLite and on PostgreSQL (DATABASE_URL=postgres://…).
"""

from __future__ import annotations

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from modelsearch.conf import get_app_config
from modelsearch.index import insert_or_update_object
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.rich_text import RichText

from publication.moderation.gate import trusted_publication
from publication.organisation.thai_search import page_with_total
from publication.organisation.thai_search.text import MAX_QUERY_TERMS, compound_parts, query_terms, thai_words
from publication.pages.models import NewsPage
from publication.pages.search import MAX_QUERY_LENGTH

pytestmark = pytest.mark.django_db
IndexEntry = get_app_config().get_model("IndexEntry")

# Two published bodies hold "ห้องประชุมคณะ" inside longer runs of Thai (the example); no title does.
MEETING_BODIES = (
    "ขอเชิญบุคลากรทุกท่านเข้าร่วมประชุมชี้แจงแผนงบประมาณณห้องประชุมคณะวิทยาศาสตร์และเทคโนโลยีอาคารเฉลิมพระเกียรติ",
    "คณะกรรมการประจำคณะครุศาสตร์นัดประชุมครั้งที่3ที่ห้องประชุมคณะครุศาสตร์ชั้น2เวลา13.30น.",
)
NO_WORDS = "กรุณาพิมพ์คำที่ต้องการค้นหา"  # the notice for a query of quotes or operators alone


@pytest.fixture
def publish(demo):
    """Publish a news item through Wagtail's revision publish: publish("หัวข้อ", "<p>เนื้อหา</p>", ...)."""
    counter = {"n": 0}

    def _publish(title: str, body_html: str = "<p>เนื้อหาข่าวทั่วไปของมหาวิทยาลัย</p>", *, folder=None, summary=None, live=True):
        counter["n"] += 1
        page = NewsPage(
            title=title,
            slug=f"search-news-{counter['n']}",
            summary=summary or "ข่าวประชาสัมพันธ์จากหน่วยงาน",
            date=datetime.date(2026, 11, 25),
            body=[("paragraph", RichText(body_html))],
            publisher_name="ณัฐวุฒิ สายทอง",
            publisher_position="นักวิชาการคอมพิวเตอร์",
            live=False,
        )
        with trusted_publication("test: search fixture"):
            (folder or demo.units["SCI"].news_index).add_child(instance=page)
            revision = page.save_revision()
            if live:
                revision.publish()
        page.refresh_from_db()
        return page

    return _publish


def republish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    with trusted_publication("test: search fixture"):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def search_page(client, query, **params) -> BeautifulSoup:
    response = client.get(reverse("search"), {"q": query, **params})
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def result_titles(client, query, **params) -> list[str]:
    return [h.get_text() for h in search_page(client, query, **params).select(".search-results h2")]


# --- finding Thai words -------------------------------------------------------------------------------


def test_a_word_only_in_bodies_is_found(client, demo, publish):
    first = publish("ประกาศการประชุมชี้แจงงบประมาณ", f"<p>{MEETING_BODIES[0]}</p>")
    second = publish("นัดประชุมกรรมการประจำคณะ", f"<p>{MEETING_BODIES[1]}</p>", folder=demo.units["EDU"].news_index)
    publish("ข่าวกิจกรรมค่ายวิทยาศาสตร์", "<p>นักเรียนร่วมกิจกรรมที่ลานกิจกรรมของมหาวิทยาลัย</p>")
    publish("ร่างประกาศห้องประชุมคณะ", f"<p>{MEETING_BODIES[0]}</p>", live=False)

    assert sorted(result_titles(client, "ห้องประชุมคณะ")) == sorted([first.title, second.title])
    # Without segmentation the whole run is one token: nothing of it would match.
    assert "ห้องประชุม" in thai_words(MEETING_BODIES[0])


@pytest.mark.parametrize(
    "word",
    [
        "งบประมาณ",  # a word newmm cuts out of the run
        "วิทยาศาสตร์",  # inside the dictionary compound "คณะวิทยาศาสตร์"
        "เทคโนโลยี",
        "ชี้แจง",
    ],
)
def test_a_word_inside_a_longer_thai_run_is_found(client, demo, publish, word):
    found = publish("ข่าวจากสำนักงานคณบดี", f"<p>{MEETING_BODIES[0]}</p>")
    other = publish("ข่าวจากสำนักงานอธิการบดี", "<p>มหาวิทยาลัยจัดพิธีมอบเกียรติบัตรแก่นักศึกษาที่ได้รับรางวัล</p>")
    assert word in MEETING_BODIES[0] and f" {word} " not in MEETING_BODIES[0]
    titles = result_titles(client, word)  # the demo's faculty pages may say it too
    assert found.title in titles and other.title not in titles


def test_a_compound_is_indexed_with_its_parts():
    assert compound_parts("คณะวิทยาศาสตร์") == ("คณะ", "วิทยาศาสตร์")
    assert compound_parts("ห้องประชุม") == ("ห้อง", "ประชุม")
    assert compound_parts("ประชุม") == ()  # not "ประ" + "ชุม": parts are common words of a long enough compound
    (term,) = query_terms("ห้องประชุม")
    assert term.forms == (("ห้องประชุม",), ("ห้อง", "ประชุม"))


def test_title_matches_rank_above_body_matches(client, demo, publish):
    body_once = publish(
        "กิจกรรมบริการวิชาการแก่ชุมชน",
        "<p>" + "คณะได้จัดกิจกรรมบริการวิชาการแก่ชุมชนในจังหวัดเพชรบูรณ์อย่างต่อเนื่อง" * 8 + "และมีนักศึกษาสหกิจศึกษาร่วมด้วย</p>",
    )
    body_often = publish("ข่าวกิจกรรมของคณะ", "<p>" + "นักศึกษาสหกิจศึกษาปฏิบัติงานในสถานประกอบการ" * 6 + "</p>")
    in_title = publish("นักศึกษาสหกิจศึกษานำเสนอผลงาน", "<p>นักศึกษานำเสนอผลการปฏิบัติงานต่อคณะกรรมการ</p>")

    assert result_titles(client, "สหกิจศึกษา") == [in_title.title, body_often.title, body_once.title]
    # The backend's own order is the same on every search path.
    ranked = list(Page.objects.live().search("สหกิจศึกษา"))
    assert [page.pk for page in ranked] == [in_title.pk, body_often.pk, body_once.pk]


def test_latin_words_and_numbers_are_found(client, demo, publish):
    page = publish(
        "อบรมการใช้งานระบบ e-Learning ปีการศึกษา 2569",
        "<p>สำนักวิทยบริการจัดอบรมระบบWagtail 8.0 และแนวปฏิบัติCOVID-19 สำหรับบุคลากร</p>",
    )
    publish("ข่าวทั่วไป", "<p>ไม่มีคำภาษาอังกฤษ</p>")
    for query in ("wagtail", "WAGTAIL", "COVID-19", "2569", "e-learning", "8.0", "Wagtail อบรม"):
        assert result_titles(client, query) == [page.title], query
    assert result_titles(client, "wagtails") == []


def test_only_live_public_pages_are_found(client, demo, publish):
    public = publish("ประกาศรับสมัครทุนการศึกษา", "<p>ทุนการศึกษาสำหรับนักศึกษาที่มีผลการเรียนดี</p>")
    private = publish("ทุนการศึกษาภายในสำหรับบุคลากร", "<p>ทุนการศึกษาสำหรับบุคลากร</p>", folder=demo.units["EDU"].news_index)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    publish("ร่างทุนการศึกษา", "<p>ทุนการศึกษา</p>", live=False)
    assert result_titles(client, "ทุนการศึกษา") == [public.title]


def test_only_pages_of_the_requesting_site_are_found(client, demo, publish, settings):
    """Found in a review: another site's pages, and pages no site serves (the tree's root), came with empty links."""
    ours = publish("ประกาศจัดงานเกษตรแฟร์ของมหาวิทยาลัย", "<p>ขอเชิญเที่ยวงานเกษตรแฟร์</p>")
    root = Page.get_first_root_node()
    with trusted_publication("test: another site"):
        campus = root.add_child(instance=Page(title="วิทยาเขตงานเกษตรแฟร์", slug="campus-fair"))
        orphan = root.add_child(instance=Page(title="หน้างานเกษตรแฟร์นอกเว็บไซต์", slug="orphan-fair"))
    Site.objects.create(hostname="campus.pcru.ac.th", port=80, root_page=campus)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "campus.pcru.ac.th"]

    assert result_titles(client, "เกษตรแฟร์") == [ours.title]
    response = client.get(reverse("search"), {"q": "เกษตรแฟร์"}, HTTP_HOST="campus.pcru.ac.th")
    found = [h.get_text() for h in BeautifulSoup(response.content, "html.parser").select(".search-results h2")]
    assert found == [campus.title] and orphan.live


def test_tags_and_the_intros_of_index_pages_are_searched(client, demo, publish):
    news = publish("ข่าวกิจกรรมจิตอาสา", "<p>นักศึกษาร่วมกิจกรรม</p>")
    news.tags.add("โครงการพระราชดำริ")
    republish(news)
    folder = demo.units["SCI"].news_index
    folder.intro = "รวมข่าวสารงานวิจัยเกี่ยวกับสมุนไพรพื้นบ้าน"
    with trusted_publication("test: folder intro"):
        folder.save_revision().publish()
    assert result_titles(client, "พระราชดำริ") == [news.title]
    assert result_titles(client, "สมุนไพร") == [folder.title]


def test_a_renamed_category_finds_its_news_by_the_new_name(client, demo, publish):
    news = publish("ประกาศรับสมัครทุนการศึกษา", "<p>นักศึกษาที่สนใจยื่นใบสมัครได้ที่กองพัฒนานักศึกษา</p>", summary="สรุปประกาศทุน", live=False)
    news.category = demo.categories["pr"]
    republish(news)
    old_name = news.category.name
    assert news.title in result_titles(client, old_name)
    category = demo.categories["pr"]
    category.name = "ประกาศทุนเรียนดีประจำภาค"
    category.save()  # queues the re-indexing of its news (run at once by the tests' immediate task backend)
    assert result_titles(client, "ทุนเรียนดีประจำภาค") == [news.title]
    assert news.title not in result_titles(client, old_name)


# --- results: highlighting, pagination, messages ------------------------------------------------------


def test_matches_are_highlighted_in_an_escaped_snippet(client, demo, publish):
    publish(
        "ตารางสอบปลายภาค & ประกาศ <b>ด่วน</b>",
        "<p>" + "ข้อความนำทั่วไปของประกาศ " * 20 + "นักศึกษาดูตารางสอบปลายภาคได้ที่ &lt;script&gt;alert(1)&lt;/script&gt; เว็บไซต์</p>",
    )
    page = search_page(client, "สอบปลายภาค")
    result = page.select_one(".search-results li")
    html = str(result)
    assert [mark.get_text() for mark in result.select("h2 mark")] == ["สอบปลายภาค"]
    assert [mark.get_text() for mark in result.select(".search-results__snippet mark")] == ["สอบปลายภาค"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "&amp; ประกาศ &lt;b&gt;ด่วน&lt;/b&gt;" in html and "<b>" not in html
    snippet = result.select_one(".search-results__snippet").get_text()
    assert snippet.startswith("…") and len(snippet) < 300  # the text around the match, not the whole body
    assert "style=" not in str(page.select_one("main"))  # the public CSP allows no inline style


def test_results_are_paginated(client, demo, publish):
    titles = {publish(f"ข่าวรับสมัครนักศึกษาใหม่รอบที่ {number}").title for number in range(1, 13)}
    first, second = result_titles(client, "รับสมัคร"), result_titles(client, "รับสมัคร", page=2)
    assert len(first) == 10 and len(second) == 2 and set(first) | set(second) == titles
    assert result_titles(client, "รับสมัคร", page=99) == second
    assert result_titles(client, "รับสมัคร", page="สอง") == first
    assert result_titles(client, "รับสมัคร", page="9" * 30) == second  # past any SQL integer
    assert result_titles(client, "รับสมัคร", page="-3") == first
    count = search_page(client, "รับสมัคร").select_one(".result-count").get_text()
    assert "12" in count


def test_only_the_newest_matches_are_ranked_past_max_ranked(client, demo, publish, settings):
    """MAX_RANKED bounds the cost of a word found everywhere: the newest matches are ranked, and the page says more
    matched."""
    pages = [publish(f"ประกาศรับสมัครงานตำแหน่งที่ {number}") for number in range(1, 9)]
    default = settings.WAGTAILSEARCH_BACKENDS["default"]
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**default, "MAX_RANKED": 5}}
    page = search_page(client, "รับสมัครงาน")
    assert sorted(h.get_text() for h in page.select(".search-results h2")) == sorted(p.title for p in pages[3:])
    assert "มากกว่า 5 รายการ" in page.select_one(".result-count").get_text()
    assert len(list(Page.objects.live().search("รับสมัครงาน"))) == 5
    past_the_end = search_page(client, "รับสมัครงาน", page=2)  # shows the last page, and still says more matched
    assert len(past_the_end.select(".search-results h2")) == 5
    assert "มากกว่า 5 รายการ" in past_the_end.select_one(".result-count").get_text()

    settings.WAGTAILSEARCH_BACKENDS = {"default": {**default, "MAX_RANKED": 8}}  # exactly as many as match
    page = search_page(client, "รับสมัครงาน")
    assert len(page.select(".search-results h2")) == 8 and "มากกว่า" not in page.select_one(".result-count").get_text()

    settings.WAGTAILSEARCH_BACKENDS = {"default": {**default, "MAX_RANKED": None}}
    page = search_page(client, "รับสมัครงาน")
    assert len(page.select(".search-results h2")) == 8 and "มากกว่า" not in page.select_one(".result-count").get_text()


def test_past_max_ranked_a_title_match_still_comes_first(client, demo, publish, settings):
    """A word on more pages than MAX_RANKED is not ranked by word statistics (bm25's count of every page holding
    it grows with the archive); of its newest matches, those with the word in their title still come first."""
    in_body = [publish(f"ประกาศผลการคัดเลือกครั้งที่ {number}", "<p>รายชื่อผู้ผ่านการคัดเลือกทุนเรียนดี</p>") for number in range(1, 4)]
    in_title = publish("ทุนเรียนดีประจำปีการศึกษา 2569", "<p>รายละเอียดตามประกาศ</p>")
    newer_in_body = [publish(f"ข่าวกิจกรรมครั้งที่ {number}", "<p>นักศึกษาทุนเรียนดีร่วมกิจกรรม</p>") for number in range(1, 4)]
    default = settings.WAGTAILSEARCH_BACKENDS["default"]
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**default, "MAX_RANKED": 5}}

    titles = result_titles(client, "ทุนเรียนดี")

    assert titles[0] == in_title.title
    assert sorted(titles[1:]) == sorted(page.title for page in [in_body[-1], *newer_in_body])
    assert in_body[0].title not in titles  # older than the newest five matches


def test_past_max_ranked_newer_drafts_and_images_do_not_take_the_title_tier(client, demo, publish, settings, make_image):
    """Only matches among the searched pages count for the title tier (found in a review: drafts and images with
    the word in their title pushed a live page out of it)."""
    [publish(f"ประกาศผลการคัดเลือกครั้งที่ {number}", "<p>รายชื่อผู้ผ่านการคัดเลือกทุนเรียนดี</p>") for number in (1, 2)]
    in_title = publish("ทุนเรียนดีประจำปีการศึกษา 2569", "<p>รายละเอียดตามประกาศ</p>")
    [publish(f"ข่าวกิจกรรมครั้งที่ {number}", "<p>นักศึกษาทุนเรียนดีร่วมกิจกรรม</p>") for number in (1, 2)]
    for number in (1, 2, 3):
        publish(f"ทุนเรียนดีรุ่นที่ {number} (ร่าง)", "<p>ร่าง</p>", live=False)
        make_image(f"ภาพทุนเรียนดี {number}")
    default = settings.WAGTAILSEARCH_BACKENDS["default"]
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**default, "MAX_RANKED": 3}}

    assert result_titles(client, "ทุนเรียนดี")[0] == in_title.title


def test_past_max_ranked_the_title_tier_reads_a_range_of_entries_not_a_list(client, demo, publish, settings):
    """FTS5 runs a MATCH once for each value of `rowid IN (…)`: the title tier of 1,000 entries took 0.18 s at
    100,000 pages (bench_search). It asks for the entries from the oldest ranked one on instead (SQLite's backend;
    PostgreSQL ranks these matches with ts_rank)."""
    [publish(f"ทุนเรียนดีรุ่นที่ {number}", "<p>นักศึกษาทุนเรียนดี</p>") for number in range(1, 5)]
    default = settings.WAGTAILSEARCH_BACKENDS["default"]
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**default, "MAX_RANKED": 3}}

    with CaptureQueriesContext(connection) as queries:
        assert len(result_titles(client, "ทุนเรียนดี")) == 3
    full_text = [query["sql"] for query in queries if "MATCH" in query["sql"] or "@@" in query["sql"]]
    assert full_text and not [sql for sql in full_text if '"rowid" IN (' in sql]


@pytest.mark.parametrize("max_ranked", [None, 1000])
def test_the_words_of_a_query_may_sit_in_the_title_and_the_body(client, demo, publish, settings, max_ranked):
    page = publish("ประกาศรับสมัครงาน", "<p>ตำแหน่งบรรณารักษ์ประจำห้องสมุด</p>")
    default = settings.WAGTAILSEARCH_BACKENDS["default"]
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**default, "MAX_RANKED": max_ranked}}

    assert result_titles(client, "รับสมัครงาน บรรณารักษ์") == [page.title]


def test_the_parts_of_one_word_are_not_put_together_from_the_title_and_the_body(client, demo, publish):
    """Found in a review: SQLite found "นักศึกษา" on a page with "ศึกษา" in its title and "นัก" in its body, which
    PostgreSQL (MAX_RANKED 1,000, the setting in production) rightly did not."""
    publish("ศึกษาดูงานต่างประเทศ", "<p>นักกีฬาของมหาวิทยาลัยได้รับรางวัล</p>")
    found = publish("ประกาศทุนการศึกษา", "<p>นักศึกษาที่สนใจยื่นใบสมัครได้ที่คณะ</p>")

    assert result_titles(client, "นักศึกษา") == [found.title]


@pytest.mark.parametrize("max_ranked", [None, 1000])
def test_a_negated_word_in_the_body_excludes_a_page_matched_by_its_title(demo, publish, settings, max_ranked):
    """And(a, Not(b)) holds for the page as a whole, not for its title alone (a programmatic query: the public
    search box takes operators as words)."""
    from modelsearch.query import And, Not, PlainText

    publish("ประกาศรับสมัครงาน", "<p>ตำแหน่งบรรณารักษ์ประจำห้องสมุด</p>")
    kept = publish("ประกาศรับสมัครงานตำแหน่งนักวิชาการ", "<p>ตำแหน่งนักวิชาการคอมพิวเตอร์</p>")
    default = settings.WAGTAILSEARCH_BACKENDS["default"]
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**default, "MAX_RANKED": max_ranked}}
    query = And([PlainText("รับสมัครงาน"), Not(PlainText("บรรณารักษ์"))])

    rows, total = page_with_total(Page.objects.live().public().search(query), 0, 10)

    assert ([page.title for page in rows], total) == ([kept.title], 1)
    assert [page.title for page in Page.objects.live().public().search(query)] == [kept.title]


@pytest.mark.parametrize("query", ['"', "-", "*", "( )", "&", "|", '"-*"'])
def test_a_query_without_words_is_a_thai_message(client, demo, publish, query):
    publish("ข่าวทดสอบเครื่องหมาย", "<p>เนื้อหา</p>")
    page = search_page(client, query)
    assert NO_WORDS in page.select_one(".search-notice").get_text()
    assert page.select_one("#search-q")["value"] == query  # what was typed stays in the box
    assert page.select(".search-results") == []


@pytest.mark.parametrize("query", ["AND", "OR", "NOT", "NEAR", "ทุน AND", "ทุน OR -ทุน", 'ทุน" OR "', "ทุน*", "{title}: ทุน"])
def test_operators_are_words_not_syntax(client, demo, publish, query):
    page = publish("ทุนการศึกษาสำหรับนักศึกษา", "<p>รายละเอียดทุน</p>")
    titles = result_titles(client, query)
    assert titles in ([], [page.title])


@pytest.mark.parametrize(
    "query",
    ["ก" * 10_000, "ทุนการศึกษา " * 1_000, "a" * 10_000, "ทุน" + "\"'()*:^{}" * 1_000],
    ids=["one-thai-run", "thai-words", "latin", "syntax"],
)
def test_a_very_long_query_is_cut_and_said_so(client, demo, publish, query):
    publish("ทุนการศึกษาสำหรับนักศึกษา", "<p>รายละเอียดทุน</p>")
    page = search_page(client, query)
    assert f"{MAX_QUERY_LENGTH}" in page.select_one(".search-notice").get_text()
    assert page.select_one("#search-q")["value"] == query.strip()
    assert len(query_terms(query)) <= MAX_QUERY_TERMS


def test_no_results_is_said_in_thai(client, demo, publish):
    publish("ข่าวทั่วไป")
    page = search_page(client, "ไดโนเสาร์")
    assert "ไม่พบ" in page.select_one(".search-empty").get_text()
    assert page.select_one(".search-results") is None  # not an item numbered 0 of an empty list


# --- admin search paths -------------------------------------------------------------------------------


def test_admin_searches_find_thai_words(client, demo, publish):
    in_title = publish("ประกาศรับสมัครนักศึกษาใหม่ภาคพิเศษ", "<p>รายละเอียดการสมัคร</p>")
    in_body = publish("ข่าวนัดหมายการประชุม", f"<p>{MEETING_BODIES[0]}</p>")
    draft = publish("ร่างประกาศรับสมัครนักศึกษาทุนเรียนดี", live=False)
    client.force_login(demo.user("webmaster"))

    # Page search, the explorer's search and the chooser: Wagtail's autocomplete over titles.
    for url in (
        reverse("wagtailadmin_pages:search"),
        reverse("wagtailadmin_explore", args=[demo.units["SCI"].news_index.pk]),
        reverse("wagtailadmin_choose_page_search"),
    ):
        response = client.get(url, {"q": "นักศึกษา"})
        assert response.status_code == 200, url
        html = response.content.decode()
        assert in_title.title in html and draft.title in html, url
        assert in_body.title not in html, url
    assert in_title.title in client.get(reverse("wagtailadmin_pages:search"), {"q": "รับสมัครนักศึก"}).content.decode()

    # The admin API: full-text search over titles and bodies.
    api = reverse("wagtailadmin_api:pages:listing")
    found = client.get(api, {"search": "ห้องประชุมคณะ"}).json()
    assert [item["id"] for item in found["items"]] == [in_body.pk]


# --- keeping the index current -----------------------------------------------------------------------


def run_task_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, stdout=io.StringIO())


def test_a_publish_takes_the_old_text_of_its_aliases_out_of_the_index_at_once(client, demo, publish, settings):
    """Found in a review: an alias, brought up to date by `update_aliases` (only `page_published`), kept its old
    text findable under its own address until the worker ran."""
    page = publish("ประกาศค่ายวิทยาศาสตร์ฤดูร้อน", "<p>รับสมัครนักเรียนเข้าค่ายวิทยาศาสตร์</p>")
    with trusted_publication("test: alias"):
        alias = page.create_alias(parent=demo.university_news, update_slug="alias-summer-camp")
    assert sorted(result_titles(client, "ฤดูร้อน")) == sorted([page.title, alias.title])
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued: no worker runs here
    republish(page, title="ประกาศค่ายวิทยาศาสตร์ภาคเรียนที่ 2")
    assert result_titles(client, "ฤดูร้อน") == []


# Committed for real: the worker takes its tasks in a transaction of its own.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_queues_indexing_for_the_worker_and_the_worker_indexes_the_page(client, demo, publish, settings):
    # Production's database task backend: publishing queues the indexing, the worker (`manage.py db_worker`) does it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    page = publish("ประกาศผลการคัดเลือกโครงการวิจัย", "<p>ผลการคัดเลือกโครงการวิจัยประจำปีงบประมาณ</p>", live=False)
    queued = DBTaskResult.objects.filter(task_path="modelsearch.tasks.insert_or_update_object_task", status="READY")
    before = queued.filter(args_kwargs__args=["pages", "newspage", str(page.pk)]).count()
    with trusted_publication("test: publish"):
        page.get_latest_revision().publish()
    # Two more: Wagtail's own from post_save, and ours from `published` (after the child relations were saved).
    assert queued.filter(args_kwargs__args=["pages", "newspage", str(page.pk)]).count() == before + 2
    assert result_titles(client, "คัดเลือก") == []  # the publish request did not segment and index
    run_task_worker()
    assert result_titles(client, "คัดเลือก") == [page.title]

    page = republish(page, title="ประกาศรายชื่อผู้ได้รับทุนวิจัย", body=[("paragraph", RichText("<p>รายชื่อนักวิจัยที่ได้รับทุนอุดหนุน</p>"))])
    # What it was published with before is not found meanwhile (a review: removed text stayed findable, and in the
    # snippets, while the worker was behind or down).
    assert result_titles(client, "คัดเลือก") == []
    run_task_worker()
    assert result_titles(client, "อุดหนุน") == [page.title]
    assert result_titles(client, "คัดเลือก") == []

    draft = page.get_latest_revision_as_object()
    draft.body = [("paragraph", RichText("<p>ฉบับร่างที่ยังไม่เผยแพร่ เรื่องงบลงทุน</p>"))]
    draft.save_revision()
    run_task_worker()
    assert result_titles(client, "งบลงทุน") == []  # a draft is not searchable

    with trusted_publication("test: unpublish"):
        page.unpublish()
    assert result_titles(client, "อุดหนุน") == []  # at once: searches ask for live pages

    with trusted_publication("test: publish the draft"):
        page.get_latest_revision().publish()
    run_task_worker()
    assert result_titles(client, "งบลงทุน") == [page.title]
    assert result_titles(client, "อุดหนุน") == []
    page.delete()
    assert result_titles(client, "งบลงทุน") == []  # deleting removes the entry inline
    assert not IndexEntry.objects.filter(object_id=str(page.pk)).exists()


def test_with_the_immediate_backend_publishing_indexes_at_once_with_child_relations(client, demo, publish):
    # Tests and a site without a worker: the queued task runs at once, after the tags were saved.
    page = publish("ประกาศผลการคัดเลือกโครงการวิจัย", "<p>ผลการคัดเลือกโครงการวิจัยประจำปีงบประมาณ</p>", live=False)
    page.tags.add("ทุนวิจัยพิเศษ")
    with trusted_publication("test: publish with a tag"):
        page.save_revision().publish()
    assert result_titles(client, "คัดเลือก") == [page.title]
    assert result_titles(client, "ทุนวิจัยพิเศษ") == [page.title]


def test_update_index_rebuilds_the_index(demo, publish):
    page = publish("โครงการอนุรักษ์พันธุกรรมพืช", "<p>อนุรักษ์พันธุกรรมพืชอันเนื่องมาจากพระราชดำริ</p>")
    NewsPage.objects.filter(pk=page.pk).update(title="โครงการปลูกป่าชุมชน")  # changed behind the index's back
    assert [p.pk for p in Page.objects.live().search("ปลูกป่า")] == []
    call_command("update_index", verbosity=0)
    assert [p.pk for p in Page.objects.live().search("ปลูกป่า")] == [page.pk]
    assert [p.pk for p in Page.objects.live().search("พันธุกรรม")] == [page.pk]


# --- query budget ------------------------------------------------------------------------------------


def test_search_page_queries_do_not_grow_with_the_archive(client, demo, publish, settings, django_assert_max_num_queries):
    """A few hundred matching items: the first, a middle and the last results page each run at most 12 queries."""
    folder = demo.units["SCI"].news_index
    with trusted_publication("test: bulk news"):
        for number in range(300):
            page = NewsPage(
                title=f"ข่าวมหาวิทยาลัยราชภัฏเพชรบูรณ์ฉบับที่ {number}",
                slug=f"bulk-{number}",
                summary="มหาวิทยาลัยจัดกิจกรรมเพื่อชุมชน",
                body=[("paragraph", RichText("<p>มหาวิทยาลัยราชภัฏเพชรบูรณ์ร่วมกับชุมชนจัดกิจกรรมวิชาการ</p>"))],
                publisher_name="ณัฐวุฒิ สายทอง",
                publisher_position="นักวิชาการคอมพิวเตอร์",
                live=True,
            )
            folder.add_child(instance=page)
    last_page = 31  # 300 items plus the demo's pages that say มหาวิทยาลัย, 10 to a page
    search_page(client, "มหาวิทยาลัย")  # warm: the site's root paths are cached after the first request
    counts = []
    for number in (1, 15, last_page):
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(12):
            titles = result_titles(client, "มหาวิทยาลัย", page=number)
        assert titles
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts

    # Past the last page, and with more matches than are ranked (one more query asks whether more matched).
    default = settings.WAGTAILSEARCH_BACKENDS["default"]
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**default, "MAX_RANKED": 100}}
    for number in (1, 10, 999):
        with django_assert_max_num_queries(12):
            page = search_page(client, "มหาวิทยาลัย", page=number)
        assert page.select(".search-results h2") and "มากกว่า 100" in page.select_one(".result-count").get_text()


def test_one_query_per_index_entry_is_never_made(demo, publish):
    """Indexing a page costs the same whether or not it holds Thai compounds (no query per word)."""
    page = publish("ข่าวหนึ่ง", f"<p>{MEETING_BODIES[0] * 20}</p>")
    with CaptureQueriesContext(connection) as long_text:
        insert_or_update_object(page)
    page = publish("ข่าวสอง", "<p>สั้น</p>")
    with CaptureQueriesContext(connection) as short_text:
        insert_or_update_object(page)
    assert len(long_text) == len(short_text)
