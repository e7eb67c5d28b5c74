from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from publication.organisation.roles import WEBMASTERS


class OutboxConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publication.outbox"
    label = "outbox"
    verbose_name = _("E-mail outbox")

    role_permissions = {WEBMASTERS: ("view_notification", "change_notification")}

    def ready(self):
        from .wagtail_mail import route_wagtail_notifications

        # The page editor's comment e-mails go through the outbox, like every other e-mail.
        route_wagtail_notifications()
