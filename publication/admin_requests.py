"""Admin for P1.2 rights requests and P1.5 social posts: listings, revoke, ARIT-012, posting, calendar."""

from __future__ import annotations

import calendar
import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, HistoryView, IndexView, SnippetViewSet

from .models import RightsRequest, SocialPost
from .permissions import UnitScopedPermissionPolicy, is_webmaster, units_for_user
from .rights import revoke_rights


class UnitScopedObjectMixin:
    """Generic snippet views check model permissions only: narrow them to the user's units."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not UnitScopedPermissionPolicy(type(obj)).user_has_permission_for_instance(
            self.request.user, getattr(self, "permission_required", None) or "view", obj
        ):
            raise PermissionDenied
        return obj


class UnitScopedDeleteView(UnitScopedObjectMixin, DeleteView):
    pass


class UnitScopedHistoryView(UnitScopedObjectMixin, HistoryView):
    pass


class UnitScopedIndexView(IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        user = self.request.user
        return queryset if is_webmaster(user) else queryset.filter(unit__in=units_for_user(user))


class RightsRequestEditView(UnitScopedObjectMixin, EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("แบบ สวท.012 (PDF)"),
                url=reverse("publication_arit_012", args=[self.object.pk]),
                icon_name="doc-full",
                priority=50,
            )
        )
        if self.object.granted_at and not self.object.revoked_at and is_webmaster(self.request.user):
            buttons.append(
                Button(
                    _("เพิกถอนสิทธิ์"),
                    url=reverse("publication_rights_revoke", args=[self.object.pk]),
                    icon_name="cross",
                    priority=60,
                )
            )
        return buttons


class RightsRequestViewSet(SnippetViewSet):
    model = RightsRequest
    icon = "key"
    menu_label = _("คำขอสิทธิ์ (สวท.012)")
    add_to_admin_menu = True
    menu_order = 210
    index_view_class = UnitScopedIndexView
    edit_view_class = RightsRequestEditView
    delete_view_class = UnitScopedDeleteView
    history_view_class = UnitScopedHistoryView
    list_display = [
        "__str__",
        "unit",
        "scope",
        Column("status_label", label=_("สถานะ")),
        DateColumn("requested_date", label=_("วันที่ขอ")),
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
        "unit.name_th": "หน่วยงาน",
        "scope": "ขอบเขตสิทธิ์",
        "justification": "เหตุผล",
        "requested_date": "วันที่ขอ",
        "status_label": "สถานะ",
        "granted_at": "อนุมัติสิทธิ์เมื่อ",
        "revoked_at": "เพิกถอนเมื่อ",
    }
    search_backend_name = None
    search_fields = ["justification"]


class SocialPostEditView(UnitScopedObjectMixin, EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.live and not self.object.posted_at:
            buttons.append(
                Button(
                    _("บันทึกว่าโพสต์แล้ว"),
                    url=reverse("publication_social_posted", args=[self.object.pk]),
                    icon_name="tick",
                    priority=50,
                )
            )
        return buttons


class SocialPostViewSet(SnippetViewSet):
    model = SocialPost
    icon = "comment"
    menu_label = _("โพสต์สื่อสังคมออนไลน์")
    add_to_admin_menu = True
    menu_order = 220
    index_view_class = UnitScopedIndexView
    edit_view_class = SocialPostEditView
    delete_view_class = UnitScopedDeleteView
    history_view_class = UnitScopedHistoryView
    list_display = [
        "__str__",
        "unit",
        "channel",
        Column("planned_at_display", label=_("กำหนดโพสต์")),
        Column("status_label", label=_("สถานะ")),
    ]
    list_filter = ["unit", "channel", "speaks_for_university"]
    list_export = ["unit.name_th", "channel", "post_text", "planned_at", "status_label", "posted_url", "posted_at"]
    export_headings = {
        "unit.name_th": "หน่วยงาน",
        "channel": "ช่องทาง",
        "post_text": "ข้อความ",
        "planned_at": "กำหนดโพสต์",
        "status_label": "สถานะ",
        "posted_url": "ลิงก์โพสต์",
        "posted_at": "โพสต์เมื่อ",
    }
    search_backend_name = None
    search_fields = ["post_text"]


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
        label=_("เหตุผลการเพิกถอน"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("กรุณาระบุเหตุผลการเพิกถอนสิทธิ์")},
    )


def revoke_view(request, pk: int):
    obj = _get_scoped(RightsRequest, request, pk, "change")
    if not is_webmaster(request.user):
        raise PermissionDenied
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        revoke_rights(obj, request.user, form.cleaned_data["reason"])
        messages.success(request, _("เพิกถอนสิทธิ์ของ%(unit)sแล้ว") % {"unit": obj.unit.name_th})
        return redirect("wagtailsnippets_publication_rightsrequest:edit", obj.pk)
    return TemplateResponse(
        request,
        "publication/admin/simple_form.html",
        {"form": form, "object": obj, "header_title": _("เพิกถอนสิทธิ์เผยแพร่"), "submit_label": _("เพิกถอนสิทธิ์")},
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
        label=_("ลิงก์โพสต์ที่เผยแพร่แล้ว"), error_messages={"invalid": _("กรุณาใส่ลิงก์ให้ถูกต้อง เช่น https://www.facebook.com/…")}
    )
    posted_at = forms.DateTimeField(
        label=_("โพสต์เมื่อ"), initial=timezone.now, error_messages={"invalid": _("รูปแบบวันเวลาไม่ถูกต้อง")}
    )


def mark_posted_view(request, pk: int):
    obj = _get_scoped(SocialPost, request, pk, "change")
    if not obj.live or not obj.checklist_complete:
        messages.error(request, _("ยังโพสต์ไม่ได้: ต้องผ่านการอนุมัติของหัวหน้าและการตรวจทานครบทุกข้อก่อน"))
        return redirect("wagtailsnippets_publication_socialpost:edit", obj.pk)
    form = PostedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        SocialPost.objects.filter(pk=obj.pk).update(posted_by=request.user, **form.cleaned_data)
        obj.refresh_from_db()
        obj.save()  # a history row: who recorded the posting, when
        messages.success(request, _("บันทึกการโพสต์แล้ว"))
        return redirect("wagtailsnippets_publication_socialpost:edit", obj.pk)
    return TemplateResponse(
        request,
        "publication/admin/simple_form.html",
        {"form": form, "object": obj, "header_title": _("บันทึกว่าโพสต์แล้ว"), "submit_label": _("บันทึก")},
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
            "header_title": _("ปฏิทินโพสต์สื่อสังคมออนไลน์"),
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
    return CalendarMenuItem(_("ปฏิทินโพสต์"), reverse("publication_social_calendar"), icon_name="date", order=221)


@hooks.register("register_log_actions")
def register_rights_log_actions(actions):
    actions.register_action("publication.rights_granted", _("อนุมัติสิทธิ์เผยแพร่"), _("ระบบให้สิทธิ์ตามคำขอ สวท.012"))
    actions.register_action("publication.rights_revoked", _("เพิกถอนสิทธิ์เผยแพร่"), _("ผู้ดูแลเว็บไซต์เพิกถอนสิทธิ์"))
