"""The page cache's in-process layer (issue 15): a hit costs no round trip to Redis, and is never stale.

A page served from Redis costs a network round trip and the transfer and unpickling of the whole page on
every request; that round trip, not Django, was most of a hit's time. So each app-server process keeps

* **`LocalPages`**: a copy of the pages it served lately (least recently used first out, at most
  `PAGE_CACHE_LOCAL_BYTES` of content), each with the generation it was rendered in, and
* **`GenerationWatch`**: the current generation, learnt without asking for it on each request. With Redis,
  every purge publishes on the `PURGE_CHANNEL` channel (after setting the generation key), and each process
  holds a subscription to it. Before a request is answered, the messages already waiting on that
  subscription's socket are read (a non-blocking poll, no round trip): on any message the process reads the
  generation key again. A purge's message reaches the subscriber's socket before Redis answers the
  publisher, so a visitor's request that comes after a publish was answered finds it and misses. This is
  the scheme of Redis's own client-side caching, which redis-py supports only with Redis 7.4 and later
  (Debian 12 ships 7.0).
  When the subscription is not (yet, or no longer) confirmed, the watch knows nothing, and the page cache
  asks Redis as before; a broken subscription is dropped, logged and retried at most once a second. Should
  a message ever be lost (a failed PUBLISH), the watch also reads the key again once a second
  (`VERIFY_SECONDS`), so nothing stale outlives that second.

Without Redis (local memory, one machine), the generation is the stamp file's identity, read on every
request (one `stat`), and `LocalPages` is the only store that matters for a hit.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections import OrderedDict

from django.conf import settings

logger = logging.getLogger("publication.page_cache")

#: The Redis pub/sub channel a purge announces itself on (followed by the cache's database and key prefix:
#: channels are not per database in Redis).
PURGE_CHANNEL = "pcru:page-cache:purged"

#: The start of a generation that means "the cache did not answer": nothing is stored in it or served from it.
UNAVAILABLE = "unavailable-"

#: Set when this process may have missed a purge: one it could not write (Redis away or refusing writes), one
#: another process could not write (its `OWED_MESSAGE`), or an outage seen by its subscription. While set the
#: process serves nothing stored, and its next answer from Redis purges (`publication.pages.cache`).
PURGE_OWED = threading.Event()

#: What a process that could not write a purge announces on `PURGE_CHANNEL` (a Redis that refuses writes may
#: still relay it): every process hearing it owes the purge too.
OWED_MESSAGE = "owed"

#: How long a process waits before subscribing again after its subscription broke (seconds).
RETRY_SECONDS = 1.0

#: How often a process reads the generation key even without a message (seconds): the bound on staleness
#: should a purge's message be lost.
VERIFY_SECONDS = 1.0

#: How long a request waits for another thread using the subscription before asking Redis itself (seconds).
LOCK_WAIT_SECONDS = 0.05


class LocalPages:
    """Stored pages of this process: ``{key: (generation, expires, headers, content)}``, bounded by content bytes.

    `limit_bytes` is read from `PAGE_CACHE_LOCAL_BYTES` (default 32 MiB) when not given; 0 turns the layer off.
    A page is kept at most `PAGE_CACHE_SECONDS`, as in the shared cache. Safe for threaded workers (one lock).
    """

    def __init__(self, limit_bytes: int | None = None):
        self._limit = limit_bytes
        self._pages: OrderedDict[str, tuple[str, float, list, bytes]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def limit(self) -> int:
        return self._limit if self._limit is not None else getattr(settings, "PAGE_CACHE_LOCAL_BYTES", 32 * 1024 * 1024)

    def get(self, key: str, generation: str) -> tuple[list, bytes] | None:
        """`(headers, content)` stored under `key` in `generation`, or None."""
        with self._lock:
            found = self._pages.get(key)
            if found is None or found[0] != generation or found[1] < time.monotonic():
                return None
            self._pages.move_to_end(key)
            return found[2], found[3]

    def put(self, key: str, generation: str, headers: list, content: bytes, timeout: float) -> None:
        """Keep a page for `timeout` seconds at most (dropping the least recently used ones beyond the limit)."""
        limit = self.limit
        if len(content) > limit // 4:
            return  # one page never takes over the layer (and a limit of 0 keeps nothing)
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= len(old[3])
            self._pages[key] = (generation, time.monotonic() + timeout, headers, content)
            self._bytes += len(content)
            while self._bytes > limit and self._pages:
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= len(dropped[3])

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0


class GenerationWatch:
    """This process's view of the Redis generation key, kept current by the `PURGE_CHANNEL` subscription.

    `known(read_generation)` returns the current generation (a string) or None when it cannot be known
    without a round trip; `read_generation()` is how the generation key is read (the page cache's
    `current_generation`). Never raises: Redis errors are logged and make it return None.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._pubsub = None
        self._pid = None
        self._channel = None
        self._generation: str | None = None
        self._retry_at = 0.0
        self._read_at = 0.0

    def known(self, read_generation) -> str | None:
        # Another thread of a threaded worker holding the lock may be subscribing (up to the socket timeouts):
        # this request asks Redis itself rather than wait for it.
        if not self._lock.acquire(timeout=LOCK_WAIT_SECONDS):
            return None
        try:
            return self._known(read_generation)
        except Exception:  # noqa: BLE001 - a broken subscription must not break serving
            logger.warning("Page cache: the purge subscription failed (an outage?); purging once Redis answers", exc_info=True)
            PURGE_OWED.set()  # a purge may have failed meanwhile, in any process
            self._drop()
            return None
        finally:
            self._lock.release()

    def _known(self, read_generation) -> str | None:
        channel = purge_channel()
        if self._pid != os.getpid() or self._channel != channel:
            # First use, a forked worker (never share the parent's socket) or another cache.
            if self._pid == os.getpid():
                self._drop()
            self._pubsub, self._generation, self._retry_at = None, None, 0.0
            self._pid, self._channel = os.getpid(), channel
        if self._pubsub is None:
            if time.monotonic() < self._retry_at:
                return None
            self._subscribe()
        stale = self._generation is not None and time.monotonic() - self._read_at > VERIFY_SECONDS
        while (message := self._pubsub.get_message(timeout=0)) is not None:
            # Read the key, not the message: with purges racing, the last message read is
            # followed by a read that sees the last generation set.
            stale = stale or message["type"] in ("subscribe", "message")
            if message["type"] == "message" and message["data"] in (OWED_MESSAGE, OWED_MESSAGE.encode()):
                PURGE_OWED.set()
        if PURGE_OWED.is_set():
            return None  # the page cache reads the generation itself, paying the purge first
        if stale:
            generation = read_generation()
            self._generation = None if generation.startswith(UNAVAILABLE) else generation
            self._read_at = time.monotonic()
        return self._generation

    def reset(self) -> None:
        """Forget the subscription and the generation (the next request subscribes again)."""
        with self._lock:
            self._drop()
            self._pid, self._retry_at = None, 0.0

    def _subscribe(self) -> None:
        import redis

        client = redis.Redis.from_url(_redis_location(), socket_timeout=1, socket_connect_timeout=0.5)
        pubsub = client.pubsub()
        pubsub.subscribe(self._channel)
        self._pubsub, self._generation = pubsub, None  # unknown until the subscription is confirmed

    def _drop(self) -> None:
        pubsub, self._pubsub, self._generation = self._pubsub, None, None
        self._retry_at = time.monotonic() + RETRY_SECONDS
        if pubsub is not None:
            with contextlib.suppress(Exception):  # closing a broken connection
                pubsub.close()


def _redis_location() -> str:
    """The Redis URL of the default cache (its first server, which Django writes to)."""
    location = settings.CACHES["default"]["LOCATION"]
    if isinstance(location, str):
        location = location.split(",")
    return location[0].strip()


def purge_channel() -> str:
    """The channel of the default cache: `PURGE_CHANNEL`, the database number and the cache's key prefix."""
    from django.core.cache import cache

    location = _redis_location()
    return f"{PURGE_CHANNEL}:{location.rsplit('/', 1)[-1]}:{cache.make_key('')}"


def announce_purge(generation: str) -> None:
    """Tell every process's `GenerationWatch` that the generation changed (Redis PUBLISH; errors are logged)."""
    import redis

    try:
        client = redis.Redis.from_url(_redis_location(), socket_timeout=5, socket_connect_timeout=2)
        try:
            client.publish(purge_channel(), generation)
        finally:
            client.close()
    except redis.RedisError:
        logger.warning("Page cache: could not announce a purge; other processes notice it within a second", exc_info=True)
