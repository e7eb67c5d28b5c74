"""Issue 15, from the red-team review of the page cache: what a visitor or a failing Redis must not achieve.

- poisoning a listing's stored page through a query string that reads like another (`?category=%26unit%3D`);
- filling the cache with made-up filter values or page numbers;
- an HTTP 500 from a page number past any integer;
- an HTTP 500 on every public page while Redis does not answer, or a takedown refused then;
- pages taken down coming back when Redis restarts from an older snapshot;
- a 304 for an If-None-Match that only contains the ETag.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from redis.exceptions import ConnectionError as RedisConnectionError

from publication.moderation.gate import trusted_publication
from publication.pages import cache as cache_module
from publication.pages import cache_store
from publication.pages.cache import GENERATION_KEY, _cache_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(demo, make_news):
    """Three news items on the university's news index, one of them in the "pr" category of SCI."""
    sci = demo.units["SCI"]
    pages = [make_news(demo.university_news, f"ข่าวทดสอบรายการข่าวที่ {n}", owner_unit=sci, slug=f"listed-{n}") for n in (1, 2)]
    pages.append(make_news(demo.university_news, "ข่าวประชาสัมพันธ์ทดสอบ", owner_unit=sci, category=demo.categories["pr"], slug="listed-pr"))
    return pages


def news_count(response) -> int:
    return response.content.decode().count('<article class="news-card">')


def test_a_query_string_that_reads_like_another_does_not_poison_the_listing(client, demo, listed):
    index = demo.university_news.url
    poisoned = client.get(index + "?category=%26unit%3D")  # the category "&unit=": no such category, no news
    assert poisoned.status_code == 200 and news_count(poisoned) == 0
    honest = client.get(index + "?category=&unit=")  # what the filter form sends with its default choices
    assert news_count(honest) == 3
    assert client.get(index + "?category=&unit=")["X-Page-Cache"] == "hit"
    client.get(index + "?category=pr%26unit%3DSCI")
    assert news_count(client.get(index + "?category=pr&unit=SCI")) == 1


@pytest.mark.parametrize(
    "query",
    [
        *("?category=junk1", "?unit=NOPE", "?page=abc", "?page=999", "?category=%20pr"),
        *("?unit=sci", "?page=1&page=1", "?category=pr&category=pr"),  # variants of canonical values
    ],
)
def test_made_up_filter_values_and_page_numbers_are_not_stored(client, demo, listed, query):
    first = client.get(demo.university_news.url + query)
    assert first.status_code == 200
    assert "X-Page-Cache" not in client.get(demo.university_news.url + query)  # served fresh each time, never stored


def test_canonical_listing_queries_are_stored(client, demo, listed):
    for query in ("?category=pr", "?unit=SCI", "?page=1", "?category=pr&unit=SCI", "?unit=SCI&category=pr"):
        client.get(demo.university_news.url + query)
        assert client.get(demo.university_news.url + query)["X-Page-Cache"] == "hit", query


@pytest.mark.parametrize("number", ["768614336404564652", "9" * 40, "1e308"])
def test_a_page_number_past_any_integer_shows_the_last_page(client, demo, listed, number):
    response = client.get(demo.university_news.url, {"page": number})
    assert response.status_code == 200 and news_count(response) == 3


#: The production cache settings with a Redis URL nothing listens on.
UNREACHABLE = {
    "default": {
        "BACKEND": "publication.organisation.resilient_cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@pytest.fixture
def unreachable_redis(settings):
    original = settings.CACHES
    settings.CACHES = UNREACHABLE
    yield
    settings.CACHES = original


def test_pages_serve_while_redis_does_not_answer(client, demo, make_news, settings, caplog):
    news = make_news(demo.university_news, "ข่าวทดสอบเมื่อแคชล่ม", owner_unit=demo.units["SCI"], slug="redis-down")
    settings.CACHES = UNREACHABLE
    for url in ("/", demo.university_news.url, news.url, "/search/?q=ข่าว", "/sitemap.xml", "/feeds/news/rss/"):
        assert client.get(url).status_code == 200, url
    assert client.get(news.url).get("X-Page-Cache") != "hit"
    assert "Cache unavailable" in caplog.text


def test_a_takedown_while_redis_is_away_goes_through_and_the_stored_page_never_comes_back(
    client, redis_cache, demo, make_news, settings, django_capture_on_commit_callbacks
):
    """Found in a review: an unpublish or urgent takedown that could not purge was refused (HTTP 500), and the page
    stayed live. It goes through; the purge is owed and paid on the first answer from Redis."""
    news = make_news(demo.university_news, "ข่าวทดสอบถอดหน้าเมื่อแคชล่ม", owner_unit=demo.units["SCI"], slug="takedown-redis-down")
    client.get(news.url)
    assert client.get(news.url)["X-Page-Cache"] == "hit"  # stored in Redis and in this process
    shared = settings.CACHES
    settings.CACHES = UNREACHABLE
    with django_capture_on_commit_callbacks(execute=True), trusted_publication("test: takedown while Redis is away"):
        news.unpublish()
    assert client.get(news.url).status_code == 404
    settings.CACHES = shared  # Redis answers again, with the page stored before the takedown
    response = client.get(news.url)
    assert response.status_code == 404 and response.get("X-Page-Cache") != "hit"


def test_while_redis_refuses_writes_this_process_serves_nothing_stored_before_its_change(
    client, redis_cache, demo, make_news, monkeypatch
):
    """A replica after a failover answers reads and refuses writes: the change goes through, the page it took down
    is not served from the copy stored before."""
    from django.core.cache.backends.redis import RedisCacheClient
    from redis.exceptions import ReadOnlyError

    news = make_news(demo.university_news, "ข่าวทดสอบเมื่อแคชรับแต่การอ่าน", owner_unit=demo.units["SCI"], slug="read-only-redis")
    client.get(news.url)
    assert client.get(news.url)["X-Page-Cache"] == "hit"

    def refused(*args, **kwargs):
        raise ReadOnlyError("You can't write against a read only replica.")

    monkeypatch.setattr(RedisCacheClient, "set", refused)
    with trusted_publication("test: takedown on a read-only Redis"):
        news.unpublish()
    response = client.get(news.url)
    assert response.status_code == 404 and response.get("X-Page-Cache") != "hit"
    monkeypatch.undo()
    assert client.get(news.url).status_code == 404  # paid: the first answer purged
    assert not cache_module.PURGE_OWED.is_set()


def test_the_worker_pays_an_owed_purge_once_redis_answers(redis_cache, demo, settings):
    """The task worker tries again, later and later, until Redis takes the write; it never raises."""
    from django_tasks_db.models import DBTaskResult

    from publication.pages.tasks import pay_owed_purge

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    shared, before = settings.CACHES, cache_module.current_generation()
    settings.CACHES = UNREACHABLE
    assert pay_owed_purge.call("test: takedown", 3) is False
    again = DBTaskResult.objects.get(task_path=pay_owed_purge.module_path)
    assert again.args_kwargs["args"] == ["test: takedown", 4] and again.run_after is not None
    assert again.priority == 100  # ahead of the e-mails and indexing queued meanwhile
    settings.CACHES = shared
    assert pay_owed_purge.call("test: takedown", 4) is True
    assert int(cache.get(GENERATION_KEY)) > int(before)


@pytest.mark.parametrize(
    "reply",
    [
        "READONLY You can't write against a read only replica.",
        "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk.",
        "OOM command not allowed when used memory > 'maxmemory'.",
        "LOADING Redis is loading the dataset in memory",
    ],
)
def test_a_redis_that_refuses_writes_for_now_gives_misses_not_errors(client, demo, settings, monkeypatch, reply):
    """The header's menu and the news filters write to the cache on every page: a replica after a failover or a
    Redis that cannot save must not turn them into HTTP 500."""
    from django.core.cache.backends.redis import RedisCacheClient
    from redis.exceptions import ReadOnlyError, ResponseError

    settings.CACHES = UNREACHABLE
    error = ReadOnlyError(reply[9:]) if reply.startswith("READONLY") else ResponseError(reply)

    def refuse(*args, **kwargs):
        raise error

    for operation in ("get", "set", "add", "get_many"):
        monkeypatch.setattr(RedisCacheClient, operation, refuse)
    for url in ("/", demo.university_news.url):
        assert client.get(url).status_code == 200, url


def test_counters_fail_closed_while_redis_does_not_answer(unreachable_redis):
    """django-ratelimit reads a counter of None as over the limit (`RATELIMIT_FAIL_OPEN` is unset)."""
    from django.test import RequestFactory
    from django_ratelimit.core import get_usage

    request = RequestFactory().post("/admin/password_reset/", REMOTE_ADDR="192.0.2.10")
    usage = get_usage(request, group="test-throttle", key="ip", rate="5/m", method="POST", increment=True)
    assert usage["should_limit"] is True
    assert cache.get("anything", "fallback") == "fallback"


def test_a_redis_restored_to_an_older_generation_is_purged(client, redis_cache, demo, make_news, monkeypatch):
    """Redis restarted from a snapshot brings back an old generation and the pages stored in it."""
    news = make_news(demo.university_news, "ข่าวทดสอบการย้อนรุ่นของแคช", owner_unit=demo.units["SCI"], slug="rollback")
    client.get(news.url)
    old = cache.get(GENERATION_KEY)
    assert client.get(news.url)["X-Page-Cache"] == "hit"
    with trusted_publication("test: unpublish before the restore"):
        news.unpublish()
    assert client.get(news.url).status_code == 404
    cache.set(GENERATION_KEY, old, timeout=None)  # the snapshot's generation, with the page stored in it
    monkeypatch.setattr(cache_store, "VERIFY_SECONDS", 0.0)
    response = client.get(news.url)
    assert response.status_code == 404 and response.get("X-Page-Cache") != "hit"
    assert int(cache.get(GENERATION_KEY)) > int(old)  # purged: a new generation above the restored one


def test_if_none_match_must_name_the_etag_itself(client, demo, listed):
    url = listed[0].url
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-None-Match": f'"other", {etag}'}).status_code == 304
    assert client.get(url, headers={"If-None-Match": "W/" + etag}).status_code == 304  # a proxy's gzip weakens it
    assert client.get(url, headers={"If-None-Match": "*"}).status_code == 304
    assert client.get(url, headers={"If-None-Match": "x" + etag}).status_code == 200


def test_the_storage_key_tells_apart_query_strings_that_read_alike(rf):
    assert _cache_key(rf.get("/news/?category=%26unit%3D")) != _cache_key(rf.get("/news/?category=&unit="))
    assert _cache_key(rf.get("/news/?unit=SCI&category=pr")) == _cache_key(rf.get("/news/?category=pr&unit=SCI"))
    assert _cache_key(rf.get("/news/?q=x")) is None  # a parameter no listing has: never stored


def test_policy_terms_keep_their_lexicon_while_redis_does_not_answer(unreachable_redis):
    """Without the cache, a process keeps the terms it built (not a rebuild on every check), and a change of terms,
    which other processes could not hear of, is refused."""
    from policy_checks import terms

    lexicon = terms.get_lexicon()
    assert terms.get_lexicon() is lexicon
    with pytest.raises(RedisConnectionError):
        terms.invalidate()
