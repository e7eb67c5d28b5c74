"""Issue 15: the page cache's in-process layer (publication/pages/cache_store.py).

A hit in a process that served the page before costs no round trip to Redis, and is still never stale:
a purge in this process, in another process, or one whose announcement was lost, is seen on the next
request (the last one within `VERIFY_SECONDS`).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time

import pytest
from django.core.cache import cache

from publication.moderation.gate import trusted_publication
from publication.pages import cache_store
from publication.pages.cache import GENERATION_KEY, LOCAL, WATCH, purge_page_cache
from publication.pages.cache_store import LocalPages

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(demo, make_news):
    return make_news(demo.university_news, "ข่าวทดสอบแคชในกระบวนการ", owner_unit=demo.units["SCI"], slug="local-cache-news")


@pytest.fixture
def round_trips(monkeypatch):
    """How many times the page cache asked the shared cache for a stored page."""
    calls = []
    real = cache.get_many

    def counted(keys, *args, **kwargs):
        calls.append(keys)
        return real(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counted)
    return calls


def hit_without_round_trip(client, url, round_trips) -> bool:
    before = len(round_trips)
    response = client.get(url)
    return response["X-Page-Cache"] == "hit" and len(round_trips) == before


def in_another_process(cache_url: str, code: str) -> None:
    """Run `code` after `django.setup()` in a new Python process (another app server) sharing the cache at `cache_url`."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "pcru_site.settings.test", "CACHE_URL": cache_url}
    script = f"import django; django.setup()\n{code}\n"
    subprocess.run([sys.executable, "-c", script], env=env, check=True)  # noqa: S603 - our own fixed script


def test_a_page_served_before_costs_no_round_trip(client, redis_cache, news, round_trips):
    assert client.get(news.url)["X-Page-Cache"] == "miss"
    assert hit_without_round_trip(client, news.url, round_trips)
    assert hit_without_round_trip(client, news.url, round_trips)


def test_a_publish_in_this_process_shows_on_the_next_request(client, redis_cache, news, round_trips):
    client.get(news.url)
    assert hit_without_round_trip(client, news.url, round_trips)
    news.title = "ข่าวทดสอบแคชในกระบวนการ ฉบับแก้ไข"
    with trusted_publication("test: local page cache"):
        news.save_revision().publish()
    response = client.get(news.url)
    assert response["X-Page-Cache"] == "miss" and "ฉบับแก้ไข" in response.content.decode()


def test_a_purge_by_another_process_reaches_this_ones_copy(client, redis_cache, news, round_trips):
    """Another app server (or cron's `publish_scheduled`) purges: its announcement reaches this process."""
    client.get(news.url)
    assert hit_without_round_trip(client, news.url, round_trips)
    in_another_process(redis_cache, "from publication.pages.cache import purge_page_cache; purge_page_cache('test: another server')")
    assert client.get(news.url)["X-Page-Cache"] == "miss"
    assert hit_without_round_trip(client, news.url, round_trips)


def test_a_lost_announcement_is_caught_by_reading_the_generation_again(client, redis_cache, news, round_trips, monkeypatch):
    client.get(news.url)
    assert hit_without_round_trip(client, news.url, round_trips)
    monkeypatch.setattr(cache_store, "announce_purge", lambda generation: None)  # the PUBLISH is lost
    monkeypatch.setattr("publication.pages.cache.announce_purge", lambda generation: None)
    purge_page_cache("test: a purge nobody hears of")
    monkeypatch.setattr(cache_store, "VERIFY_SECONDS", 0.0)  # as when VERIFY_SECONDS have passed
    assert client.get(news.url)["X-Page-Cache"] == "miss"


def test_a_broken_subscription_is_taken_for_an_outage(client, redis_cache, news, round_trips, caplog):
    """Redis restarted or went away: a purge may have failed meanwhile, in any process, so this one purges and asks
    Redis until it has subscribed again."""
    client.get(news.url)
    assert hit_without_round_trip(client, news.url, round_trips)
    before = cache.get(GENERATION_KEY)

    def broken(*args, **kwargs):
        raise ConnectionError("the subscription's connection was reset")

    WATCH._pubsub.get_message = broken
    with caplog.at_level(logging.WARNING, logger="publication.page_cache"):
        response = client.get(news.url)
    assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
    assert "purge subscription failed" in caplog.text and int(cache.get(GENERATION_KEY)) > int(before)
    assert client.get(news.url)["X-Page-Cache"] == "hit"  # stored again, in the new generation
    purge_page_cache("test: purged while the subscription is down")
    assert client.get(news.url)["X-Page-Cache"] == "miss"  # and is never stale meanwhile


def test_a_process_that_could_not_purge_stops_the_others_serving_stored_pages(client, redis_cache, news, round_trips):
    """A Redis that refuses writes may still relay messages: another process announces the purge it owes."""
    client.get(news.url)
    assert hit_without_round_trip(client, news.url, round_trips)
    in_another_process(redis_cache, "from publication.pages.cache_store import OWED_MESSAGE, announce_purge; announce_purge(OWED_MESSAGE)")
    assert client.get(news.url)["X-Page-Cache"] == "miss"  # not the copy stored before: this process purged


def test_a_copy_taken_from_redis_keeps_only_what_is_left_of_its_time(client, redis_cache, news, round_trips):
    """Another server stored the page 598 s ago: this process keeps its copy 2 s, not `PAGE_CACHE_SECONDS` afresh."""
    assert client.get(news.url)["X-Page-Cache"] == "miss"
    (key,) = LOCAL._pages
    generation, headers, content, _ = cache.get(key)
    cache.set(key, (generation, headers, content, time.time() + 2), 600)
    LOCAL.clear()  # as in a process that never served it
    before = len(round_trips)
    assert client.get(news.url)["X-Page-Cache"] == "hit" and len(round_trips) == before + 1
    assert 0 < LOCAL._pages[key][1] - time.monotonic() <= 2
    cache.set(key, (generation, headers, content, time.time() - 1), 600)  # its time is up, Redis has not dropped it yet
    LOCAL.clear()
    assert client.get(news.url)["X-Page-Cache"] == "hit"
    assert key not in LOCAL._pages


def test_a_thread_stuck_subscribing_does_not_hold_up_the_others(redis_cache, monkeypatch):
    """Threaded workers: while one thread waits on a slow Redis to subscribe, another asks Redis itself."""
    watch = cache_store.GenerationWatch()
    entered, release = threading.Event(), threading.Event()

    def slow_subscribe():
        entered.set()
        release.wait(30)
        raise ConnectionError("Redis did not answer the subscription")

    monkeypatch.setattr(watch, "_subscribe", slow_subscribe)
    stuck = threading.Thread(target=watch.known, args=(lambda: "g1",))
    stuck.start()
    try:
        assert entered.wait(30)
        assert watch.known(lambda: "g1") is None  # not known without a round trip: the page cache asks Redis
        assert stuck.is_alive() and not release.is_set()  # answered while the other thread was still subscribing
    finally:
        release.set()
        stuck.join(30)


def test_without_redis_the_stamp_file_validates_this_processs_copy(client, news, settings):
    assert client.get(news.url)["X-Page-Cache"] == "miss"
    assert client.get(news.url)["X-Page-Cache"] == "hit"
    purge_page_cache("test: local memory")
    assert client.get(news.url)["X-Page-Cache"] == "miss"


def test_local_pages_keep_the_most_recently_used_within_their_bytes():
    pages = LocalPages(limit_bytes=4000)
    for name in ("a", "b", "c"):
        pages.put(name, "g1", [], b"x" * 900, timeout=60)
    assert pages.get("a", "g1") is not None  # "a" is now the most recently used
    pages.put("d", "g1", [], b"x" * 900, timeout=60)
    pages.put("e", "g1", [], b"x" * 900, timeout=60)  # 4,500 bytes: the least recently used ("b") goes
    assert pages.get("b", "g1") is None
    assert all(pages.get(name, "g1") is not None for name in ("a", "c", "d", "e"))
    assert pages.get("a", "g2") is None  # another generation: a miss
    pages.put("huge", "g1", [], b"x" * 1001, timeout=60)  # over a quarter of the limit: not kept
    assert pages.get("huge", "g1") is None


def test_local_pages_expire_after_their_timeout():
    pages = LocalPages(limit_bytes=4000)
    pages.put("a", "g1", [("ETag", '"1"')], b"page", timeout=-1)
    assert pages.get("a", "g1") is None
    pages.put("a", "g1", [("ETag", '"1"')], b"page", timeout=60)
    assert pages.get("a", "g1") == ([("ETag", '"1"')], b"page")
