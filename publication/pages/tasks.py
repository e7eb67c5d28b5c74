"""Background work of the pages app (django-tasks; the worker is `manage.py db_worker`)."""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger("publication.page_cache")

#: News items indexed per batch when a category's items are indexed again.
REINDEX_BATCH = 500

#: How often an owed page-cache purge is tried before it is given up (the wait doubles up to 10 s: about a day).
OWED_PURGE_ATTEMPTS = 9000

#: Its tasks' priority (django-tasks: -100 to 100, higher first): before e-mails and indexing queued meanwhile.
OWED_PURGE_PRIORITY = 100


@task()
def reindex_category_news(category_id: int) -> int:
    """Index again every news item of a category (its name is part of what they are found by); returns how many.

    Wagtail re-indexes a saved object, not the objects that show a related object's fields: a renamed category
    would otherwise leave its news findable by the old name only.
    """
    from modelsearch.backends import get_search_backends

    from publication.pages.models import NewsPage

    items = NewsPage.get_indexed_objects().filter(category_id=category_id).order_by("pk")
    done, last = 0, 0
    while batch := list(items.filter(pk__gt=last)[:REINDEX_BATCH]):  # by key: items published meanwhile are not skipped
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(NewsPage, batch)
        done, last = done + len(batch), batch[-1].pk
    return done


@task()
def pay_owed_purge(reason: str, attempt: int = 1) -> bool:
    """Purge the page cache for a change that could not purge (`publication.pages.cache.purge_or_owe`); returns
    whether it did. While Redis still does not answer, it queues itself again after 2, 4, 8 seconds, then every 10,
    when the task backend can wait (the database worker), up to `OWED_PURGE_ATTEMPTS` tries, at
    `OWED_PURGE_PRIORITY`; never raises. Queue it with `queue_owed_purge`.
    """
    from publication.pages.cache import purge_page_cache

    try:
        purge_page_cache(f"owed: {reason}")
        return True
    except Exception:  # noqa: BLE001 - Redis still away: try again later
        logger.warning("Page cache: owed purge, try %s, failed (%s)", attempt, reason, exc_info=True)
    if attempt < OWED_PURGE_ATTEMPTS and pay_owed_purge.get_backend().supports_defer:
        queue_owed_purge(reason, attempt + 1, after=datetime.timedelta(seconds=min(10, 2**attempt)))
    else:
        logger.error("Page cache: gave up an owed purge after %s tries (%s); app servers purge on their own", attempt, reason)
    return False


def queue_owed_purge(reason: str, attempt: int = 1, after: datetime.timedelta | None = None) -> None:
    """Queue `pay_owed_purge` ahead of other tasks, `after` from now when the backend can wait."""
    options = {"priority": OWED_PURGE_PRIORITY}
    if after is not None and pay_owed_purge.get_backend().supports_defer:
        options["run_after"] = timezone.now() + after
    pay_owed_purge.using(**options).enqueue(reason, attempt)
