"""The public page cache (issue 15): anonymous visitors get stored pages, never stale ones.

How it works:

* `PageCacheMiddleware` stores the full response of a public page — a Wagtail page without a view
  restriction, or a view marked with `cacheable_public_view` (feeds, the sitemap) — served to a
  visitor who is not signed in, in Django's cache (`CACHES["default"]`: Redis through `CACHE_URL` in
  production, local memory otherwise), and serves it from there until the page cache is purged or
  `PAGE_CACHE_SECONDS` pass.
* **Purge by generation.** Every stored page carries the *generation* it was rendered in, and only
  pages of the current generation are served; `purge_page_cache()` starts a new one, so every
  stored page (the page itself and every listing, feed, sitemap and home page that shows it) is
  missed at once, on every app server sharing the cache. It runs on publish,
  unpublish (the urgent takedown too), move, delete and view-restriction changes of any page, and on
  changes to what pages show beside their own content (`PURGING_MODELS`). A university publishes a
  few dozen times a day, so purging everything costs little, and nothing shown can be forgotten.
* **What is never stored:** a request carrying the session or messages cookie (staff, a private page's
  password, a one-off message), anything but GET/HEAD, a query string other than the listing
  parameters (`CACHEABLE_QUERY_PARAMETERS`), a response that is not 200, sets a cookie (a form's CSRF
  token), or says `private`/`no-store`.
* **Headers.** Stored pages carry an ETag (a browser that has the page gets 304),
  ``Cache-Control: public, no-cache`` (browsers and proxies may keep a copy but ask again each time,
  so a published change shows on the next request) and ``Vary: Cookie``. Pages served to a signed-in
  user say ``Cache-Control: private, no-cache``: no shared cache keeps a page with the user bar.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import parse_etags

from publication.pages.cache_store import OWED_MESSAGE, PURGE_OWED, UNAVAILABLE, GenerationWatch, LocalPages, announce_purge

logger = logging.getLogger("publication.page_cache")

GENERATION_KEY = "pcru:page-cache:generation"

#: Query parameters of public listings (the news index's pages and filters); any other parameter
#: (search, tracking, anything made up) is served fresh and not stored.
CACHEABLE_QUERY_PARAMETERS = frozenset({"page", "category", "unit"})

#: Models whose rows public pages show besides page content: a change to any of them purges.
PURGING_MODELS = frozenset(
    {
        "wagtailcore.site",
        "wagtailcore.pageviewrestriction",
        "wagtailcore.collectionviewrestriction",
        "wagtailcore.locale",
        "wagtailimages.image",
        "wagtaildocs.document",
        "wagtailredirects.redirect",
        "pages.newscategory",
        "organisation.unit",
        "home.sitecontact",
    }
)

#: Page fields a draft save writes; a save touching only these changes nothing public.
DRAFT_BOOKKEEPING_FIELDS = frozenset(
    {"latest_revision", "latest_revision_created_at", "has_unpublished_changes", "draft_title", "locked", "locked_at", "locked_by"}
)

#: The request attribute a page or view sets when its response may be stored.
CACHEABLE_ATTRIBUTE = "pcru_page_cacheable"

#: The request attribute a listing sets when its query string is canonical (known filters, the page number it
#: shows): only then is a response to a request with a query string stored, so made-up values never fill the cache.
CANONICAL_QUERY_ATTRIBUTE = "pcru_canonical_query"

#: This process's copy of the pages it served lately, and its view of the generation (`cache_store`).
LOCAL = LocalPages()
WATCH = GenerationWatch()


def _shared_cache() -> bool:
    """Whether `CACHES["default"]` is shared by every process (Redis), not private to one (local memory)."""
    backend = settings.CACHES["default"]["BACKEND"].lower()
    return "locmem" not in backend and "dummy" not in backend


def _stamp_file() -> Path:
    """Where the generation lives when the cache is local memory: a file every process on the machine sees."""
    configured = getattr(settings, "PAGE_CACHE_STAMP_FILE", None)
    return Path(configured) if configured else Path(settings.MEDIA_ROOT) / ".page-cache-generation"


def current_generation() -> str:
    """The page cache's current generation (a string; a new one is started when there is none).

    With a shared cache (Redis) it is a key there, so a purge reaches every app server; with local
    memory it is the identity of a stamp file (inode and modification time), so a purge by another
    process on the machine — `publish_scheduled` from cron, the task worker — reaches the web workers.
    """
    if _shared_cache():
        try:
            generation = _strictly("get")(GENERATION_KEY)
            if generation is None:
                if _strictly("add")(GENERATION_KEY, started := _new_generation(), timeout=None):
                    announce_purge(started)  # the key was gone (Redis restarted or flushed): nothing kept is current
                generation = _strictly("get")(GENERATION_KEY)
            if not generation:
                raise ValueError("no generation in the cache")
            if PURGE_OWED.is_set():  # a purge failed while Redis was away: nothing stored before it is current
                return purge_page_cache("a purge owed since Redis did not answer")
            return _checked(generation)
        except Exception:  # noqa: BLE001 - the cache is down: a generation nothing is stored in or served from
            logger.warning("Page cache: Redis did not answer; serving without the cache", exc_info=True)
            PURGE_OWED.set()  # a change may fail to purge meanwhile, here or elsewhere: purge once Redis answers
            return f"{UNAVAILABLE}{time.time_ns()}"
    stamp = _stamp_file()
    try:
        found = os.stat(stamp)
    except FileNotFoundError:
        _write_stamp(stamp)
        found = os.stat(stamp)
    return f"{found.st_ino}-{found.st_mtime_ns}"


def _write_stamp(stamp: Path) -> None:
    stamp.parent.mkdir(parents=True, exist_ok=True)
    temporary = stamp.with_name(f"{stamp.name}.{os.getpid()}.{time.time_ns()}")
    temporary.write_text(str(time.time_ns()))
    os.replace(temporary, stamp)  # a new inode: a new generation even within one clock tick


#: The highest generation this process has seen (generations are nanosecond clock readings, only ever raised).
_highest_seen = 0
_highest_lock = threading.Lock()


def _strictly(operation: str):
    """The cache's `operation` that raises when Redis does not answer (`ResilientRedisCache` would hide it)."""
    return getattr(cache, f"strict_{operation}", None) or getattr(cache, operation)


def _new_generation() -> str:
    return str(max(time.time_ns(), _highest_seen + 1))


def _checked(generation) -> str:
    """`generation` as read from Redis, unless it went back below one this process has seen.

    A Redis that restarts from a snapshot (or fails over to a replica that lags) brings back an older
    generation and the pages stored in it, which may show what was since taken down: then purge at once.
    """
    global _highest_seen  # noqa: PLW0603 - one number per process
    try:
        number = int(generation)
    except (TypeError, ValueError):
        return str(generation)
    with _highest_lock:
        if number >= _highest_seen:
            _highest_seen = number
            return str(generation)
    # Lower than one seen: read again (another thread or process may just have purged) before calling it a rollback.
    fresh = int(_strictly("get")(GENERATION_KEY) or 0)
    with _highest_lock:
        if fresh >= _highest_seen:
            _highest_seen = fresh
            return str(fresh)
    logger.warning("Page cache: Redis went back to an older generation (restarted from a snapshot?); purging")
    return purge_page_cache("Redis went back to an older generation")


def purge_page_cache(reason: str = "") -> str:
    """Miss every stored page from now on, in every process sharing the cache (or the machine's stamp file).

    Returns the new generation (with local memory: the stamp file's identity). Raises when Redis does not
    answer or refuses the write (`purge_after_commit` turns that into an owed purge).
    """
    global _highest_seen  # noqa: PLW0603 - one number per process
    if _shared_cache():
        try:
            current = int(_strictly("get")(GENERATION_KEY) or 0)
        except (TypeError, ValueError):
            current = 0
        with _highest_lock:  # above every generation seen or set, whatever the clocks of the app servers
            generation = str(max(time.time_ns(), _highest_seen + 1, current + 1))
        _strictly("set")(GENERATION_KEY, generation, timeout=None)
        PURGE_OWED.clear()
        with _highest_lock:
            _highest_seen = max(_highest_seen, int(generation))
        announce_purge(generation)  # every process's GenerationWatch misses its local copies on its next request
    else:
        _write_stamp(_stamp_file())
        generation = current_generation()
    logger.debug("Page cache purged: %s", reason or "no reason given")
    return generation


def cacheable_public_view(view):
    """Decorator: the view's 200 responses to anonymous visitors may be stored by the page cache."""

    def wrapped(request, *args, **kwargs):
        setattr(request, CACHEABLE_ATTRIBUTE, True)
        return view(request, *args, **kwargs)

    wrapped.__name__ = getattr(view, "__name__", "cacheable_view")
    wrapped.__doc__ = view.__doc__
    return wrapped


def _is_anonymous(request) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies


def _cache_key(request) -> str | None:
    """The storage key of `request`, or None when it must not be served from or stored in the cache."""
    if request.method not in ("GET", "HEAD") or not _is_anonymous(request):
        return None
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return None  # SecurityMiddleware redirects it to HTTPS: never answer it from here
    if any(name not in CACHEABLE_QUERY_PARAMETERS for name in request.GET):
        return None
    query = urlencode(sorted(request.GET.lists()), doseq=True)  # escaped: "?category=%26unit%3D" is not "?category=&unit="
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    # Hashed: any character a visitor types (a NUL, spaces) makes a valid key on every cache backend.
    return "pcru:page:" + hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


def _stored_page(key: str, timeout: int) -> tuple[str, tuple | None]:
    """`(current generation, stored (headers, content) of that generation or None)`.

    From this process's copy when the generation is known without asking (`GenerationWatch`, or the stamp
    file), otherwise in one round trip to the shared cache (the generation and the page together). The shared
    cache holds `(generation, headers, content, expires)`, `expires` in seconds since the epoch (`time.time()`).
    """
    if _shared_cache():
        generation = None if PURGE_OWED.is_set() else WATCH.known(current_generation)
        if generation is not None and (local := LOCAL.get(key, generation)) is not None:
            return generation, local
        found = cache.get_many([GENERATION_KEY, key])
        owed = PURGE_OWED.is_set()  # then `current_generation` pays the purge first
        generation = _checked(found[GENERATION_KEY]) if GENERATION_KEY in found and not owed else current_generation()
        stored = found.get(key)
    else:
        generation = current_generation()
        if (local := LOCAL.get(key, generation)) is not None:
            return generation, local
        stored = cache.get(key)
    if stored is None or stored[0] != generation:
        return generation, None
    # Kept here only for what is left of the shared copy's time, so no copy outlives `PAGE_CACHE_SECONDS`.
    remaining = stored[3] - time.time() if len(stored) > 3 else timeout
    if remaining > 0:
        LOCAL.put(key, generation, stored[1], stored[2], min(timeout, remaining))
    return generation, stored[1:3]


def _storable(request, response) -> bool:
    if not getattr(request, CACHEABLE_ATTRIBUTE, False) or response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


def _from_storage(stored: tuple, request) -> HttpResponse:
    """The response for `request` from a stored `(headers, content)`: 304 when the browser has it."""
    headers, content = stored
    etag = dict(headers).get("ETag")
    wanted = parse_etags(request.headers.get("If-None-Match") or "")
    if etag and (wanted == ["*"] or etag.removeprefix("W/") in [tag.removeprefix("W/") for tag in wanted]):
        response = HttpResponseNotModified()
        for name, value in headers:
            if name in ("ETag", "Cache-Control", "Vary", "Content-Security-Policy", "Strict-Transport-Security"):
                response[name] = value
    else:
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    """Serve anonymous visitors stored public pages; store what may be stored (see the module docstring).

    It comes first in `MIDDLEWARE`: a stored page is the response as every other middleware finished
    it (security and CSP headers included), and a hit runs nothing else — no session, no database.
    So it answers conditional requests (If-None-Match → 304) itself, and never answers a plain-HTTP
    request that `SecurityMiddleware` would redirect to HTTPS.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = getattr(settings, "PAGE_CACHE_SECONDS", 600)
        key = _cache_key(request) if timeout else None
        generation = None
        if key is not None:
            try:
                generation, stored = _stored_page(key, timeout)
            except Exception:  # noqa: BLE001 - the cache is down: serve fresh pages and store nothing
                logger.warning("Page cache: the cache did not answer; serving without it", exc_info=True)
                key = stored = None
            if stored is not None:
                return _from_storage(stored, request)
        response = self.get_response(request)
        if request.method != "GET" or (request.GET and not getattr(request, CANONICAL_QUERY_ATTRIBUTE, False)):
            key = None  # HEAD: the body may be lost on the way; a query string the page did not call canonical
        if not getattr(request, CACHEABLE_ATTRIBUTE, False):
            return response
        if not _is_anonymous(request):
            patch_cache_control(response, private=True, no_cache=True)
            return response
        patch_vary_headers(response, ["Cookie"])
        if key is None or not _storable(request, response) or str(generation).startswith(UNAVAILABLE):
            return response
        patch_cache_control(response, public=True, no_cache=True)
        if hasattr(response, "render") and callable(response.render):
            response.render()
        set_response_etag(response)
        # Stored with the generation it was rendered in: a purge during the rendering makes it a miss.
        headers = list(response.items())
        try:
            cache.set(key, (generation, headers, response.content, time.time() + timeout), timeout)
        except Exception:  # noqa: BLE001 - the cache is down: the page was served all the same
            logger.warning("Page cache: could not store a page", exc_info=True)
            return response
        LOCAL.put(key, generation, headers, response.content, timeout)
        response["X-Page-Cache"] = "miss"
        return response


def purge_after_commit(reason: str) -> None:
    """Purge now, and again once the current transaction commits (once, outside a transaction).

    Purging only now would let a visitor's request, between the purge and the commit, store the old
    page under the new generation; the second purge misses that too.
    """
    from django.db import transaction

    purge_or_owe(reason, queue=False)  # this process's later requests in the same transaction (and tests) miss too
    transaction.on_commit(lambda: purge_or_owe(reason))


def purge_or_owe(reason: str, *, queue: bool = True) -> None:
    """Purge; when Redis does not answer or refuses the write, owe the purge instead of refusing the change.

    An urgent takedown or an unpublish must go through while Redis is away: refusing it would leave the page
    live. Nothing stored is served meanwhile (no process reaches Redis, or this one serves nothing stored while
    it owes), and the purge is paid on this process's first answer from Redis and by the task worker
    (`publication.pages.tasks.pay_owed_purge`, queued when `queue`: after the change committed), whichever
    comes first.
    """
    try:
        purge_page_cache(reason)
    except Exception:  # noqa: BLE001 - any Redis error: the change goes through, the purge is owed
        logger.error("Page cache: could not purge (%s); owed until Redis takes the write", reason, exc_info=True)
        PURGE_OWED.set()
        announce_purge(OWED_MESSAGE)  # a Redis refusing writes may still relay it: the others stop serving too
        if queue:
            from publication.pages.tasks import queue_owed_purge

            queue_owed_purge(reason)


def _on_page_change(sender, instance=None, **kwargs) -> None:
    purge_after_commit(f"{kwargs.get('signal_name', 'page change')} {getattr(instance, 'pk', '')}")


def _on_model_saved(sender, instance=None, update_fields=None, raw=False, **kwargs) -> None:
    from wagtail.models import Page

    if raw:
        return
    if isinstance(instance, Page):
        if not instance.live or (update_fields is not None and set(update_fields) <= DRAFT_BOOKKEEPING_FIELDS):
            return  # a draft or its bookkeeping: nothing public changed
        purge_after_commit(f"live page saved {instance.pk}")
    elif sender._meta.label_lower in PURGING_MODELS:
        purge_after_commit(f"{sender._meta.label_lower} saved")


def _on_model_deleted(sender, instance=None, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page) or sender._meta.label_lower in PURGING_MODELS:
        purge_after_commit(f"{sender._meta.label_lower} deleted")


def mark_public_page_cacheable(page, request, serve_args, serve_kwargs) -> None:
    """`before_serve_page` hook: a live page without a view restriction may be stored (not a preview)."""
    if getattr(request, "is_preview", False) or page.get_view_restrictions().exists():
        return
    setattr(request, CACHEABLE_ATTRIBUTE, True)


def mark_canonical_query(request) -> None:
    """Say that `request`'s query string is canonical for the page (see `CANONICAL_QUERY_ATTRIBUTE`)."""
    setattr(request, CANONICAL_QUERY_ATTRIBUTE, True)


def connect() -> None:
    """Connect the purge receivers (from `PagesConfig.ready()`)."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_on_page_change, dispatch_uid="page_cache_published")
    page_unpublished.connect(_on_page_change, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_on_page_change, dispatch_uid="page_cache_moved")
    post_save.connect(_on_model_saved, dispatch_uid="page_cache_saved")
    post_delete.connect(_on_model_deleted, dispatch_uid="page_cache_deleted")
