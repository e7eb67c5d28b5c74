"""Admin of P1.5 social posts: the scoped snippet, marking a post as posted, the posting calendar."""

from __future__ import annotations

import calendar
import datetime

from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from publication.moderation.snippet_views import UnitRequestEditView, UnitScopedSnippetViewSet, get_scoped
from publication.organisation.exports import ThaiExportViewSetMixin
from publication.organisation.permissions import UnitScopedPermissionPolicy, units_for_user

from .models import SocialPost
from .records import PostedRecordLock, may_amend_posted_record, refusal_message


class SocialPostEditView(UnitRequestEditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        label = None
        if self.object.live and not self.object.posted_at:
            label = _("Mark as posted")
        elif self.object.posted_at and may_amend_posted_record(self.request.user, self.object):
            label = _("Correct the posting record")
        if label:
            buttons.append(Button(label, url=reverse("publication_social_posted", args=[self.object.pk]), icon_name="tick", priority=50))
        return buttons

    def is_valid(self, form):
        """Wagtail refuses a locked post in English and without the reason: say why, in Thai."""
        valid = super().is_valid(form)
        if not valid and getattr(self, "produced_error_code", "") == "locked" and isinstance(self.lock, PostedRecordLock):
            self.produced_error_message = self.lock.get_message(self.request.user)
        return valid


class SocialPostViewSet(ThaiExportViewSetMixin, UnitScopedSnippetViewSet):
    model = SocialPost
    # The admin URLs stay as they were before publication/ became several apps (issue 10).
    url_prefix = "snippets/publication/socialpost"
    url_namespace = "wagtailsnippets_publication_socialpost"
    chooser_base_url_path = "snippets/choose/publication/socialpost"
    chooser_admin_url_namespace = "wagtailsnippetchoosers_publication_socialpost"
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
    export_filename = "publication_socialpost"  # the file name it had before the split into apps
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


register_permission_policy(SocialPost, UnitScopedPermissionPolicy(SocialPost))
register_snippet(SocialPostViewSet)


class PostedForm(forms.Form):
    posted_url = forms.URLField(
        assume_scheme="https",
        label=_("Link to the published post"),
        error_messages={"invalid": _("Please enter a valid link, for example https://www.facebook.com/…")},
    )
    posted_at = forms.DateTimeField(
        label=_("Posted at"), initial=timezone.now, error_messages={"invalid": _("Invalid date and time format")}
    )


def mark_posted_view(request, pk: int):
    """Record where and when a cleared post went up; once recorded, only its head or a webmaster
    corrects it (`publication.social.records`). Every save leaves a history row and a log entry."""
    obj = get_scoped(SocialPost, request, pk, "change")
    correcting = obj.posted_at is not None
    if correcting and not may_amend_posted_record(request.user, obj):
        messages.error(request, refusal_message(obj))
        return redirect("wagtailsnippets_publication_socialpost:edit", obj.pk)
    if not obj.live or not obj.checklist_complete:
        messages.error(request, _("Cannot be posted yet: it must first be approved by the head and pass every item of the review"))
        return redirect("wagtailsnippets_publication_socialpost:edit", obj.pk)
    initial = {"posted_url": obj.posted_url, "posted_at": obj.posted_at} if correcting else None
    form = PostedForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        before = {"posted_url": obj.posted_url, "posted_at": obj.posted_at.isoformat() if correcting else None}
        obj.posted_url, obj.posted_at = form.cleaned_data["posted_url"], form.cleaned_data["posted_at"]
        if not correcting:
            obj.posted_by = request.user
        # One save: django-simple-history keeps the row as it now is, with who changed it and when.
        obj.save(update_fields=["posted_url", "posted_at", "posted_by"])
        log(
            obj,
            "publication.social_posted_corrected" if correcting else "publication.social_posted",
            user=request.user,
            data={"posted_url": obj.posted_url, "posted_at": obj.posted_at.isoformat(), "before": before},
        )
        messages.success(request, _("Posting record corrected") if correcting else _("Posting recorded"))
        return redirect("wagtailsnippets_publication_socialpost:edit", obj.pk)
    title = _("Correct the posting record") if correcting else _("Mark as posted")
    return TemplateResponse(
        request,
        "moderation/simple_form.html",
        {"form": form, "object": obj, "header_title": title, "submit_label": pgettext("mark as posted form", "Save")},
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
        "social/social_calendar.html",
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
def register_social_urls():
    return [
        path("social-posts/<int:pk>/posted/", mark_posted_view, name="publication_social_posted"),
        path("social-posts/calendar/", social_calendar_view, name="publication_social_calendar"),
    ]


@hooks.register("register_log_actions")
def register_social_log_actions(actions):
    actions.register_action("publication.social_posted", _("Mark as posted"), _("The poster recorded the post's link and time"))
    actions.register_action(
        "publication.social_posted_corrected",
        _("Correct the posting record"),
        _("The head of the unit or a webmaster corrected the post's link or time"),
    )


class CalendarMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("social.view_socialpost")


@hooks.register("register_admin_menu_item")
def register_calendar_menu_item():
    return CalendarMenuItem(_("Post calendar"), reverse("publication_social_calendar"), icon_name="date", order=221)
