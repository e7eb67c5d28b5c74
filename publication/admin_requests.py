"""Admin for P1.2 rights requests and P1.5 social posts: listings, revoke, ARIT-012, posting, calendar."""

from __future__ import annotations

import calendar
import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_list_or_404, get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from .models import UNIT_SNIPPET_MODELS, RightsRequest, SocialPost
from .permissions import (
    UnitScopedPermissionPolicy,
    is_webmaster,
    unit_items_for_user,
    units_for_user,
    user_may_see_unit_item,
)
from .rights import revoke_rights


class UnitScopedViewMixin:
    """Every snippet view of a unit's request or post answers only that unit's people and the webmasters.

    Wagtail's snippet views check model permissions only, and several check none (workflow history,
    chooser). `UnitScopedSnippetViewSet.construct_view` puts this mixin in front of every view class
    the viewset and its chooser build, so a view a Wagtail upgrade adds is scoped too. The views fetch
    their object through `get_object` (with different signatures) and their lists through
    `get_base_queryset`, `get_object_list` or `get_objects`: an object of another unit is refused, a
    list leaves other units out.
    """

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if isinstance(obj, UNIT_SNIPPET_MODELS) and not user_may_see_unit_item(self.request.user, obj):
            raise PermissionDenied
        return obj

    def get_base_queryset(self):
        return self._scoped(super().get_base_queryset())

    def get_object_list(self):
        return self._scoped(super().get_object_list())

    def get_objects(self, *args, **kwargs):
        return self._scoped(super().get_objects(*args, **kwargs))

    def get_task_state(self):
        """A workflow action names the object and a task state: both must be the same item's."""
        task_state = super().get_task_state()
        workflow_state = getattr(task_state, "workflow_state", None)
        if workflow_state is not None and (
            workflow_state.base_content_type_id != self.object.get_base_content_type().pk
            or str(workflow_state.object_id) != str(self.object.pk)
        ):
            raise Http404
        return task_state

    def _scoped(self, queryset):
        if isinstance(queryset, QuerySet) and issubclass(queryset.model, UNIT_SNIPPET_MODELS):
            return unit_items_for_user(queryset, self.request.user)
        return queryset


def unit_scoped(view_class):
    """`view_class` with `UnitScopedViewMixin` in front (once)."""
    if issubclass(view_class, UnitScopedViewMixin):
        return view_class
    return type(f"UnitScoped{view_class.__name__}", (UnitScopedViewMixin, view_class), {"__module__": __name__})


class UnitScopedChooserViewSet(SnippetChooserViewSet):
    def construct_view(self, view_class, **kwargs):
        return super().construct_view(unit_scoped(view_class), **kwargs)


class UnitScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose every view, chooser included, is scoped to the user's units."""

    chooser_viewset_class = UnitScopedChooserViewSet

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(unit_scoped(view_class), **kwargs)


class UnitRequestEditView(EditView):
    def save_instance(self):
        """Approving from the edit screen without changing anything saves no revision.

        Wagtail's snippet edit view saves a revision on every POST, the workflow action included; with
        WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT the approval then counts for an older revision and
        the workflow starts again at the head. The page edit view saves only when the form changed
        (`perform_workflow_action` in wagtail/admin/views/pages/edit.py): do the same.
        """
        if self.action == "workflow-action" and not self.form.has_changed():
            self.new_revision = None
            return self.object
        return super().save_instance()


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


class RightsRequestViewSet(UnitScopedSnippetViewSet):
    model = RightsRequest
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


class SocialPostEditView(UnitRequestEditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.live and not self.object.posted_at:
            buttons.append(
                Button(
                    _("Mark as posted"),
                    url=reverse("publication_social_posted", args=[self.object.pk]),
                    icon_name="tick",
                    priority=50,
                )
            )
        return buttons


class SocialPostViewSet(UnitScopedSnippetViewSet):
    model = SocialPost
    icon = "comment"
    menu_label = _("Social media posts")
    add_to_admin_menu = True
    menu_order = 220
    edit_view_class = SocialPostEditView
    list_display = [
        "__str__",
        "unit",
        "channel",
        Column("planned_at_display", label=_("Planned posting time")),
        Column("status_label", label=_("Status")),
    ]
    list_filter = ["unit", "channel", "speaks_for_university"]
    list_export = ["unit.name_th", "channel", "post_text", "planned_at", "status_label", "posted_url", "posted_at"]
    export_headings = {
        "unit.name_th": _("Unit"),
        "channel": _("Channel"),
        "post_text": _("Text"),
        "planned_at": _("Planned posting time"),
        "status_label": _("Status"),
        "posted_url": _("Post link"),
        "posted_at": _("Posted at"),
    }
    search_backend_name = None
    search_fields = ["post_text"]


class UnitScopedDeleteBulkAction(DeleteBulkAction):
    """Snippets' bulk delete, for requests and posts: another unit's items are not there at all.

    Wagtail's confirmation screen lists the items the user may not delete by their titles, and a
    social post's title is its text.
    """

    models = list(UNIT_SNIPPET_MODELS)

    def get_queryset(self, model, object_ids):
        return get_list_or_404(unit_items_for_user(model.objects.all(), self.request.user), pk__in=object_ids)

    def get_all_objects_in_listing_query(self, parent_id):
        return unit_items_for_user(self.model.objects.all(), self.request.user).values_list("pk", flat=True)


# After Wagtail's own snippet bulk delete (order 0), so this one is the action for our two models.
hooks.register("register_bulk_action", UnitScopedDeleteBulkAction, order=100)
register_permission_policy(RightsRequest, UnitScopedPermissionPolicy(RightsRequest))
register_permission_policy(SocialPost, UnitScopedPermissionPolicy(SocialPost))
register_snippet(RightsRequestViewSet)
register_snippet(SocialPostViewSet)


def _get_scoped(model, request, pk, action="view"):
    obj = get_object_or_404(model, pk=pk)
    if not UnitScopedPermissionPolicy(model).user_has_permission_for_instance(request.user, action, obj):
        raise PermissionDenied
    return obj


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please give the reason for revoking the rights")},
    )


def revoke_view(request, pk: int):
    obj = _get_scoped(RightsRequest, request, pk, "change")
    if not is_webmaster(request.user):
        raise PermissionDenied
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        revoke_rights(obj, request.user, form.cleaned_data["reason"])
        messages.success(request, _("The rights of %(unit)s have been revoked") % {"unit": obj.unit.name_th})
        return redirect("wagtailsnippets_publication_rightsrequest:edit", obj.pk)
    return TemplateResponse(
        request,
        "publication/admin/simple_form.html",
        {"form": form, "object": obj, "header_title": _("Revoke publishing rights"), "submit_label": _("Revoke rights")},
    )


def arit_012_pdf(request, pk: int):
    from weasyprint import HTML

    obj = _get_scoped(RightsRequest, request, pk)
    state = obj.workflow_states.order_by("-created_at").select_related("requested_by").first()
    approvals = []
    if state is not None:
        approvals = list(
            state.task_states.filter(status="approved").select_related("task", "finished_by").order_by("started_at")
        )
    html = render_to_string(
        "publication/pdf/arit_012.html",
        {
            "obj": obj,
            "state": state,
            "approvals": [(ts.task.name, ts.finished_by, ts.finished_at, ts.get_comment()) for ts in approvals],
            "font_base": (settings.BASE_DIR / "static" / "fonts" / "sarabun").as_uri(),
        },
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ARIT-012-{obj.pk}.pdf"'
    return response


class PostedForm(forms.Form):
    posted_url = forms.URLField(
        assume_scheme="https",
        label=_("Link to the published post"), error_messages={"invalid": _("Please enter a valid link, for example https://www.facebook.com/…")}
    )
    posted_at = forms.DateTimeField(
        label=_("Posted at"), initial=timezone.now, error_messages={"invalid": _("Invalid date and time format")}
    )


def mark_posted_view(request, pk: int):
    obj = _get_scoped(SocialPost, request, pk, "change")
    if not obj.live or not obj.checklist_complete:
        messages.error(request, _("Cannot be posted yet: it must first be approved by the head and pass every item of the review"))
        return redirect("wagtailsnippets_publication_socialpost:edit", obj.pk)
    form = PostedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        SocialPost.objects.filter(pk=obj.pk).update(posted_by=request.user, **form.cleaned_data)
        obj.refresh_from_db()
        obj.save()  # a history row: who recorded the posting, when
        messages.success(request, _("Posting recorded"))
        return redirect("wagtailsnippets_publication_socialpost:edit", obj.pk)
    return TemplateResponse(
        request,
        "publication/admin/simple_form.html",
        {"form": form, "object": obj, "header_title": _("Mark as posted"), "submit_label": pgettext("mark as posted form", "Save")},
    )


def social_calendar_view(request):
    """Planned and posted items per unit, a month at a time."""
    today = timezone.localdate()
    try:
        year, month = (int(x) for x in request.GET.get("month", today.strftime("%Y-%m")).split("-"))
        first = datetime.date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    posts = SocialPost.objects.filter(unit__in=units_for_user(request.user), planned_at__date__range=(first, last))
    unit = request.GET.get("unit")
    if unit:
        posts = posts.filter(unit_id=unit)
    days: dict[datetime.date, list] = {}
    for post in posts.select_related("unit").order_by("planned_at"):
        days.setdefault(timezone.localtime(post.planned_at).date(), []).append(post)
    previous_month = (first - datetime.timedelta(days=1)).strftime("%Y-%m")
    next_month = (last + datetime.timedelta(days=1)).strftime("%Y-%m")
    return TemplateResponse(
        request,
        "publication/admin/social_calendar.html",
        {
            "header_title": _("Social media post calendar"),
            "month": first,
            "days": sorted(days.items()),
            "units": units_for_user(request.user),
            "selected_unit": unit,
            "previous_month": previous_month,
            "next_month": next_month,
        },
    )


@hooks.register("register_admin_urls")
def register_request_urls():
    return [
        path("rights-requests/<int:pk>/revoke/", revoke_view, name="publication_rights_revoke"),
        path("rights-requests/<int:pk>/arit-012.pdf", arit_012_pdf, name="publication_arit_012"),
        path("social-posts/<int:pk>/posted/", mark_posted_view, name="publication_social_posted"),
        path("social-posts/calendar/", social_calendar_view, name="publication_social_calendar"),
    ]


class CalendarMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("publication.view_socialpost")


@hooks.register("register_admin_menu_item")
def register_calendar_menu_item():
    return CalendarMenuItem(_("Post calendar"), reverse("publication_social_calendar"), icon_name="date", order=221)


@hooks.register("register_log_actions")
def register_rights_log_actions(actions):
    actions.register_action(
        "publication.rights_granted", _("Grant publishing rights"), _("The system granted the rights requested in form ARIT-012")
    )
    actions.register_action("publication.rights_revoked", _("Revoke publishing rights"), _("The webmaster revoked the rights"))
