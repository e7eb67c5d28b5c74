"""Wagtail's front-end URLs (`wagtail.urls`), with a page path that may hold Thai words whole.

Wagtail serves pages under `^((?:[\\w\\-]+/)*)$`; Python's `\\w` has no combining marks, so a page whose
slug keeps its Thai vowels and tone marks (`publication.pages.slugs`) would neither resolve nor reverse
(`page.url` would be None). Include these patterns instead of `wagtail.urls`: the same views and names,
`wagtail_serve` with Thai marks added to each path segment, and a private page's password form with a
limit on tries (`publication.organisation.throttles`).
"""

from __future__ import annotations

from django.urls import path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.coreutils import WAGTAIL_APPEND_SLASH

from publication.organisation import throttles

from .slugs import THAI_MARKS

# As in wagtail/urls.py: path segments ending in "/" (WAGTAIL_APPEND_SLASH, the default), or any path.
SERVE_PATTERN = rf"^((?:[\w\-{THAI_MARKS}]+/)*)$" if WAGTAIL_APPEND_SLASH else rf"^([\w\-/{THAI_MARKS}]*)$"

REPLACED = {"wagtail_serve", "wagtailcore_authenticate_with_password"}

urlpatterns = [
    # A private page's password, with a limit on tries (django-axes does not see this form).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttles.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    *(pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", None) not in REPLACED),
    re_path(SERVE_PATTERN, wagtail_views.serve, name="wagtail_serve"),
]
