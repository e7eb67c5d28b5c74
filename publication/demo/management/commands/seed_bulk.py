"""``manage.py seed_bulk --news 100000``: many news items fast, for benchmarks and load tests only.

The items skip the gate's policy checks and approvals, revisions, review schedules, search indexing and
notifications (`publication.demo.bulk`), so the command refuses to run with ``DEBUG = False`` unless
``--force`` says the database is a throwaway one. ``--clear`` removes every item it made before.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from publication.demo.bulk import clear_seeded_news, seed_news


class Command(BaseCommand):
    help = (
        "Create many live news items with bulk inserts (benchmarks and load tests only: no policy checks, "
        "approvals or revisions). Needs the demo university (bootstrap_demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--news", type=int, default=0, help="How many news items to create (e.g. 100000).")
        parser.add_argument("--clear", action="store_true", help="First remove every news item this command made.")
        parser.add_argument("--seed", type=int, default=2569, help="Random seed for titles, dates and categories.")
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG = False (only on a database you can throw away).")

    def handle(self, *args, news=0, clear=False, seed=2569, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_bulk publishes content without the policy checks and approvals: it runs only with DEBUG = True, "
                "or with --force on a database you can throw away (a benchmark or load-test copy)."
            )
        if news < 0:
            raise CommandError("--news must be 0 or more.")
        if not news and not clear:
            raise CommandError("Nothing to do: give --news N and/or --clear.")
        if clear:
            removed = clear_seeded_news()
            self.stdout.write(f"Removed {removed:,} bulk news items.")
        if news:
            try:
                report = seed_news(news, seed=seed, stdout=self.stdout if options.get("verbosity", 1) > 1 else None)
            except ValueError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(
                self.style.SUCCESS(f"Created {report.created:,} news items in {report.seconds:.1f} s ({report.rate:,.0f} items/s).")
            )
