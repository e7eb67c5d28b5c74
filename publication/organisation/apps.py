from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .roles import WEBMASTERS


class OrganisationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publication.organisation"
    label = "organisation"
    verbose_name = _("Units and roles")

    role_permissions = {
        WEBMASTERS: (
            *(f"{action}_unit" for action in ("add", "change", "delete", "view")),
            *(f"{action}_actinghead" for action in ("add", "change", "delete", "view")),
        ),
    }

    def ready(self):
        from . import login_throttle, signal_handlers  # noqa: F401
        from .forms import register_user_choice_fields
        from .thai_search import signals as search_signals  # noqa: F401 - publishing indexes at once

        register_user_choice_fields()
