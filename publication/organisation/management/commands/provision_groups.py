from django.core.management.base import BaseCommand

from publication.organisation.provisioning import provision_all


class Command(BaseCommand):
    help = "Create or repair the central groups and every unit's groups and permissions (idempotent)."

    def handle(self, *args, **options):
        provision_all()
        self.stdout.write(self.style.SUCCESS("Groups and permissions are in step with the unit records."))
