from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from publication.organisation.roles import UNIT_EDITORS, UNIT_HEADS, WEBMASTERS


class SocialConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publication.social"
    label = "social"
    verbose_name = _("Social media posts (P1.5)")

    role_permissions = {
        UNIT_EDITORS: tuple(f"{action}_socialpost" for action in ("add", "change", "view")),
        UNIT_HEADS: tuple(f"{action}_socialpost" for action in ("add", "change", "view")),
        WEBMASTERS: tuple(f"{action}_socialpost" for action in ("add", "change", "delete", "view")),
    }

    def provision(self, groups):
        from .models import provision_social_workflow

        provision_social_workflow()
