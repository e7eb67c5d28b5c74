from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from publication.organisation.roles import WEBMASTERS


class PagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publication.pages"
    label = "pages"
    verbose_name = _("Pages")

    #: Every page type of this app passes the gate (`moderation.gate.is_gated`).
    publishes_pages = True
    role_permissions = {WEBMASTERS: tuple(f"{action}_newscategory" for action in ("add", "change", "delete"))}

    def ready(self):
        from . import signal_handlers  # noqa: F401
        from .slugs import accept_thai_words_in_unicode_slugs

        accept_thai_words_in_unicode_slugs()  # slugs keep Thai vowels and tone marks (issue 12)
