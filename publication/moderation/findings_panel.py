"""Policy findings in the editor, live (issue 12 item 1): a side panel and the JSON endpoint behind it.

The panel is a Wagtail side panel (`BaseSidePanel`) added by the edit and create views of our page
types (a `PageViewSet` per gated page model, registered in `wagtail_hooks`) and of the unit snippets
(`UnitRequestEditView`). Its script posts the editor's whole form, shortly after typing stops, to an
endpoint built on Wagtail's own preview views: the form is bound exactly as the preview binds it
(`PreviewOnEditView.get_form`), so what is checked is what would be saved; nothing is saved.

The endpoint is CSRF-protected (Django's middleware; the form's token is posted with it),
permission-checked (edit permission on the page or snippet, add permission on the parent page),
size-limited (`POLICY_FINDINGS_MAX_BYTES`, HTTP 413) and rate-limited per user
(django-ratelimit, `POLICY_FINDINGS_RATE`, HTTP 429); every answer is JSON with a Thai `message`.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.core import is_ratelimited
from wagtail.admin.ui.side_panels import BaseSidePanel
from wagtail.admin.views.generic.preview import PreviewOnEdit as GenericPreviewOnEdit
from wagtail.admin.views.pages.create import CreateView as PageCreateView
from wagtail.admin.views.pages.edit import EditView as PageEditView
from wagtail.admin.views.pages.preview import PreviewOnCreateView, PreviewOnEditView
from wagtail.admin.viewsets.pages import PageViewSet

from publication.moderation.autosave import AutosaveSafePageCreateMixin
from publication.moderation.checks import field_label, is_checked_page, latest_check_for, run_checks, show_invisible
from publication.moderation.forms import bind_child_formsets

logger = logging.getLogger("publication.publishing")

#: Largest form the endpoint reads, in bytes (a long news page with tables is well under 200 KB).
MAX_BYTES_DEFAULT = 1_000_000
#: Checks per user (django-ratelimit rate): typing re-checks at most every ~1 s.
RATE_DEFAULT = "60/m"
SEVERITY_LABELS = {
    "error": gettext_lazy("Must be corrected"),
    "warning": gettext_lazy("Needs the approver's acknowledgement"),
    "info": gettext_lazy("Advice"),
}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def serialise_findings(findings: list[dict], model=None) -> list[dict]:
    """Findings (dicts of `Finding.as_dict()` plus `field`) as the panel shows them.

    Each gets `field_label` (Thai) and `severity_label`; the list is sorted errors first, then by
    the field's place in the form. Returns a new list of new dicts.
    """
    out = []
    for finding in findings:
        item = {key: finding.get(key) for key in ("rule", "severity", "message", "match", "start", "end", "suggestion")}
        item["field"] = finding.get("field") or ""
        item["field_label"] = field_label(item["field"], model) if item["field"] else _("Whole content")
        item["severity_label"] = str(SEVERITY_LABELS.get(item["severity"], item["severity"]))
        item["match_display"] = show_invisible(item["match"] or "")
        out.append(item)
    out.sort(key=lambda f: (SEVERITY_ORDER.get(f["severity"], 3), f["field"]))
    return out


def unstorable_findings(form) -> list[dict]:
    """What the form refused as text no database can store (`StorableTextFormMixin.unstorable_text`),
    as findings of rule "unstorable-text", severity error, named by field (and block) like the checks'."""
    findings = []
    for name, problem in getattr(form, "unstorable_text", {}).items():
        field = name if problem.block_index is None else f"{name}[{problem.block_index}].{problem.block_type}"
        findings.append(
            {"rule": "unstorable-text", "severity": "error", "message": problem.message, "match": problem.excerpt, "field": field}
        )
    return findings


class PolicyFindingsSidePanel(BaseSidePanel):
    """The "ตรวจนโยบาย" side panel: the draft's findings by field and severity, re-checked live."""

    class SidePanelToggle(BaseSidePanel.SidePanelToggle):
        aria_label = gettext_lazy("Toggle policy checks")
        icon_name = "warning"
        counter_classname = "w-bg-critical-200"

        def get_context_data(self, parent_context):
            context = super().get_context_data(parent_context)
            context["count"] = len(self.panel.initial_findings)
            return context

    name = "policy-findings"
    title = gettext_lazy("Policy checks")
    template_name = "moderation/side_panels/policy_findings.html"
    order = 340

    def __init__(self, object, request, *, endpoint_url: str):
        super().__init__(object, request)
        self.endpoint_url = endpoint_url
        self.initial_findings = self._initial_findings()

    def _initial_findings(self) -> list[dict]:
        if not getattr(self.object, "pk", None):
            return []
        try:
            check = latest_check_for(self.object)
        except Exception:  # a broken check must not break the editor
            logger.exception("Could not load the stored check of %r", self.object)
            return []
        return serialise_findings(check.findings if check else [], self.model)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            endpoint_url=self.endpoint_url,
            findings=self.initial_findings,
            max_bytes=getattr(settings, "POLICY_FINDINGS_MAX_BYTES", MAX_BYTES_DEFAULT),
        )
        return context

    @property
    def media(self):
        from django import forms

        return forms.Media(
            js=["moderation/js/policy-findings.js"],
            css={"all": ["moderation/css/policy-findings.css"]},
        )


# --- the JSON endpoint ------------------------------------------------------------------------


def _refusal(status: int, message: str) -> JsonResponse:
    return JsonResponse({"message": message, "findings": []}, status=status, json_dumps_params={"ensure_ascii": False})


class FindingsEndpointMixin:
    """Turns a Wagtail preview view into the findings endpoint: POST the form, get findings."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        return self.refuse(request) or super().dispatch(request, *args, **kwargs)

    def refuse(self, request) -> JsonResponse | None:
        """A 413/429 JSON answer for an oversized or too frequent request, else None."""
        limit = getattr(settings, "POLICY_FINDINGS_MAX_BYTES", MAX_BYTES_DEFAULT)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            logger.info("Policy findings refused for %s: %d bytes", request.user, length)
            return _refusal(413, _("The content is too long to check while typing; it will be checked when you submit."))
        rate = getattr(settings, "POLICY_FINDINGS_RATE", RATE_DEFAULT)
        if is_ratelimited(request, group="policy-findings", key="user", rate=rate, method="POST", increment=True):
            return _refusal(429, _("Checking too often; the findings will refresh in a moment."))
        return None

    def post(self, request, *args, **kwargs):
        try:
            form = self.get_form(request.POST)
            self.validate_form(form)  # binds the valid fields onto form.instance; never saves
            bind_child_formsets(form)  # and the children typed in its inline panels (correction notices)
        except (KeyError, ValueError, TypeError):  # a form posted half-built (a block still loading)
            logger.info("Live policy check of an incomplete form at %s", request.path, exc_info=True)
            return _refusal(400, _("The form is still loading; the findings will appear in a moment."))
        try:
            findings = run_checks(form.instance)
        except ObjectDoesNotExist:  # a field the form refused (a unit that does not exist) left no related object
            logger.info("Live policy check of a form with missing related objects at %s", request.path, exc_info=True)
            return _refusal(400, _("Some fields are not filled in correctly yet; the findings will appear once they are."))
        except Exception:
            logger.exception("Live policy check failed for %r", form.instance)
            return _refusal(500, _("The policy checks are not working right now; your work is not affected."))
        items = serialise_findings(unstorable_findings(form) + findings, type(form.instance))
        counts = {severity: sum(1 for f in items if f["severity"] == severity) for severity in SEVERITY_LABELS}
        return JsonResponse({"findings": items, "counts": counts}, json_dumps_params={"ensure_ascii": False})


class PageFindingsOnEditView(FindingsEndpointMixin, PreviewOnEditView):
    """POST `/admin/policy-findings/pages/<page_id>/edit/`: findings of the page form's content."""


class PageFindingsOnCreateView(FindingsEndpointMixin, PreviewOnCreateView):
    """POST `/admin/policy-findings/pages/add/<app>/<model>/<parent_page_id>/`: same, for a new page."""

    def get_form(self, query_dict):
        # PreviewOnCreateView sets a URL path only on a valid form; findings need no URL.
        return PreviewOnEditView.get_form(self, query_dict)


class SnippetFindingsView(FindingsEndpointMixin, GenericPreviewOnEdit):
    """POST `<snippet admin>/policy-findings/<pk>/` (or `…/policy-findings/` when creating)."""

    def dispatch(self, request, *args, **kwargs):
        # Wagtail's preview view answers 404 for models without previews; findings need none, so
        # its dispatch is skipped (the permission check of PermissionCheckedMixin still runs).
        return self.refuse(request) or super(GenericPreviewOnEdit, self).dispatch(request, *args, **kwargs)

    def get_object(self):
        if "pk" in self.kwargs:
            return super().get_object()
        if not self.user_has_permission("add"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return self.model()


# --- where the panel appears -------------------------------------------------------------------


def with_findings_panel(side_panels, obj, request, endpoint_url: str):
    """`side_panels` (a Wagtail `MediaContainer`) with the findings panel added for checked content."""
    if is_checked_page(obj):
        side_panels.append(PolicyFindingsSidePanel(obj, request, endpoint_url=endpoint_url))
    return side_panels


class FindingsPageEditView(PageEditView):
    def get_side_panels(self):
        url = reverse("policy_findings_page_edit", args=[self.page.pk])
        return with_findings_panel(super().get_side_panels(), self.page, self.request, url)


class AutosaveSafePageCreateView(AutosaveSafePageCreateMixin, PageCreateView):
    pass


class FindingsPageCreateView(AutosaveSafePageCreateMixin, PageCreateView):
    def get_side_panels(self):
        url = reverse(
            "policy_findings_page_add",
            args=[self.page_content_type.app_label, self.page_content_type.model, self.parent_page.pk],
        )
        return with_findings_panel(super().get_side_panels(), self.page, self.request, url)


class GatedPageViewSet(PageViewSet):
    """The admin views of one gated page type: Wagtail's, with the findings panel."""

    edit_view_class = FindingsPageEditView
    add_view_class = FindingsPageCreateView


class AutosaveSafePageViewSet(PageViewSet):
    """The admin views of a gated page type without a unit (home, indexes): Wagtail's, autosave-safe."""

    add_view_class = AutosaveSafePageCreateView


def gated_page_viewsets() -> list[PageViewSet]:
    """One viewset per concrete gated page model: with the findings panel where a unit owns the page
    (`UnitOwnedPageMixin`), autosave-safe creation on all (`GatedPageMixin`)."""
    from publication.moderation.checks import _concrete_subclasses
    from publication.moderation.gate import GatedPageMixin, UnitOwnedPageMixin

    def name(model):
        return f"gated_{model._meta.label_lower.replace('.', '_')}"

    return [
        GatedPageViewSet(name(model), model=model)
        if issubclass(model, UnitOwnedPageMixin)
        else AutosaveSafePageViewSet(name(model), model=model)
        for model in _concrete_subclasses(GatedPageMixin)
    ]
