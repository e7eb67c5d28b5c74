"""Admin of the organisation: units (with their change history) and acting heads."""

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.auth import PermissionPolicyChecker
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from . import login_attempts
from .exports import ThaiExportViewSetMixin
from .models import ActingHead, Unit


class UnitEditView(EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Data change history"),
                url=reverse("publication_unit_changes", args=[self.object.pk]),
                icon_name="history",
                priority=40,
            )
        )
        return buttons


class UnitViewSet(ThaiExportViewSetMixin, SnippetViewSet):
    model = Unit
    # The admin URLs stay as they were before publication/ became several apps (issue 10).
    url_prefix = "snippets/publication/unit"
    url_namespace = "wagtailsnippets_publication_unit"
    chooser_base_url_path = "snippets/choose/publication/unit"
    chooser_admin_url_namespace = "wagtailsnippetchoosers_publication_unit"
    icon = "group"
    menu_label = _("Internal units")
    menu_order = 200
    add_to_admin_menu = True
    edit_view_class = UnitEditView
    list_display = [
        "name_th",
        "code",
        "kind",
        "contact_email",
        BooleanColumn("may_publish_own_news", label=_("May publish its own news")),
        "section",
    ]
    list_filter = ["kind", "may_publish_own_news"]
    list_export = ["code", "name_th", "name_en", "kind", "contact_email", "phone", "may_publish_own_news"]
    export_filename = "pcru-units"
    search_fields = ["name_th", "name_en", "code"]
    # Thai has no spaces between words: a substring match (ORM icontains) finds "วิทยาศาสตร์"
    # inside a unit name, where the full-text backend would not.
    search_backend_name = None
    ordering = ["name_th"]
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name_th"), FieldPanel("name_en")]),
                FieldRowPanel([FieldPanel("code"), FieldPanel("kind")]),
                FieldPanel("parent"),
            ],
            heading=_("Unit details"),
        ),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("phone")], heading=_("Contact")),
        MultiFieldPanel([FieldPanel("heads"), FieldPanel("editors")], heading=_("Staff")),
        MultiFieldPanel([FieldPanel("section"), FieldPanel("may_publish_own_news")], heading=_("Publishing rights")),
    ]


class ActingHeadViewSet(SnippetViewSet):
    model = ActingHead
    # The admin URLs stay as they were before publication/ became several apps (issue 10).
    url_prefix = "snippets/publication/actinghead"
    url_namespace = "wagtailsnippets_publication_actinghead"
    chooser_base_url_path = "snippets/choose/publication/actinghead"
    chooser_admin_url_namespace = "wagtailsnippetchoosers_publication_actinghead"
    icon = "user"
    menu_label = _("Acting head")
    list_display = [
        "unit",
        "head",
        "acting",
        DateColumn("start_date", label=pgettext_lazy("date range", "From")),
        DateColumn("end_date", label=pgettext_lazy("date range", "To")),
    ]
    list_filter = ["unit"]
    ordering = ["-start_date"]




register_snippet(UnitViewSet)
register_snippet(ActingHeadViewSet)

unit_permission = PermissionPolicyChecker(ModelPermissionPolicy(Unit))


class UnitChangesView(TemplateView):
    """Field-by-field changes of a unit from django-simple-history: who changed what, when."""

    template_name = "organisation/unit_changes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = get_object_or_404(Unit, pk=kwargs["pk"])
        records = list(unit.history.select_related("history_user").order_by("-history_date", "-history_id"))
        entries = []
        for newer, older in zip(records, records[1:] + [None], strict=True):
            changes = []
            if older is not None:
                delta = newer.diff_against(older)
                for change in delta.changes:
                    field = Unit._meta.get_field(change.field)
                    changes.append(
                        {"field": field.verbose_name, "old": _display(change.old), "new": _display(change.new)}
                    )
            entries.append({"record": newer, "changes": changes})
        context.update(unit=unit, entries=entries, header_title=_("Change history: %(unit)s") % {"unit": unit})
        return context


def _display(value) -> str:
    if isinstance(value, list):
        from django.contrib.auth import get_user_model

        ids = [item.get("user") for item in value if isinstance(item, dict)]
        users = get_user_model().objects.filter(pk__in=ids)
        return ", ".join(u.get_full_name() or u.get_username() for u in users) or "—"
    if value in (None, ""):
        return "—"
    return str(value)


@hooks.register("register_admin_urls")
def register_unit_changes_url():
    return [
        path(
            "units/<int:pk>/changes/",
            unit_permission.require_any("change", "view")(UnitChangesView.as_view()),
            name="publication_unit_changes",
        )
    ]


# Failed sign-ins and unlocking (issue 13): publication/organisation/login_attempts.py.
hooks.register("register_admin_urls", login_attempts.admin_urls)
hooks.register("register_reports_menu_item", login_attempts.reports_menu_item)
hooks.register("register_log_actions", login_attempts.register_log_actions)
