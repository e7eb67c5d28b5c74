"""Admin side of moderation: the publish guard on the edit view, bulk publish, acting heads,
the publication register (ทะเบียนการเผยแพร่), form ARIT-011 as PDF and the overdue panel."""

from __future__ import annotations

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.encoding import uri_to_iri
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from publication.moderation.checks import describe_finding, is_checked_page
from publication.moderation.gate import acknowledge_warnings, decide, final_step_allowed, is_gated, path_label, publishing_as
from publication.moderation.models import PublicationRecord, RegisterAction
from publication.organisation.exports import BANGKOK, ThaiSpreadsheetExportMixin, decompose_sara_am
from publication.organisation.models import Unit

# --- Early answers of the gate: refuse before Wagtail writes, keep the draft ----------------------------
# The gate itself is in the models' save() (publication.moderation.gate); these hooks ask it first where a view can
# still keep what the user typed and say why in Thai.


def _report(request, decision) -> None:
    messages.error(request, decision.blocked().summary())
    for line in decision.blocked().lines():
        messages.error(request, line)


@hooks.register("before_publish_page")
def block_publishing_with_policy_errors(request, page):
    """The edit and create views saved the draft already: refuse here and it stays a draft.

    Warnings that no approver acknowledged send a final approver to the acknowledgement form,
    where ticking the box records the acknowledgement and publishes.
    """
    page = page.specific
    revision = page.latest_revision
    if not is_gated(page) or revision is None:
        return None
    decision = decide(revision.as_object(), revision, request.user)
    if decision.allowed:
        return None
    if decision.needs_acknowledgement_only and final_step_allowed(page, request.user):
        messages.warning(request, _("This content has policy-check warnings. Please read and confirm them before publishing."))
        return redirect("publication_acknowledge_publish", page.pk, revision.pk)
    messages.error(request, _("Cannot be published yet; it has been saved as a draft."))
    _report(request, decision)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def block_bulk_publish_with_policy_errors(request, action_type, objects, action_class_instance):
    """Bulk publish of items the gate refuses publishes none of them and lists each with its reasons."""
    if action_type != "publish":
        return None
    candidates = [obj.specific if isinstance(obj, Page) else obj for obj in objects]
    if request.POST.get("include_descendants"):
        # Wagtail also publishes the drafts below each selected page that the user may publish.
        for page in [c for c in candidates if isinstance(c, Page)]:
            for draft in page.get_descendants().not_live().specific():
                if draft.permissions_for_user(request.user).can_publish():
                    candidates.append(draft)
    refused = []
    for page in candidates:
        revision = getattr(page, "latest_revision", None)
        if not is_gated(page) or revision is None:
            continue
        decision = decide(revision.as_object(), revision, request.user, path="bulk_action")
        if not decision.allowed:
            refused.append((page.title, decision.blocked().lines()))
    if not refused:
        return None
    messages.error(
        request,
        format_html(
            "{}<ul>{}</ul>",
            _("Nothing was published: the following items cannot be published yet"),
            format_html_join(
                "",
                "<li><strong>{}</strong><ul>{}</ul></li>",
                ((title, format_html_join("", "<li>{}</li>", ((line,) for line in lines))) for title, lines in refused),
            ),
        ),
    )
    return redirect(request.GET.get("next") or reverse("wagtailadmin_explore_root"))


class AcknowledgeAndPublishForm(forms.Form):
    acknowledge_warnings = forms.BooleanField(
        label=_("I have read every policy-check warning and confirm that the content may be published"),
        error_messages={"required": _("Please confirm that you have read the warnings before publishing.")},
    )


def acknowledge_and_publish_view(request, page_id: int, revision_id: int):
    """A final approver publishing directly reads the warnings, ticks, and publishes (recorded on the check)."""
    from wagtail.actions.publish_page_revision import PublishPageRevisionAction

    page = get_object_or_404(Page, pk=page_id).specific
    revision = get_object_or_404(page.revisions, pk=revision_id)
    if not is_gated(page) or not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    decision = decide(revision.as_object(), revision, request.user, path="acknowledge")
    form = AcknowledgeAndPublishForm(request.POST or None)
    if decision.errors or decision.chain:
        _report(request, decision)
        return redirect("wagtailadmin_pages:edit", page.pk)
    if request.method == "POST" and form.is_valid():
        acknowledge_warnings(revision, request.user)
        with publishing_as(request.user, "acknowledge"):
            PublishPageRevisionAction(revision, user=request.user).execute()
        messages.success(
            request, _("“%(title)s” has been published and the acknowledgement of its warnings recorded.") % {"title": page.title}
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(
        request,
        "moderation/acknowledge_publish.html",
        {
            "form": form,
            "page": page,
            "warnings": [describe_finding(f).removeprefix("• ") for f in decision.warnings],
            "header_title": _("Acknowledge warnings, then publish"),
            "page_title": _("Acknowledge warnings, then publish"),
        },
    )


# --- Acting heads (รักษาราชการแทน) ---------------------------------------------------------------


# --- Publication register ---------------------------------------------------------------------


class PublicationRegisterFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=Unit.objects.all())
    published_at = django_filters.DateFromToRangeFilter(label=_("Published between"), widget=DateRangePickerWidget)
    action = django_filters.ChoiceFilter(label=_("Register entry"), choices=RegisterAction.choices)

    class Meta:
        model = PublicationRecord
        fields = ["unit", "published_at", "action"]


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


class PublicationRegisterView(ThaiSpreadsheetExportMixin, ReportView):
    page_title = _("Publication register")
    header_icon = "list-ul"
    index_url_name = "publication_register"
    index_results_url_name = "publication_register_results"
    results_template_name = "moderation/register_results.html"
    filterset_class = PublicationRegisterFilterSet
    model = PublicationRecord
    paginate_by = 50
    list_export = [
        "title",
        "url",
        "unit.name_th",
        "editor_name",
        "submitted_at",
        "head_approver_name",
        "head_approved_at",
        "head_comment",
        "webmaster_approver_name",
        "webmaster_approved_at",
        "published_at",
        "published_by_name",
        "publish_path_label",
        "unit_notified_at",
        "warnings_acknowledged",
        "action_label",
        "reason",
    ]
    export_headings = {
        "title": pgettext_lazy("content", "Title"),
        "url": _("Public link"),
        "unit.name_th": _("Unit"),
        "editor_name": _("Content owner"),
        "submitted_at": _("Submitted for approval at"),
        "head_approver_name": _("Approving head"),
        "head_approved_at": _("Head approved at"),
        "head_comment": _("Head's comment"),
        "webmaster_approver_name": _("Approving webmaster"),
        "webmaster_approved_at": _("Webmaster approved at"),
        "published_at": _("Published at"),
        "published_by_name": _("Published by"),
        "publish_path_label": _("Publishing channel"),
        "unit_notified_at": _("Unit notified at"),
        "warnings_acknowledged": _("Acknowledged warnings"),
        "action_label": _("Register entry"),
        "reason": _("Reason for the takedown"),
    }

    columns = [
        Column("title", label=pgettext_lazy("content", "Title")),
        Column("action_label", label=_("Register entry")),
        Column("unit", label=_("Unit")),
        Column("editor_name", label=_("Content owner")),
        DateColumn("submitted_at", label=_("Submitted at")),
        Column("head_approval", label=_("Head's approval")),
        Column("webmaster_approval", label=_("Webmaster's approval")),
        DateColumn("published_at", label=_("Published at")),
        Column("published_by_name", label=_("Published by")),
        Column("publish_path_label", label=_("Channel")),
        DateColumn("unit_notified_at", label=_("Unit notified at")),
        Column("warnings_acknowledged", label=_("Acknowledged warnings")),
        Column("reason", label=_("Reason for the takedown")),
    ]

    def get_filename(self):
        return "publication-register"

    def get_queryset(self):
        return PublicationRecord.objects.select_related("unit", "editor", "head_approver", "webmaster_approver", "published_by").order_by(
            "-published_at"
        )

    def decorate_paginated_queryset(self, object_list):
        for record in object_list:
            record.editor_name = _name(record.editor)
            record.head_approver_name = _name(record.head_approver)
            record.webmaster_approver_name = _name(record.webmaster_approver)
            record.head_approval = " ".join(filter(None, [_name(record.head_approver), record.head_comment and f"({record.head_comment})"]))
            record.webmaster_approval = _name(record.webmaster_approver)
            record.published_by_name = _name(record.published_by)
            record.publish_path_label = path_label(record.publish_path)
            record.action_label = record.get_action_display()
        return object_list

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(self.decorate_paginated_queryset(list(queryset)), spreadsheet_format)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("moderation.view_publicationrecord"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# --- Form ARIT-011 (แบบฟอร์มการขอเผยแพร่ข้อมูล) ---------------------------------------------------


def arit_011_pdf(request, page_id: int):
    """The filled publication request form of a page's latest submission, as a Thai PDF.

    One or more A4 pages (`moderation/arit_011.html`: fixed table layout, wrapping cells, the table
    header repeated on every page), for whoever may edit the page, the register's readers and the
    page's unit approvers; anyone else gets PermissionDenied.
    """
    from weasyprint import HTML

    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit() and not request.user.has_perm("moderation.view_publicationrecord"):
        from publication.organisation.models import unit_approvers

        if not unit_approvers(getattr(page, "owner_unit", None)).filter(pk=request.user.pk).exists():
            raise PermissionDenied
    from wagtail.models import TaskState, WorkflowState

    state = (
        WorkflowState.objects.filter(base_content_type_id=page.get_base_content_type().pk, object_id=str(page.pk))
        .select_related("requested_by")
        .order_by("-created_at")
        .first()
    )
    head_state = None
    if state is not None:
        head_state = (
            state.task_states.filter(status=TaskState.STATUS_APPROVED, task__name__isnull=False)
            .select_related("finished_by", "task")
            .order_by("started_at")
            .first()
        )
    public_url = page.full_url or ""
    # The form states Bangkok times whatever time zone the downloader chose in their account.
    with timezone.override(BANGKOK):
        html = render_to_string(
            "moderation/arit_011.html",
            {
                "page": page,
                "unit": getattr(page, "owner_unit", None),
                "state": state,
                "requester": state.requested_by if state else page.owner,
                "head_state": head_state,
                "head_comment": head_state.get_comment() if head_state else "",
                "public_url": public_url,
                # A Thai slug is read as Thai, not as %E0%B8%… (the link itself stays encoded).
                "public_url_text": uri_to_iri(public_url),
                "summary": getattr(page, "summary", "") or getattr(page, "intro", ""),
                "font_base": (settings.BASE_DIR / "static" / "fonts" / "sarabun").as_uri(),
            },
            request=request,
        )
    # A4, text that copies as text (sara am written out, see decompose_sara_am), Sarabun or the TLWG fonts.
    pdf = HTML(string=decompose_sara_am(html), base_url=str(settings.BASE_DIR)).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ARIT-011-page-{page.pk}.pdf"'
    return response


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("register/", PublicationRegisterView.as_view(), name="publication_register"),
        path("register/results/", PublicationRegisterView.as_view(results_only=True), name="publication_register_results"),
        path("pages/<int:page_id>/arit-011.pdf", arit_011_pdf, name="publication_arit_011"),
        path(
            "pages/<int:page_id>/acknowledge-publish/<int:revision_id>/",
            acknowledge_and_publish_view,
            name="publication_acknowledge_publish",
        ),
    ]


class RegisterMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("moderation.view_publicationrecord")


@hooks.register("register_reports_menu_item")
def register_register_menu_item():
    return RegisterMenuItem(_("Publication register"), reverse("publication_register"), icon_name="list-ul", order=50)


@hooks.register("register_page_header_buttons")
def arit_011_button(page, user, view_name=None, next_url=None):
    from wagtail.admin.widgets import Button

    if is_checked_page(page.specific_deferred):
        yield Button(
            _("Form ARIT-011 (PDF)"),
            reverse("publication_arit_011", args=[page.pk]),
            icon_name="doc-full",
            priority=60,
        )


# --- Overdue items on the dashboard -----------------------------------------------------------
# Shown by the "My work" panels of heads and webmasters: publication.moderation.panels.
