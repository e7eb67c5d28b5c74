"""Moderation as the policy says (P1.1, P1.2, P1.3): head of the owner unit, then the webmaster.

Also what moderation leaves behind: the policy-check result of each revision, the acknowledgement
of its warnings, acting heads (รักษาราชการแทน) and the publication register.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import AbstractGroupApprovalTask, Task, TaskState

from publication.organisation.models import Unit, unit_approvers, units_approved_by

from .forms import AcknowledgeWarningsForm, ApprovalForm, RequestChangesForm


class PolicyAwareApprovalMixin:
    """Shared behaviour of our approval tasks.

    * approvers never approve their own submission;
    * a revision with policy warnings is approved only with an explicit acknowledgement;
    * a revision with policy errors is never approved (it goes back to the editor);
    * two approvals of one task state at once give one result (row lock + status re-check).
    """

    ACK_ACTION = "approve_ack"

    def user_is_approver(self, obj, user) -> bool:  # pragma: no cover - defined by subclasses
        raise NotImplementedError

    def _submitter_id(self, obj):
        state = getattr(obj, "current_workflow_state", None)
        return state.requested_by_id if state else None

    def user_may_act(self, obj, user) -> bool:
        """An approver who did not submit the item and did not approve an earlier step of it."""
        if not self.user_is_approver(obj, user) or self._submitter_id(obj) == user.pk:
            return False
        state = getattr(obj, "current_workflow_state", None)
        if state is None:
            return True
        return not state.task_states.filter(status=TaskState.STATUS_APPROVED, finished_by=user).exists()

    def get_actions(self, obj, user):
        if not self.user_may_act(obj, user):
            return []
        from publication.moderation.checks import latest_check_for

        check = latest_check_for(obj)
        if check is not None and check.warning_count:
            return [
                ("reject", _("Request changes"), True),
                (self.ACK_ACTION, _("Approve (warnings acknowledged)"), True),
            ]
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_form_for_action(self, action):
        if action == self.ACK_ACTION:
            return AcknowledgeWarningsForm
        if action == "reject":
            return RequestChangesForm
        return ApprovalForm

    def get_template_for_action(self, action):
        if action == self.ACK_ACTION:
            return "moderation/workflow_acknowledge_modal.html"
        return ""

    def on_action(self, task_state, user, action_name, **kwargs):
        from publication.moderation.checks import PolicyGate

        acknowledged = kwargs.pop("acknowledge_warnings", False)
        with transaction.atomic():
            locked = TaskState.objects.select_for_update().get(pk=task_state.pk)
            if locked.status != TaskState.STATUS_IN_PROGRESS:
                return None  # someone else finished this task state first: one result only
            task_state = task_state.specific
            obj = task_state.workflow_state.content_object
            if not self.user_may_act(obj, user):
                raise PermissionDenied
            if action_name == "reject":
                task_state.reject(user=user, comment=kwargs.get("comment", ""))
                return None
            if action_name not in ("approve", self.ACK_ACTION):
                raise PermissionDenied
            gate = PolicyGate.for_revision(task_state.revision)
            if gate.errors:
                # The content cannot go further: send it back with the exact findings.
                task_state.reject(user=user, comment=gate.rejection_comment())
                return None
            if gate.check.warning_count:
                if action_name != self.ACK_ACTION or not acknowledged:
                    raise PermissionDenied
                gate.check.acknowledge(user, task_state)
            task_state.approve(user=user, comment=kwargs.get("comment", ""))
        return None


class HeadOfUnitApprovalTask(PolicyAwareApprovalMixin, Task):
    """Approval by the head(s) of the page's owner unit, or their acting head (P1.1(1), P1.3(1))."""

    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = _("Approval by the head of the owner unit")
        verbose_name_plural = _("Approvals by the head of the owner unit")

    @staticmethod
    def owner_unit_of(obj) -> Unit | None:
        """The unit whose head approves `obj`: its owner unit, a request's unit, or for a structural
        page (a news folder) the unit whose section holds it; None for the university's own pages."""
        obj = getattr(obj, "specific_deferred", obj)
        unit_id = getattr(obj, "owner_unit_id", None)
        if unit_id is None and hasattr(obj, "unit_id"):
            unit_id = obj.unit_id
        if unit_id is None and not hasattr(obj, "owner_unit_id") and getattr(obj, "path", None):
            return Unit.objects.for_page(obj)
        return Unit.objects.filter(pk=unit_id).first() if unit_id else None

    def get_approvers(self, obj):
        return unit_approvers(self.owner_unit_of(obj))

    def user_is_approver(self, obj, user) -> bool:
        if not user.is_authenticated:
            return False
        cache = getattr(user, "_head_task_cache", None)
        if cache is None:
            cache = user._head_task_cache = {}
        key = (obj.__class__.__name__, obj.pk)
        if key not in cache:
            cache[key] = self.get_approvers(obj).filter(pk=user.pk).exists()
        return cache[key]

    def user_can_access_editor(self, obj, user):
        return self.user_is_approver(obj, user)

    def locked_for_user(self, obj, user):
        # Locked for everyone but the approvers; the submitter waits for the decision.
        return not self.user_is_approver(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_is_approver(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from publication.moderation.checks import workflow_states_owned_by

        units = units_approved_by(user)
        if not units.exists():
            return TaskState.objects.none()
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return states.filter(workflow_states_owned_by(units)).exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("The head of the unit that owns the content (or the acting head) approves it, for their own unit's content only.")


class WebmasterApprovalTask(PolicyAwareApprovalMixin, AbstractGroupApprovalTask):
    """The ARIT webmasters check, approve and publish (P1.1(3))."""

    class Meta:
        verbose_name = _("Webmaster review and publication")
        verbose_name_plural = _("Webmaster reviews and publications")

    def get_approvers(self, obj):
        return get_user_model().objects.filter(is_active=True, groups__in=self.groups.all()).distinct()

    def user_is_approver(self, obj, user) -> bool:
        return user.is_authenticated and (user.is_superuser or self._user_in_groups(user))

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return super().get_task_states_user_can_moderate(user, **kwargs).exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("The university's webmasters (ARIT) check that the content is correct and complete, then publish it.")


class ContentCheck(models.Model):
    """The policy-check result of one revision, and who acknowledged its warnings."""

    revision = models.OneToOneField(
        "wagtailcore.Revision", verbose_name=_("Content revision"), on_delete=models.CASCADE, related_name="content_check"
    )
    checked_at = models.DateTimeField(_("Checked at"), default=timezone.now)
    findings = models.JSONField(_("Check findings"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("Policy errors"), default=0)
    warning_count = models.PositiveIntegerField(_("Policy warnings"), default=0)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Warnings acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("Acknowledged at"), null=True, blank=True)
    acknowledged_task_state = models.ForeignKey("wagtailcore.TaskState", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("Policy check result")
        verbose_name_plural = _("Policy check results")

    def __str__(self) -> str:
        return f"revision {self.revision_id}: {self.error_count} errors, {self.warning_count} warnings"

    @property
    def warnings(self) -> list[dict]:
        return [f for f in self.findings if f.get("severity") == "warning"]

    @property
    def errors(self) -> list[dict]:
        return [f for f in self.findings if f.get("severity") == "error"]

    def acknowledge(self, user, task_state) -> None:
        self.acknowledged_by = user
        self.acknowledged_at = timezone.now()
        self.acknowledged_task_state = task_state
        self.save(update_fields=["acknowledged_by", "acknowledged_at", "acknowledged_task_state"])


class RegisterAction(models.TextChoices):
    """What a register entry records: a publication, or an urgent takedown (G6) with its reason."""

    PUBLISHED = "published", _("Published")
    TAKEN_DOWN = "taken_down", _("Taken down urgently")


class PublicationRecord(models.Model):
    """One row of the publication register (ทะเบียนการเผยแพร่): what went live, who approved, when told."""

    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("Page"), null=True, on_delete=models.SET_NULL, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name=_("Published revision"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(pgettext_lazy("content", "Title"), max_length=255)
    url = models.CharField(_("Public link"), max_length=500, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("Unit"), null=True, on_delete=models.SET_NULL, related_name="publication_records")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Content owner"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("Submitted for approval at"), null=True, blank=True)
    head_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Approving head"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    head_approved_at = models.DateTimeField(_("Head approved at"), null=True, blank=True)
    head_comment = models.TextField(_("Head's comment"), blank=True)
    webmaster_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Approving webmaster"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    webmaster_approved_at = models.DateTimeField(_("Webmaster approved at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Published by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("Published at"), default=timezone.now)
    unit_notified_at = models.DateTimeField(_("Unit notified at"), null=True, blank=True)
    warnings_acknowledged = models.TextField(_("Acknowledged warnings"), blank=True)
    publish_path = models.CharField(_("Publishing channel"), max_length=40, blank=True)
    action = models.CharField(_("Register entry"), max_length=20, choices=RegisterAction.choices, default=RegisterAction.PUBLISHED)
    reason = models.TextField(_("Reason for the takedown"), blank=True)

    class Meta:
        verbose_name = _("Publication register")
        verbose_name_plural = _("Publication register")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.title


class AutosaveCreation(models.Model):
    """Which object a create form's creation key made (one row per key; rows older than two days go)."""

    key = models.UUIDField(_("Creation key"), unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(_("Object ID"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("Created at"), default=timezone.now)

    class Meta:
        verbose_name = _("Autosave creation")
        verbose_name_plural = _("Autosave creations")

    def __str__(self) -> str:
        return f"{self.key} → {self.content_type_id}:{self.object_id}"
