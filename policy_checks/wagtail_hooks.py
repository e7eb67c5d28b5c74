"""Admin for the webmaster's policy terms (a snippet under Settings)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PolicyTerm


class PolicyTermViewSet(SnippetViewSet):
    model = PolicyTerm
    icon = "warning"
    menu_label = _("Policy check terms")
    add_to_settings_menu = True
    list_display = ["term", "rule", "severity", "suggestion", "active", "updated_at"]
    list_filter = ["rule", "severity", "active"]
    list_export = ["term", "rule", "severity", "kind", "suggestion", "note", "active", "updated_at"]
    search_fields = ["term", "note", "suggestion"]
    ordering = ["rule", "term"]


register_snippet(PolicyTermViewSet)
