"""P1.2 publishing-rights requests (form ARIT-012): a moderated snippet, head of unit then the webmaster.

Its texts go through the policy checks like pages do, and django-simple-history keeps every change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from publication.moderation.snippets import UnitRequestMixin


class RightsScope(models.TextChoices):
    NEWS = "news", _("The unit's news system")
    SECTION = "section", _("The unit's section of the website")
    BOTH = "both", _("Both the unit's news system and its section of the website")


class RightsRequest(
    UnitRequestMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    """P1.2: a unit asks for the right to publish its own news (replaces form ARIT-012 by e-mail).

    On final approval the system grants the rights itself (`publication.rights.grants.grant_rights`).
    """

    staff = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Staff to be granted rights"),
        related_name="+",
        help_text=_("The people who will be the unit's content editors (added to the content editors group on approval)"),
    )
    scope = models.CharField(_("Scope of rights"), max_length=10, choices=RightsScope.choices, default=RightsScope.NEWS)
    justification = models.TextField(_("Justification"), help_text=_("For example “The unit has 2–3 student activity news items a week”"))
    requested_date = models.DateField(_("Request date"), default=timezone.localdate)
    granted_at = models.DateTimeField(_("Rights granted at"), null=True, blank=True, editable=False)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("Revoked at"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    revoke_reason = models.TextField(_("Reason for revocation"), blank=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["latest_revision", "locked_by", "locked_at", "locked", "live_revision"]
    )
    search_fields = [index.SearchField("justification"), index.FilterField("unit")]
    panels = [
        FieldPanel("unit"),
        FieldPanel("staff"),
        FieldRowPanel([FieldPanel("scope"), FieldPanel("requested_date")]),
        FieldPanel("justification"),
    ]

    class Meta:
        verbose_name = _("News publishing rights request (ARIT-012)")
        verbose_name_plural = _("News publishing rights requests (ARIT-012)")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        if not self.unit_id:
            return gettext("Rights request")
        return gettext("Rights request of %(unit)s (%(scope)s)") % {"unit": self.unit.name_th, "scope": self.get_scope_display()}

    @property
    def status_label(self) -> str:
        if self.revoked_at:
            return pgettext("request status", "Revoked")
        if self.granted_at:
            return gettext("Rights granted")
        return gettext("Awaiting review") if self.workflow_in_progress else pgettext("request status", "Draft")

    def policy_texts(self) -> dict[str, str]:
        return {"justification": self.justification}

    def policy_context(self) -> dict:
        return {"kind": "unit_page", "speaks_for_university": None}
