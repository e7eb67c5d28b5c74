"""Moderation as the policy says (P1.1, P1.2, P1.3): head of the owner unit, then the webmaster.

Also what moderation leaves behind: the policy-check result of each revision, the acknowledgement
of its warnings, acting heads (รักษาราชการแทน) and the publication register.
"""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.models import AbstractGroupApprovalTask, Task, TaskState

from .units import Unit


class ActingHead(models.Model):
    """A head's delegate for a date range (รักษาราชการแทน): the delegate acts and is notified instead."""

    unit = models.ForeignKey(Unit, verbose_name=_("Unit"), on_delete=models.CASCADE, related_name="acting_heads")
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Head of unit"), on_delete=models.CASCADE, related_name="+"
    )
    acting = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Acting head"), on_delete=models.CASCADE, related_name="acting_for"
    )
    start_date = models.DateField(_("From date"))
    end_date = models.DateField(_("To date"))
    note = models.CharField(_("Note/order number"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Acting head of unit")
        verbose_name_plural = _("Acting heads of unit")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return _("%(acting)s acting for %(head)s (%(unit)s)") % {"acting": self.acting, "head": self.head, "unit": self.unit.code}

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        if self.head_id and self.acting_id and self.head_id == self.acting_id:
            raise ValidationError({"acting": _("The acting head cannot be the same person as the head of unit.")})
        if self.unit_id and self.head_id and not self.unit.heads.filter(pk=self.head_id).exists():
            raise ValidationError({"head": _("The selected person is not a head of this unit.")})
        if self.acting_id and not self.acting.is_active:
            raise ValidationError({"acting": _("The acting head's account is deactivated.")})
        if self.acting_id and self.acting.groups.filter(name="Webmasters").exists():
            # The webmaster's own step follows the head's: one person would then approve both.
            raise ValidationError({"acting": _("A webmaster cannot be an acting head of unit, as they could then approve two steps.")})

    @classmethod
    def active_on(cls, day: datetime.date | None = None):
        day = day or timezone.localdate()
        return cls.objects.filter(start_date__lte=day, end_date__gte=day)


def unit_approvers(unit: Unit | None, day: datetime.date | None = None):
    """Users who approve for `unit` today: heads not away, plus the acting heads of those away."""
    user_model = get_user_model()
    if unit is None:
        return user_model.objects.none()
    delegations = ActingHead.active_on(day).filter(unit=unit, head__in=unit.heads.all())
    away = delegations.values("head_id")
    acting = delegations.values("acting_id")
    return user_model.objects.filter(is_active=True).filter(
        models.Q(pk__in=unit.heads.exclude(pk__in=away).values("pk")) | models.Q(pk__in=acting)
    )


def units_approved_by(user, day: datetime.date | None = None):
    """Units whose content `user` approves today, as a head (not away) or as an acting head."""
    if not user.is_authenticated:
        return Unit.objects.none()
    delegations = ActingHead.active_on(day)
    own = Unit.objects.filter(heads=user).exclude(pk__in=delegations.filter(head=user).values("unit_id"))
    acting = Unit.objects.filter(pk__in=delegations.filter(acting=user).values("unit_id"))
    return (own | acting).distinct()


class ApprovalForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class RequestChangesForm(forms.Form):
    comment = forms.CharField(
        label=_("Changes needed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=True,
        error_messages={
            "required": _(
                "Please describe the changes needed, so that the person responsible for the content can make them correctly."
            )
        },
    )


class AcknowledgeWarningsForm(ApprovalForm):
    acknowledge_warnings = forms.BooleanField(
        label=_("I have read every policy-check warning and confirm that the content may be published"),
        required=True,
        error_messages={"required": _("Please confirm that you have read the warnings before approving.")},
    )


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
        from publication.publishing import latest_check_for

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
            return "publication/admin/workflow_acknowledge_modal.html"
        return ""

    def on_action(self, task_state, user, action_name, **kwargs):
        from publication.publishing import PolicyGate

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
        from publication.publishing import workflow_states_owned_by

        units = units_approved_by(user)
        if not units.exists():
            return TaskState.objects.none()
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return states.filter(workflow_states_owned_by(units)).exclude(
            workflow_state__requested_by=user
        )

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
    acknowledged_task_state = models.ForeignKey(
        "wagtailcore.TaskState", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

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


class PublicationRecord(models.Model):
    """One row of the publication register (ทะเบียนการเผยแพร่): what went live, who approved, when told."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Page"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name=_("Published revision"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("Title"), max_length=255)
    url = models.CharField(_("Public link"), max_length=500, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("Unit"), null=True, on_delete=models.SET_NULL, related_name="publication_records"
    )
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

    class Meta:
        verbose_name = _("Publication register")
        verbose_name_plural = _("Publication register")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.title


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
        from publication.publishing import PolicyGate

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
