from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyChecksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "policy_checks"
    verbose_name = _("ตรวจนโยบายการเผยแพร่")
