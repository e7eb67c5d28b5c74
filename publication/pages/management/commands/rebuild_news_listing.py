"""``manage.py rebuild_news_listing``: recompute the news listing and its counts from the pages (issue 15).

Signals keep the listing in step on every change made through Django; run this after writing pages
behind the ORM's back (raw SQL, a restored dump) or to check nothing drifted (``--check``).
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from publication.pages.listing import listing_problems, rebuild_news_listing


class Command(BaseCommand):
    help = "Recompute the news listing (one row per live public news item) and its counts from the pages."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only report differences; exit with an error if any.")

    def handle(self, *args, check=False, **options):
        if check:
            problems = listing_problems()
            if problems:
                raise CommandError("The news listing differs from the pages: " + "; ".join(problems))
            self.stdout.write(self.style.SUCCESS("The news listing matches the pages."))
            return
        started = time.perf_counter()
        rows = rebuild_news_listing()
        self.stdout.write(self.style.SUCCESS(f"Listed {rows:,} news items in {time.perf_counter() - started:.1f} s."))
