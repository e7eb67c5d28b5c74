from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from publication.organisation.roles import WEBMASTERS


class ModerationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publication.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    # The webmasters keep the policy engine's lexicon (the PolicyTerm snippet); granted from here
    # because policy_checks imports nothing of ours, and moderation is its bridge to publication.
    role_permissions = {
        WEBMASTERS: (
            "view_publicationrecord",
            *(f"policy_checks.{action}_policyterm" for action in ("add", "change", "delete", "view")),
        )
    }

    def ready(self):
        from . import notify, signal_handlers  # noqa: F401

        notify.connect()

    def provision(self, groups):
        from .provisioning import provision_workflows

        provision_workflows()
