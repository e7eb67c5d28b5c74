"""The public host of the site: the default Wagtail `Site` follows `WAGTAILADMIN_BASE_URL`.

Wagtail's first migration creates a default site at ``localhost:80``; every absolute link Wagtail
builds (`Page.full_url`: the sitemap, ``<link rel="canonical">``, ``og:url``, feeds, links in
e-mails) comes from that site, so left alone the public would be sent to ``http://localhost/``.
`align_default_site` points it at the configured host, after every ``migrate`` and in
``bootstrap_demo``; a site an administrator has already given a real host name is never touched.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site

logger = logging.getLogger("publication.sites")

#: Host names that only ever mean "this machine": never a public address.
PLACEHOLDER_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0"})  # noqa: S104


def configured_host() -> tuple[str, int]:
    """`(hostname, port)` of `settings.WAGTAILADMIN_BASE_URL` (port 443 for https, 80 for http unless given).

    Raises ImproperlyConfigured when the setting is not an http(s) URL with a host name.
    """
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(f"WAGTAILADMIN_BASE_URL must be an http(s) URL with a host name, not {settings.WAGTAILADMIN_BASE_URL!r}")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def align_default_site() -> Site | None:
    """Give the default site the configured host when it still has a placeholder one (``localhost``).

    Returns the site when it was changed, else None (no default site, already aligned, or a real host
    name chosen by an administrator, which wins).
    """
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or site.hostname not in PLACEHOLDER_HOSTS:
        return None
    hostname, port = configured_host()
    if (site.hostname, site.port) == (hostname, port):
        return None
    logger.info("Default site %s:%s now serves %s:%s (WAGTAILADMIN_BASE_URL)", site.hostname, site.port, hostname, port)
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    Site.clear_site_root_paths_cache()
    return site


def align_default_site_after_migrate(sender, using="default", **kwargs) -> None:
    """`post_migrate` receiver: align once the tables exist (a no-op when there is nothing to change)."""
    if using != "default" or not Site.objects.using(using).exists():
        return
    align_default_site()
