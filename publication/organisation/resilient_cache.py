"""Django's Redis cache backend, for a Redis that does not answer: a miss, not an HTTP 500 (issue 15, red team).

Everything the site keeps in the cache can be computed again: stored pages, menus, filter choices, Wagtail's site
root paths. So while Redis is unreachable or times out, a read is a miss, a write does nothing (a warning is
logged, with the error) and pages are served fresh. Counters fail closed: `incr` answers None, which
django-ratelimit (sign-in and password throttles, `RATELIMIT_FAIL_OPEN` unset) treats as over the limit. Errors
other than connection failures, timeouts and a Redis refusing writes for now (OOM, MISCONF, a read-only replica, still
loading) still raise, and so does a
refused password or URL (a misconfiguration, not an outage). After a failure the cache is skipped at once for
`RETRY_SECONDS`, so a Redis that hangs costs one timeout, not one per call. What must not be skipped silently (the
page cache's purge generation) uses the `strict_*` methods, which raise.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("publication.cache")

#: After a failure, how long the cache is treated as unavailable without trying it (seconds).
RETRY_SECONDS = 5.0
#: The starts of Redis error replies that mean "not now" rather than a mistake of ours.
UNAVAILABLE_REPLIES = ("OOM", "MISCONF", "READONLY", "LOADING")


def _unavailable(error: Exception) -> bool:
    from redis.exceptions import AuthenticationError, AuthorizationError, ReadOnlyError, ResponseError
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    if isinstance(error, (AuthenticationError, AuthorizationError)):
        return False  # a wrong password or URL: a misconfiguration to fix, not an outage to ride out
    if isinstance(error, ResponseError):
        # A full Redis refusing writes (maxmemory with noeviction), one that cannot save its snapshot (MISCONF), a
        # replica after a failover (READONLY, redis-py's ReadOnlyError), one still loading its data (LOADING).
        return isinstance(error, ReadOnlyError) or str(error).startswith(UNAVAILABLE_REPLIES)
    return isinstance(error, (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError))


class ResilientRedisCache(RedisCache):
    """`django.core.cache.backends.redis.RedisCache` that treats an unreachable Redis as an empty cache."""

    _down_until = 0.0

    def _quietly(self, operation: str, call, fallback):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return call()
        except Exception as error:
            if not _unavailable(error):
                raise
            self._down_until = time.monotonic() + RETRY_SECONDS
            logger.warning("Cache unavailable (%s), skipped for %.0f s: %s", operation, RETRY_SECONDS, error)
            return fallback

    def strict_get(self, *args, **kwargs):
        """`get` that raises when Redis does not answer."""
        return super().get(*args, **kwargs)

    def strict_set(self, *args, **kwargs):
        """`set` that raises when Redis does not answer."""
        return super().set(*args, **kwargs)

    def strict_add(self, *args, **kwargs):
        """`add` that raises when Redis does not answer."""
        return super().add(*args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._quietly("get", lambda: super(ResilientRedisCache, self).get(key, default, version), default)

    def get_many(self, *args, **kwargs):
        return self._quietly("get_many", lambda: super(ResilientRedisCache, self).get_many(*args, **kwargs), {})

    def has_key(self, *args, **kwargs):
        return self._quietly("has_key", lambda: super(ResilientRedisCache, self).has_key(*args, **kwargs), False)

    def add(self, *args, **kwargs):
        return self._quietly("add", lambda: super(ResilientRedisCache, self).add(*args, **kwargs), False)

    def set(self, *args, **kwargs):
        return self._quietly("set", lambda: super(ResilientRedisCache, self).set(*args, **kwargs), None)

    def set_many(self, *args, **kwargs):
        return self._quietly("set_many", lambda: super(ResilientRedisCache, self).set_many(*args, **kwargs), [])

    def touch(self, *args, **kwargs):
        return self._quietly("touch", lambda: super(ResilientRedisCache, self).touch(*args, **kwargs), False)

    def delete(self, *args, **kwargs):
        return self._quietly("delete", lambda: super(ResilientRedisCache, self).delete(*args, **kwargs), False)

    def delete_many(self, *args, **kwargs):
        return self._quietly("delete_many", lambda: super(ResilientRedisCache, self).delete_many(*args, **kwargs), None)

    def incr(self, *args, **kwargs):
        return self._quietly("incr", lambda: super(ResilientRedisCache, self).incr(*args, **kwargs), None)

    def clear(self, *args, **kwargs):
        return self._quietly("clear", lambda: super(ResilientRedisCache, self).clear(*args, **kwargs), False)
