from django.core.management.base import BaseCommand

from publication.outbox.notifications import send_due


class Command(BaseCommand):
    help = (
        "Send every queued notification whose next attempt is due (run from cron or a periodic task); "
        "--include-failed also retries the ones that reached their attempt limit."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--include-failed",
            action="store_true",
            help="Also retry notifications marked failed after max_attempts (one more attempt each).",
        )
        parser.add_argument("--limit", type=int, default=None, help="Send at most this many notifications.")

    def handle(self, *args, **options):
        counts = send_due(include_failed=options["include_failed"], limit=options["limit"])
        if not counts:
            self.stdout.write("No notifications are due.")
            return
        summary = ", ".join(f"{status}: {count}" for status, count in sorted(counts.items()))
        style = self.style.SUCCESS if set(counts) <= {"sent", "skipped"} else self.style.WARNING
        self.stdout.write(style(f"Processed {sum(counts.values())} notification(s) — {summary}"))
