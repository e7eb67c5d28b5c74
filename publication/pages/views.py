"""Public views that are not pages: search, robots.txt and the Thai error pages."""

import re

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

SEARCH_PAGE_SIZE = 10


THAI = re.compile(r"[\u0E00-\u0E7F]")


def _thai_aware_search(query: str):
    """Wagtail's full-text backends split words at spaces, and Thai puts none between words:
    for Thai queries, match substrings of titles, summaries and intros instead."""
    pages = Page.objects.live().public()
    if not THAI.search(query):
        # Wagtail's SQLite full-text search quotes each word without doubling a '"' inside it, so a
        # lone '"' is an SQL error (wagtail/wagtail#13227); the quote means nothing to our search.
        words = query.replace('"', " ").strip()
        return pages.specific().search(words) if words else pages.none()
    from publication.pages.models import NewsPage, StandardPage, UnitPage

    ids = set(pages.filter(title__icontains=query).values_list("pk", flat=True))
    ids |= set(NewsPage.objects.live().filter(summary__icontains=query).values_list("pk", flat=True))
    for model in (StandardPage, UnitPage):
        ids |= set(model.objects.live().filter(intro__icontains=query).values_list("pk", flat=True))
    return pages.filter(pk__in=ids).specific().order_by("-first_published_at", "pk")


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        results = _thai_aware_search(query)
    paginator = Paginator(results, SEARCH_PAGE_SIZE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    return render(request, "pages/search_results.html", {"query": query, "results": page_obj})


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
