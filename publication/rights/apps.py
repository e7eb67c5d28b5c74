from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from publication.organisation.roles import UNIT_EDITORS, UNIT_HEADS, WEBMASTERS


class RightsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publication.rights"
    label = "rights"
    verbose_name = _("Publishing rights requests (P1.2)")

    role_permissions = {
        UNIT_EDITORS: tuple(f"{action}_rightsrequest" for action in ("add", "change", "view")),
        UNIT_HEADS: tuple(f"{action}_rightsrequest" for action in ("add", "change", "view")),
        WEBMASTERS: tuple(f"{action}_rightsrequest" for action in ("add", "change", "delete", "view")),
    }

    def ready(self):
        from . import grants

        grants.connect()

    def provision(self, groups):
        from .grants import provision_rights_workflow

        provision_rights_workflow()
