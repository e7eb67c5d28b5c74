"""Background work of the pages app (django-tasks; the worker is `manage.py db_worker`)."""

from __future__ import annotations

from django_tasks import task

#: News items indexed per batch when a category's items are indexed again.
REINDEX_BATCH = 500


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
