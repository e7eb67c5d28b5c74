"""The report "เนื้อหาที่ต้องทบทวน" (Reports menu): live pages by review status, with CSV/XLSX export.

One row per live page with a review schedule: the page (linking to its editor), its unit, the person
responsible, the review-by date and the status today (overdue, due within `REVIEW_DUE_SOON_DAYS`
days, not due yet, no review date; archived news has none), the last review, and the actions: the
schedule form and "ทบทวนแล้ว" (a POST with the CSRF token). Overdue rows come first.

Like the scoped Wagtail reports (`publication.pages.reports.UnitScopedReportMixin`), unit staff see
their own units' pages only (and the pages they are responsible for); webmasters and superusers see
all; people are named by their full names. Filters: unit, status, responsible person. Exports are
`ThaiSpreadsheetExportMixin` files: Thai headings, Buddhist-era dates in CSV, date cells in XLSX.
"""

from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.middleware.csrf import get_token
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from publication.organisation.exports import ThaiSpreadsheetExportMixin, person_name
from publication.organisation.models import Unit
from publication.organisation.permissions import is_webmaster, units_for_user
from publication.organisation.templatetags.thai_dates import thai_date
from publication.upkeep.models import ReviewSchedule
from publication.upkeep.review import (
    ReviewStatus,
    default_interval_months,
    interval_label,
    status_choices,
    status_label,
    with_status,
)
from publication.upkeep.review_views import ResponsibleChoiceField


def visible_schedules(user):
    """Schedules of live pages that `user` may see: all for webmasters; otherwise their units' and their own."""
    schedules = ReviewSchedule.objects.filter(page__live=True)
    if is_webmaster(user):
        return schedules
    return schedules.filter(Q(unit__in=units_for_user(user)) | Q(responsible=user.pk))


class ResponsibleFilter(django_filters.ModelChoiceFilter):
    field_class = ResponsibleChoiceField


class ReviewFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=lambda request: Unit.objects.filter(pk__in=visible_schedules(request.user).values("unit"))
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=status_choices, method="filter_status")
    responsible = ResponsibleFilter(
        label=_("Responsible person"),
        queryset=lambda request: get_user_model().objects.filter(pk__in=visible_schedules(request.user).values("responsible")),
    )

    class Meta:
        model = ReviewSchedule
        fields = ["unit", "status", "responsible"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(review_status=value) if value else queryset


class ReviewStatusColumn(Column):
    """The status, with Wagtail's warning badge when overdue."""

    cell_template_name = "upkeep/review/status_cell.html"


class ReviewActionsColumn(Column):
    """The schedule form link and "ทบทวนแล้ว" (a POST form: the cell template is rendered without a request
    context, so the CSRF token is handed to it here)."""

    cell_template_name = "upkeep/review/actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["csrf_token"] = get_token(request) if request is not None else ""
        return context


class ReviewReportView(ThaiSpreadsheetExportMixin, ReportView):
    page_title = _("Content due for review")
    header_icon = "calendar-check"
    index_url_name = "publication_review_report"
    index_results_url_name = "publication_review_report_results"
    results_template_name = "upkeep/review/report_results.html"
    filterset_class = ReviewFilterSet
    model = ReviewSchedule
    paginate_by = 50
    columns = [
        TitleColumn("title", label=pgettext_lazy("content", "Title"), accessor="page.title", get_url=lambda row: row.edit_url),
        Column("unit_name", label=_("Unit")),
        Column("responsible_name", label=_("Responsible person")),
        Column("review_by_text", label=_("Review by")),
        ReviewStatusColumn("status_text", label=_("Status")),
        Column("last_reviewed_text", label=_("Last reviewed")),
        ReviewActionsColumn("actions", label=_("Actions"), accessor="pk"),
    ]
    list_export = [
        "page.title",
        "page_url",
        "unit.name_th",
        "responsible",
        "interval_text",
        "review_by",
        "status_text",
        "last_reviewed_at",
        "last_reviewed_by",
    ]
    export_headings = {
        "page.title": pgettext_lazy("content", "Title"),
        "page_url": _("Public link"),
        "unit.name_th": _("Unit"),
        "responsible": _("Responsible person"),
        "interval_text": _("Review interval"),
        "review_by": _("Review by"),
        "status_text": _("Status"),
        "last_reviewed_at": _("Last reviewed at"),
        "last_reviewed_by": _("Last reviewed by"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("upkeep.view_reviewschedule"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "content-due-for-review"

    def get_xlsx_sheet_title(self, queryset) -> str:
        return str(_("Content due for review"))[:31]

    def get_queryset(self):
        schedules = with_status(visible_schedules(self.request.user))
        return schedules.select_related("page", "unit", "responsible", "last_reviewed_by").order_by(
            "status_rank", F("review_by").asc(nulls_last=True), "page__title", "pk"
        )

    def decorate_paginated_queryset(self, object_list):
        """Rows carry what the columns and the export show (people by full name, Buddhist-era dates)."""
        rows = list(object_list)
        if rows and hasattr(rows[0], "status_text"):
            return rows
        user = self.request.user
        may_change = user.has_perm("upkeep.change_reviewschedule")
        own_units = set() if is_webmaster(user) else set(units_for_user(user).values_list("pk", flat=True))
        back = urlencode({"next": self.request.get_full_path().replace("/results/", "/")})
        for row in rows:
            page = row.page
            row.edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            row.page_url = page.full_url or ""
            row.unit_name = row.unit.name_th if row.unit else _("The university's own pages")
            row.responsible_name = person_name(row.responsible) if row.responsible else _("Nobody yet")
            row.review_by_text = thai_date(row.review_by) if row.review_by else ""
            row.status_text = status_label(row.review_status)
            row.overdue = row.review_status == ReviewStatus.OVERDUE
            row.interval_text = interval_label(row.review_interval_months or default_interval_months(page))
            row.last_reviewed_text = (
                f"{thai_date(row.last_reviewed_at, 'short')} {person_name(row.last_reviewed_by)}".strip()
                if row.last_reviewed_at and row.last_reviewed_by
                else (thai_date(row.last_reviewed_at, "short") if row.last_reviewed_at else "")
            )
            row.may_manage = may_change and (is_webmaster(user) or row.unit_id in own_units or page.permissions_for_user(user).can_edit())
            row.schedule_url = reverse("publication_review_schedule", args=[page.pk]) + "?" + back
            row.mark_url = reverse("publication_review_mark_reviewed", args=[page.pk])
            row.back_url = self.request.get_full_path().replace("/results/", "/")
        return rows

    def get_table(self, object_list):
        # Wagtail builds the table before ReportView decorates the page of rows.
        return super().get_table(self.decorate_paginated_queryset(object_list))

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(self.decorate_paginated_queryset(queryset), spreadsheet_format)


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("upkeep.view_reviewschedule")


def reports_menu_item() -> MenuItem:
    return ReviewReportMenuItem(_("Content due for review"), reverse("publication_review_report"), icon_name="calendar-check", order=55)


def admin_urls() -> list:
    """Registered by `review_hooks` (classified in tests/moderation/test_gate_matrix.py: read only)."""
    return [
        path("review/", ReviewReportView.as_view(), name="publication_review_report"),
        path("review/results/", ReviewReportView.as_view(results_only=True), name="publication_review_report_results"),
    ]
