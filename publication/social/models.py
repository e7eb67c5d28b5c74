"""P1.5 social-media posts: a moderated snippet, head of unit then the poster's own final review.

Its texts go through the policy checks like pages do, and django-simple-history keeps every change.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, Task, TaskState, WorkflowMixin
from wagtail.search import index

from publication.moderation.checks import PolicyGate
from publication.moderation.forms import RequestChangesForm
from publication.moderation.provisioning import assign_content_type_workflow, ensure_workflow, head_task
from publication.moderation.snippets import UnitRequestMixin
from publication.organisation.models import Unit
from publication.organisation.templatetags.thai_dates import thai_date

from .records import PostedRecordLock, check_revision, check_save


class SocialChannel(models.TextChoices):
    FACEBOOK = "facebook", _("Facebook Page")
    LINE = "line", _("LINE Official Account")
    X = "x", _("X (Twitter)")
    YOUTUBE = "youtube", _("YouTube")
    TIKTOK = "tiktok", _("TikTok")
    INSTAGRAM = "instagram", _("Instagram")
    OTHER = "other", _("Other")


class SocialPost(UnitRequestMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
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
    no_person_without_consent = models.BooleanField(_("Mentions no one without their permission (item 2)"), default=False, editable=False)
    posted_url = models.URLField(_("Link to the published post"), blank=True, editable=False)
    posted_at = models.DateTimeField(_("Posted at"), null=True, blank=True, editable=False)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["latest_revision", "locked_by", "locked_at", "locked", "live_revision"])
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

    # Once posted, the record (link, time, text) is the unit head's or a webmaster's to change:
    # publication.social.records closes every path to anyone else.
    POSTED_FIELDS = ("posted_url", "posted_at", "posted_by")

    def get_lock(self):
        """Wagtail's lock (scheduled, the editor's own, the workflow's), and once posted the record's."""
        lock = super().get_lock()
        return PostedRecordLock(self, lock) if self.posted_at else lock

    def with_content_json(self, content):
        """A revision as an object, with the posting record of the stored row, not the revision's.

        A revision written before the post was posted carries no posting record; publishing or
        reverting to it must not erase (or hide from `get_lock`) the record the row holds.
        """
        obj = super().with_content_json(content)
        for name in self.POSTED_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    def save(self, *args, **kwargs):
        check_save(self, kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def save_revision(self, *args, user=None, **kwargs):
        check_revision(self, user)
        return super().save_revision(*args, user=user, **kwargs)

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


class PosterChecklistForm(forms.Form):
    """P1.5(3): the poster reviews the post once more against the guidelines before posting."""

    checked_every_word = forms.BooleanField(label=_("Every word has been checked: correct, polite and complete (guideline 7)"))
    position_shown = forms.BooleanField(label=_("The poster's position and unit are stated (item 8)"))
    university_matter = forms.BooleanField(label=_("It is a university matter that has been verified as publishable (item 9)"))
    no_secret = forms.BooleanField(label=_("It contains no official secrets (item 1)"))
    no_person_without_consent = forms.BooleanField(label=_("It refers to no person or event without permission (item 2)"))
    comment = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "comment":
                field.error_messages["required"] = _("Every item must be confirmed before posting.")


class PosterReviewTask(Task):
    """The poster's own final review (P1.5(3)): every checklist item ticked, then the post is cleared.

    Unlike the approval tasks, this one is done by the person who submitted the post.
    """

    ACTION = "confirm_checklist"

    class Meta:
        verbose_name = _("Final review by the poster")
        verbose_name_plural = _("Final reviews by the poster")

    def get_approvers(self, obj):
        state = getattr(obj, "current_workflow_state", None)
        user_model = get_user_model()
        return user_model.objects.filter(pk=state.requested_by_id) if state else user_model.objects.none()

    def _is_poster(self, obj, user) -> bool:
        state = getattr(obj, "current_workflow_state", None)
        return bool(user.is_authenticated and state and state.requested_by_id == user.pk)

    def user_can_access_editor(self, obj, user):
        return self._is_poster(obj, user)

    def locked_for_user(self, obj, user):
        return not self._is_poster(obj, user)

    def get_actions(self, obj, user):
        if self._is_poster(obj, user):
            return [("reject", _("Withdraw for editing"), True), (self.ACTION, _("Confirm the review: ready to post"), True)]
        return []

    def get_form_for_action(self, action):
        return PosterChecklistForm if action == self.ACTION else RequestChangesForm

    def on_action(self, task_state, user, action_name, **kwargs):
        with transaction.atomic():
            locked = TaskState.objects.select_for_update().get(pk=task_state.pk)
            if locked.status != TaskState.STATUS_IN_PROGRESS:
                return None
            obj = task_state.workflow_state.content_object
            if not self._is_poster(obj, user):
                raise PermissionDenied
            if action_name == "reject":
                task_state.reject(user=user, comment=kwargs.get("comment", ""))
                return None
            if action_name != self.ACTION:
                raise PermissionDenied
            checklist = {name: bool(kwargs.get(name)) for name in obj.CHECKLIST}
            if not all(checklist.values()):
                raise PermissionDenied
            gate = PolicyGate.for_revision(task_state.revision)
            if gate.errors:
                task_state.reject(user=user, comment=gate.rejection_comment())
                return None
            task_state.approve(user=user, comment=kwargs.get("comment", ""))
            # Publishing copied the revision onto the record: the checklist is stored after it.
            type(obj).objects.filter(pk=obj.pk).update(**checklist)
        return None

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS, workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("The poster reviews the post against the guidelines' checklist, then confirms that it is ready to post.")


SOCIAL_WORKFLOW = "โพสต์สื่อสังคมออนไลน์ (ขั้นตอน 1.5)"
POSTER_TASK = "ผู้โพสต์ตรวจทานครั้งสุดท้าย"


def provision_social_workflow():
    """P1.5: the head of the poster's unit approves, then the poster's own checklist review (idempotent)."""
    poster_task = PosterReviewTask.objects.filter(name=POSTER_TASK).first() or PosterReviewTask.objects.create(name=POSTER_TASK)
    workflow = ensure_workflow(SOCIAL_WORKFLOW, [head_task(), poster_task])
    assign_content_type_workflow(SocialPost, workflow)
    return workflow
