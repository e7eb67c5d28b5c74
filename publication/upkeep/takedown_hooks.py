"""Admin hooks of the urgent takedown (G6): its URL, its History entry and its button on pages."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from publication.upkeep.takedown import TAKEDOWN_ACTION, may_offer_takedown
from publication.upkeep.takedown_views import takedown_view


@hooks.register("register_admin_urls")
def register_takedown_urls():
    return [path("upkeep/takedown/<int:page_id>/", takedown_view, name="upkeep_takedown")]


@hooks.register("register_log_actions")
def register_takedown_log_action(actions):
    @actions.register_action(TAKEDOWN_ACTION)
    class TakedownFormatter(LogFormatter):
        """The page's History names the takedown and gives its reason."""

        label = _("Urgent takedown")

        def format_message(self, log_entry):
            reason = (log_entry.data or {}).get("reason", "")
            return _("Taken down urgently. Reason: %(reason)s") % {"reason": reason}


def _takedown_button(page, user, next_url=None, priority=65):
    if not may_offer_takedown(user, page):
        return []
    url = reverse("upkeep_takedown", args=[page.pk])
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return [Button(_("Take down now"), url, icon_name="warning", priority=priority, attrs={"data-takedown": "true"})]


@hooks.register("register_page_header_buttons")
def takedown_header_button(page, user, view_name=None, next_url=None):
    """ "Take down now" in the page header's more-menu, for those who may take the page down."""
    return _takedown_button(page, user, next_url)


@hooks.register("register_page_listing_more_buttons")
def takedown_listing_button(page, user, next_url=None):
    """ "Take down now" in the more-buttons of each live page of the listing, for those who may."""
    return _takedown_button(page, user, next_url, priority=45)
