"""Admin of P1.2 rights requests: the scoped snippet, revoking, form ARIT-012 as PDF."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from publication.moderation.snippet_views import UnitRequestEditView, UnitScopedSnippetViewSet, get_scoped
from publication.organisation.exports import ThaiExportViewSetMixin, decompose_sara_am
from publication.organisation.permissions import UnitScopedPermissionPolicy, is_webmaster

from .grants import revoke_rights
from .models import RightsRequest


class RightsRequestEditView(UnitRequestEditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Form ARIT-012 (PDF)"),
                url=reverse("publication_arit_012", args=[self.object.pk]),
                icon_name="doc-full",
                priority=50,
            )
        )
        if self.object.granted_at and not self.object.revoked_at and is_webmaster(self.request.user):
            buttons.append(
                Button(
                    _("Revoke rights"),
                    url=reverse("publication_rights_revoke", args=[self.object.pk]),
                    icon_name="cross",
                    priority=60,
                )
            )
        return buttons


class RightsRequestViewSet(ThaiExportViewSetMixin, UnitScopedSnippetViewSet):
    model = RightsRequest
    # The admin URLs stay as they were before publication/ became several apps (issue 10).
    url_prefix = "snippets/publication/rightsrequest"
    url_namespace = "wagtailsnippets_publication_rightsrequest"
    chooser_base_url_path = "snippets/choose/publication/rightsrequest"
    chooser_admin_url_namespace = "wagtailsnippetchoosers_publication_rightsrequest"
    icon = "key"
    menu_label = _("Rights requests (ARIT-012)")
    add_to_admin_menu = True
    menu_order = 210
    edit_view_class = RightsRequestEditView
    list_display = [
        "__str__",
        "unit",
        "scope",
        Column("status_label", label=_("Status")),
        DateColumn("requested_date", label=_("Request date")),
    ]
    list_filter = ["unit", "scope"]
    export_filename = "publication_rightsrequest"  # the file name it had before the split into apps
    list_export = [
        "unit.name_th",
        "scope",
        "justification",
        "requested_date",
        "status_label",
        "granted_at",
        "revoked_at",
    ]
    export_headings = {
        "unit.name_th": _("Unit"),
        "scope": _("Scope of rights"),
        "justification": _("Reason"),
        "requested_date": _("Request date"),
        "status_label": _("Status"),
        "granted_at": _("Rights granted at"),
        "revoked_at": _("Revoked at"),
    }
    search_backend_name = None
    search_fields = ["justification"]


register_permission_policy(RightsRequest, UnitScopedPermissionPolicy(RightsRequest))
register_snippet(RightsRequestViewSet)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please give the reason for revoking the rights")},
    )


def revoke_view(request, pk: int):
    obj = get_scoped(RightsRequest, request, pk, "change")
    if not is_webmaster(request.user):
        raise PermissionDenied
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        revoke_rights(obj, request.user, form.cleaned_data["reason"])
        messages.success(request, _("The rights of %(unit)s have been revoked") % {"unit": obj.unit.name_th})
        return redirect("wagtailsnippets_publication_rightsrequest:edit", obj.pk)
    return TemplateResponse(
        request,
        "moderation/simple_form.html",
        {"form": form, "object": obj, "header_title": _("Revoke publishing rights"), "submit_label": _("Revoke rights")},
    )


def arit_012_pdf(request, pk: int):
    from weasyprint import HTML

    obj = get_scoped(RightsRequest, request, pk)
    state = obj.workflow_states.order_by("-created_at").select_related("requested_by").first()
    approvals = []
    if state is not None:
        approvals = list(state.task_states.filter(status="approved").select_related("task", "finished_by").order_by("started_at"))
    html = render_to_string(
        "rights/arit_012.html",
        {
            "obj": obj,
            "state": state,
            "approvals": [(ts.task.name, ts.finished_by, ts.finished_at, ts.get_comment()) for ts in approvals],
            "font_base": (settings.BASE_DIR / "static" / "fonts" / "sarabun").as_uri(),
        },
    )
    # Sara am written out, so every "า" and "ำ" copies as itself (see decompose_sara_am).
    response = HttpResponse(HTML(string=decompose_sara_am(html)).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ARIT-012-{obj.pk}.pdf"'
    return response


@hooks.register("register_admin_urls")
def register_rights_urls():
    return [
        path("rights-requests/<int:pk>/revoke/", revoke_view, name="publication_rights_revoke"),
        path("rights-requests/<int:pk>/arit-012.pdf", arit_012_pdf, name="publication_arit_012"),
    ]


@hooks.register("register_log_actions")
def register_rights_log_actions(actions):
    actions.register_action(
        "publication.rights_granted", _("Grant publishing rights"), _("The system granted the rights requested in form ARIT-012")
    )
    actions.register_action("publication.rights_revoked", _("Revoke publishing rights"), _("The webmaster revoked the rights"))
