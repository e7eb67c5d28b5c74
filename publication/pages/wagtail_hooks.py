"""Admin of the pages app: news categories, and other units' page drafts sealed (issue 9)."""

from django.utils.translation import gettext_lazy as _
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
