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
        from django.db.models.signals import post_migrate

        from . import listing_signals, signal_handlers  # noqa: F401

        listing_signals.connect()  # the news listing follows every change (issue 15), after page_moved
        from .sites import align_default_site_after_migrate
        from .slugs import accept_thai_words_in_unicode_slugs

        post_migrate.connect(align_default_site_after_migrate, sender=self, dispatch_uid="pages_align_default_site")
        from . import cache

        cache.connect()  # the page cache is purged on every change the public could see (issue 15)

        accept_thai_words_in_unicode_slugs()  # slugs keep Thai vowels and tone marks (issue 12)

        from publication.moderation.checks import register_text_provider

        from .corrections import correction_label, correction_texts

        register_text_provider(correction_texts, correction_label)  # G6: notices pass the policy checks
