"""Admin of the pages app: news categories, other units' page drafts sealed (issue 9), Thai slugs (issue 12)."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import page_policy
from .models import NewsCategory

page_policy.register()  # other units' page drafts sealed (the policy for Page and its hooks)


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    # The admin URLs stay as they were before publication/ became several apps (issue 10).
    url_prefix = "snippets/publication/newscategory"
    url_namespace = "wagtailsnippets_publication_newscategory"
    chooser_base_url_path = "snippets/choose/publication/newscategory"
    chooser_admin_url_namespace = "wagtailsnippetchoosers_publication_newscategory"
    icon = "tag"
    menu_label = _("News categories")
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(NewsCategoryViewSet)


@hooks.register("insert_global_admin_js")
def thai_slug_controller():
    """Wagtail's `w-slug` controller, subclassed to keep Thai vowels and tone marks (issue 12).

    Global rather than editor-only: slug fields are also on the copy form and snippet forms.
    """
    return format_html('<script src="{}"></script>', static("pages/js/thai-slug.js"))


@hooks.register("before_serve_page")
def page_cache_marks_public_pages(page, request, serve_args, serve_kwargs):
    """Issue 15: a public page's response may be stored by the page cache (`publication.pages.cache`)."""
    from .cache import mark_public_page_cacheable

    mark_public_page_cacheable(page, request, serve_args, serve_kwargs)
