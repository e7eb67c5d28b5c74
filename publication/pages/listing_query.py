"""Reading the news listing (issue 15): one query for a page of news, whatever the archive's size.

A page of the news index is one SQL statement: the page ids come from a seek into the narrow
`NewsListing` index of the chosen scope (folder, unit, category), the news pages with their unit,
category and cover image are joined onto those ids, and the scope's total rides along from
`NewsListingCount`. The cover renditions come from Wagtail's rendition cache (one query for those not
there yet), and the category and unit choices of the filter form from the cache, per page-cache
generation (`publication.pages.cache`: a change to a category or unit starts a new one).

`ListingPaginator` is Django's `Paginator` over such a scope, so ``?page=N``, the page numbers and the
existing pager stay as they were: page 1, page 2,000 and the last page cost the same single query
(two when a page number is past the end: the empty window, then the last page with the count).

The skip to a deep page is an ``OFFSET`` over the scope's covering index only (never the page tables):
measured at 100,000 items it adds about a millisecond at page 2,000, well inside the render's noise;
a keyset (``?after=``) would not keep the page numbers the site shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Subquery
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from publication.pages.listing import ANY, SORT_ORDER, NewsListing, NewsListingCount

#: A page number past this is past the last page of any archive (and never reaches the database's integers).
MAX_PAGE_NUMBER = 1_000_000

#: The rendition a news card shows (``components/news_card.html``).
NEWS_THUMBNAIL_SPEC = "fill-480x270"
#: The page's own fields in the listing's order (equal to the listing row's by construction).
PAGE_ORDER = ("-date", "-first_published_at", "-pk")
_FILTER_OPTIONS_KEY = "pcru:news-filter-options:{generation}"


@dataclass(frozen=True)
class ListingScope:
    """Which news a listing shows: a folder (or `ANY` for every folder), a unit, a category.

    ``nothing`` marks a filter that matches no news at all (an unknown category or unit), answered
    without a query.
    """

    folder_id: int = ANY
    unit_id: int = ANY
    category_id: int = ANY
    nothing: bool = False

    def rows(self):
        """The scope's `NewsListing` rows, newest first (served by one of its composite indexes)."""
        rows = NewsListing.objects.all()
        if self.folder_id:
            rows = rows.filter(folder_id=self.folder_id)
        if self.unit_id:
            rows = rows.filter(owner_unit_id=self.unit_id)
        if self.category_id:
            rows = rows.filter(category_id=self.category_id)
        return rows.order_by(*SORT_ORDER)

    def count_query(self):
        return NewsListingCount.objects.filter(folder_key=self.folder_id, unit_key=self.unit_id, category_key=self.category_id).values(
            "count"
        )[:1]

    def total(self) -> int:
        """How many news the scope holds (one query on the counter row; none when ``nothing``)."""
        if self.nothing:
            return 0
        counts = list(self.count_query())
        return counts[0]["count"] if counts else 0

    def page_query(self, offset: int, limit: int, *, with_total: bool = True, oldest_first: bool = False):
        """The one query of `window`: ids by index seek, the pages joined on them, the total as a subquery."""
        from publication.pages.models import NewsPage

        rows = self.rows().reverse() if oldest_first else self.rows()
        ids = rows.values("page_id")[offset : offset + limit]
        news = (
            NewsPage.objects.filter(pk__in=ids).select_related("owner_unit", "category", "cover_image").defer("body").order_by(*PAGE_ORDER)
        )
        return news.annotate(listing_total=Subquery(self.count_query())) if with_total else news

    def window(
        self, offset: int, limit: int, *, with_total: bool = True, renditions: bool = True, oldest_first: bool = False
    ) -> tuple[list, int | None]:
        """News pages ``offset``…``offset + limit`` of the scope (counted from the oldest with
        ``oldest_first``; newest first either way), and its total (None when no page came back). One query."""
        if self.nothing or limit <= 0:
            return [], (0 if self.nothing else None)
        news = list(self.page_query(offset, limit, with_total=with_total, oldest_first=oldest_first))
        if renditions:
            attach_cover_renditions(news)
        total = news[0].listing_total if with_total and news else None
        return news, total


class ListingPaginator(Paginator):
    """Django's paginator over a `ListingScope`: the page and the count come in one query.

    ``page(number)`` raises `PageNotAnInteger` and `EmptyPage` as Django's does; ``orphans`` is not
    supported (a listing page always holds ``per_page`` items but the last). A number past the end
    costs one more query, which also fetches the last page, so that the ``EmptyPage`` fallback to
    ``page(num_pages)`` asks for nothing more.
    """

    def __init__(self, scope: ListingScope, per_page: int):
        super().__init__(scope, per_page)
        self._known_pages: dict[int, list] = {}

    @cached_property
    def count(self) -> int:
        return self.object_list.total()

    def page(self, number):
        number = self._whole_number(number)
        items = self._known_pages.get(number)
        if items is None:
            items, total = self.object_list.window((number - 1) * self.per_page, self.per_page)
            if total is not None:
                self.__dict__["count"] = total
            elif number == 1:
                self.__dict__["count"] = 0  # nothing listed
            else:
                self._fetch_last_page()  # past the end (or nothing listed): the count and the last page
        number = self.validate_number(number)
        return self._get_page(items, number, self)

    def _fetch_last_page(self) -> None:
        oldest, total = self.object_list.window(0, self.per_page, oldest_first=True)
        self.__dict__["count"] = total or 0
        on_last_page = self.count - (self.num_pages - 1) * self.per_page
        self._known_pages[self.num_pages] = oldest[len(oldest) - on_last_page :] if self.count else []

    def _whole_number(self, number) -> int:
        """Django's `validate_number` short of the comparison with ``num_pages`` (which would count first)."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number > MAX_PAGE_NUMBER:
            raise EmptyPage(self.error_messages["no_results"])
        return number


def latest_news(scope: ListingScope, limit: int, *, renditions: bool = True) -> list:
    """The newest ``limit`` news of ``scope`` (home page, unit pages, feeds): one query, and the cover
    renditions (`attach_cover_renditions`) unless ``renditions`` is False."""
    return scope.window(0, limit, with_total=False, renditions=renditions)[0]


def attach_cover_renditions(news: list, spec: str = NEWS_THUMBNAIL_SPEC) -> None:
    """Give each cover image its ``spec`` rendition from Wagtail's rendition cache or, failing that, one query.

    The image tag then finds it without a query of its own (``Image.prefetched_renditions``); a
    rendition that does not exist yet is made by the tag as usual.
    """
    images = [item.cover_image for item in news if item.cover_image_id and item.cover_image is not None]
    if not images:
        return
    rendition_model = get_image_model().get_rendition_model()
    image_filter = Filter(spec)
    keys = {rendition_model.construct_cache_key(image, image_filter.get_cache_key(image), spec): image for image in images}
    cached = rendition_model.cache_backend.get_many(list(keys))
    missing: list = []
    for key, image in keys.items():
        rendition = cached.get(key)
        if rendition is None:
            missing.append(image)
        else:
            rendition.image = image
            image.prefetched_renditions = [rendition]
    if not missing:
        return
    by_image = defaultdict(list)
    for rendition in rendition_model.objects.filter(image__in={image.pk for image in missing}, filter_spec=spec):
        by_image[rendition.image_id].append(rendition)
    found = {}
    for image in missing:
        image.prefetched_renditions = by_image[image.pk]
        focal_point_key = image_filter.get_cache_key(image)
        for rendition in by_image[image.pk]:
            rendition.image = image
            if rendition.focal_point_key == focal_point_key:
                found[rendition_model.construct_cache_key(image, focal_point_key, spec)] = rendition
    if found:
        rendition_model.cache_backend.set_many(found)  # the next request finds them without a query


@dataclass(frozen=True)
class FilterOptions:
    """The news index's filter choices: categories and units (dicts the template reads), and ids by slug and code."""

    categories: list[dict]
    units: list[dict]
    category_ids: dict[str, int]
    unit_ids: dict[str, int]


def news_filter_options() -> FilterOptions:
    """Categories and units for the filter form and the ``?category=``/``?unit=`` lookups.

    Cached per page-cache generation, which every change to a category or unit renews; two queries
    when the cache has none.
    """
    from django.core.cache import cache

    from publication.organisation.models import Unit
    from publication.pages.cache import current_generation
    from publication.pages.models import NewsCategory

    key = _FILTER_OPTIONS_KEY.format(generation=current_generation())
    options = cache.get(key)
    if options is None:
        categories = list(NewsCategory.objects.order_by("name").values("id", "slug", "name"))
        units = list(Unit.objects.order_by("name_th").values("id", "code", "name_th", "section_id"))
        options = FilterOptions(
            categories=categories,
            units=[unit for unit in units if unit["section_id"] is not None],
            category_ids={category["slug"]: category["id"] for category in categories},
            unit_ids={unit["code"].upper(): unit["id"] for unit in units},
        )
        cache.set(key, options, 3600)
    return options


def scope_for(folder, category_slug: str = "", unit_code: str = "", options: FilterOptions | None = None) -> ListingScope:
    """The scope a news folder shows with the ``?category=`` slug and ``?unit=`` code (either may be empty)."""
    options = options or news_filter_options()
    folder_id = ANY if folder.aggregate_all_units else folder.pk
    category_id = options.category_ids.get(category_slug, None) if category_slug else ANY
    unit_id = options.unit_ids.get(unit_code.upper(), None) if unit_code else ANY
    if category_id is None or unit_id is None:
        return ListingScope(folder_id=folder_id, nothing=True)
    return ListingScope(folder_id=folder_id, unit_id=unit_id, category_id=category_id)
