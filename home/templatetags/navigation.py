from django import template
from django.core.cache import cache
from wagtail.models import Site

from publication.pages.cache import current_generation
from publication.pages.routing import ancestors_from_route

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_items(context):
    """Top-level pages marked "show in menus" under the current site's root.

    Cached per page-cache generation: every publish, unpublish, move or delete starts a new one, so
    the menu is never stale and costs no query between changes (issue 15).
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    key = f"pcru:main-menu:{current_generation()}:{site.pk}"
    items = cache.get(key)
    if items is None:
        items = list(site.root_page.get_children().live().in_menu().only("title", "url_path", "path", "depth"))
        cache.set(key, items, 3600)
    return items


@register.simple_tag
def breadcrumb_ancestors(page):
    """``page``'s ancestors for the breadcrumb trail, from the parents routing loaded (a query only if it did not)."""
    return ancestors_from_route(page)
