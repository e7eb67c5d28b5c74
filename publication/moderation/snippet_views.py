"""Admin views shared by every unit snippet (P1.2 rights requests, P1.5 social posts): each unit's
items answer only that unit's people and the webmasters, on every view Wagtail builds for them."""

from __future__ import annotations

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_list_or_404, get_object_or_404
from django.urls import path, reverse
from wagtail import hooks
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from publication.organisation.permissions import (
    UnitScopedPermissionPolicy,
    unit_items_for_user,
    user_may_see_unit_item,
)

from .autosave import AutosaveSafeSnippetCreateMixin
from .snippets import UnitRequestMixin, unit_snippet_models


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
        # (A new, unsaved item — the create form's live findings — belongs to no unit yet.)
        if isinstance(obj, UnitRequestMixin) and obj.pk is not None and not user_may_see_unit_item(self.request.user, obj):
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
        if isinstance(queryset, QuerySet) and issubclass(queryset.model, UnitRequestMixin):
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


class FindingsPanelMixin:
    """The live policy findings side panel on a unit snippet's create and edit views."""

    def get_side_panels(self):
        from .findings_panel import with_findings_panel

        obj = getattr(self, "object", None)
        if obj is not None and obj.pk:
            url = reverse(self.view_name_for("policy_findings"), args=[quote(obj.pk)])
            return with_findings_panel(super().get_side_panels(), obj, self.request, url)
        url = reverse(self.view_name_for("policy_findings_add"))
        return with_findings_panel(super().get_side_panels(), self.model(), self.request, url)

    def view_name_for(self, name: str) -> str:
        # index_url_name is "<namespace>:list"; the findings URLs sit in the same namespace.
        return self.index_url_name.rsplit(":", 1)[0] + ":" + name


class UnitRequestCreateView(AutosaveSafeSnippetCreateMixin, FindingsPanelMixin, CreateView):
    pass


class UnitScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose every view, chooser included, is scoped to the user's units."""

    chooser_viewset_class = UnitScopedChooserViewSet
    add_view_class = UnitRequestCreateView  # (subclasses set their own edit view on UnitRequestEditView)

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(unit_scoped(view_class), **kwargs)

    def get_urlpatterns(self):
        """Wagtail's snippet URLs plus the live policy findings of the edit and create forms."""
        from .findings_panel import SnippetFindingsView

        def findings_view(for_update):
            return self.construct_view(SnippetFindingsView, form_class=self.get_form_class(for_update=for_update))

        return [
            *super().get_urlpatterns(),
            path("policy-findings/", findings_view(False), name="policy_findings_add"),
            path(f"policy-findings/<{self.pk_path_converter}:pk>/", findings_view(True), name="policy_findings"),
        ]


class UnitRequestEditView(FindingsPanelMixin, EditView):
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


class UnitScopedDeleteBulkAction(DeleteBulkAction):
    """Snippets' bulk delete, for requests and posts: another unit's items are not there at all.

    Wagtail's confirmation screen lists the items the user may not delete by their titles, and a
    social post's title is its text.
    """

    models = list(unit_snippet_models())

    def get_queryset(self, model, object_ids):
        return get_list_or_404(unit_items_for_user(model.objects.all(), self.request.user), pk__in=object_ids)

    def get_all_objects_in_listing_query(self, parent_id):
        return unit_items_for_user(self.model.objects.all(), self.request.user).values_list("pk", flat=True)


# After Wagtail's own snippet bulk delete (order 0), so this one is the action for the unit snippets.
hooks.register("register_bulk_action", UnitScopedDeleteBulkAction, order=100)


def get_scoped(model, request, pk, action="view"):
    """The `model` instance `pk` if the user's unit scope allows `action` on it; else 404 or 403."""
    obj = get_object_or_404(model, pk=pk)
    if not UnitScopedPermissionPolicy(model).user_has_permission_for_instance(request.user, action, obj):
        raise PermissionDenied
    return obj
