"""Fixtures of the pages tests."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from publication.pages import cache_store
from publication.pages.cache import LOCAL, WATCH


@pytest.fixture
def redis_cache(settings, worker_id, monkeypatch):
    """The production arrangement, on a Redis database of this test worker's own (CI runs Redis).

    The periodic re-read of the generation is put an hour away: only a purge's announcement can make a miss.
    """
    monkeypatch.setattr(cache_store, "VERIFY_SECONDS", 3600.0)
    number = 12 + (int(worker_id.removeprefix("gw")) % 4 if worker_id.startswith("gw") else 0)
    settings.CACHES = {
        "default": {
            "BACKEND": "publication.organisation.resilient_cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:6379/{number}",
        }
    }
    cache.clear()
    LOCAL.clear()
    WATCH.reset()
    yield settings.CACHES["default"]["LOCATION"]
    cache.clear()
    WATCH.reset()
