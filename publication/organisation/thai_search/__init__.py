"""Thai full-text search: Wagtail's database search backend, with Thai words found inside unbroken Thai text.

Settings: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "publication.organisation.thai_search",
"SEARCH_CONFIG": "simple", "MAX_RANKED": 1000}}`` (MAX_RANKED: rank at most that many matches, the most recently
indexed; None ranks all). Every search goes through it: the public search page, the admin's page search,
explorer and listings, choosers and the admin API (they all ask Wagtail's default backend).

- `text`: the segmentation (pythainlp newmm) shared by indexing and querying, plain Python;
- `sqlite`, `postgres`: the backends for SQLite FTS5 and PostgreSQL full-text search, subclasses of
  django-modelsearch's (Wagtail 8's `wagtail.search.backends.database` is modelsearch's).

Wagtail keeps the index current on every save of an indexed object, and `signals` indexes whatever is published
in the publishing transaction; `manage.py update_index` rebuilds it, needed once after switching to this backend.
"""

from __future__ import annotations

from django.db import connection

__all__ = ["SearchBackend", "display_texts", "more_than_ranked", "page_with_total"]


def SearchBackend(params):  # noqa: N802 - the name Wagtail's backend loader looks for in a backend module
    """The Thai backend for the default database's vendor; Wagtail's own database backend for any other vendor.

    Raises nothing itself; the backend classes raise NotSupportedError when the index's database is not theirs.
    """
    if connection.vendor == "postgresql":
        from publication.organisation.thai_search.postgres import ThaiPostgresSearchBackend

        return ThaiPostgresSearchBackend(params)
    if connection.vendor == "sqlite" and _sqlite_fts_ready():
        from publication.organisation.thai_search.sqlite import ThaiSQLiteSearchBackend

        return ThaiSQLiteSearchBackend(params)
    from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

    return DatabaseSearchBackend(params)


_FTS_READY = False


def _sqlite_fts_ready() -> bool:
    """Whether SQLite has FTS5 and Wagtail's FTS table; a yes is kept for the process (Wagtail's own backend
    loader asks once too), a no is asked again (the table may not be migrated yet)."""
    global _FTS_READY
    if not _FTS_READY:
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        _FTS_READY = fts5_available() and fts_table_exists()
    return _FTS_READY


def page_with_total(results, start: int, stop: int) -> tuple[list, int]:
    """(`results[start:stop]` as a list, the number of all `results`): with this package's backends one query
    (a window count beside the ranked rows), else Wagtail's slice and count."""
    if not hasattr(results, "page_with_total"):
        return list(results[start:stop]), results.count()
    return results.page_with_total(start, stop)


def more_than_ranked(results, total: int) -> bool:
    """Whether `results` (`total` of them) left matches out, past the backend's MAX_RANKED: one query, asked only
    when the total reached it."""
    limit = getattr(getattr(results, "backend", None), "max_ranked", None)
    return bool(limit and total >= limit and results.more_than_ranked())


def display_texts(model, object_ids) -> dict[str, tuple[str, str]]:
    """{object id as text: (title, body)} as indexed for these objects of `model`, in the words they were written
    (for result snippets). One query. Objects not in the index are left out."""
    from modelsearch.conf import get_app_config
    from modelsearch.utils import get_descendants_content_types_pks

    from publication.organisation.thai_search.text import display_text

    entries = (
        get_app_config()
        .get_model("IndexEntry")
        .objects.filter(content_type_id__in=get_descendants_content_types_pks(model), object_id__in=[str(pk) for pk in object_ids])
    )
    if connection.vendor == "postgresql":
        return {object_id: (title, body) for object_id, title, body in entries.values_list("object_id", "title_text", "body_text")}
    if connection.vendor == "sqlite":
        from publication.organisation.thai_search.sqlite import from_fts

        rows = entries.values_list("object_id", "title", "body")
        return {object_id: (display_text(from_fts(title or "")), display_text(from_fts(body or ""))) for object_id, title, body in rows}
    return {}
