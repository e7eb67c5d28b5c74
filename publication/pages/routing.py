"""Fewer queries to serve a page (issue 15: a listing renders in at most 12 queries, wherever it sits).

Wagtail's `Page.route` loads each page on the way down twice: the child by slug, then its specific
form, so a unit's news folder four levels down (``/units/sci/news/``) costs seven queries before it
renders anything. `ShallowRouteMixin` passes through a page with its specific class but without its
own fields (``specific_deferred``, no query): one query a level, and only the page served is loaded
whole. The pages on the way stay in memory as each page's parent (``_cached_parent_obj``), so
`ancestors_from_route` can name them for the breadcrumb trail without asking the database again.

`ViewRestrictionsOnceMixin` answers ``get_view_restrictions()`` from the first lookup of the same page
object: Wagtail's restriction check and the page cache's both ask while serving one request.
"""

from __future__ import annotations

from django.http import Http404


class ShallowRouteMixin:
    """Route through this page to a deeper one with one query a level instead of two.

    A page class whose own ``route`` reads its specific fields still works: a deferred field loads
    when it is read.
    """

    def route(self, request, path_components):
        if len(path_components) < 2:
            return super().route(request, path_components)
        child = self.get_children().filter(slug=path_components[0]).first()
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # treebeard's get_parent() answers from it, as in Wagtail's route
        return child.specific_deferred.route(request, path_components[1:])


class ViewRestrictionsOnceMixin:
    """``get_view_restrictions()`` looked up once per page object (an evaluated queryset: ``exists()``,
    iteration and ``len()`` ask nothing more; chaining a filter makes a new query as usual)."""

    def get_view_restrictions(self):
        restrictions = self.__dict__.get("_view_restrictions_once")
        if restrictions is None:
            restrictions = super().get_view_restrictions()
            len(restrictions)  # evaluate now, once
            self.__dict__["_view_restrictions_once"] = restrictions
        return restrictions


def ancestors_from_route(page) -> list:
    """``page``'s ancestors below the tree root, top first, from the parents routing left in memory.

    Falls back to one query (``get_ancestors``) when the chain is not all there (a page not served
    through routing, e.g. a preview).
    """
    chain = []
    node = page
    while node.depth > 2:
        parent = node.__dict__.get("_cached_parent_obj")
        if parent is None:
            return [ancestor for ancestor in page.get_ancestors() if ancestor.depth > 1]
        chain.append(parent)
        node = parent
    return [ancestor for ancestor in reversed(chain) if ancestor.depth > 1]
