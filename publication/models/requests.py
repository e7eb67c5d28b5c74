"""Requests that are not pages: publishing rights (P1.2, form ARIT-012) and social-media posts (P1.5).

Both are moderated snippets: the head of the requesting unit approves first, then the webmaster
(rights) or the poster's own final self-review (posts). Their texts go through the policy checks
like pages do, and django-simple-history keeps every change of the records.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from publication.forms.requests import UnitRequestForm

from .units import Unit


class UnitRequestMixin(models.Model):
    """A request made for a unit; the gate and the head-of-unit task read `unit` and `policy_texts()`."""

    base_form_class = UnitRequestForm

    unit = models.ForeignKey(Unit, verbose_name=_("Unit"), on_delete=models.PROTECT, related_name="+")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Requester"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Created at"), default=timezone.now, editable=False)

    class Meta:
        abstract = True

    def save_revision(self, *args, user=None, **kwargs):
        from publication.gate import enforce_not_locked

        enforce_not_locked(self, user)
        return super().save_revision(*args, user=user, **kwargs)

    def publish(self, revision, *args, user=None, **kwargs):
        """No request or post is approved past the gate, whatever path asked (see publication.gate)."""
        from publication.gate import publish_in_context

        return publish_in_context(lambda: super(UnitRequestMixin, self).publish(revision, *args, user=user, **kwargs), user)

    @property
    def owner_unit(self) -> Unit:
        return self.unit

    @property
    def owner_unit_id(self):
        return self.unit_id


class RightsScope(models.TextChoices):
    NEWS = "news", _("The unit's news system")
    SECTION = "section", _("The unit's section of the website")
    BOTH = "both", _("Both the unit's news system and its section of the website")


class RightsRequest(
    UnitRequestMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    """P1.2: a unit asks for the right to publish its own news (replaces form ARIT-012 by e-mail).

    On final approval the system grants the rights itself (`publication.rights.grant_rights`).
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


class SocialChannel(models.TextChoices):
    FACEBOOK = "facebook", _("Facebook Page")
    LINE = "line", _("LINE Official Account")
    X = "x", _("X (Twitter)")
    YOUTUBE = "youtube", _("YouTube")
    TIKTOK = "tiktok", _("TikTok")
    INSTAGRAM = "instagram", _("Instagram")
    OTHER = "other", _("Other")


class SocialPost(
    UnitRequestMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    """P1.5: a post on a unit's social-media account, approved by the head before it is posted.

    "Published" here means cleared for posting; the poster then records the live URL and time.
    """

    channel = models.CharField(_("Channel"), max_length=20, choices=SocialChannel.choices)
    post_text = models.TextField(_("Text to post"))
    media_links = models.TextField(
        _("Media (links to images/videos, one link per line)"), blank=True, help_text=_("For example https://www.youtube.com/watch?v=…")
    )
    images = ParentalManyToManyField("wagtailimages.Image", verbose_name=_("Accompanying images"), blank=True, related_name="+")
    planned_at = models.DateTimeField(_("Planned posting time"))
    speaks_for_university = models.BooleanField(
        _("Posted on behalf of the unit/university"),
        default=True,
        help_text=_("Unticked = a personal opinion, which must carry a disclaimer (guideline 1)"),
    )
    poster_position = models.CharField(_("Poster's position"), max_length=255, help_text=_("Guideline 8"))
    poster_unit = models.ForeignKey(
        Unit, verbose_name=_("Poster's unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The poster's final self-review (P1.5(3)), ticked in the last workflow step.
    checked_every_word = models.BooleanField(_("Every word checked (item 7)"), default=False, editable=False)
    position_shown = models.BooleanField(_("Position and unit stated (item 8)"), default=False, editable=False)
    university_matter = models.BooleanField(_("A university matter that may be made public (item 9)"), default=False, editable=False)
    no_secret = models.BooleanField(_("Contains no official secrets (item 1)"), default=False, editable=False)
    no_person_without_consent = models.BooleanField(
        _("Mentions no one without their permission (item 2)"), default=False, editable=False
    )
    posted_url = models.URLField(_("Link to the published post"), blank=True, editable=False)
    posted_at = models.DateTimeField(_("Posted at"), null=True, blank=True, editable=False)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(
        excluded_fields=["latest_revision", "locked_by", "locked_at", "locked", "live_revision"]
    )
    search_fields = [index.SearchField("post_text"), index.FilterField("unit"), index.FilterField("channel")]
    panels = [
        FieldRowPanel([FieldPanel("unit"), FieldPanel("channel")]),
        FieldPanel("post_text"),
        MultiFieldPanel([FieldPanel("images"), FieldPanel("media_links")], heading=_("Accompanying media")),
        FieldPanel("planned_at"),
        MultiFieldPanel(
            [FieldPanel("speaks_for_university"), FieldPanel("poster_position"), FieldPanel("poster_unit")],
            heading=_("Poster (guidelines 1 and 8)"),
        ),
    ]

    class Meta:
        verbose_name = _("Social media post")
        verbose_name_plural = _("Social media posts")
        ordering = ["planned_at"]

    def __str__(self) -> str:
        text = " ".join(self.post_text.split())
        return (text[:60] + "…") if len(text) > 60 else text

    @property
    def planned_at_display(self) -> str:
        from publication.templatetags.thai_dates import thai_date

        return thai_date(self.planned_at, "datetime")

    CHECKLIST = ("checked_every_word", "position_shown", "university_matter", "no_secret", "no_person_without_consent")

    @property
    def checklist_complete(self) -> bool:
        return all(getattr(self, name) for name in self.CHECKLIST)

    @property
    def status_label(self) -> str:
        if self.posted_at:
            return gettext("Posted")
        if self.live:
            return gettext("Approved, awaiting posting")
        return gettext("Awaiting review") if self.workflow_in_progress else pgettext("request status", "Draft")

    def clean(self):
        super().clean()
        if not self.poster_position.strip():
            raise ValidationError({"poster_position": _("Please enter the poster's position (guideline 8)")})

    def policy_texts(self) -> dict[str, str]:
        return {"post_text": self.post_text, "media_links": self.media_links, "poster_position": self.poster_position}

    def policy_context(self) -> dict:
        unit = self.poster_unit or self.unit
        return {
            "kind": "social_post" if self.speaks_for_university else "opinion",
            "speaks_for_university": self.speaks_for_university,
            "author_position": self.poster_position,
            "author_unit": unit.name_th if unit else "",
        }


UNIT_SNIPPET_MODELS = (RightsRequest, SocialPost)
