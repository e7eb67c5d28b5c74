# ruff: noqa: T201 - a benchmark script reports on stdout
"""News listings at 100,000 items against page 1 of the 34-item demo (issue 15; not collected by pytest).

Run: ``.venv/bin/python tests/benchmarks/bench_listings.py [--items 100000] [--repeat 21]``
(with ``DATABASE_URL=postgres://…/name`` it runs on SQLite, then again on PostgreSQL in its own database
``<name>_bench_listings``, created and dropped here, and prints ``EXPLAIN ANALYZE`` of the listing
queries; SQLite always works in a temporary file.)

In one run per database: builds the demo university with its 34 news items and times page 1 of the
news index (the baseline); adds ``--items`` news with ``seed_bulk``; then times, uncached
(``PAGE_CACHE_SECONDS=0``) and through the Django test client (median of ``--repeat`` after a warm-up),
page 1, page 2,000 and the last page of every listing: the university's
folder (all units), a unit's folder, ``?unit=``, ``?category=``. Prints each as a ratio to the demo's
page 1 (issue 15's target: ≤ 2) with its query count (target: ≤ 12), and, for contrast, the ORM query
the index used before the listing table (count + ``OFFSET`` over the page tables) at page 2,000.
Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.timing import median_ms  # noqa: E402

LISTINGS = [
    ("university folder (all units)", "/news/", {}),
    ("unit folder (SCI)", "/units/sci/news/", {}),
    ("?unit=SCI", "/news/", {"unit": "SCI"}),
    ("?category=pr", "/news/", {"category": "pr"}),
]
TARGET_RATIO = 2.0
QUERY_BUDGET = 12


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:
        return run_on(args)
    engines = ["sqlite"]
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        engines.append("postgresql")
    failed = 0
    for engine in engines:
        env = dict(os.environ)
        if engine == "sqlite":
            env.pop("DATABASE_URL", None)
        command = [sys.executable, __file__, "--engine", engine, "--items", str(args.items), "--repeat", str(args.repeat)]
        failed |= subprocess.run(command, env=env, check=False).returncode  # noqa: S603 - our own script
    return 1 if failed else 0


def run_on(args) -> int:
    scratch = tempfile.TemporaryDirectory(prefix="bench-listings-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "pcru_site.settings.test"
    os.environ["PAGE_CACHE_SECONDS"] = "0"  # measure rendering, not the page cache
    os.environ["TEST_MEDIA_ROOT"] = str(Path(scratch.name) / "media")
    import django

    django.setup()
    logging.disable(logging.WARNING)
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(Path(scratch.name) / "bench.sqlite3")
    else:
        test_settings["NAME"] = f"{settings.DATABASES['default']['NAME']}_bench_listings"
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    started = time.perf_counter()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    print(f"== {connection.vendor}: migrated in {time.perf_counter() - started:.0f} s")
    try:
        return measure(args, connection)
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        scratch.cleanup()


def render_ms(client, url: str, params: dict, repeat: int) -> tuple[float, int]:
    """Median render time of ``url`` (after one warm-up request) and its query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, params)
    count = len(queries)  # now: the next request empties the connection's query log
    return median_ms(lambda: client.get(url, params), repeat), count


def measure(args, connection) -> int:
    from django.core.management import call_command
    from django.test import Client

    client = Client()
    started = time.perf_counter()
    call_command("bootstrap_demo", password="bench-2569", stdout=io.StringIO())
    print(f"demo university with its 34 news items: {time.perf_counter() - started:.0f} s")
    demo_ms, demo_queries = render_ms(client, "/news/", {}, args.repeat)
    print(f"demo news index page 1: {demo_ms:.1f} ms, {demo_queries} queries (the baseline)")

    output = io.StringIO()
    call_command("seed_bulk", news=args.items, force=True, stdout=output)
    print(f"seed_bulk --news {args.items}: {output.getvalue().strip()}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load

    missed = False
    print(f"{'listing':34} {'page':>14} {'ms':>8} {'ratio':>7} {'queries':>8}")
    for label, url, params in LISTINGS:
        first = client.get(url, params)
        last_page = first.context["paginator"].num_pages
        for number in sorted({1, min(2000, last_page), last_page}):
            ms, queries = render_ms(client, url, {**params, "page": number}, args.repeat)
            ratio = ms / demo_ms
            missed |= ratio > TARGET_RATIO or queries > QUERY_BUDGET
            shown = f"{number:,}" + (" (last)" if number == last_page and number != 1 else "")
            print(f"{label:34} {shown:>14} {ms:8.1f} {ratio:7.2f} {queries:8}")
    print(f"targets: ratio ≤ {TARGET_RATIO} of the demo's page 1, ≤ {QUERY_BUDGET} queries (transaction statements included)")
    old_orm_contrast(args)
    if connection.vendor == "postgresql":
        explain_listing_queries(connection)
    return 1 if missed else 0


def old_orm_contrast(args) -> None:
    """The query the index ran before the listing table, at page 2,000: COUNT + OFFSET over the page join."""
    from django.core.paginator import Paginator

    from publication.pages.models import NewsIndexPage

    folder = NewsIndexPage.objects.get(aggregate_all_units=True)

    def old_page():
        paginator = Paginator(folder.news_queryset(), folder.page_size)
        list(paginator.page(min(2000, paginator.num_pages)).object_list)

    ms = median_ms(old_page, max(3, args.repeat // 5))
    print(f"for contrast, the ORM query of the old index (count + OFFSET, page 2,000, queries only): {ms:.1f} ms")


def explain_listing_queries(connection) -> None:
    """``EXPLAIN (ANALYZE, BUFFERS)`` of the one listing query each scope runs (PostgreSQL)."""
    from publication.organisation.models import Unit
    from publication.pages.listing_query import ListingScope
    from publication.pages.models import NewsCategory, NewsIndexPage

    sci = Unit.objects.get(code="SCI")
    scopes = [
        ("university folder, page 1", ListingScope(), 0),
        ("university folder, page 2,000", ListingScope(), 1999 * 12),
        ("unit folder (SCI), page 1,000", ListingScope(folder_id=NewsIndexPage.objects.child_of(sci.section).get().pk), 999 * 12),
        ("?unit=SCI, page 1,000", ListingScope(unit_id=sci.pk), 999 * 12),
        ("?category=pr, page 1,000", ListingScope(category_id=NewsCategory.objects.get(slug="pr").pk), 999 * 12),
    ]
    for label, scope, offset in scopes:
        query = scope.page_query(offset, 12)
        sql, params = query.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}", params)
            plan = "\n".join(f"    {row[0]}" for row in cursor.fetchall())
        print(f"-- EXPLAIN ANALYZE: {label}\n{plan}")


if __name__ == "__main__":
    sys.exit(main())
