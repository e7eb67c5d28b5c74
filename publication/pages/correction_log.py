"""The public corrections log (guideline G6): "การแก้ไขข้อมูล" at /corrections/ and its RSS and Atom feeds.

Both list the notices of `corrections.public_corrections()`: live, public, original pages only, newest
first. Each row's page comes in the same query and its URL from the site's root paths (cached on the
request), so the log takes the same few queries whatever its length. The feeds follow the news feeds
(`feeds.py`): plain texts escaped once into the HTML a feed reader expects, controls XML cannot carry
replaced, absolute links on the configured site.
"""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from wagtail.models import Site

from publication.pages.cache import mark_canonical_query
from publication.pages.corrections import PageCorrection, public_corrections
from publication.pages.feeds import FEED_SIZE, feed_text

LOG_PAGE_SIZE = 20


def with_page_urls(corrections, request) -> list[PageCorrection]:
    """`corrections` as a list, each with `page_url` (absolute, or None for a page outside every site)
    and `notice_url` (the notice itself on the page), from one lookup of the site root paths."""
    rows = list(corrections)
    for correction in rows:
        correction.page_url = correction.page.get_full_url(request)
        correction.notice_url = f"{correction.page_url}#correction-{correction.pk}" if correction.page_url else None
    return rows


def log_url() -> str:
    """The absolute URL of the corrections log on the default site (its path alone without one)."""
    site = Site.objects.filter(is_default_site=True).first()
    return f"{site.root_url if site else ''}{reverse('corrections')}"


@require_safe
def corrections_log(request):
    """The corrections log, `LOG_PAGE_SIZE` notices a page (`?page=`; a page number out of range or not a
    number shows the nearest page)."""
    paginator = Paginator(public_corrections(), LOG_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    if list(request.GET.lists()) == [("page", [str(page_obj.number)])]:
        mark_canonical_query(request)  # ?page=N of a page that exists may be stored by the page cache
    page_obj.object_list = with_page_urls(page_obj.object_list, request)
    return render(request, "pages/corrections_log.html", {"corrections": page_obj, "page_obj": page_obj})


class CorrectionsRssFeed(Feed):
    """The latest `FEED_SIZE` correction notices, one item each, linking to the notice on its page."""

    title = gettext_lazy("Phetchabun Rajabhat University: corrections to published content")
    description = gettext_lazy(
        "Mistakes found in content published on the Phetchabun Rajabhat University website, and how they were corrected"
    )
    language = "th"

    def get_object(self, request, *args, **kwargs):
        # The request travels as the feed's "object", so every item's URL comes from one site lookup.
        return request

    def link(self) -> str:
        return log_url()

    def items(self, request) -> list[PageCorrection]:
        rows = with_page_urls(public_corrections()[:FEED_SIZE], request)
        log = log_url()
        for correction in rows:
            # A stable id: the page's URL may change (a new slug, a move), the notice stays the same item.
            correction.feed_guid = f"{log}#correction-{correction.pk}"
        return rows

    def item_title(self, item: PageCorrection) -> str:
        return feed_text(_("Correction: %(title)s") % {"title": item.page.title})

    def item_description(self, item: PageCorrection) -> str:
        """What was wrong and what was corrected, each escaped once inside a paragraph of HTML."""
        return format_html(
            "<p>{}: {}</p><p>{}: {}</p>",
            _("What was wrong"),
            feed_text(item.what_was_wrong),
            _("What was corrected"),
            feed_text(item.what_changed),
        )

    def item_link(self, item: PageCorrection) -> str:
        return item.notice_url or item.feed_guid

    def item_guid(self, item: PageCorrection) -> str:
        return item.feed_guid

    item_guid_is_permalink = False

    def item_pubdate(self, item: PageCorrection) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(8, 0)))


class CorrectionsAtomFeed(CorrectionsRssFeed):
    feed_type = Atom1Feed
    subtitle = CorrectionsRssFeed.description
