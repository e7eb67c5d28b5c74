"""Keep the news listing in step with the pages (issue 15; see `publication.pages.listing`).

Every path that changes what the public sees of a news item ends in one of these:

* a save of a news page, as its specific class or as a plain `Page` (publish through any path,
  unpublish, expiry, the urgent takedown, copy with "publish copies", alias creation and alias sync) —
  skipped when only draft bookkeeping changed (``save_revision`` of a live page);
* `post_page_move` of any page: the subtree's news may have changed folder, owner unit or view
  restriction (connected after `signal_handlers.page_moved`, which re-derives the owner units first);
* a `PageViewRestriction` saved or deleted: the news under its page enter or leave the listing;
* a `NewsListing` row deleted by the cascade from its page or folder: its counts go down by one;
* a `NewsCategory` deleted: its rows lose their category (``SET_NULL``) and its counters go.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from publication.pages.listing import NewsListing, NewsListingCount, forget_listing_row, news_page_ids_under, sync_news_listing

#: Page fields a listing row depends on; a save that names only other fields changes no row.
LISTING_SOURCE_FIELDS = frozenset(
    {"live", "path", "depth", "date", "first_published_at", "last_published_at", "category", "category_id", "owner_unit", "owner_unit_id"}
)


def _is_news(instance) -> bool:
    from publication.pages.models import NewsPage

    if isinstance(instance, NewsPage):
        return True
    content_type_id = getattr(instance, "content_type_id", None)
    return content_type_id is not None and content_type_id == ContentType.objects.get_for_model(NewsPage).pk


def news_saved(sender, instance=None, created=False, update_fields=None, raw=False, **kwargs) -> None:
    """A news page saved: its listing row follows (a new draft has none to follow)."""
    from wagtail.models import Page

    if raw or not isinstance(instance, Page) or not _is_news(instance):
        return
    if created and not instance.live:
        return
    if update_fields is not None and not LISTING_SOURCE_FIELDS.intersection(update_fields):
        return
    sync_news_listing([instance.pk])


def subtree_moved(sender, instance=None, **kwargs) -> None:
    """A page moved: every news page at or below it is listed again from where it now is."""
    sync_news_listing(news_page_ids_under(instance))


def restriction_changed(sender, instance=None, raw=False, **kwargs) -> None:
    """A view restriction added, changed or removed: the news below its page enter or leave the listing."""
    if raw or instance is None:
        return
    from wagtail.models import Page

    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    if page is not None:
        sync_news_listing(news_page_ids_under(page))


def listing_row_deleted(sender, instance=None, **kwargs) -> None:
    forget_listing_row(instance)


def category_deleted(sender, instance=None, **kwargs) -> None:
    NewsListingCount.objects.filter(category_key=instance.pk).delete()


def connect() -> None:
    """Connect the receivers (from `PagesConfig.ready()`, after `signal_handlers`)."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import post_page_move

    from publication.pages.models import NewsCategory

    post_save.connect(news_saved, dispatch_uid="news_listing_page_saved")
    post_page_move.connect(subtree_moved, dispatch_uid="news_listing_moved")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="news_listing_restriction_saved")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="news_listing_restriction_deleted")
    post_delete.connect(listing_row_deleted, sender=NewsListing, dispatch_uid="news_listing_row_deleted")
    post_delete.connect(category_deleted, sender=NewsCategory, dispatch_uid="news_listing_category_deleted")
