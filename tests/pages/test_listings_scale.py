"""Issue 15: news listings whose cost does not grow with the archive (publication/pages/listing*.py).

With a few thousand news items made by `seed_bulk`, every listing of the news index — the university
folder (all units), a unit's folder, ``?unit=``, ``?category=`` and both — renders page 1, a middle
page and the last page in the same number of queries, at most 12 for the whole render (the request's
savepoints included), and shows exactly what ``NewsPage.objects.live().public()`` ordered newest first
would show. The listing then follows every change path: publish, a new revision, unpublish, move,
delete, a view restriction set and lifted; and ``seed_bulk`` itself leaves a sound page tree.
"""

from __future__ import annotations

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from publication.demo.bulk import seeded_pages
from publication.moderation.gate import trusted_publication
from publication.pages.listing import NewsListing, listing_problems
from publication.pages.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

BULK = 2400
QUERY_BUDGET = 12


def seed(news: int) -> str:
    out = io.StringIO()
    call_command("seed_bulk", news=news, force=True, stdout=out)
    return out.getvalue()


@pytest.fixture
def archive(demo, make_image, settings):
    """The demo university with BULK news spread over every folder and category (covers from three images)."""
    settings.PAGE_CACHE_SECONDS = 0  # measure the render, not the page cache
    for number in range(1, 4):
        make_image(f"ภาพประกอบข่าว {number:02d}")
    seed(BULK)
    return demo


def expected_ids(folder, category: str = "", unit: str = "") -> list[int]:
    """What the news index showed before the listing table: the ORM query over the page tables."""
    news = NewsPage.objects.live().public()
    news = news if folder.aggregate_all_units else news.child_of(folder)
    if category:
        news = news.filter(category__slug=category)
    if unit:
        news = news.filter(owner_unit__code=unit)
    return list(news.order_by("-date", "-first_published_at", "-pk").values_list("pk", flat=True))


def shown(response) -> tuple[list[int], object]:
    assert response.status_code == 200, response.status_code
    page_obj = response.context["news_page"]
    return [item.pk for item in page_obj.object_list], page_obj


LISTINGS = [
    ("university", ""),
    ("university", "unit=SCI"),
    ("university", "category=research"),
    ("university", "unit=EDU&category=activities"),
    ("SCI", ""),
    ("SCI", "category=pr"),
]


def folder_of(demo, name: str):
    return demo.university_news if name == "university" else demo.units[name].news_index


def test_every_listing_costs_the_same_few_queries_on_any_page(client, archive, django_assert_max_num_queries):
    """Page 1, a middle page and the last page: the same query count, at most 12, and the right items."""
    for name, query in LISTINGS:
        folder = folder_of(archive, name)
        params = dict(part.split("=") for part in query.split("&") if part)
        expected = expected_ids(folder, params.get("category", ""), params.get("unit", ""))
        size = folder.page_size
        num_pages = -(-len(expected) // size)
        assert num_pages >= 5, (name, query, len(expected))  # enough pages for first, middle and last to differ
        counts = {}
        for number in (1, num_pages // 2, num_pages):
            url = f"{folder.url}?{query}&page={number}" if query else f"{folder.url}?page={number}"
            client.get(url)  # the first render makes the cover renditions; the filter choices get cached
            with django_assert_max_num_queries(QUERY_BUDGET, info=url) as queries:
                response = client.get(url)
            counts[number] = len(queries)
            ids, page_obj = shown(response)
            assert ids == expected[(number - 1) * size : number * size], url
            assert page_obj.paginator.count == len(expected) and page_obj.paginator.num_pages == num_pages
        assert len(set(counts.values())) == 1, (name, query, counts)


def test_the_pager_keeps_its_look_and_its_filters(client, archive):
    folder = archive.university_news
    response = client.get(folder.url, {"category": "research", "page": 3})
    pager = BeautifulSoup(response.content, "html.parser").select_one("nav.pagination")
    total = -(-len(expected_ids(folder, "research")) // folder.page_size)
    assert f"หน้า 3 จาก {total}" in pager.get_text(" ", strip=True)
    links = {a["rel"][0]: a["href"] for a in pager.select("a[rel]")}
    assert links == {"prev": "?category=research&page=2", "next": "?category=research&page=4"}
    count_text = BeautifulSoup(response.content, "html.parser").select_one(".result-count").get_text(strip=True)
    assert count_text == f"พบ {len(expected_ids(folder, 'research'))} ข่าว"


@pytest.mark.parametrize("page", ["99999", "0", "ไม่ใช่ตัวเลข", "-3", "2.5"])
def test_page_numbers_out_of_range_or_not_numbers_fall_back_as_before(client, archive, page):
    folder = archive.units["SCI"].news_index
    expected = expected_ids(folder)
    last = -(-len(expected) // folder.page_size)
    ids, page_obj = shown(client.get(folder.url, {"page": page}))
    want = 1 if page in ("ไม่ใช่ตัวเลข", "2.5") else last
    assert page_obj.number == want
    assert ids == expected[(want - 1) * folder.page_size : want * folder.page_size]


def test_an_unknown_filter_shows_no_news_with_the_thai_message(client, archive):
    response = client.get(archive.university_news.url, {"unit": "ไม่มีหน่วยงานนี้", "category": "pr"})
    ids, page_obj = shown(response)
    assert ids == [] and page_obj.paginator.count == 0
    assert "ไม่พบข่าวตามเงื่อนไขที่เลือก" in response.content.decode()


# --- the listing follows every change --------------------------------------------------------------


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    with trusted_publication("test: listing follows a new revision"):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def assert_listings_right(client, demo, *must_show: NewsPage, must_not_show: tuple = ()):
    """The stored listing agrees with the pages, and the public listings show what they should."""
    assert listing_problems() == []
    folders = NewsIndexPage.objects.live().public().order_by("path")  # a restricted folder asks visitors to sign in
    for folder in folders:
        for query in ({}, {"unit": "SCI"}, {"category": "research"}):
            expected = expected_ids(folder, query.get("category", ""), query.get("unit", ""))
            ids, page_obj = shown(client.get(folder.url, query))
            assert ids == expected[: folder.page_size] and page_obj.paginator.count == len(expected), (folder.url, query)
    aggregate = expected_ids(demo.university_news)
    for news in must_show:
        assert news.pk in aggregate
    for news in must_not_show:
        assert news.pk not in aggregate and not NewsListing.objects.filter(page_id=news.pk).exists()


@pytest.fixture
def newsroom(demo, make_news, settings):
    settings.PAGE_CACHE_SECONDS = 0
    seed(60)  # older background news in every folder
    sci, edu = demo.units["SCI"], demo.units["EDU"]
    research = demo.categories["research"]
    today = datetime.date.today()
    return {
        "sci": make_news(sci.news_index, "คณะวิทยาศาสตร์ฯ เปิดห้องปฏิบัติการเคมีแห่งใหม่", category=research, date=today, slug="sci-lab"),
        "edu": make_news(edu.news_index, "คณะครุศาสตร์จัดอบรมครูพี่เลี้ยง", date=today, slug="edu-mentor"),
        "uni": make_news(demo.university_news, "ประกาศวันหยุดราชการเพิ่มเติม", owner_unit=demo.units["PRES"], date=today, slug="holiday"),
    }


def test_publish_and_a_new_revision_show_at_once(client, demo, newsroom):
    assert_listings_right(client, demo, *newsroom.values())
    publish(newsroom["edu"], category=demo.categories["research"], date=datetime.date.today() + datetime.timedelta(days=1))
    assert_listings_right(client, demo, *newsroom.values())
    first = shown(client.get(demo.university_news.url, {"category": "research"}))[0][0]
    assert first == newsroom["edu"].pk


def test_unpublish_through_the_admin_takes_the_item_off_every_listing(client, demo, newsroom):
    client.force_login(demo.user("webmaster"))
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[newsroom["sci"].pk]))
    assert response.status_code == 302
    client.logout()
    assert_listings_right(client, demo, newsroom["edu"], must_not_show=(newsroom["sci"],))


def test_delete_through_the_admin_takes_the_item_off_and_the_counts_down(client, demo, newsroom):
    client.force_login(demo.user("webmaster"))
    response = client.post(reverse("wagtailadmin_pages:delete", args=[newsroom["uni"].pk]))
    assert response.status_code == 302 and not Page.objects.filter(pk=newsroom["uni"].pk).exists()
    client.logout()
    assert_listings_right(client, demo, newsroom["sci"], must_not_show=(newsroom["uni"],))


def test_deleting_a_whole_folder_takes_its_news_off_the_aggregate(client, demo, newsroom):
    folder = demo.units["EDU"].news_index
    with trusted_publication("test: delete a news folder"):
        folder.delete()
    demo.units["EDU"].refresh_from_db()
    assert_listings_right(client, demo, newsroom["sci"], must_not_show=(newsroom["edu"],))


def test_move_to_another_folder_and_to_another_unit(client, demo, newsroom):
    section = demo.units["SCI"].section
    with trusted_publication("test: a second news folder of the unit"):
        other = section.add_child(instance=NewsIndexPage(title="ข่าวกิจกรรมนักศึกษา", slug="student-news", live=True))
    client.force_login(demo.user("webmaster"))
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=[newsroom["sci"].pk, other.pk]))
    assert response.status_code == 302
    client.logout()
    moved = NewsPage.objects.get(pk=newsroom["sci"].pk)
    assert moved.get_parent().pk == other.pk
    assert NewsListing.objects.get(page_id=moved.pk).folder_id == other.pk
    assert moved.pk in expected_ids(other) and moved.pk not in expected_ids(demo.units["SCI"].news_index)
    assert_listings_right(client, demo, moved)
    # A whole folder moved into another unit's section: its news now belong to that unit (?unit= follows).
    with trusted_publication("test: a folder moved to another unit"):
        other.move(demo.units["EDU"].section, pos="last-child")
    moved.refresh_from_db()
    assert moved.owner_unit == demo.units["EDU"]
    assert NewsListing.objects.get(page_id=moved.pk).owner_unit_id == demo.units["EDU"].pk
    assert moved.pk in expected_ids(demo.university_news, unit="EDU")
    assert_listings_right(client, demo, moved)


def test_a_view_restriction_set_changed_and_lifted(client, demo, newsroom):
    """Every privacy path (the admin's privacy dialog, where the permission policy allows it) ends in these writes."""
    section = demo.units["SCI"].section
    restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert_listings_right(client, demo, newsroom["edu"], must_not_show=(newsroom["sci"],))
    restriction.restriction_type = PageViewRestriction.PASSWORD
    restriction.password = "รหัสผ่านคณะ-2569"  # noqa: S105 - a test value
    restriction.save()
    assert_listings_right(client, demo, newsroom["edu"], must_not_show=(newsroom["sci"],))
    restriction.delete()
    assert_listings_right(client, demo, newsroom["sci"], newsroom["edu"])


def test_rebuild_command_repairs_a_listing_written_behind_its_back(demo, newsroom):
    NewsListing.objects.filter(page_id=newsroom["sci"].pk).update(date=datetime.date(2000, 1, 1))
    NewsListing.objects.filter(page_id=newsroom["edu"].pk).delete()
    assert listing_problems()
    with pytest.raises(CommandError):
        call_command("rebuild_news_listing", check=True, stdout=io.StringIO())
    call_command("rebuild_news_listing", stdout=io.StringIO())
    assert listing_problems() == []


# --- seed_bulk -------------------------------------------------------------------------------------


def test_seed_bulk_refuses_a_production_setting_without_force(demo, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_bulk", news=10, stdout=io.StringIO())
    assert not seeded_pages().exists()


def test_seed_bulk_makes_a_sound_tree_that_serves_and_clear_removes_it(client, demo, settings):
    settings.PAGE_CACHE_SECONDS = 0
    folders_before = {folder.pk: folder.numchild for folder in NewsIndexPage.objects.all()}
    output = seed(500)
    assert "Created 500 news items" in output and "items/s" in output
    seed(300)  # a second run adds more, continuing each folder's paths
    assert seeded_pages().count() == 800
    assert Page.find_problems() == ([], [], [], [], [])  # treebeard: paths, depths and child counts agree
    news = NewsPage.objects.filter(pk__in=seeded_pages().values("pk"))
    assert news.filter(live=True, has_unpublished_changes=False, first_published_at__isnull=False).count() == 800
    assert {item.owner_unit_id for item in news} >= {demo.units["SCI"].pk, demo.units["EDU"].pk}
    assert news.values("category").distinct().count() == len(demo.categories)
    assert {item.get_parent().pk for item in news[:50]} <= set(folders_before)
    sample = news.order_by("?").first()
    assert sample.url_path == sample.get_parent().url_path + sample.slug + "/"
    page = client.get(sample.url)
    assert page.status_code == 200 and sample.title in page.content.decode()
    assert listing_problems() == []
    assert shown(client.get(demo.university_news.url))[1].paginator.count == 800
    call_command("seed_bulk", clear=True, force=True, stdout=io.StringIO())
    assert not seeded_pages().exists() and not NewsPage.objects.exists()
    assert {folder.pk: folder.numchild for folder in NewsIndexPage.objects.all()} == folders_before
    assert Page.find_problems() == ([], [], [], [], [])
    assert listing_problems() == []
