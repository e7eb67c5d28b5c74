"""P1.4: content from an external agency (หนังสือราชการจากหน่วยงานภายนอก), from letter to public page.

The President's Office registers the letter with its attachments (kept as Wagtail documents in a
private collection), the executives decide, the ARIT Director assigns a webmaster, the webmaster
publishes an `ExternalNoticePage` and records how the agency was told. Every step is a row of
`ExternalRequestStep` (who, when, what), and django-simple-history keeps every change of the
records themselves.

Why explicit steps and not a Wagtail workflow: Wagtail's "reject" means "request changes" (the
object goes back to its author and may be resubmitted), while an executive's decline is final
and must be told to the agency; the director's step picks a person, and the last two steps
(a page published, the agency told) are facts about other records, not approvals of this one.
`publication.letters.views` therefore offers one small admin view per step, each checking the
actor's group and the current step under a row lock. The snippet keeps Wagtail's moderation
mixins (revisions, locking, draft state) so editing while registered is versioned and lockable.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from publication.letters.forms import ExternalRequestForm

#: The private collection every letter attachment lives in (see `letters.provisioning`).
LETTERS_COLLECTION = "หนังสือราชการ (ลับเฉพาะ)"


class ExternalRequestStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered (not yet submitted)")
    AWAITING_DECISION = "awaiting_decision", _("Awaiting the executives' decision")
    AWAITING_ASSIGNMENT = "awaiting_assignment", _("Approved, awaiting assignment by the ARIT Director")
    ASSIGNED = "assigned", _("Webmaster assigned, awaiting publication")
    PUBLISHED = "published", _("Published, agency not yet notified")
    DECLINED = "declined", _("Declined, agency not yet notified")
    CLOSED = "closed", _("Case closed")


OPEN_STATUSES = [s for s in ExternalRequestStatus if s != ExternalRequestStatus.CLOSED]


class NotificationChannel(models.TextChoices):
    TELEPHONE = "telephone", _("Telephone")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Reply letter")
    OTHER = "other", _("Other channel")


class ExternalRequestQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=ExternalRequestStatus.CLOSED)


class ExternalRequest(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """One official letter from an external agency asking the university to publish something."""

    agency_name = models.CharField(_("External agency"), max_length=255, help_text=_("e.g. “Phetchabun Provincial Office”"))
    contact_person = models.CharField(_("Contact person"), max_length=255)
    contact_phone = models.CharField(_("Contact person's phone"), max_length=50, blank=True)
    contact_email = models.EmailField(
        _("Contact person's email"),
        blank=True,
        error_messages={"invalid": _("Invalid email address format, e.g. saraban@phetchabun.go.th")},
    )
    letter_number = models.CharField(
        _("Letter number"), max_length=100, help_text=_("As it appears on the letter, e.g. “PH 0017.2/W 1234”")
    )
    letter_date = models.DateField(_("Dated"))
    received_on = models.DateField(_("Date received"), default=datetime.date.today)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Receiving officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave blank and the system will record the person who registers the letter"),
    )
    subject = models.CharField(_("Letter subject"), max_length=255)
    requested_content = models.TextField(_("Content requested for publication"))
    publish_from = models.DateField(_("Publication requested from"), null=True, blank=True)
    publish_until = models.DateField(_("To date"), null=True, blank=True)

    status = models.CharField(
        _("Step"),
        max_length=30,
        choices=ExternalRequestStatus.choices,
        default=ExternalRequestStatus.REGISTERED,
        editable=False,
    )
    step_started_at = models.DateTimeField(_("Entered this step at"), default=timezone.now, editable=False)
    decision_reason = models.TextField(_("Reason for declining / executive's comments"), blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Deciding executive"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Decided at"), null=True, blank=True, editable=False)
    compliance_attested = models.BooleanField(
        _("Content attested as compliant with the Official Information Act 2540 and the Computer Crime Act 2560"),
        default=False,
        editable=False,
    )
    assigned_webmaster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Assigned webmaster"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Assigned by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("Assigned at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("Closed at"), null=True, blank=True, editable=False)

    base_form_class = ExternalRequestForm

    history = HistoricalRecords(excluded_fields=["latest_revision", "locked", "locked_at", "locked_by"])
    objects = ExternalRequestQuerySet.as_manager()

    search_fields = [
        index.SearchField("subject"),
        index.SearchField("agency_name"),
        index.SearchField("letter_number"),
        index.AutocompleteField("subject"),
        index.FilterField("status"),
    ]

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("letter_number"), FieldPanel("letter_date")]),
                FieldRowPanel([FieldPanel("received_on"), FieldPanel("received_by")]),
            ],
            heading=_("Official letter"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("agency_name"),
                FieldPanel("contact_person"),
                FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("contact_email")]),
            ],
            heading=_("Requesting agency"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("subject"),
                FieldPanel("requested_content"),
                FieldRowPanel([FieldPanel("publish_from"), FieldPanel("publish_until")]),
            ],
            heading=_("What is to be published"),
        ),
        # The upload field is declared on ExternalRequestForm (publication/letters/forms.py).
        FieldPanel("letter_files", heading=_("Letter files (PDF, JPEG or PNG, up to 10 MB)")),
    ]

    class Meta:
        verbose_name = _("External agency letter")
        verbose_name_plural = _("External agency letters")
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.letter_number} {self.subject}"

    def clean(self):
        super().clean()
        if self.publish_from and self.publish_until and self.publish_until < self.publish_from:
            raise ValidationError({"publish_until": _("The publication end date cannot be before the start date")})
        if self.letter_date and self.received_on and self.received_on < self.letter_date:
            raise ValidationError({"received_on": _("The date received cannot be before the date of the letter")})

    @property
    def is_open(self) -> bool:
        return self.status != ExternalRequestStatus.CLOSED

    def due_at(self) -> datetime.datetime:
        from publication.moderation.reminders import add_working_days

        return add_working_days(self.step_started_at, settings.MODERATION_OVERDUE_WORKING_DAYS)

    def is_overdue(self, now: datetime.datetime | None = None) -> bool:
        """Waiting at one step longer than MODERATION_OVERDUE_WORKING_DAYS working days."""
        return self.is_open and self.status != ExternalRequestStatus.REGISTERED and self.due_at() <= (now or timezone.now())

    @property
    def overdue_marker(self) -> str:
        """ "เกินกำหนด" or empty: the export's overdue column."""
        return str(_("Overdue")) if self.is_overdue() else ""

    @property
    def agency_notification(self):
        return self.agency_notifications.order_by("-notified_on", "-pk").first()

    @property
    def notice_page(self):
        return ExternalNoticePage.objects.filter(external_request=self).order_by("-pk").first()


class ExternalRequestAttachment(models.Model):
    """One file of the letter: a Wagtail document in the private collection."""

    #: Said when someone tries to delete the document (`organisation.middleware.ProtectedDeletionMiddleware`).
    deletion_protection_reason = _("it is a file of an official letter from an external agency, kept as evidence")

    request = models.ForeignKey(ExternalRequest, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=pgettext_lazy("letter attachment", "File"), on_delete=models.PROTECT, related_name="+"
    )
    original_name = models.CharField(_("Original file name"), max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("Uploaded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Letter file")
        verbose_name_plural = _("Letter files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


@receiver(models.signals.pre_save, sender="wagtaildocs.Document", dispatch_uid="pcru_letter_document_guard")
def _letter_documents_are_immutable(sender, instance, raw=False, **kwargs):
    """On every save path (admin views, API, shell): a letter's file never changes, nothing moves in or
    out of the letters collection, and a new letter file is checked by content (`publication.letters`)."""
    if raw:  # fixtures and serialized test databases restore rows as they were
        return
    from publication.letters.privacy import guard_letter_document

    guard_letter_document(instance)


class ExternalRequestStep(models.Model):
    """The log of a request: who moved it to which step, when, and why."""

    request = models.ForeignKey(ExternalRequest, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(_("Step"), max_length=30, choices=ExternalRequestStatus.choices)
    action = models.CharField(_("Action taken"), max_length=255)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Actor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("When"), default=timezone.now)
    note = models.TextField(_("Note"), blank=True)

    class Meta:
        verbose_name = _("Letter step")
        verbose_name_plural = _("Letter steps")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} — {self.action}"


class AgencyNotification(models.Model):
    """How and when the agency was told of the outcome (P1.4(6)); a request cannot close without one."""

    request = models.ForeignKey(ExternalRequest, on_delete=models.CASCADE, related_name="agency_notifications")
    channel = models.CharField(_("Channel"), max_length=20, choices=NotificationChannel.choices)
    notified_on = models.DateField(_("Date notified"), default=datetime.date.today)
    note = models.TextField(_("Details"), blank=True, help_text=_("e.g. “Phoned Khun Somchai at 10.30, acknowledged”"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("Recorded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("External agency notification")
        verbose_name_plural = _("External agency notifications")
        ordering = ["-notified_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.notified_on:%d/%m/%Y}"


from .notices import ExternalNoticeIndexPage, ExternalNoticePage  # noqa: E402, F401  (the notice pages, P1.4(5))
