from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PolicyChecksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "policy_checks"
    verbose_name = _("Publishing policy checks")

    def ready(self) -> None:
        # The engine stays Django-free; here we hand it the lexicon that includes
        # the webmaster's PolicyTerm rows and keep that lexicon fresh on edits.
        from . import engine, terms
        from .models import PolicyTerm

        engine.set_lexicon_provider(terms.get_lexicon)
        post_save.connect(terms.invalidate, sender=PolicyTerm, dispatch_uid="policy_checks_term_saved")
        post_delete.connect(terms.invalidate, sender=PolicyTerm, dispatch_uid="policy_checks_term_deleted")
