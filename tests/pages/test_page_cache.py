"""Issue 15: the public page cache is never stale (publication/pages/cache.py).

Each change path the public can see — publish, unpublish, move, delete, a view restriction, a
category renamed — is followed by an anonymous request that must show the change, on the page itself
and on the listings that show it.
"""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from publication.moderation.gate import trusted_publication

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    response = client.get(url, **headers)
    return response, response.content.decode()


@pytest.fixture
def news(demo, make_news):
    return make_news(demo.university_news, "ข่าวทดสอบแคชหน้าเว็บ", owner_unit=demo.units["SCI"], slug="cache-news")


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    with trusted_publication("test: page cache"):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_anonymous_pages_are_stored_with_etag_and_revalidation_headers(client, news, django_assert_num_queries):
    first, _ = get(client, news.url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "no-cache" in first["Cache-Control"]
    assert "Cookie" in first["Vary"] and first["ETag"]
    with django_assert_num_queries(0):
        second, body = get(client, news.url)
    assert second["X-Page-Cache"] == "hit" and "ข่าวทดสอบแคชหน้าเว็บ" in body
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    not_modified = client.get(news.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304


def test_signed_in_staff_never_get_or_fill_the_cache(client, demo, news):
    client.force_login(demo.user("sci_editor") if "sci_editor" in demo.users else next(iter(demo.users.values())))
    response, _ = get(client, news.url)
    assert "X-Page-Cache" not in response and "private" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert get(client, news.url)[0]["X-Page-Cache"] == "miss"  # the staff visit stored nothing


@pytest.mark.parametrize("url", ["/search/?q=ข่าว", "/?utm_source=line", "/ไม่มีหน้านี้/"])
def test_searches_unknown_parameters_and_errors_are_not_stored(client, news, url):
    get(client, url)
    response, _ = get(client, url)
    assert response.get("X-Page-Cache") != "hit"


def test_publishing_an_edit_shows_on_the_page_and_every_listing(client, demo, news):
    listings = [news.url, demo.university_news.url, demo.home.url, "/feeds/news/rss/", "/sitemap.xml"]
    for url in listings:
        get(client, url)
        assert get(client, url)[0]["X-Page-Cache"] == "hit", url
    publish(news, title="ข่าวทดสอบแคชหน้าเว็บ ฉบับแก้ไข")
    for url in listings[:4]:
        response, body = get(client, url)
        assert response["X-Page-Cache"] == "miss" and "ฉบับแก้ไข" in body, url


def test_a_new_news_item_shows_on_the_listings_at_once(client, demo, news, make_news):
    get(client, demo.university_news.url)
    make_news(demo.university_news, "ข่าวใหม่ล่าสุดหลังแคช", owner_unit=demo.units["SCI"], slug="cache-news-2")
    assert "ข่าวใหม่ล่าสุดหลังแคช" in get(client, demo.university_news.url)[1]


def test_unpublish_hides_the_page_and_its_listing_entry(client, demo, news):
    get(client, news.url), get(client, demo.university_news.url)
    news.unpublish()
    assert client.get(news.url).status_code == 404
    assert "ข่าวทดสอบแคชหน้าเว็บ" not in get(client, demo.university_news.url)[1]


def test_delete_hides_the_page(client, demo, news):
    url = news.url
    get(client, url)
    news.delete()
    assert client.get(url).status_code == 404


def test_move_serves_the_new_address(client, demo, make_news):
    from publication.pages.models import NewsIndexPage

    section = demo.units["SCI"].section
    folder = NewsIndexPage.objects.descendant_of(section).first()
    with trusted_publication("test: a second news folder of the unit"):
        other = section.add_child(instance=NewsIndexPage(title="ข่าวกิจกรรมนักศึกษา", slug="student-news", live=True))
    news = make_news(folder, "ข่าวที่จะย้ายโฟลเดอร์", slug="moving-news")
    old_url = news.url
    get(client, old_url)
    with trusted_publication("test: move"):
        news.move(other, pos="last-child")
    news.refresh_from_db()
    moved = client.get(old_url)  # Wagtail's automatic redirect, not the stored page
    assert moved.status_code == 301 and moved["Location"] == news.url
    assert "ข่าวที่จะย้ายโฟลเดอร์" in get(client, news.url)[1]


def test_a_view_restriction_takes_the_page_out_of_the_cache(client, news):
    get(client, news.url)
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.PASSWORD, password="ลับเฉพาะ-2569")
    response, body = get(client, news.url)
    assert response.get("X-Page-Cache") != "hit" and "เนื้อหาข่าว" not in body
    assert get(client, news.url)[0].get("X-Page-Cache") != "hit"  # the password form is never stored


def test_a_renamed_category_shows_at_once(client, demo, make_news):
    category = next(iter(demo.categories.values()))
    make_news(demo.university_news, "ข่าวมีหมวด", owner_unit=demo.units["SCI"], category=category, slug="cache-cat")
    get(client, demo.university_news.url)
    category.name = "หมวดที่เปลี่ยนชื่อแล้ว"
    category.save()
    assert "หมวดที่เปลี่ยนชื่อแล้ว" in get(client, demo.university_news.url)[1]


def test_turned_off_with_zero_seconds(client, settings, news):
    settings.PAGE_CACHE_SECONDS = 0
    get(client, news.url)
    assert "X-Page-Cache" not in client.get(news.url)


def test_a_purge_by_another_process_reaches_this_one(client, settings, news):
    """Local memory is per process: `publish_scheduled` from cron purges through the stamp file."""
    import os
    import subprocess
    import sys

    get(client, news.url)
    assert get(client, news.url)[0]["X-Page-Cache"] == "hit"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "pcru_site.settings.test", "TEST_PURGE_MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    script = (
        "import os, django; django.setup()\n"
        "from django.conf import settings; settings.MEDIA_ROOT = os.environ['TEST_PURGE_MEDIA_ROOT']\n"
        "from publication.pages.cache import purge_page_cache; purge_page_cache('test: another process')\n"
    )
    subprocess.run([sys.executable, "-c", script], env=env, check=True)  # noqa: S603 - our own fixed script
    assert get(client, news.url)[0]["X-Page-Cache"] == "miss"


def test_with_redis_a_publish_shows_on_the_next_request(client, redis_cache, news, django_assert_num_queries):
    get(client, news.url)
    with django_assert_num_queries(0):
        assert get(client, news.url)[0]["X-Page-Cache"] == "hit"
    publish(news, title="ข่าวทดสอบแคชบน Redis ฉบับแก้ไข")
    response, body = get(client, news.url)
    assert response["X-Page-Cache"] == "miss" and "ฉบับแก้ไข" in body
