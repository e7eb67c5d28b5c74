from django.core.management.base import BaseCommand

from publication.upkeep.review import sync_review_schedules
from publication.upkeep.review_digests import send_review_digests


class Command(BaseCommand):
    help = (
        "Give every live page its review schedule, then e-mail each responsible person their pages overdue or due "
        "within REVIEW_DUE_SOON_DAYS and each head their units' overdue pages (run daily from cron; at most one "
        "digest per person per Bangkok day)."
    )

    def handle(self, *args, **options):
        created, updated = sync_review_schedules()
        count = send_review_digests(sync=False)
        self.stdout.write(f"Review schedules: {created} created, {updated} updated. Digests queued: {count}.")
