from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from publication.organisation.roles import WEBMASTERS


class ModerationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publication.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    role_permissions = {WEBMASTERS: ("view_publicationrecord",)}

    def ready(self):
        from . import notify, signal_handlers  # noqa: F401

        notify.connect()

    def provision(self, groups):
        from .provisioning import provision_workflows

        provision_workflows()
