"""Moderation forms: the policy-gated admin forms (pages and unit snippets) and the approval tasks' forms."""

from __future__ import annotations

import logging
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from publication.moderation.checks import PAGE_TEXT_FIELDS, describe_finding, run_checks
from publication.organisation.text_input import StorableTextFormMixin

logger = logging.getLogger("publication.publishing")

GATED_ACTIONS = ("action-submit", "action-publish", "action-restart-workflow")
INLINE_FIELDS = set(PAGE_TEXT_FIELDS)
#: A finding's key on an inline child's field: `<relation>[<index>].<field>`.
CHILD_KEY = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")


def bind_child_formsets(form) -> None:
    """Put the children of a page form's valid inline formsets (a page's correction notices) onto
    `form.instance` in memory, as `form.save(commit=False)` does later, so the checks read what was typed.

    Nothing is written to the database; Wagtail's comment formset is left to the view that saves it.
    """
    from wagtail.models import COMMENTS_RELATION_NAME

    for name, formset in getattr(form, "formsets", {}).items():
        if name != COMMENTS_RELATION_NAME and formset.is_valid():
            formset.save(commit=False)


class PolicyGateFormMixin:
    """Submitting for moderation (or publishing) runs the policy checks on the form's object.

    Error findings become form errors naming the field and the exact text; "Save draft" is never
    blocked, so nothing the editor typed is lost.
    """

    gate_inline_fields = INLINE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Fields with a callable default (NewsPage.date = today) get Django's hidden "initial" input,
        # which Wagtail's edit form never renders: the form would then always look changed, and every
        # workflow action taken from the edit view would save a new revision and restart the approval.
        for field in self.fields.values():
            field.show_hidden_initial = False

    def _post_clean(self):
        super()._post_clean()
        if self.errors or not any(self.data.get(action) for action in GATED_ACTIONS):
            return
        try:
            bind_child_formsets(self)
            findings = run_checks(self.instance)
        except Exception:  # the checks must never eat an editor's work
            logger.exception("Policy checks failed on form for %r", str(self.instance))
            self.add_error(
                None,
                ValidationError(
                    _("The policy checks are not working, so this cannot be submitted for approval yet. Please save a draft for now.")
                ),
            )
            return
        errors = [f for f in findings if f["severity"] == "error"]
        if not errors:
            return
        logger.info(
            "Submission of %r refused: %s",
            str(self.instance),
            "; ".join(f"{f['rule']} in {f.get('field')}: {f['match']!r}" for f in errors),
        )
        self.add_error(
            None,
            ValidationError(
                _(
                    "Cannot submit for approval or publish: text against the publishing guidelines was found "
                    "(findings: %(count)d). Please correct it and submit again (you can still save a draft)."
                )
                % {"count": len(errors)}
            ),
        )
        for finding in errors:
            self.add_error(None, ValidationError(describe_finding(finding, type(self.instance), bullet=False)))
            field = finding.get("field")
            if field in self.gate_inline_fields and field in self.fields:
                self.add_error(field, ValidationError(f"{finding['message']} — «{finding['match']}»"))
            else:
                self._add_child_error(field or "", finding)

    def _add_child_error(self, key: str, finding: dict) -> None:
        """Show a finding on an inline child's field too (`corrections[0].what_was_wrong`)."""
        match = CHILD_KEY.match(key)
        formset = getattr(self, "formsets", {}).get(match[1]) if match else None
        if formset is None:
            return
        children = list(getattr(self.instance, match[1]).all())
        index, name = int(match[2]), match[3]
        for child in formset.forms:
            if index < len(children) and child.instance is children[index] and name in child.fields:
                child.add_error(name, ValidationError(f"{finding['message']} — «{finding['match']}»"))


class UnitOwnedPageForm(StorableTextFormMixin, PolicyGateFormMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from publication.organisation.models import Unit

        if "owner_unit" not in self.fields:
            return
        derived = self._derived_owner()
        field = self.fields["owner_unit"]
        if derived is not None:
            field.queryset = Unit.objects.filter(pk=derived.pk)
            field.initial = derived.pk
            field.disabled = True
            field.help_text = _("Set automatically: this page is in the section of %(unit)s") % {"unit": derived.name_th}
        elif self.for_user is not None and not self.for_user.is_superuser and not self.for_user.groups.filter(name="Webmasters").exists():
            mine = Unit.objects.filter(editors=self.for_user) | Unit.objects.filter(heads=self.for_user)
            field.queryset = mine.distinct()
            if field.queryset.count() == 1 and not self.instance.owner_unit_id:
                field.initial = field.queryset.first().pk

    def _derived_owner(self):
        page = self.instance
        if page.pk and page.path:
            return page.derive_owner_unit()
        return page.derive_owner_unit(self.parent_page) if self.parent_page is not None else None

    def clean(self):
        cleaned = super().clean()
        derived = self._derived_owner()
        if derived is not None:
            cleaned["owner_unit"] = derived
        elif "owner_unit" in self.fields and not cleaned.get("owner_unit"):
            self.add_error("owner_unit", _("This page is not in any unit's section. Please choose the unit that owns the content."))
        return cleaned


class ApprovalForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class RequestChangesForm(forms.Form):
    comment = forms.CharField(
        label=_("Changes needed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=True,
        error_messages={
            "required": _("Please describe the changes needed, so that the person responsible for the content can make them correctly.")
        },
    )


class AcknowledgeWarningsForm(ApprovalForm):
    acknowledge_warnings = forms.BooleanField(
        label=_("I have read every policy-check warning and confirm that the content may be published"),
        required=True,
        error_messages={"required": _("Please confirm that you have read the warnings before approving.")},
    )
