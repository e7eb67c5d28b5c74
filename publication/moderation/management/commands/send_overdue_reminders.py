from django.core.management.base import BaseCommand

from publication.moderation.reminders import send_overdue_reminders


class Command(BaseCommand):
    help = "Re-notify approvers of items waiting longer than MODERATION_OVERDUE_WORKING_DAYS (run daily from cron)."

    def handle(self, *args, **options):
        count = send_overdue_reminders()
        self.stdout.write(f"Reminders queued for {count} overdue item(s).")
