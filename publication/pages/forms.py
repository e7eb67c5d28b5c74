"""Admin forms of our page types: a slug left empty is made on the server from the title (issue 12)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from publication.moderation.forms import UnitOwnedPageForm
from publication.organisation.text_input import StorableTextFormMixin

from .slugs import unique_slug


class ThaiSlugFormMixin:
    """For `WagtailAdminPageForm` subclasses: the slug may be left empty; the form then fills it with
    `unique_slug(title)` (Thai words whole, unique among the page's siblings).

    The admin's slug controller (`pages/js/thai-slug.js`) already writes the same slug while the title is
    typed; this is the same rule on the server, for an editor who cleared the slug, a browser without
    JavaScript, or a script posting the form. Wagtail itself makes the field required, so without this an
    empty slug is refused, and its own fallback (`Page._set_core_field_defaults`) only runs once the page
    is in the tree.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields.get("slug")
        if slug is not None and getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True):
            slug.required = False
            slug.help_text = _(
                "The name of the page in its web address; Thai words keep their vowels and tone marks. "
                "Leave it empty to make it from the title."
            )

    def clean(self):
        cleaned = super().clean()
        title = cleaned.get("title")
        if "slug" in self.fields and not cleaned.get("slug") and title and "slug" not in self.errors:
            parent = self.instance.get_parent() if self.instance.path else self.parent_page
            cleaned["slug"] = unique_slug(title, parent, self.instance)
        return cleaned


class ThaiSlugPageForm(ThaiSlugFormMixin, StorableTextFormMixin, WagtailAdminPageForm):
    """Wagtail's page form with slugs made from the title on the server (folders, the unit directory,
    notices), refusing text no database can store (`StorableTextFormMixin`)."""


class UnitOwnedThaiSlugPageForm(ThaiSlugFormMixin, UnitOwnedPageForm):
    """The policy-gated form of unit-owned pages (`UnitOwnedPageForm`) with slugs made from the title."""
