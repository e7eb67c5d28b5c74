"""The site root and the site-wide settings (contact details shown in the footer)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page
from wagtail.search import index

from publication.moderation.gate import GatedPageMixin
from publication.pages.forms import ThaiSlugPageForm
from publication.pages.routing import ShallowRouteMixin
from publication.pages.slugs import ThaiSlugPageMixin


class HomePage(ShallowRouteMixin, ThaiSlugPageMixin, GatedPageMixin, Page):
    """The university home page: a welcome, the latest news and shortcuts."""

    hero_title = models.CharField(_("Welcome message"), max_length=255, blank=True)
    hero_text = models.TextField(_("Introductory text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(_("Main image description (alt)"), max_length=255, blank=True)
    latest_news_count = models.PositiveSmallIntegerField(_("Number of latest news items shown"), default=6)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading=_("Welcome section"),
        ),
        FieldPanel("latest_news_count"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_title"), index.SearchField("hero_text")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.NewsIndexPage",
        "pages.UnitIndexPage",
        "pages.StandardPage",
        "letters.ExternalNoticeIndexPage",
    ]
    max_count = 1
    base_form_class = ThaiSlugPageForm

    class Meta:
        verbose_name = _("Home page")

    def get_context(self, request, *args, **kwargs):
        from publication.pages.models import NewsIndexPage

        context = super().get_context(request, *args, **kwargs)
        news_index = NewsIndexPage.live_folder_under(self, aggregate_all_units=True)
        context["news_index"] = news_index
        context["latest_news"] = news_index.latest_news(self.latest_news_count) if news_index else []
        return context


@register_setting(icon="site")
class SiteContact(BaseSiteSetting):
    """Contact details of the university, shown in every page's footer."""

    university_name_th = models.CharField(_("University name (Thai)"), max_length=255, default="มหาวิทยาลัยราชภัฏเพชรบูรณ์")
    university_name_en = models.CharField(_("University name (English)"), max_length=255, default="Phetchabun Rajabhat University")
    address = models.TextField(_("Address"), default="83 หมู่ 11 ถนนสระบุรี–หล่มสัก ตำบลสะเดียง อำเภอเมือง จังหวัดเพชรบูรณ์ 67000")
    phone = models.CharField(_("Telephone"), max_length=100, default="056-717-100")
    email = models.EmailField(_("Email"), default="webmaster_pcru@pcru.ac.th")
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    line_url = models.URLField(_("LINE Official Account"), blank=True)
    map_url = models.URLField(_("Map"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("university_name_th"), FieldPanel("university_name_en")], heading=_("Names")),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")], heading=_("Contact")),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("youtube_url"), FieldPanel("line_url"), FieldPanel("map_url")],
            heading=_("Online media"),
        ),
    ]

    class Meta:
        verbose_name = _("Site contact details")
