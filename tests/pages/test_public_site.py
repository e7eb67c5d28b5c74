"""The Thai public site: dates, news index, feeds, sitemap, robots, meta tags, 404, search, query budget."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own responses

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publication.moderation.gate import trusted_publication
from publication.organisation.templatetags.thai_dates import thai_date

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def card_titles(response) -> list[str]:
    return [h.get_text(strip=True) for h in soup(response).select(".news-card__title")]


@pytest.fixture
def newsroom(demo, make_news, make_image):
    """Four live news items across two units and two categories, plus one draft."""
    sci, edu = demo.units["SCI"], demo.units["EDU"]
    research, activities = demo.categories["research"], demo.categories["activities"]
    items = {
        "sci_research": make_news(sci.news_index, "นักวิจัยคณะวิทยาศาสตร์ค้นพบพืชสมุนไพรชนิดใหม่", category=research,
                                  date=datetime.date(2026, 11, 25), image=make_image("ภาพสมุนไพร")),
        "sci_activity": make_news(sci.news_index, "ค่ายวิทยาศาสตร์สำหรับนักเรียนมัธยม", category=activities,
                                  date=datetime.date(2026, 11, 20)),
        "edu_activity": make_news(edu.news_index, "คณะครุศาสตร์จัดอบรมครูพี่เลี้ยง", category=activities,
                                  date=datetime.date(2026, 11, 18)),
        "university": make_news(demo.university_news, "ประกาศปิดภาคเรียนที่ 1 ปีการศึกษา 2569",
                                owner_unit=demo.units["PRES"], date=datetime.date(2026, 11, 10)),
    }
    items["draft"] = make_news(sci.news_index, "ร่างข่าวที่ยังไม่เผยแพร่", publish=False)
    return items


# --- Thai dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        (datetime.date(2026, 11, 25), "long", "25 พฤศจิกายน 2569"),
        (datetime.date(2027, 1, 1), "long", "1 มกราคม 2570"),
        (datetime.date(2026, 11, 25), "short", "25 พ.ย. 69"),
        (datetime.datetime(2026, 11, 24, 20, 30, tzinfo=datetime.UTC), "datetime", "25 พฤศจิกายน 2569 เวลา 03:30 น."),
        (datetime.date(2026, 11, 25), "weekday", "วันพุธที่ 25 พฤศจิกายน 2569"),
        (None, "long", ""),
        ("", "long", ""),
    ],
)
def test_thai_date_filter(value, style, expected):
    assert thai_date(value, style) == expected


def test_news_page_shows_the_buddhist_era_date(client, newsroom):
    page = soup(client.get(newsroom["sci_research"].url))
    time = page.select_one(".article__meta time")
    assert time.get_text(strip=True) == "25 พฤศจิกายน 2569"
    assert time["datetime"] == "2026-11-25"
    assert "ตำแหน่งนักวิชาการคอมพิวเตอร์" in page.select_one(".publisher").get_text()


# --- news index ------------------------------------------------------------------------------------

def test_university_news_index_aggregates_live_news_newest_first(client, demo, newsroom):
    titles = card_titles(client.get(demo.university_news.url))
    assert titles == [
        "นักวิจัยคณะวิทยาศาสตร์ค้นพบพืชสมุนไพรชนิดใหม่",
        "ค่ายวิทยาศาสตร์สำหรับนักเรียนมัธยม",
        "คณะครุศาสตร์จัดอบรมครูพี่เลี้ยง",
        "ประกาศปิดภาคเรียนที่ 1 ปีการศึกษา 2569",
    ]


def test_unit_news_folder_shows_only_its_own_news(client, demo, newsroom):
    titles = card_titles(client.get(demo.units["SCI"].news_index.url))
    assert titles == ["นักวิจัยคณะวิทยาศาสตร์ค้นพบพืชสมุนไพรชนิดใหม่", "ค่ายวิทยาศาสตร์สำหรับนักเรียนมัธยม"]


def test_news_index_filters_by_category_and_unit(client, demo, newsroom):
    url = demo.university_news.url
    assert card_titles(client.get(url, {"category": "research"})) == ["นักวิจัยคณะวิทยาศาสตร์ค้นพบพืชสมุนไพรชนิดใหม่"]
    assert card_titles(client.get(url, {"unit": "edu"})) == ["คณะครุศาสตร์จัดอบรมครูพี่เลี้ยง"]
    assert card_titles(client.get(url, {"unit": "SCI", "category": "activities"})) == [
        "ค่ายวิทยาศาสตร์สำหรับนักเรียนมัธยม"
    ]
    empty = soup(client.get(url, {"unit": "SCI", "category": "admission"}))
    assert empty.select(".news-card") == []
    assert "ไม่พบข่าวตามเงื่อนไขที่เลือก" in empty.get_text()
    selected = empty.select_one("#filter-unit option[selected]")
    assert selected["value"] == "SCI"


def test_news_index_pagination(client, demo, newsroom):
    index = demo.university_news
    index.page_size = 3
    with trusted_publication("test: site set-up"):
        index.save_revision().publish()
    first = client.get(index.url)
    assert len(card_titles(first)) == 3
    assert "หน้า 1 จาก 2" in soup(first).select_one(".pagination").get_text()
    assert card_titles(client.get(index.url, {"page": 2})) == ["ประกาศปิดภาคเรียนที่ 1 ปีการศึกษา 2569"]
    # Out of range goes to the last page; garbage goes to the first.
    assert card_titles(client.get(index.url, {"page": 99})) == ["ประกาศปิดภาคเรียนที่ 1 ปีการศึกษา 2569"]
    assert card_titles(client.get(index.url, {"page": "สอง"})) == card_titles(first)
    next_link = soup(client.get(index.url, {"category": "activities", "page": 1}))
    assert next_link.select(".pagination") == []  # two results fit on one page


# --- feeds, sitemap, robots ------------------------------------------------------------------------

def test_rss_feed_is_valid_xml_with_the_news(client, newsroom):
    response = client.get("/feeds/news/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314
    assert channel.findtext("language") == "th"
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles[0] == "นักวิจัยคณะวิทยาศาสตร์ค้นพบพืชสมุนไพรชนิดใหม่"
    assert set(titles) == {n.title for k, n in newsroom.items() if k != "draft"}
    first = channel.find("item")
    assert first.findtext("link").endswith(newsroom["sci_research"].url)
    assert first.findtext("category") == "ข่าววิชาการและวิจัย"


def test_atom_feed_is_valid_xml_with_the_news(client, newsroom):
    response = client.get("/feeds/news/atom/")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # noqa: S314
    assert feed.tag == f"{ATOM}feed"
    titles = {entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")}
    assert titles == {n.title for k, n in newsroom.items() if k != "draft"}
    assert "ร่างข่าวที่ยังไม่เผยแพร่" not in response.content.decode()


def test_sitemap_lists_live_pages_only(client, demo, newsroom):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urlset = ET.fromstring(response.content)  # noqa: S314
    locs = {url.findtext(f"{SITEMAP}loc") for url in urlset.findall(f"{SITEMAP}url")}
    paths = {loc.split("://", 1)[1].split("/", 1)[1] for loc in locs}
    for page in (demo.home, demo.university_news, demo.unit_index, demo.units["SCI"].section, newsroom["edu_activity"]):
        assert page.url.lstrip("/") in paths, page.url
    draft_slug = newsroom["draft"].slug
    assert not any(path.rstrip("/").endswith(draft_slug) for path in paths)


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# --- meta, 404, search -----------------------------------------------------------------------------

def test_news_page_has_open_graph_and_twitter_meta(client, newsroom):
    news = newsroom["sci_research"]
    page = soup(client.get(news.url))

    def meta(**attrs):
        tag = page.find("meta", attrs=attrs)
        assert tag is not None, attrs
        return tag["content"]

    assert meta(property="og:type") == "article"
    assert meta(property="og:title") == news.title
    assert meta(property="og:description") == news.summary
    assert meta(property="og:locale") == "th_TH"
    assert meta(property="og:site_name") == "มหาวิทยาลัยราชภัฏเพชรบูรณ์"
    assert meta(property="og:image").startswith("http://testserver/")
    assert meta(property="og:image:alt") == "ภาพประกอบ นักวิจัยคณะวิทยาศาสตร์ค้นพบพืชสมุนไพรชนิดใหม่"
    assert meta(property="article:published_time") == "2026-11-25"
    assert meta(name="twitter:card") == "summary_large_image"
    assert meta(name="twitter:title") == news.title
    # Without a cover image the card falls back to a summary card and no image tags.
    plain = soup(client.get(newsroom["sci_activity"].url))
    assert plain.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
    assert plain.find("meta", attrs={"property": "og:image"}) is None


def test_thai_404_page(client, demo):
    response = client.get("/ไม่มีหน้านี้/")
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("h1").get_text(strip=True) == "ไม่พบหน้าที่คุณต้องการ"
    assert page.find("html")["lang"] == "th"
    assert "มหาวิทยาลัยราชภัฏเพชรบูรณ์" in page.title.get_text()


def test_draft_news_is_a_404(client, demo, newsroom):
    draft = newsroom["draft"]
    assert client.get(f"{demo.units['SCI'].news_index.url}{draft.slug}/").status_code == 404


def test_search_finds_live_news(client, newsroom):
    response = client.get("/search/", {"q": "ปีการศึกษา"})
    page = soup(response)
    text = page.get_text()
    assert "ประกาศปิดภาคเรียนที่ 1 ปีการศึกษา 2569" in text
    assert "คณะครุศาสตร์จัดอบรมครูพี่เลี้ยง" not in text
    empty = soup(client.get("/search/", {"q": "ร่างข่าวที่ยังไม่เผยแพร่"}))
    assert "ร่างข่าวที่ยังไม่เผยแพร่" not in str(empty.select("main a"))


# --- query budget ----------------------------------------------------------------------------------

def test_news_index_query_count_is_constant(client, demo, make_news, make_image, django_assert_max_num_queries):
    """Page size 5 vs 30 and page 1 vs the last page run the same number of queries (no N+1)."""
    units = [demo.units[code] for code in ("SCI", "EDU", "AGRI", "HUSO")]
    categories = list(demo.categories.values())
    start = datetime.date(2026, 11, 25)
    for number in range(40):
        unit = units[number % len(units)]
        make_news(
            unit.news_index,
            f"ข่าวกิจกรรม{unit.name_th} ครั้งที่ {number + 1}",
            category=categories[number % len(categories)],
            image=make_image(f"ภาพข่าว {number + 1}", collection=unit.collection),
            date=start - datetime.timedelta(days=number),
        )
    index = demo.university_news

    def set_page_size(size):
        index.page_size = size
        with trusted_publication("test: site set-up"):
            index.save_revision().publish()

    variants = [(5, 1), (5, 8), (30, 1), (30, 2)]
    # Warm up: renditions are generated once, on first view, and are not part of the budget.
    for size, number in variants:
        set_page_size(size)
        assert client.get(index.url, {"page": number}).status_code == 200

    counts = {}
    for size, number in variants:
        set_page_size(size)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(index.url, {"page": number})
        counts[(size, number)] = len(queries)
        expected_cards = size if number == 1 or size == 5 else 40 - size
        assert len(card_titles(response)) == expected_cards

    baseline = counts[(5, 1)]
    assert baseline <= 40, counts
    for size, number in variants:
        set_page_size(size)
        with django_assert_max_num_queries(baseline):
            client.get(index.url, {"page": number})
    assert len(set(counts.values())) == 1, counts


def test_search_finds_a_thai_word_inside_a_title(client, newsroom):
    """Thai has no spaces between words: "ภาคเรียน" sits inside "ปิดภาคเรียนที่" and must still be found."""
    text = soup(client.get("/search/", {"q": "ภาคเรียน"})).get_text()
    assert "ประกาศปิดภาคเรียนที่ 1 ปีการศึกษา 2569" in text
    assert "คณะครุศาสตร์จัดอบรมครูพี่เลี้ยง" not in text
