"""Forms of P1.4: the letter's registration form (with its files) and the step forms.

Letter files are accepted by what they contain, never by their names, through the site's one content
checker (`organisation.uploads`): a complete PDF, or a JPEG or PNG within the pixel limit; no program,
web-page code or file hidden in another; the name's extension matching the content. They are evidence,
so they are kept byte for byte (never re-encoded). A refused file re-renders the form with every other
field as typed (browsers never keep a file input, so the Thai message asks for the file again).
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from publication.organisation.uploads import Limits, check_upload, max_image_pixels, read_upload

MAX_LETTER_FILE_SIZE = 10 * 1024 * 1024
LETTER_KINDS = ("pdf", "jpg", "jpeg", "png")


def letter_limits() -> Limits:
    """Letters: PDF, JPEG or PNG, 10 MB per file, images within Wagtail's pixel limit."""
    return Limits(LETTER_KINDS, MAX_LETTER_FILE_SIZE, max_image_pixels())


def sniff_letter_file(data: bytes, name: str) -> str:
    """The kind of a letter file from its bytes ("pdf", "jpg" or "png"), by the site's one content checker
    (`organisation.uploads.check_upload`); raises its Thai ValidationError naming `name`."""
    return check_upload(data, name, letter_limits())


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class LetterFilesField(forms.FileField):
    """Several files in one input; each is checked by content and size."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned, errors = [], []
        for upload in files:
            upload = super().clean(upload, initial)
            if not upload:
                continue
            try:
                # Letters are evidence: checked, never re-encoded (and never served publicly).
                data_bytes = read_upload(upload, letter_limits())
                kind = sniff_letter_file(data_bytes, upload.name)
            except forms.ValidationError as error:
                errors.append(error)
                continue
            cleaned.append((upload.name, kind, data_bytes))
        if errors:
            errors.append(
                forms.ValidationError(
                    _("Everything else you entered has been kept. Choose a valid file and save again"), code="files_kept_fields"
                )
            )
            raise forms.ValidationError(errors)
        if self.required and not cleaned:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return cleaned


class ExternalRequestForm(WagtailAdminModelForm):
    """Registration of a letter; new files become documents in the private letters collection."""

    letter_files = LetterFilesField(
        label=_("Letter files"),
        required=False,
        help_text=_(
            "PDF, JPEG or PNG, up to 10 MB per file. You can choose several files. The files are kept in the "
            "confidential archive and never published"
        ),
        error_messages={"required": _("Please attach at least 1 official letter file")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "letter_files" in self.fields and not (self.instance.pk and self.instance.attachments.exists()):
            self.fields["letter_files"].required = True
        if "received_by" in self.fields:
            self.fields["received_by"].queryset = get_user_model().objects.filter(is_active=True, is_staff=True)
        for name in ("letter_date", "received_on", "publish_from", "publish_until"):
            if name in self.fields:
                self.fields[name].widget = AdminDateInput()

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if commit:
            self.save_letter_files(instance)
        return instance

    def save_letter_files(self, instance) -> None:
        from publication.letters.steps import attach_letter_file, record_registration

        user = getattr(self, "for_user", None)
        if instance.received_by_id is None and user is not None:
            type(instance).objects.filter(pk=instance.pk).update(received_by=user)
            instance.received_by = user
        record_registration(instance, user)  # the log's first row, once
        for name, kind, data in self.cleaned_data.get("letter_files") or []:
            attach_letter_file(instance, name, kind, data, user)


# --- Step forms ---------------------------------------------------------------------------------


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve publication and assign ARIT to carry it out")), ("decline", _("Not approved"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a decision")},
    )
    reason = forms.CharField(
        label=_("Reason / comments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when declining, e.g. “The content is commercial advertising”"),
    )
    attest = forms.BooleanField(
        label=_(
            "I certify that I have reviewed it and that the approved content complies with the Official "
            "Information Act B.E. 2540 and the Computer-related Crime Act B.E. 2560"
        ),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == "approve" and not cleaned.get("attest"):
            self.add_error(
                "attest",
                _("Approval requires certifying that the content complies with the Official Information Act and the Computer Crime Act"),
            )
        if decision == "decline" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Please give the reason for declining, so that the requesting agency can be told"))
        return cleaned


class AssignForm(forms.Form):
    webmaster = forms.ModelChoiceField(
        label=_("Assign a webmaster"),
        queryset=get_user_model().objects.none(),
        error_messages={"required": _("Please choose the responsible webmaster")},
    )
    note = forms.CharField(label=_("Instructions"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from publication.organisation.provisioning import WEBMASTERS

        self.fields["webmaster"].queryset = get_user_model().objects.filter(is_active=True, groups__name=WEBMASTERS).order_by("first_name")
        self.fields["webmaster"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class AgencyNotificationForm(forms.Form):
    channel = forms.ChoiceField(label=_("Notification channel"), error_messages={"required": _("Please choose a channel")})
    notified_on = forms.DateField(label=_("Date notified"), widget=AdminDateInput(), initial=timezone.localdate)
    note = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from publication.letters.models import NotificationChannel

        self.fields["channel"].choices = NotificationChannel.choices

    def clean_notified_on(self):
        day = self.cleaned_data["notified_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The notification date cannot be in the future"))
        return day


__all__ = [
    "AgencyNotificationForm",
    "AssignForm",
    "DecisionForm",
    "ExternalRequestForm",
    "MAX_LETTER_FILE_SIZE",
]
