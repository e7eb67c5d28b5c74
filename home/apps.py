from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from publication.organisation.roles import WEBMASTERS


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Home page and site settings")
    #: The home page passes the gate (`publication.moderation.gate.is_gated`).
    publishes_pages = True
    role_permissions = {WEBMASTERS: ("change_sitecontact",)}
