"""Failed logins for the webmasters (issue 13): Reports → "Failed sign-ins".

A read-only Wagtail report over django-axes' failure log (every failed login is kept,
`AXES_ENABLE_ACCESS_FAILURE_LOG`), one row per username, client IP and browser: the last attempt
(Asia/Bangkok), how many failed, and whether that username is locked out from that IP now and until
when (login_throttle.current_locks). Filters: username, IP prefix, period, locked out now; CSV/XLSX.

Only webmasters and superusers (`is_webmaster`) see it. From a locked row they can unlock the
username on a confirmation page (POST): login_throttle.unlock deletes its attempt records on every
IP, logs who did it, and records it in Wagtail's history of that account. The failure log stays.
"""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from axes.models import AccessFailureLog
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from publication.organisation.exports import BANGKOK, ThaiSpreadsheetExportMixin, thai_datetime_text
from publication.organisation.login_throttle import UNLOCK_ACTION, current_locks, locked_q, locked_until, unlock
from publication.organisation.permissions import is_webmaster
from publication.organisation.templatetags.thai_dates import thai_date


def _require_webmaster(request) -> None:
    if not is_webmaster(request.user):
        raise PermissionDenied


class LoginAttemptFilterSet(WagtailFilterSet):
    username = django_filters.CharFilter(label=_("Username"), lookup_expr="icontains")
    # A prefix of the text form: "203.0.113." finds a network; an exact match would make PostgreSQL
    # reject a half-typed address.
    ip_address = django_filters.CharFilter(label=_("IP address (or its beginning)"), lookup_expr="startswith")
    attempt_time = django_filters.DateFromToRangeFilter(label=_("Attempted between"), widget=DateRangePickerWidget)
    locked = django_filters.BooleanFilter(label=_("Locked out now"), method="filter_locked")

    class Meta:
        model = AccessFailureLog
        fields = ["username", "ip_address", "attempt_time", "locked"]

    def filter_locked(self, queryset, name, value):
        if value is None:
            return queryset
        condition = locked_q(current_locks())
        return queryset.filter(condition) if value else queryset.exclude(condition)


@dataclass
class LoginAttemptRow:
    """One row of the report: the failures of one username from one IP and browser."""

    username: str | None
    ip_address: str | None
    user_agent: str
    failures: int
    last_attempt: object
    locked_until: object = None

    @property
    def last_attempt_text(self) -> str:
        # Seconds shown: thirty attempts in ten seconds is what gives a script away.
        return thai_date(self.last_attempt.astimezone(BANGKOK), "%-d %b %Y %H:%M:%S")

    @property
    def status(self) -> str:
        if self.locked_until is None:
            return str(_("Not locked"))
        return str(_("Locked until %(time)s")) % {"time": thai_datetime_text(self.locked_until)}

    @property
    def unlock_link(self) -> str:
        if self.locked_until is None or self.username is None:
            return ""
        url = reverse("login_attempts_unlock") + "?" + urlencode({"username": self.username})
        return format_html('<a class="button button-small button-secondary" href="{}">{}</a>', url, _("Unlock"))


class RowPaginator(WagtailPaginator):
    """Counts rows ("12 rows"), not failures: a row groups the failures of one username, IP and browser."""

    verbose_name = _("row")
    verbose_name_plural = _("rows")


class LoginAttemptsView(ThaiSpreadsheetExportMixin, ReportView):
    page_title = _("Failed sign-ins")
    header_icon = "warning"
    index_url_name = "login_attempts"
    index_results_url_name = "login_attempts_results"
    results_template_name = "organisation/login_attempts_results.html"
    filterset_class = LoginAttemptFilterSet
    model = AccessFailureLog
    paginate_by = 50
    paginator_class = RowPaginator
    default_ordering = "-last_attempt"
    columns = [
        Column("last_attempt_text", label=_("Last attempt (Bangkok time)"), sort_key="last_attempt"),
        Column("username", label=_("Username"), sort_key="username"),
        Column("ip_address", label=_("IP address"), sort_key="ip_address"),
        Column("user_agent", label=_("Browser (user agent)")),
        Column("failures", label=_("Failed attempts"), sort_key="failures"),
        Column("status", label=_("Status")),
        Column("unlock_link", label=_("Action")),
    ]
    list_export = ["last_attempt", "username", "ip_address", "user_agent", "failures", "status"]
    export_headings = {
        "last_attempt": _("Last attempt (Bangkok time)"),
        "username": _("Username"),
        "ip_address": _("IP address"),
        "user_agent": _("Browser (user agent)"),
        "failures": _("Failed attempts"),
        "status": _("Status"),
    }

    def dispatch(self, request, *args, **kwargs):
        _require_webmaster(request)
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "failed-sign-ins"

    def get_base_queryset(self):
        return (
            AccessFailureLog.objects.values("username", "ip_address", "user_agent")
            .annotate(failures=Count("id"), last_attempt=Max("attempt_time"))
            .order_by()
        )

    def decorate_paginated_queryset(self, object_list):
        if object_list and isinstance(object_list[0], LoginAttemptRow):
            return object_list
        locks = current_locks()
        return [LoginAttemptRow(**row, locked_until=locked_until(locks, row["username"], row["ip_address"])) for row in object_list]

    def get_table(self, object_list):
        # Wagtail builds the table before ReportView decorates the page of rows, and these rows are dicts.
        return super().get_table(self.decorate_paginated_queryset(list(object_list)))

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(self.decorate_paginated_queryset(list(queryset)), spreadsheet_format)


def unlock_view(request):
    """Confirm (GET) and lift (POST) every lock on the username in `?username=`."""
    _require_webmaster(request)
    username = request.GET.get("username", "")
    if not username:
        messages.error(request, _("Choose a locked-out username from the list to unlock it."))
        return redirect("login_attempts")
    if request.method == "POST":
        deleted = unlock(username, by=request.user)
        messages.success(
            request,
            _("The sign-in lock on “%(username)s” has been lifted (%(count)s attempt records removed).")
            % {"username": username, "count": deleted},
        )
        return redirect("login_attempts")
    pairs, accounts = current_locks()
    context = {
        "page_title": _("Unlock sign-in"),
        "header_title": _("Unlock sign-in"),
        "header_icon": "lock-open",
        "username": username,
        "ip_locks": sorted(
            ((ip, thai_datetime_text(until)) for (name, ip), until in pairs.items() if name == username), key=lambda item: item[0] or ""
        ),
        "account_lock": thai_datetime_text(accounts[username]) if username in accounts else None,
        "cancel_url": reverse("login_attempts"),
    }
    return TemplateResponse(request, "organisation/login_unlock_confirm.html", context)


class FailedLoginsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_webmaster(request.user)


def admin_urls():
    """The report's URLs, registered by wagtail_hooks (classified in tests/moderation/test_gate_matrix.py)."""
    return [
        path("login-attempts/", LoginAttemptsView.as_view(), name="login_attempts"),
        path("login-attempts/results/", LoginAttemptsView.as_view(results_only=True), name="login_attempts_results"),
        path("login-attempts/unlock/", unlock_view, name="login_attempts_unlock"),
    ]


def reports_menu_item():
    """The Reports menu entry, shown to webmasters and superusers only."""
    return FailedLoginsMenuItem(_("Failed sign-ins"), reverse("login_attempts"), icon_name="warning", order=60)


def register_log_actions(actions):
    """The Wagtail history action that `login_throttle.unlock` records on the account."""
    actions.register_action(UNLOCK_ACTION, _("Unlock sign-in"), _("A webmaster lifted the sign-in lock"))
