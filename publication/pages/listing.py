"""The news listing (issue 15): one narrow, indexed row per live public news item, and its counts.

The news index used to page over ``NewsPage.objects.live().public()``: a join of two wide tables,
sorted on columns of both, counted in full and skipped with ``OFFSET`` on every request. Its cost grew
with the archive (440 ms for the last page at 20,000 items). Here each live, public `NewsPage` has one
`NewsListing` row holding only what a listing filters and sorts on (its folder, owner unit, category,
date, first publication time), with a composite index for every filter combination the index page
offers, so a page of results is a seek into one narrow index; and `NewsListingCount` holds the number
of rows of every combination, so the page numbers never need a ``COUNT(*)``.

"Live and public" means what ``NewsPage.objects.live().public()`` means: ``live`` is set and neither
the page nor an ancestor has a view restriction. Aliases are listed like any other news page, as before.

Kept in step (`publication.pages.listing_signals`) on every write that can change a row: a news page's
save (publish, unpublish, expiry, copy, alias creation and sync — every one ends in ``save()``), a move
of any page (the subtree's folders, owners and view restrictions may change), a view restriction added or
removed, and the cascade when a page or a folder is deleted. `rebuild_news_listing` (``manage.py
rebuild_news_listing``) recomputes everything from the pages, for data written behind the ORM's back.

Counter keys: ``(folder_key, unit_key, category_key)`` with `ANY` (0) for "not filtered"; a row counts
towards the 8 keys its own values and `ANY` make (4 when it has no category).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator

from django.db import connection, models, transaction
from django.db.models import F, Q

#: "Not filtered" in a counter key (page, unit and category ids start at 1).
ANY = 0
#: Treebeard's step length for Wagtail pages (``Page.steplen``): a page's parent path is its path minus this.
PATH_STEP = 4
#: Newest first; the page id breaks ties so that every page of results is stable.
SORT_ORDER = ("-date", "-first_published_at", "-page_id")
#: Fields of a listing row that its page's values decide.
ROW_FIELDS = ("folder_id", "owner_unit_id", "category_id", "date", "first_published_at")
_CHUNK = 500

CounterKey = tuple[int, int, int]


def _sorted_index(name: str, *leading: str) -> models.Index:
    return models.Index(fields=[*leading, "-date", "-first_published_at", "-page"], name=name)


class NewsListing(models.Model):
    """One live, public news item as the listings see it (a derived row: never edit it by hand)."""

    page = models.OneToOneField("wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+")
    folder = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", db_index=False)
    owner_unit = models.ForeignKey("organisation.Unit", null=True, on_delete=models.SET_NULL, related_name="+", db_index=False)
    category = models.ForeignKey("pages.NewsCategory", null=True, on_delete=models.SET_NULL, related_name="+", db_index=False)
    date = models.DateField()
    first_published_at = models.DateTimeField()

    class Meta:
        default_permissions = ()  # derived rows: nobody edits them, so no permissions in the group editor
        # One index per filter combination of the news index, each ending in the sort order, so that
        # a page of results (and the skip to it) reads one index and never sorts.
        indexes = [
            _sorted_index("newslisting_all_idx"),
            _sorted_index("newslisting_folder_idx", "folder"),
            _sorted_index("newslisting_unit_idx", "owner_unit"),
            _sorted_index("newslisting_category_idx", "category"),
            _sorted_index("newslisting_folder_cat_idx", "folder", "category"),
            _sorted_index("newslisting_unit_cat_idx", "owner_unit", "category"),
            _sorted_index("newslisting_folder_unit_idx", "folder", "owner_unit"),
            _sorted_index("newslisting_f_u_c_idx", "folder", "owner_unit", "category"),
        ]

    def __str__(self) -> str:
        return f"news listing row of page {self.page_id}"

    def counter_keys(self) -> list[CounterKey]:
        return counter_keys(self.folder_id, self.owner_unit_id, self.category_id)


class NewsListingCount(models.Model):
    """How many `NewsListing` rows match one combination of folder, unit and category (`ANY` = all)."""

    folder_key = models.IntegerField()
    unit_key = models.BigIntegerField()
    category_key = models.BigIntegerField()
    count = models.IntegerField(default=0)

    class Meta:
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["folder_key", "unit_key", "category_key"], name="newslistingcount_key_unique")]

    def __str__(self) -> str:
        return f"{self.count} news in ({self.folder_key}, {self.unit_key}, {self.category_key})"


def counter_keys(folder_id: int, unit_id: int | None, category_id: int | None) -> list[CounterKey]:
    """The counter keys one row with these values counts towards (8, or 4 without unit or category)."""
    folders = (ANY, folder_id)
    units = (ANY, unit_id) if unit_id else (ANY,)
    categories = (ANY, category_id) if category_id else (ANY,)
    return [(f, u, c) for f in folders for u in units for c in categories]


def _key_q(keys: Iterable[CounterKey]) -> Q:
    q = Q(pk__in=[])
    for folder, unit, category in keys:
        q |= Q(folder_key=folder, unit_key=unit, category_key=category)
    return q


def apply_count_deltas(deltas: Counter, count_model=NewsListingCount) -> None:
    """Add ``deltas`` ({key: +n or -n}) to the counters, creating missing keys; row-locked, so concurrent writers add up."""
    deltas = {key: delta for key, delta in deltas.items() if delta}
    if not deltas:
        return
    count_model.objects.bulk_create(
        [count_model(folder_key=f, unit_key=u, category_key=c, count=0) for (f, u, c), d in deltas.items() if d > 0],
        ignore_conflicts=True,
    )
    by_delta: dict[int, list[CounterKey]] = {}
    for key, delta in deltas.items():
        by_delta.setdefault(delta, []).append(key)
    for delta, keys in by_delta.items():
        for start in range(0, len(keys), 100):  # SQLite limits an expression's depth to 1,000
            count_model.objects.filter(_key_q(keys[start : start + 100])).update(count=F("count") + delta)


def _chunks(values: list, size: int = _CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _restricted_paths(restriction_model) -> list[str]:
    return list(restriction_model.objects.values_list("page__path", flat=True))


def _listing_rows(pages: Iterable[tuple], restricted: list[str], page_model, listing_model) -> list:
    """Listing rows for ``(pk, path, owner_unit_id, category_id, date, first_published_at, last_published_at)``
    tuples of live news pages, leaving out those inside a restricted section."""
    pages = [row for row in pages if not any(row[1].startswith(path) for path in restricted)]
    parent_paths = {row[1][:-PATH_STEP] for row in pages}
    folders = dict(page_model.objects.filter(path__in=parent_paths).values_list("path", "pk")) if parent_paths else {}
    return [
        listing_model(
            page_id=pk,
            folder_id=folders[path[:-PATH_STEP]],
            owner_unit_id=unit_id,
            category_id=category_id,
            date=date,
            # Every live page has a first publication time; a row written behind Wagtail's back may not.
            first_published_at=first_published or last_published or _EPOCH,
        )
        for pk, path, unit_id, category_id, date, first_published, last_published in pages
    ]


_PAGE_VALUES = ("pk", "path", "owner_unit_id", "category_id", "date", "first_published_at", "last_published_at")
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def raw_delete(model, column: str, values: list | None = None) -> None:
    """DELETE rows of ``model`` whose ``column`` is in ``values`` (all rows when None), without Django's
    collector: no per-row signals, no cascades (the caller accounts for counts and references)."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if values is None:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - table name from the model, no user input
        else:
            marks = ", ".join(["%s"] * len(values))
            cursor.execute(f"DELETE FROM {table} WHERE {connection.ops.quote_name(column)} IN ({marks})", values)  # noqa: S608


#: Field types whose Python values the database drivers take as they are (no preparation per row).
_PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)


def insert_rows(model, rows: list[dict]) -> None:
    """INSERT ``rows`` (attname → value) into ``model``'s own table with one ``executemany``.

    Columns a row leaves out take the field's default, prepared once; only values of types the driver
    cannot take as they are (dates, times, UUIDs, JSON) are prepared row by row.
    """
    if not rows:
        return
    # An auto-increment id left out is the database's to give (NULL is refused by PostgreSQL).
    fields = [f for f in model._meta.local_concrete_fields if f.attname in rows[0] or not getattr(f, "db_returning", False)]
    prepare = [None if isinstance(field, _PLAIN_FIELDS) else field for field in fields]
    defaults = [field.get_db_prep_save(field.get_default(), connection) for field in fields]
    values = []
    for row in rows:
        line = []
        for field, preparer, default in zip(fields, prepare, defaults, strict=True):
            if field.attname not in row:
                line.append(default)
            elif preparer is None:
                line.append(row[field.attname])
            else:
                line.append(preparer.get_db_prep_save(row[field.attname], connection))
        values.append(line)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)  # noqa: S608 - names from the model


def sync_news_listing(page_ids: Iterable[int]) -> None:
    """Bring the listing rows and counts of these pages in line with the pages as stored now.

    Ids of pages that are not news, not live, inside a restricted section or gone lose their row;
    the others get (or keep, updated) theirs. Runs in the caller's transaction; about eight small
    queries for one page, chunks of 500 pages for many.
    """
    from wagtail.models import Page, PageViewRestriction

    from publication.pages.models import NewsPage

    ids = sorted({int(pk) for pk in page_ids})
    if not ids:
        return
    restricted = _restricted_paths(PageViewRestriction)
    deltas: Counter = Counter()
    with transaction.atomic():
        for chunk in _chunks(ids):
            pages = NewsPage.objects.filter(pk__in=chunk, live=True).values_list(*_PAGE_VALUES)
            wanted = {row.page_id: row for row in _listing_rows(pages, restricted, Page, NewsListing)}
            existing = {row.page_id: row for row in NewsListing.objects.filter(page_id__in=chunk)}
            gone = [pk for pk in existing if pk not in wanted]
            if gone:
                raw_delete(NewsListing, "page_id", gone)
            added = [row for pk, row in wanted.items() if pk not in existing]
            insert_rows(NewsListing, [{f: getattr(row, f) for f in ("page_id", *ROW_FIELDS)} for row in added])
            changed = [
                row for pk, row in wanted.items() if pk in existing and any(getattr(row, f) != getattr(existing[pk], f) for f in ROW_FIELDS)
            ]
            if changed:
                NewsListing.objects.bulk_update(changed, [f.removesuffix("_id") for f in ROW_FIELDS])
            for row in [existing[pk] for pk in gone] + [existing[row.page_id] for row in changed]:
                deltas.subtract(row.counter_keys())
            for row in added + changed:
                deltas.update(row.counter_keys())
        apply_count_deltas(deltas)


def forget_listing_row(row: NewsListing) -> None:
    """Take a row deleted by a cascade (its page or folder deleted) off its counters: one UPDATE."""
    NewsListingCount.objects.filter(_key_q(row.counter_keys())).update(count=F("count") - 1)


def news_page_ids_under(page) -> list[int]:
    """Ids of the news pages at or below ``page`` (one query)."""
    from publication.pages.models import NewsPage

    return list(NewsPage.objects.filter(path__startswith=page.path).values_list("pk", flat=True))


def rebuild_news_listing(registry=None) -> int:
    """Recompute every listing row and count from the pages; returns the number of rows.

    ``registry`` is an app registry (a migration's ``apps``); the project's by default.
    """
    if registry is None:
        from django.apps import apps as registry
    page_model = registry.get_model("wagtailcore", "Page")
    news_model = registry.get_model("pages", "NewsPage")
    restriction_model = registry.get_model("wagtailcore", "PageViewRestriction")
    listing_model = registry.get_model("pages", "NewsListing")
    count_model = registry.get_model("pages", "NewsListingCount")
    restricted = _restricted_paths(restriction_model)
    counts: Counter = Counter()
    total = 0
    with transaction.atomic():
        raw_delete(listing_model, "page_id")
        raw_delete(count_model, "id")
        pages = news_model.objects.filter(live=True).order_by("pk").values_list(*_PAGE_VALUES)
        batch: list[tuple] = []
        for row in pages.iterator(chunk_size=2000):
            batch.append(row)
            if len(batch) == 2000:
                total += _write_rows(batch, restricted, page_model, listing_model, counts)
                batch = []
        total += _write_rows(batch, restricted, page_model, listing_model, counts)
        count_model.objects.bulk_create(
            [count_model(folder_key=f, unit_key=u, category_key=c, count=n) for (f, u, c), n in counts.items()],
            batch_size=1000,
        )
    return total


def _write_rows(batch, restricted, page_model, listing_model, counts: Counter) -> int:
    rows = _listing_rows(batch, restricted, page_model, listing_model)
    insert_rows(listing_model, [{f: getattr(row, f) for f in ("page_id", *ROW_FIELDS)} for row in rows])
    for row in rows:
        counts.update(counter_keys(row.folder_id, row.owner_unit_id, row.category_id))
    return len(rows)


def listing_problems() -> list[str]:
    """How the stored listing and counts differ from what the pages say now (an empty list when in step).

    Reads every live news page: for checks and tests, not for requests.
    """
    from wagtail.models import Page, PageViewRestriction

    from publication.pages.models import NewsPage

    restricted = _restricted_paths(PageViewRestriction)
    pages = list(NewsPage.objects.filter(live=True).values_list(*_PAGE_VALUES))
    expected: dict[int, tuple] = {}
    for batch in _chunks(pages, 2000):
        for row in _listing_rows(batch, restricted, Page, NewsListing):
            expected[row.page_id] = tuple(getattr(row, f) for f in ROW_FIELDS)
    stored = {pk: tuple(values) for pk, *values in NewsListing.objects.values_list("page_id", *ROW_FIELDS)}
    problems = []
    if missing := sorted(expected.keys() - stored.keys()):
        problems.append(f"{len(missing)} live public news not listed (e.g. page {missing[0]})")
    if extra := sorted(stored.keys() - expected.keys()):
        problems.append(f"{len(extra)} rows for news that are not live and public (e.g. page {extra[0]})")
    if differ := sorted(pk for pk in expected.keys() & stored.keys() if expected[pk] != stored[pk]):
        problems.append(f"{len(differ)} rows out of date (e.g. page {differ[0]})")
    counts: Counter = Counter()
    for folder_id, unit_id, category_id, *_rest in expected.values():
        counts.update(counter_keys(folder_id, unit_id, category_id))
    stored_counts = {
        (f, u, c): n for f, u, c, n in NewsListingCount.objects.values_list("folder_key", "unit_key", "category_key", "count") if n
    }
    if wrong := sorted(key for key in counts.keys() | stored_counts.keys() if counts.get(key, 0) != stored_counts.get(key, 0)):
        key = wrong[0]
        problems.append(f"{len(wrong)} counts wrong (e.g. {key}: {stored_counts.get(key, 0)} stored, {counts.get(key, 0)} listed)")
    return problems
