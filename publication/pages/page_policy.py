"""Which pages the admin shows each user: other units' drafts stay sealed (issue 9).

Unit editors and heads hold "add" on the university news folder so they can write university news
owned by their unit. Wagtail makes everything under a page one holds "add" on explorable, so by itself
it would list every unit's unpublished drafts there, by title, in the explorer, page search, the admin
API, the page chooser and "pages using this type".

`UnitScopedPagePermissionPolicy` is Wagtail's page permission policy with one more rule for unit staff
(anyone but webmasters and superusers): a page that is not live is theirs to see only if it names one
of their units as owner, lies in one of their units' sections, or is a page they own. Central roles
belong to no unit and see no unit draft. Live pages are public anyway and stay listed.

It is registered for `Page`, so `policy_registry.get_by_type(Page)` and `policy_registry.get(page)`
(every page type) return it; Wagtail's own instance, registered for `AbstractPage`, is further away in
every page model's MRO. Where Wagtail lists pages without asking the policy (the page chooser) or
shows one page's title before asking it (the explorer of a page, the chooser's browse step), the hooks
below apply the same rule.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from wagtail import hooks
from wagtail.models import Page, get_page_models
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from publication.organisation.permissions import is_webmaster, units_for_user
from publication.pages.models import UnitOwnedPage


def sees_every_page(user) -> bool:
    return user.is_active and is_webmaster(user)


def visible_pages_q(user) -> Q:
    """Pages `user` may see in the admin: live ones, and the drafts of their units or their own.

    Ancestors of a unit's section are included so the explorer can still lead down to it.
    """
    if not user.is_authenticated:
        return Q(live=True)
    # The user's units (a few) as keys, not as a subquery: nested in Wagtail's own subqueries and a search's, the
    # subquery took SQLite past its parser's depth (a unit editor's search in the explorer: HTTP 500).
    units = list(units_for_user(user).values_list("pk", "section__path"))
    visible = Q(live=True) | Q(owner=user.pk)
    for section_path in {path for _, path in units if path}:
        ancestors = [section_path[:end] for end in range(Page.steplen, len(section_path), Page.steplen)]
        visible |= Q(path__startswith=section_path) | Q(path__in=ancestors)
    unit_ids = sorted({pk for pk, _ in units})
    for model in get_page_models():
        if issubclass(model, UnitOwnedPage) and not model._meta.abstract:
            visible |= Q(pk__in=model.objects.filter(owner_unit__in=unit_ids).values("pk"))
    return visible


def scope_pages(queryset: QuerySet, user) -> QuerySet:
    """`queryset` of pages without the drafts `user` may not see (webmasters and superusers: unchanged)."""
    if sees_every_page(user):
        return queryset
    return queryset.filter(pk__in=Page.objects.filter(visible_pages_q(user)).values("pk"))


def user_may_see_page(user, page: Page) -> bool:
    """Decided on the stored page (views may hand over a revision's copy); an unsaved page: yes."""
    if sees_every_page(user) or page.pk is None:
        return True
    return Page.objects.filter(pk=page.pk).filter(visible_pages_q(user)).exists()


class UnitScopedPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permissions, without other units' drafts (see the module docstring).

    Wagtail's explorer, page search, admin API, "pages using this type", reports and bulk actions take
    their pages from `explorable_instances` or `instances_user_has_any_permission_for`; actions and
    generic views check one page with `user_has_any_permission_for_instance`.
    """

    def explorable_instances(self, user):
        return scope_pages(super().explorable_instances(user), user)

    def instances_user_has_any_permission_for(self, user, actions):
        return scope_pages(super().instances_user_has_any_permission_for(user, actions), user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(user, actions, instance) and user_may_see_page(user, instance)


page_permission_policy = UnitScopedPagePermissionPolicy(Page)


def register() -> None:
    """Register the policy for `Page` (called from `wagtail_hooks`, before any page view asks for it)."""
    register_permission_policy(Page, page_permission_policy)


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    """The chooser lists children and search results by itself; its browse step also names the parent."""
    parent_id = request.resolver_match.kwargs.get("parent_page_id") if request.resolver_match else None
    if parent_id is not None:
        parent = Page.objects.filter(pk=parent_id).first()
        if parent is not None and not user_may_see_page(request.user, parent):
            raise Http404
    return scope_pages(pages, request.user)


@hooks.register("construct_explorer_page_queryset")
def scope_explorer(parent_page, pages, request):
    return scope_pages(pages, request.user)


@hooks.register("register_page_header_buttons")
def refuse_sealed_page_header(page, user, next_url=None, view_name=None):
    """Refuse a page view headed by a draft the user may not see.

    The explorer of one page (`/admin/pages/<id>/`) asks the policy for the children but never for the
    page whose title it shows in its header; every page view builds that header through this hook.
    """
    if not user_may_see_page(user, page):
        raise PermissionDenied
    return []
