"""Public views that are not pages: search, robots.txt and the Thai error pages."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.models import Site

from publication.pages.search import search_public_pages


@require_GET
def search(request):
    """The public search page: ranked Thai full-text results with highlighted snippets (publication/pages/search.py)."""
    query = request.GET.get("q", "").strip()
    outcome = search_public_pages(query, request.GET.get("page"), request) if query else None
    return render(request, "pages/search_results.html", {"query": query, "outcome": outcome})


def _site_root(request) -> str:
    """The configured root URL of the site serving `request` (never the Host header the client sent)."""
    site = Site.find_for_request(request)
    return site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /documents/",
        f"Sitemap: {_site_root(request)}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the failure may be the database.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
