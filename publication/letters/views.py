"""Admin of P1.4: the letters' snippet (listing by step, overdue marker, export) and the step views.

The listing, create and edit views are Wagtail's snippet views, so the model permissions given
in `LettersConfig.role_permissions` decide who reaches them (unit editors have none: 403);
the snippet's chooser, which Wagtail leaves open to every admin user, is closed the same way.
The step views live at /admin/external-requests/<pk>/… and ask `publication.letters.steps` whether
the user may act.
The guards that keep letter files private are in `wagtail_hooks`.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from publication.letters import steps
from publication.letters.forms import AgencyNotificationForm, AssignForm, DecisionForm
from publication.letters.models import ExternalRequest
from publication.letters.models import ExternalRequestStatus as Status
from publication.organisation.exports import ThaiExportViewSetMixin

EDITABLE_STATUSES = (Status.REGISTERED, Status.AWAITING_DECISION)


class OverdueColumn(Column):
    """A red Thai marker on requests waiting at one step longer than the working-day limit."""

    def get_value(self, instance):
        if instance.is_overdue():
            return format_html(
                '<span class="w-status w-status--label" style="background:#b00020;color:#fff">{}</span>',
                _("⚠ Overdue"),
            )
        if instance.status == Status.CLOSED:
            return "—"
        return _("By %(date)s") % {"date": instance.due_at().strftime("%d/%m/%Y")}


class ExternalRequestEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        obj = get_object_or_404(ExternalRequest, pk=kwargs.get("pk"))
        if obj.status not in EDITABLE_STATUSES:
            # After the decision the record is evidence: it is read in the step view, never edited.
            messages.warning(request, _("This letter has already been decided and can no longer be edited"))
            return redirect("publication_external_process", obj.pk)
        return super().dispatch(request, *args, **kwargs)

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Steps and history"),
                url=reverse("publication_external_process", args=[self.object.pk]),
                icon_name="tasks",
                priority=5,
            )
        )
        return buttons


class LettersReadersOnly:
    """Wagtail's snippet chooser checks no permission (any admin user may choose any snippet and gets its
    title back); a letter's number and subject are for the four central groups only."""

    def dispatch(self, request, *args, **kwargs):
        if not steps.can_view(request.user):
            return HttpResponseForbidden(_("You do not have permission to view external agency letters"))
        return super().dispatch(request, *args, **kwargs)


class ExternalRequestChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = type("ChooseView", (LettersReadersOnly, snippet_chooser.ChooseView), {})
    choose_results_view_class = type("ChooseResultsView", (LettersReadersOnly, snippet_chooser.ChooseResultsView), {})
    chosen_view_class = type("ChosenView", (LettersReadersOnly, snippet_chooser.SnippetChosenView), {})
    chosen_multiple_view_class = type(
        "ChosenMultipleView", (LettersReadersOnly, snippet_chooser.SnippetChosenMultipleView), {}
    )
    create_view_class = type("CreateView", (LettersReadersOnly, snippet_chooser.SnippetCreateView), {})


class ExternalRequestViewSet(ThaiExportViewSetMixin, SnippetViewSet):
    model = ExternalRequest
    # The admin URLs stay as they were before publication/ became several apps (issue 10).
    url_prefix = "snippets/publication/externalrequest"
    url_namespace = "wagtailsnippets_publication_externalrequest"
    chooser_base_url_path = "snippets/choose/publication/externalrequest"
    chooser_admin_url_namespace = "wagtailsnippetchoosers_publication_externalrequest"
    icon = "mail"
    menu_label = _("External agency letters")
    menu_order = 205  # before the rights requests (210), as it was when both were 210 in one app
    add_to_admin_menu = True
    url_prefix = "external-letters"
    edit_view_class = ExternalRequestEditView
    chooser_viewset_class = ExternalRequestChooserViewSet
    list_display = [
        "letter_number",
        Column("subject", label=_("Letter subject"), accessor="subject"),
        "agency_name",
        "status",
        OverdueColumn("overdue", label=_("Due")),
        Column(
            "process",
            label=_("Take action"),
            accessor=lambda obj: format_html('<a href="{}">{}</a>', reverse("publication_external_process", args=[obj.pk]), _("Step")),
        ),
    ]
    list_filter = ["status"]
    list_export = [
        "letter_number",
        "letter_date",
        "received_on",
        "agency_name",
        "contact_person",
        "subject",
        "status",
        "step_started_at",
        "assigned_webmaster",
        "overdue_marker",
    ]
    export_headings = {"overdue_marker": _("Overdue"), "status": _("Step"), "assigned_webmaster": _("Webmaster")}
    export_filename = "pcru-external-letters"
    search_fields = ["subject", "agency_name", "letter_number"]
    search_backend_name = None  # Thai substring match, as for units
    ordering = ["-received_on", "-pk"]


register_snippet(ExternalRequestViewSet)


# --- Step views -------------------------------------------------------------------------------------


def forbidden_as_403(view):
    """A plain 403 for people outside the procedure.

    Wagtail's admin turns PermissionDenied into a redirect to the dashboard; a letter's pages answer
    403 instead, so a unit editor (or a script) gets the same clear refusal as for its files.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return HttpResponseForbidden(_("You do not have permission to act on this external agency letter"))

    return wrapped


def _request_or_403(request, pk) -> ExternalRequest:
    if not steps.can_view(request.user):
        raise PermissionDenied
    return get_object_or_404(ExternalRequest.objects.select_related("received_by", "assigned_webmaster"), pk=pk)


def process_view(request, pk, *, forms=None):
    req = _request_or_403(request, pk)
    user = request.user
    forms = forms or {}
    context = {
        "object": req,
        "header_title": str(req),
        "page_title": _("Letter steps"),
        "header_icon": "mail",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home page")},
            {"url": reverse("wagtailsnippets_publication_externalrequest:list"), "label": _("External agency letters")},
            {"url": "", "label": str(req)},
        ],
        "steps_log": req.steps.select_related("actor"),
        "attachments": req.attachments.select_related("document"),
        "notifications": req.agency_notifications.select_related("recorded_by"),
        "notice_page": req.notice_page,
        "history": req.history.select_related("history_user").order_by("-history_date")[:50],
        "can_edit": req.status in EDITABLE_STATUSES and user.has_perm("letters.change_externalrequest"),
        "can_submit": steps.can_submit(user, req),
        "can_decide": steps.can_decide(user, req),
        "can_assign": steps.can_assign(user, req),
        "can_create_notice": steps.can_create_notice(user, req),
        "can_record_notification": steps.can_record_notification(user, req),
        "can_close": steps.can_close(user, req),
        "decision_form": forms.get("decide") or DecisionForm(),
        "assign_form": forms.get("assign") or AssignForm(),
        "notification_form": forms.get("notify") or AgencyNotificationForm(),
        "overdue": req.is_overdue(),
    }
    status = 400 if forms else 200
    return TemplateResponse(request, "letters/external_request_process.html", context, status=status)


def _done(request, req, message):
    messages.success(request, message)
    return redirect("publication_external_process", req.pk)


def _refused(request, req, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)
    return redirect("publication_external_process", req.pk)


@require_POST
def submit_view(request, pk):
    req = _request_or_403(request, pk)
    if not steps.can_submit(request.user, req):
        raise PermissionDenied
    try:
        steps.submit(req, request.user)
    except ValidationError as error:
        return _refused(request, req, error)
    return _done(request, req, _("Submitted to the executives for decision"))


@require_POST
def decide_view(request, pk):
    req = _request_or_403(request, pk)
    if not steps.can_decide(request.user, req):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return process_view(request, pk, forms={"decide": form})
    approve = form.cleaned_data["decision"] == "approve"
    try:
        steps.decide(req, request.user, approve=approve, reason=form.cleaned_data["reason"], attested=form.cleaned_data["attest"])
    except ValidationError as error:
        return _refused(request, req, error)
    return _done(request, req, _("Decision recorded") if approve else _("Decline recorded with its reason"))


@require_POST
def assign_view(request, pk):
    req = _request_or_403(request, pk)
    if not steps.can_assign(request.user, req):
        raise PermissionDenied
    form = AssignForm(request.POST)
    if not form.is_valid():
        return process_view(request, pk, forms={"assign": form})
    try:
        steps.assign(req, request.user, form.cleaned_data["webmaster"], form.cleaned_data["note"])
    except ValidationError as error:
        return _refused(request, req, error)
    return _done(request, req, _("Webmaster assigned"))


@require_POST
def create_notice_view(request, pk):
    req = _request_or_403(request, pk)
    if not steps.can_create_notice(request.user, req):
        raise PermissionDenied
    try:
        page = steps.create_notice(req, request.user)
    except ValidationError as error:
        return _refused(request, req, error)
    messages.success(request, _("Draft news page created. Review it, then click “Publish”"))
    return redirect("wagtailadmin_pages:edit", page.pk)


@require_POST
def notify_view(request, pk):
    req = _request_or_403(request, pk)
    if not steps.can_record_notification(request.user, req):
        raise PermissionDenied
    form = AgencyNotificationForm(request.POST)
    if not form.is_valid():
        return process_view(request, pk, forms={"notify": form})
    try:
        steps.record_notification(req, request.user, **form.cleaned_data)
    except ValidationError as error:
        return _refused(request, req, error)
    return _done(request, req, _("Notification of the requesting agency recorded"))


@require_POST
def close_view(request, pk):
    req = _request_or_403(request, pk)
    if not steps.can_close(request.user, req):
        raise PermissionDenied
    try:
        steps.close(req, request.user)
    except ValidationError as error:
        return _refused(request, req, error)
    return _done(request, req, _("Case closed"))


@hooks.register("register_admin_urls")
def register_external_urls():
    prefix = "external-requests/<int:pk>/"
    return [
        path(prefix, forbidden_as_403(process_view), name="publication_external_process"),
        path(prefix + "submit/", forbidden_as_403(submit_view), name="publication_external_submit"),
        path(prefix + "decide/", forbidden_as_403(decide_view), name="publication_external_decide"),
        path(prefix + "assign/", forbidden_as_403(assign_view), name="publication_external_assign"),
        path(prefix + "create-notice/", forbidden_as_403(create_notice_view), name="publication_external_create_notice"),
        path(prefix + "notify/", forbidden_as_403(notify_view), name="publication_external_notify"),
        path(prefix + "close/", forbidden_as_403(close_view), name="publication_external_close"),
    ]
