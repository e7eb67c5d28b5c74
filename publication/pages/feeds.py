"""RSS 2.0 and Atom feeds of the university's published news."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from publication.pages.models import NewsPage

FEED_SIZE = 30


class NewsRssFeed(Feed):
    title = _("Phetchabun Rajabhat University news")
    description = _("The latest news and announcements from Phetchabun Rajabhat University and its units")
    language = "th"

    def link(self) -> str:
        return "/"

    def items(self):
        return (
            NewsPage.objects.live()
            .public()
            .select_related("owner_unit", "category")
            .order_by("-date", "-first_published_at")[:FEED_SIZE]
        )

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.summary

    def item_link(self, item: NewsPage) -> str:
        return item.get_url() or item.url_path

    def item_pubdate(self, item: NewsPage) -> datetime.datetime:
        moment = datetime.datetime.combine(item.date, datetime.time(8, 0))
        return timezone.make_aware(moment)

    def item_updateddate(self, item: NewsPage) -> datetime.datetime | None:
        return item.last_published_at

    def item_author_name(self, item: NewsPage) -> str:
        return item.owner_unit.name_th if item.owner_unit else ""

    def item_categories(self, item: NewsPage) -> list[str]:
        return [item.category.name] if item.category else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
