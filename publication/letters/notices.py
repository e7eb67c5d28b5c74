"""P1.4(5): the notices published for external agencies, and the folder that lists them."""

from __future__ import annotations

from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.signals import page_published

from publication.moderation.gate import GatedPageMixin
from publication.pages.blocks import BodyStreamBlock
from publication.pages.forms import ThaiSlugPageForm
from publication.pages.models import UnitOwnedPage
from publication.pages.slugs import ThaiSlugPageMixin

from .models import ExternalRequest, ExternalRequestStatus


class ExternalNoticeIndexPage(ThaiSlugPageMixin, GatedPageMixin, Page):
    """The folder of external agencies' notices (ข่าวจากหน่วยงานภายนอก)."""

    intro = models.TextField(_("Index page description"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["letters.ExternalNoticePage"]
    max_count = 1
    base_form_class = ThaiSlugPageForm

    class Meta:
        verbose_name = _("External agency news index page")
        verbose_name_plural = _("External agency news index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["notices"] = ExternalNoticePage.objects.live().public().child_of(self).order_by("-first_published_at", "-pk")
        return context


class ExternalNoticePage(UnitOwnedPage):
    """A notice published for an external agency (P1.4(5)), linked to the letter that asked for it."""

    external_request = models.ForeignKey(
        ExternalRequest,
        verbose_name=_("Letter requesting publication"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agency_name = models.CharField(_("Agency issuing the notice"), max_length=255)
    intro = models.TextField(_("Summary"), blank=True, max_length=400)
    body = StreamField(BodyStreamBlock(), verbose_name=_("Content"), blank=True)
    display_until = models.DateField(_("Display until"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("owner_unit"),
        FieldPanel("external_request", read_only=True),
        FieldPanel("agency_name"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("display_until"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("agency_name"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["letters.ExternalNoticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("News from external agencies")
        verbose_name_plural = _("News from external agencies")

    def publication_final_step_allowed(self, user) -> bool:
        """P1.4(5): the webmaster the ARIT Director assigned publishes the notice of an approved letter."""
        from publication.moderation.gate import workflow_final_step_allowed

        request = self.external_request if self.external_request_id else None
        if request is None:
            return workflow_final_step_allowed(self, user)
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        return request.status in (ExternalRequestStatus.ASSIGNED, ExternalRequestStatus.PUBLISHED) and (
            user.is_superuser or user.pk == request.assigned_webmaster_id
        )

    def publication_chain_problems(self, fingerprint: str, actor, *, scheduled: bool = False) -> list[str]:
        """The chain of a notice is its letter's: executives approved, the director assigned a webmaster."""
        from django.utils.translation import gettext

        from publication.moderation.gate import workflow_chain_problems

        request = self.external_request if self.external_request_id else None
        if request is None:
            return workflow_chain_problems(self, fingerprint, actor, scheduled=scheduled)
        if request.status not in (ExternalRequestStatus.ASSIGNED, ExternalRequestStatus.PUBLISHED):
            return [
                gettext("The letter requesting publication has not yet been approved by the executives and assigned by the ARIT Director.")
            ]
        if not scheduled and not self.publication_final_step_allowed(actor):
            return [gettext("The publisher must be the webmaster whom the ARIT Director assigned to this letter")]
        return []

    def policy_context(self) -> dict:
        """The policy engine checks this page as an external agency's notice, published by the university."""
        unit = self.owner_unit if self.owner_unit_id else None
        return {
            "kind": "external_notice",
            "speaks_for_university": True,
            "author_name": self.agency_name,
            "author_position": "-",
            "author_unit": unit.name_th if unit else "",
        }


@receiver(page_published, sender=ExternalNoticePage, dispatch_uid="pcru_external_notice_published")
def _notice_published(sender, instance, revision=None, **kwargs):
    """Every publish path of a notice (edit view, workflow, schedule) moves its request to "published"."""
    from publication.letters.steps import on_notice_published

    on_notice_published(instance, revision.user if revision is not None else None)
