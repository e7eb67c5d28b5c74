"""RSS 2.0 and Atom feeds of the university's published news.

Summaries are plain text, but an RSS `<description>` and an Atom `<summary type="html">` (how Django
writes both) are read as HTML by feed readers: a summary is HTML-escaped once here, so "<b>" typed by an
editor reaches the reader as those three characters, never as markup. Every text is also rid of the
control characters XML 1.0 cannot carry (a vertical tab pasted from a word processor), which would
otherwise stop Django's feed writer and the whole feed with it.
"""

from __future__ import annotations

import datetime
import re

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from publication.pages.listing_query import ListingScope, latest_news
from publication.pages.models import NewsPage

FEED_SIZE = 30
# Code points XML 1.0 does not allow in a document (tab, line feed and carriage return are allowed).
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def feed_text(value: str | None) -> str:
    """`value` as text XML 1.0 can carry: each disallowed control character becomes a space."""
    return NOT_IN_XML.sub(" ", value or "")


def site_root_url() -> str:
    """The default site's root URL without a trailing slash ("https://www.pcru.ac.th"); "" without a site."""
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


class NewsRssFeed(Feed):
    title = _("Phetchabun Rajabhat University news")
    description = _("The latest news and announcements from Phetchabun Rajabhat University and its units")
    language = "th"

    #: URL name of this feed, for its self link.
    url_name = "news_feed_rss"

    def link(self) -> str:
        """The site's configured root (Django's syndication would otherwise use the request's Host)."""
        return f"{site_root_url()}/"

    def feed_url(self) -> str:
        return site_root_url() + reverse(self.url_name)

    def items(self):
        # The newest live public news from the indexed listing (issue 15): no sort over the whole archive.
        return latest_news(ListingScope(), FEED_SIZE, renditions=False)

    def item_title(self, item: NewsPage) -> str:
        return feed_text(item.title)

    def item_description(self, item: NewsPage) -> str:
        """The plain-text summary as HTML (escaped once): the feed declares descriptions as HTML."""
        return escape(feed_text(item.summary))

    def item_link(self, item: NewsPage) -> str:
        return item.get_full_url() or item.url_path

    def item_pubdate(self, item: NewsPage) -> datetime.datetime:
        moment = datetime.datetime.combine(item.date, datetime.time(8, 0))
        return timezone.make_aware(moment)

    def item_updateddate(self, item: NewsPage) -> datetime.datetime | None:
        return item.last_published_at

    def item_author_name(self, item: NewsPage) -> str:
        return feed_text(item.owner_unit.name_th) if item.owner_unit else ""

    def item_categories(self, item: NewsPage) -> list[str]:
        return [feed_text(item.category.name)] if item.category else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    url_name = "news_feed_atom"
    subtitle = NewsRssFeed.description
