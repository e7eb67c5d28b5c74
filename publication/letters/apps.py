from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from publication.organisation.roles import ARIT_DIRECTOR, EXECUTIVES, PRESIDENTS_OFFICE, WEBMASTERS


class LettersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publication.letters"
    label = "letters"
    verbose_name = _("Letters from external agencies (P1.4)")

    #: The notice pages pass the gate (`moderation.gate.is_gated`).
    publishes_pages = True
    role_permissions = {
        PRESIDENTS_OFFICE: ("add_externalrequest", "change_externalrequest", "view_externalrequest"),
        EXECUTIVES: ("view_externalrequest",),
        ARIT_DIRECTOR: ("view_externalrequest",),
        WEBMASTERS: ("view_externalrequest",),
    }

    def ready(self):
        from publication.organisation.media import register_private_files

        from . import checks  # noqa: F401  (registers the letter-link findings and reminders)
        from .privacy import is_letter_document

        # Letter files are evidence, never served publicly: checked by content but kept byte for byte.
        register_private_files(is_letter_document)

    def provision(self, groups):
        from .provisioning import provision_letters_collection

        provision_letters_collection(groups)
