"""Wagtail's own reports, narrowed to the items of the user's units (issue 9).

Wagtail lists workflows, workflow tasks, site history, aging pages, locked pages and page types usage
by model permission. Unit staff hold the model-wide permissions on rights requests and social posts
(a post's title is its text) and "add" on the university news folder, which makes every unit's news
there explorable, so Wagtail alone shows them other units' posts and unsubmitted news drafts.

The views here are Wagtail's report views with `UnitScopedReportMixin` in front.
`admin_urls_with_scoped_reports` puts them in Wagtail's admin URLconf in place of Wagtail's own, at the
same paths and URL names (`wagtailadmin_reports:workflow`, …): the Reports menu, `reverse()` and the
results and CSV/XLSX links lead to them, and no route to the unscoped views is left.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db.models import CharField, F, Q, QuerySet
from django.db.models.functions import Cast
from django.forms import ModelChoiceField
from django.urls import URLResolver, include, path
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import reports as wagtail_report_urls
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import BaseLogEntry, Page, PageLogEntry, TaskState, WorkflowState, get_page_models
from wagtail.utils.urlpatterns import decorate_urlpatterns

from publication.moderation.snippets import unit_snippet_models
from publication.organisation.permissions import is_webmaster, unit_items_for_user, units_for_user
from publication.pages.models import UnitOwnedPage

REPORTS_NAMESPACE = "wagtailadmin_reports"


class ReportScope:
    """The unit items one user may see in a report.

    Webmasters and superusers: everything. Anyone else: the pages in their units' sections, the pages
    that name one of their units as owner (news in the university folder) and the pages they own; the
    requests and posts of their units. Central roles belong to no unit and see none of these. Rows
    about anything else (letters, units, images…) keep Wagtail's own rules.
    """

    def __init__(self, user):
        self.user = user
        self.sees_everything = is_webmaster(user)

    @cached_property
    def pages(self) -> QuerySet[Page]:
        units = units_for_user(self.user)
        visible = Q(owner=self.user)
        for section_path in units.filter(section__isnull=False).values_list("section__path", flat=True):
            visible |= Q(path__startswith=section_path)
        for model in get_page_models():
            if issubclass(model, UnitOwnedPage) and not model._meta.abstract:
                visible |= Q(pk__in=model.objects.filter(owner_unit__in=units).values("pk"))
        return Page.objects.filter(visible)

    def object_q(self, content_type_field: str, object_id_field: str) -> Q:
        """Rows naming an object by (base) content type and text id: unit items only if the user's."""
        as_text = Cast("pk", output_field=CharField())
        visible_ids = {ContentType.objects.get_for_model(Page).pk: self.pages.values_list(as_text, flat=True)}
        for model in unit_snippet_models():
            visible_ids[ContentType.objects.get_for_model(model).pk] = unit_items_for_user(
                model._default_manager.all(), self.user
            ).values_list(as_text, flat=True)
        q = ~Q(**{f"{content_type_field}__in": list(visible_ids)})
        for content_type_id, ids in visible_ids.items():
            q |= Q(**{content_type_field: content_type_id, f"{object_id_field}__in": ids})
        return q

    def narrow(self, queryset: QuerySet) -> QuerySet:
        """`queryset` of report rows without the unit items the user may not see.

        Rows of a kind not known here are left out (for all but webmasters): a report a Wagtail upgrade
        adds shows unit staff nothing until its rows are scoped here.
        """
        if self.sees_everything:
            return queryset
        model = queryset.model
        if issubclass(model, Page):
            return queryset.filter(pk__in=self.pages.values("pk"))
        if issubclass(model, WorkflowState):
            return queryset.filter(self.object_q("base_content_type", "object_id"))
        if issubclass(model, TaskState):
            return queryset.filter(self.object_q("workflow_state__base_content_type", "workflow_state__object_id"))
        if issubclass(model, PageLogEntry):
            return queryset.filter(page_id__in=self.pages.values("pk"))
        if issubclass(model, BaseLogEntry):
            return queryset.filter(self.object_q("content_type", "object_id"))
        return queryset.none()


class UnitScopedReportMixin:
    """A Wagtail report whose rows, on screen and in the CSV/XLSX export, are narrowed by `ReportScope`,
    and whose people are named by their (Thai) full names, never by their login names.

    Every Wagtail report passes its rows through `filter_queryset` before paginating or exporting them;
    site history calls it on each log model's queryset before their union.
    """

    @cached_property
    def report_scope(self) -> ReportScope:
        return ReportScope(self.request.user)

    def filter_queryset(self, queryset):
        return self.report_scope.narrow(super().filter_queryset(queryset))

    @cached_property
    def filters(self):
        """Wagtail's filters, a person chooser (the workflows report's "requested by") listing full names,
        and for unit staff only the people who asked for something the report shows them."""
        filters = super().filters
        if filters is None:
            return None
        user_model = get_user_model()
        for name, field in filters.form.fields.items():
            if isinstance(field, ModelChoiceField) and issubclass(field.queryset.model, user_model):
                field.label_from_instance = get_user_display_name
                if name == "requested_by" and not self.report_scope.sees_everything:
                    asked = self.report_scope.narrow(WorkflowState.objects.all()).values("requested_by")
                    field.queryset = field.queryset.filter(pk__in=asked)
        return filters

    def decorate_paginated_queryset(self, queryset):
        """The aging pages report names the last publisher by login name (`last_published_by_user`)."""
        queryset = super().decorate_paginated_queryset(queryset)
        rows = [row for row in queryset if getattr(row, "last_published_by_user", "")]
        if rows:
            ids = {row.last_published_by for row in rows}
            names = {user.pk: get_user_display_name(user) for user in get_user_model().objects.filter(pk__in=ids)}
            for row in rows:
                row.last_published_by_user = names.get(row.last_published_by, row.last_published_by_user)
        return queryset


class UnitScopedPageTypesUsageView(UnitScopedReportMixin, PageTypesUsageReportView):
    """Page types usage: the rows are page types; each one's count and last edited page are scoped."""

    def filter_queryset(self, queryset):
        """Page types belong to no unit: filter them as Wagtail does (`decorate_paginated_queryset` scopes the rest)."""
        if issubclass(queryset.model, ContentType):
            return PageTypesUsageReportView.filter_queryset(self, queryset)
        return super().filter_queryset(queryset)

    def decorate_paginated_queryset(self, page_types):
        """Wagtail counts every page and names the last edited one of each type: count and name the user's only."""
        if not self.report_scope.sees_everything:
            pages = self.report_scope.pages
            cleaned = self.filters.form.cleaned_data if self.filters and self.filters.is_valid() else {}
            if cleaned.get("page_locale"):
                pages = pages.filter(locale__language_code=cleaned["page_locale"])
            if cleaned.get("site"):
                pages = pages.filter(path__startswith=cleaned["site"])
            for page_type in page_types:
                of_type = pages.filter(content_type=page_type)
                page_type.count = of_type.count()
                page_type.last_edited_page_id = (
                    of_type.order_by(F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk")
                    .values_list("pk", flat=True)
                    .first()
                )
        return super().decorate_paginated_queryset(page_types)


SCOPED_VIEWS = {PageTypesUsageReportView: UnitScopedPageTypesUsageView}


def unit_scoped_report(view_class):
    """`view_class` with the unit scope in front."""
    if view_class in SCOPED_VIEWS:
        return SCOPED_VIEWS[view_class]
    return type(f"UnitScoped{view_class.__name__}", (UnitScopedReportMixin, view_class), {"__module__": __name__})


def scoped_report_urlpatterns() -> list:
    """Wagtail's report URLs (same paths, names, view arguments), each served by its scoped view.

    Decorated as Wagtail decorates its admin URLs: admin access required, the admin's 404 page, no caching.
    """
    patterns = []
    for pattern in wagtail_report_urls.urlpatterns:
        view = pattern.callback
        scoped = unit_scoped_report(view.view_class).as_view(**view.view_initkwargs)
        patterns.append(path(str(pattern.pattern), scoped, name=pattern.name))
    for decorator in (require_admin_access, wagtailadmin_urls.display_custom_404, never_cache):
        decorate_urlpatterns(patterns, decorator)
    return patterns


def admin_urls_with_scoped_reports() -> list:
    """Wagtail's admin URL patterns with its reports include replaced, in place, by the scoped one.

    Replacing rather than shadowing (an include of the same namespace before Wagtail's) leaves no route
    to Wagtail's unscoped views and no duplicate URL namespace (Django's check urls.W005).
    """
    patterns = list(wagtailadmin_urls.urlpatterns)
    for index, pattern in enumerate(patterns):
        if isinstance(pattern, URLResolver) and pattern.namespace == REPORTS_NAMESPACE:
            patterns[index] = path(
                str(pattern.pattern), include((scoped_report_urlpatterns(), REPORTS_NAMESPACE), namespace=REPORTS_NAMESPACE)
            )
            return patterns
    raise ImproperlyConfigured(f"Wagtail's admin URLs no longer include the '{REPORTS_NAMESPACE}' namespace")
