"""Admin for the notification outbox ("กล่องจดหมายออก"): a read-only listing with a resend action.

Outbox rows are written by code only, so the viewset exposes no add, edit, copy or delete views,
not even to superusers. Viewing needs `outbox.view_notification`; resending a queued or failed
e-mail needs `outbox.change_notification` (the webmasters have both, see provisioning). The listing
counts each e-mail's attachments; the inspect view lists them (name, type, size) with a download
link, and the download view asks for the same view permission (a plain 403 otherwise). The listing
exports to CSV/XLSX like every other record (`publication.organisation.exports`). An e-mail holding a
credential (a password reset link) is stored masked and erased once sent (`queue_notification(secret=...)`),
so none of these views can show it.
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from publication.organisation.exports import ThaiExportViewSetMixin
from publication.outbox import notifications as outbox
from publication.outbox import panels  # noqa: F401  (the webmaster's failed e-mails dashboard panel)
from publication.outbox.kinds import kind_label
from publication.outbox.models import SECRET_MASK, Notification, NotificationAttachment, NotificationStatus

RESEND_PERMISSION = "outbox.change_notification"
VIEW_PERMISSIONS = ("outbox.view_notification", "outbox.change_notification")


def _kind_choices():
    kinds = Notification.objects.order_by("kind").values_list("kind", flat=True).distinct()
    return sorted(((kind, kind_label(kind)) for kind in kinds), key=lambda choice: choice[1])


class NotificationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=NotificationStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=_kind_choices)

    class Meta:
        model = Notification
        fields = ["status", "kind"]


def user_can_resend(user) -> bool:
    return user.is_active and user.has_perm(RESEND_PERMISSION)


def user_can_view_outbox(user) -> bool:
    """Whether `user` may read outbox rows and download their attachments (the webmasters)."""
    return user.is_active and any(user.has_perm(perm) for perm in VIEW_PERMISSIONS)


class NotificationIndexView(generic.IndexView):
    def get_base_queryset(self):
        # The count, not the files: the listing never loads an attachment's bytes.
        return super().get_base_queryset().annotate(attachment_count=Count("attachments"))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.can_resend and user_can_resend(self.request.user):
            buttons.append(
                MenuItem(
                    _("Resend"),
                    url=reverse("notification:resend", args=[instance.pk]),
                    icon_name="mail",
                    priority=15,
                )
            )
        return buttons


class NotificationInspectView(generic.InspectView):
    def get_field_display_value(self, field_name, field):
        if field_name == "kind":
            label = self.object.kind_label
            return label if label == self.object.kind else format_html("{} <code>{}</code>", label, self.object.kind)
        value = super().get_field_display_value(field_name, field)
        if field_name == "body_text" and self.object.confidential:
            # The stored body already has the credential masked; say why, or why it is gone.
            if not value:
                return _("Erased once sent: this email held a one-time link to set a password.")
            note = _("The one-time link is hidden (%(mask)s): it is a credential.") % {"mask": SECRET_MASK}
            return format_html('<p>{}</p><pre style="white-space: pre-wrap">{}</pre>', note, value)
        if field_name in {"body_text", "last_error"}:
            return format_html('<pre style="white-space: pre-wrap">{}</pre>', value or "—")
        return value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            attachments=self.object.attachments.defer("content"),
            can_download_attachments=user_can_view_outbox(self.request.user),
        )
        return context

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.object.can_resend and user_can_resend(self.request.user):
            buttons.append(HeaderButton(_("Resend"), url=reverse("notification:resend", args=[self.object.pk]), icon_name="mail"))
        return buttons


class NotificationResendView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm (GET) and perform (POST) one more attempt at a queued or failed e-mail."""

    template_name = "outbox/notification_resend.html"
    page_title = _("Resend")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not user_can_resend(request.user):
            # A plain 403 rather than Wagtail's redirect-with-message: this is an action URL, and a
            # refused POST must say so to whatever sent it.
            return permission_denied(request, PermissionDenied())
        self.object = get_object_or_404(Notification, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("notification:index"), "label": _("Outbox")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            inspect_url=reverse("notification:inspect", args=[self.object.pk]),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.object.can_resend:
            messages.error(request, _("This email has already been sent or is being sent, so it cannot be resent."))
            return redirect("notification:inspect", self.object.pk)
        outbox.resend(self.object)
        # With a background worker the row is sent later; the immediate backend has sent it by
        # the time the request's transaction commits, so report what we can see now.
        self.object.refresh_from_db()
        if self.object.status == NotificationStatus.SENT:
            messages.success(request, _("Email sent to %(recipient)s.") % {"recipient": self.object.recipient})
        else:
            messages.warning(
                request,
                _("Email to %(recipient)s queued for resending. It will be sent when the mail server is available.")
                % {"recipient": self.object.recipient},
            )
        return redirect("notification:index")


def attachment_download_view(request, pk: int):
    """One attachment of an outbox e-mail, as a download, for those who may view the outbox.

    Always `Content-Disposition: attachment` and a sandboxing CSP: the file is whatever a sender
    attached, and must never render as a page of the admin's origin.
    """
    if not user_can_view_outbox(request.user):
        return permission_denied(request, PermissionDenied())
    attachment = get_object_or_404(NotificationAttachment, pk=pk)
    response = HttpResponse(bytes(attachment.content), content_type=attachment.mimetype)
    response["Content-Disposition"] = content_disposition_header(True, attachment.filename)
    response["Content-Length"] = str(len(response.content))
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class NotificationViewSet(ThaiExportViewSetMixin, ModelViewSet):
    """The outbox, read-only: index, inspect and resend; no add, edit, copy or delete views."""

    model = Notification
    name = "notification"
    icon = "mail"
    menu_label = _("Outbox")
    menu_order = 900
    add_to_settings_menu = True
    copy_view_enabled = False
    # Outbox rows reference nothing an editor would look up in "usage"; indexing them would only
    # add a reference-index task to every save.
    add_to_reference_index = False
    inspect_view_enabled = True
    index_view_class = NotificationIndexView
    inspect_view_class = NotificationInspectView
    filterset_class = NotificationFilterSet
    search_fields = ["recipient", "subject"]
    list_display = [
        "subject",
        "recipient",
        Column("kind", label=_("Kind"), accessor="kind_label"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        "attempts",
        Column("attachment_count", label=_("Attachments")),
        "related_label",
        DateColumn("created_at", label=_("Created at")),
        DateColumn("sent_at", label=_("Sent at")),
    ]
    inspect_view_fields = [
        "subject",
        "recipient",
        "recipient_user",
        "kind",
        "related_label",
        "status",
        "attempts",
        "max_attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
        "body_text",
    ]
    inspect_template_name = "outbox/notification_inspect.html"
    list_export = [
        "created_at",
        "recipient",
        "subject",
        "kind_label",
        "status",
        "attempts",
        "sent_at",
        "related_label",
        "attachment_count",
        "last_error",
    ]
    export_headings = {"kind_label": _("Kind"), "attachment_count": _("Attachments")}
    export_filename = "pcru-outbox"
    ordering = ["-created_at", "-pk"]

    def get_common_view_kwargs(self, **kwargs):
        # No add/edit/delete/history/usage URLs exist for the outbox, so the views must not link to them.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("resend/<int:pk>/", NotificationResendView.as_view(), name="resend"),
            path("attachment/<int:pk>/", attachment_download_view, name="attachment"),
        ]


class OutboxSummaryItem(SummaryItem):
    """Dashboard count of e-mails waiting or given up on, for the people who can act on them."""

    order = 900
    template_name = "outbox/outbox_summary.html"

    def is_shown(self):
        user = self.request.user
        return any(user.has_perm(perm) for perm in VIEW_PERMISSIONS)

    def get_context_data(self, parent_context):
        pending = Notification.objects.pending()
        return {
            "queued": pending.filter(status=NotificationStatus.QUEUED).count(),
            "failed": pending.filter(status=NotificationStatus.FAILED).count(),
            "index_url": reverse("notification:index"),
        }


notification_viewset = NotificationViewSet()


@hooks.register("register_admin_viewset")
def register_notification_viewset():
    return notification_viewset


@hooks.register("construct_homepage_summary_items")
def add_outbox_summary_item(request, items):
    items.append(OutboxSummaryItem(request))
