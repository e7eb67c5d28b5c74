"""Page types of the university site: news, unit sections and standard pages."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from publication.moderation.gate import GatedPageMixin, UnitOwnedPageMixin
from publication.organisation.models import Unit
from publication.pages.blocks import BodyStreamBlock
from publication.pages.cache import mark_canonical_query
from publication.pages.corrections import CorrectablePageMixin, corrections_panel
from publication.pages.corrections import PageCorrection as PageCorrection  # the app's model, defined with its helpers
from publication.pages.forms import ThaiSlugPageForm, UnitOwnedThaiSlugPageForm
from publication.pages.listing import NewsListing as NewsListing  # the app's models, defined with their upkeep
from publication.pages.listing import NewsListingCount as NewsListingCount
from publication.pages.listing_query import NEWS_THUMBNAIL_SPEC as NEWS_THUMBNAIL_SPEC
from publication.pages.listing_query import ListingPaginator, ListingScope, latest_news, news_filter_options, scope_for
from publication.pages.routing import ShallowRouteMixin, ViewRestrictionsOnceMixin
from publication.pages.slugs import ThaiSlugPageMixin


class NewsCategory(models.Model):
    """A news category (หมวดข่าว) such as ข่าวประชาสัมพันธ์ or ข่าวรับสมัคร."""

    name = models.CharField(_("Category name"), max_length=100, unique=True)
    slug = models.SlugField(_("Category slug"), max_length=100, unique=True, allow_unicode=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("News category")
        verbose_name_plural = _("News categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitOwnedPage(ShallowRouteMixin, ThaiSlugPageMixin, UnitOwnedPageMixin, Page):
    """A content page that belongs to an internal unit.

    The owner is derived from the section the page lives in; a page outside every unit's
    section must name its owner explicitly. It is never silently left empty.
    """

    owner_unit = models.ForeignKey(
        Unit,
        verbose_name=_("Content owner unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Set automatically from the section of the website this page is in. "
            "You can choose it yourself only for pages in the university's central section."
        ),
    )

    base_form_class = UnitOwnedThaiSlugPageForm

    class Meta:
        abstract = True

    def derive_owner_unit(self, parent: Page | None = None) -> Unit | None:
        """The unit whose section contains this page (or, before it exists, its parent)."""
        node = self if self.path else parent
        if node is None:
            return None
        return Unit.objects.for_page(node)

    def assign_owner_unit(self, parent: Page | None = None) -> None:
        derived = self.derive_owner_unit(parent)
        if derived is not None:
            self.owner_unit = derived
        if self.owner_unit_id is None and self.owner_unit is None:
            raise ValidationError(
                {"owner_unit": _("This page is not in any unit's section. Please choose the unit that owns the content.")}
            )

    def save(self, *args, **kwargs):
        # add_child() sets path before save(): the owner is derived on every write path.
        if self.path:
            self.assign_owner_unit()
        return super().save(*args, **kwargs)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("pages.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsIndexPage(ViewRestrictionsOnceMixin, ThaiSlugPageMixin, GatedPageMixin, Page):
    """A news folder: the university's (aggregating every unit) or one unit's own."""

    intro = models.TextField(_("Index page description"), blank=True)
    aggregate_all_units = models.BooleanField(
        _("Show news from all units"),
        default=False,
        help_text=_("For the university's news page: gathers the published news of every unit"),
    )
    page_size = models.PositiveSmallIntegerField(_("News items per page"), default=12)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("aggregate_all_units"), FieldPanel("page_size")]),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "pages.UnitPage"]
    subpage_types = ["pages.NewsPage"]
    base_form_class = ThaiSlugPageForm

    class Meta:
        verbose_name = _("News index page")
        verbose_name_plural = _("News index pages")

    def news_queryset(self):
        """Live news for this folder with everything the listing shows fetched up front."""
        news = NewsPage.objects.live().public()
        news = news if self.aggregate_all_units else news.child_of(self)
        images = get_image_model().objects.prefetch_renditions(NEWS_THUMBNAIL_SPEC)
        return (
            news.select_related("owner_unit", "category", "publisher_unit")
            .prefetch_related(Prefetch("cover_image", queryset=images), "tags")
            .order_by("-date", "-first_published_at", "-pk")
        )

    @classmethod
    def live_folder_under(cls, parent: Page, **filters) -> NewsIndexPage | None:
        """The first live news folder directly under ``parent``; looked up from the few folders' ids, because
        ``child_of()`` (``path LIKE``) reads the whole page table once the archive is large (issue 15)."""
        return (
            cls.objects.filter(pk__in=cls.objects.values("pk"), depth=parent.depth + 1, path__startswith=parent.path, live=True)
            .filter(**filters)
            .order_by("path")
            .first()
        )

    def latest_news(self, limit: int) -> list[NewsPage]:
        """The newest ``limit`` live public news of this folder (of every folder if it aggregates): one query."""
        return latest_news(ListingScope(folder_id=0 if self.aggregate_all_units else self.pk), limit)

    def get_context(self, request, *args, **kwargs):
        # Pages of news come from the indexed listing (publication/pages/listing.py): one query a page,
        # whatever the page number and the size of the archive (issue 15).
        context = super().get_context(request, *args, **kwargs)
        options = news_filter_options()
        category = request.GET.get("category", "").strip()
        unit = request.GET.get("unit", "").strip().upper()
        paginator = ListingPaginator(scope_for(self, category, unit, options), max(1, min(self.page_size, 60)))
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        query = request.GET
        if (
            all(len(query.getlist(name)) == 1 for name in query)
            and query.get("category", "") in ("", *options.category_ids)
            and query.get("unit", "") in ("", *options.unit_ids)  # the code as stored (upper case), not a variant
            and query.get("page", str(page_obj.number)) == str(page_obj.number)
        ):
            mark_canonical_query(request)  # the page cache may store this query string (made-up values are not stored)
        context.update(
            news_page=page_obj,
            paginator=paginator,
            categories=options.categories,
            units=options.units,
            selected_category=category,
            selected_unit=unit,
        )
        return context


class NewsPage(CorrectablePageMixin, UnitOwnedPage):
    """A news item. It names its publisher (name, position, unit) as guideline G8 asks."""

    summary = models.TextField(
        _("News summary"),
        max_length=400,
        help_text=_("At most 400 characters. Shown on the news index page and when the news is shared on social media."),
    )
    date = models.DateField(_("Publication date"), default=datetime.date.today)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image_alt = models.CharField(
        _("Cover image description (alt)"),
        max_length=255,
        blank=True,
        help_text=_("Describe what the image shows for screen reader users, e.g. “Students take part in a tree-planting activity”"),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("Content"), blank=True)
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("News category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news",
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("News tags"))
    publisher_name = models.CharField(_("Publisher name"), max_length=255, blank=True)
    publisher_position = models.CharField(
        _("Publisher position"), max_length=255, blank=True, help_text=_("e.g. “Computer technical officer”")
    )
    publisher_unit = models.ForeignKey(
        Unit,
        verbose_name=_("Publisher unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("owner_unit"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_image_alt")], heading=_("Cover image")),
        FieldPanel("body"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [FieldPanel("publisher_name"), FieldPanel("publisher_position"), FieldPanel("publisher_unit")],
            heading=_("Publisher (guideline 8)"),
        ),
        corrections_panel(),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("owner_unit"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("News item")
        verbose_name_plural = _("News items")

    def clean(self):
        super().clean()
        if self.cover_image_id and not self.cover_image_alt.strip():
            raise ValidationError(
                {
                    "cover_image_alt": _(
                        "Please enter a description of the cover image so that people with visual impairments can access the news."
                    )
                }
            )

    def save(self, *args, **kwargs):
        if self.path and self.publisher_unit_id is None:
            self.assign_owner_unit()
            self.publisher_unit = self.owner_unit
        return super().save(*args, **kwargs)

    @property
    def published_on(self) -> datetime.date:
        return self.date or timezone.localdate(self.first_published_at or timezone.now())


class UnitIndexPage(ShallowRouteMixin, ThaiSlugPageMixin, GatedPageMixin, Page):
    """The directory of internal units (ทำเนียบหน่วยงาน)."""

    intro = models.TextField(_("Index page description"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["pages.UnitPage"]
    max_count = 1
    base_form_class = ThaiSlugPageForm

    class Meta:
        verbose_name = _("Unit directory")
        verbose_name_plural = _("Unit directories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        units = Unit.objects.select_related("section", "parent").order_by("kind", "name_th")
        kind = request.GET.get("kind", "")
        if kind:
            units = units.filter(kind=kind)
        context["units"] = units
        context["selected_kind"] = kind
        return context


class UnitPage(CorrectablePageMixin, UnitOwnedPage):
    """A page of a unit's own section; the top one is the section root named on the Unit."""

    intro = models.TextField(_("Unit introduction"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("Content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("owner_unit"), FieldPanel("intro"), FieldPanel("body"), corrections_panel()]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["pages.UnitIndexPage", "pages.UnitPage"]
    subpage_types = ["pages.UnitPage", "pages.StandardPage", "pages.NewsIndexPage"]

    class Meta:
        verbose_name = _("Unit page")
        verbose_name_plural = _("Unit pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news_index = NewsIndexPage.live_folder_under(self)
        context["news_index"] = news_index
        if news_index is not None:
            context["latest_news"] = news_index.latest_news(3)
        return context


class StandardPage(CorrectablePageMixin, UnitOwnedPage):
    """A plain content page (about, contact, announcements) of the university or a unit."""

    intro = models.TextField(_("Introduction"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("Content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("owner_unit"), FieldPanel("intro"), FieldPanel("body"), corrections_panel()]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "pages.UnitPage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = _("Standard page")
        verbose_name_plural = _("Standard pages")
