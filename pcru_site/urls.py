from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from publication.organisation.throttles import ThrottledPasswordResetView
from publication.pages import correction_log
from publication.pages import urls as page_urls
from publication.pages import views as publication_views
from publication.pages.cache import cacheable_public_view
from publication.pages.feeds import NewsAtomFeed, NewsRssFeed
from publication.pages.reports import admin_urls_with_scoped_reports

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Wagtail's admin, its reports (/admin/reports/…, same paths and URL names) served by views that keep
    # each unit's pages, requests and posts to that unit's staff (issue 9; publication/pages/reports.py).
    # Wagtail's password reset, queuing a few e-mails per address and client an hour at most (throttles.py).
    path("admin/password_reset/", ThrottledPasswordResetView.as_view()),
    path("admin/", include(admin_urls_with_scoped_reports())),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", publication_views.search, name="search"),
    path("feeds/news/rss/", cacheable_public_view(NewsRssFeed()), name="news_feed_rss"),
    path("feeds/news/atom/", cacheable_public_view(NewsAtomFeed()), name="news_feed_atom"),
    # The public corrections log (G6) and its feeds.
    path("corrections/", cacheable_public_view(correction_log.corrections_log), name="corrections"),
    path("feeds/corrections/rss/", cacheable_public_view(correction_log.CorrectionsRssFeed()), name="corrections_feed_rss"),
    path("feeds/corrections/atom/", cacheable_public_view(correction_log.CorrectionsAtomFeed()), name="corrections_feed_atom"),
    path("sitemap.xml", cacheable_public_view(sitemap), name="sitemap"),
    path("robots.txt", publication_views.robots_txt, name="robots_txt"),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Images only: documents (official letters among them) are served through Wagtail's
    # serve view, where `before_serve_document` decides who may read them. In production the
    # web server serves MEDIA_ROOT/images and original_images and must deny documents/.
    for folder in ("images", "original_images"):
        urlpatterns += static(f"{settings.MEDIA_URL}{folder}/", document_root=Path(settings.MEDIA_ROOT) / folder)

# Wagtail's front-end URLs, with Thai words (vowels and tone marks) allowed in page paths (issue 12).
urlpatterns += [path("", include(page_urls))]

handler404 = "publication.pages.views.page_not_found"
handler500 = "publication.pages.views.server_error"
