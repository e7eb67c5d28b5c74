"""Issue 15, hosts: every absolute link names the configured host, never ``localhost``.

The sitemap, ``<link rel="canonical">``, ``og:url``, the news feed, robots.txt and the links in e-mails
all come from the default Wagtail site, which follows ``WAGTAILADMIN_BASE_URL``
(`publication.pages.sites`).
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from wagtail.models import Site

from publication.moderation.gate import trusted_publication
from publication.outbox.models import Notification
from publication.pages.sites import align_default_site, configured_host

PUBLIC = "https://www.pcru.ac.th"


@pytest.fixture
def public_host(settings, demo):
    """The demo university as Wagtail's first migration leaves it (localhost:80), then configured."""
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["testserver", "www.pcru.ac.th", "127.0.0.1"]
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    align_default_site()
    return demo


def test_configured_host_parses_scheme_and_port(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://www.pcru.ac.th/"
    assert configured_host() == ("www.pcru.ac.th", 443)
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    assert configured_host() == ("127.0.0.1", 8000)


def test_placeholder_site_follows_the_setting_and_a_real_host_is_kept(settings, demo):
    site = Site.objects.get(is_default_site=True)
    # After `migrate` the test database's site already follows the test setting (http://testserver).
    assert (site.hostname, site.port) == ("testserver", 80)
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    Site.objects.filter(pk=site.pk).update(hostname="localhost", port=80)
    assert align_default_site() is not None
    site.refresh_from_db()
    assert site.root_url == PUBLIC
    # An administrator's own host name wins over the setting.
    Site.objects.filter(pk=site.pk).update(hostname="web.pcru.ac.th", port=443)
    settings.WAGTAILADMIN_BASE_URL = "https://other.example"
    assert align_default_site() is None
    site.refresh_from_db()
    assert site.hostname == "web.pcru.ac.th"


def test_bootstrap_demo_names_the_configured_host(settings, db):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    call_command("bootstrap_demo", password="x-Strong-Demo-Pass-1", no_news=True, verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == PUBLIC


@pytest.mark.parametrize("host", ["testserver", "127.0.0.1"])
def test_sitemap_canonical_og_url_feed_and_robots(client, public_host, make_news, host):
    sci = public_host.units["SCI"]
    news = make_news(public_host.university_news, "ข่าวทดสอบที่อยู่เว็บไซต์", owner_unit=sci, slug="host-test")

    sitemap = client.get("/sitemap.xml", HTTP_HOST=host).content.decode()
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs and all(loc.startswith(PUBLIC + "/") for loc in locs), locs
    assert news.full_url in locs and news.full_url.startswith(PUBLIC + "/")

    html = client.get(news.url, HTTP_HOST=host).content.decode()
    assert f'<link rel="canonical" href="{PUBLIC}/' in html
    assert f'<meta property="og:url" content="{PUBLIC}/' in html
    assert "localhost" not in html

    for feed_url in ("/feeds/news/rss/", "/feeds/news/atom/"):
        text = client.get(feed_url, HTTP_HOST=host).content.decode()
        links = re.findall(r"<link>([^<]+)</link>", text) + re.findall(r'<link href="([^"]+)"', text)
        assert len(links) >= 2 and all(link.startswith(PUBLIC) for link in links), links
        assert news.full_url in links

    robots = client.get("/robots.txt", HTTP_HOST=host).content.decode()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots


def test_links_in_the_published_email_name_the_configured_host(public_host, make_news, django_capture_on_commit_callbacks):
    sci = public_host.units["SCI"]
    news = make_news(public_host.university_news, "ข่าวทดสอบลิงก์ในอีเมล", owner_unit=sci, slug="mail-host", publish=False)
    with django_capture_on_commit_callbacks(execute=True), trusted_publication("test: publish to see the unit's e-mail"):
        news.save_revision().publish()
    body = Notification.objects.filter(kind="page_published").latest("pk").body_text
    assert f"{PUBLIC}/" in body and "localhost" not in body and "testserver" not in body
