from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from publication.organisation.roles import UNIT_EDITORS, UNIT_HEADS, WEBMASTERS


class UpkeepConfig(AppConfig):
    """Keeping published content current and correct (P1.1(1), G6): periodic review and urgent takedown."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "publication.upkeep"
    label = "upkeep"
    verbose_name = _("Content upkeep (P1.1(1), G6)")

    role_permissions = {
        UNIT_EDITORS: ("view_reviewschedule", "change_reviewschedule"),
        UNIT_HEADS: ("view_reviewschedule", "change_reviewschedule"),
        WEBMASTERS: ("view_reviewschedule", "change_reviewschedule"),
    }

    def ready(self):
        from publication.upkeep import review_signals, takedown_signals

        review_signals.connect()
        takedown_signals.connect()
