"""The unit editor's dashboard panel of P1.5: social posts at the poster's own last review, and posts
cleared but not yet posted.

What waits for the head is in the head's panel (`moderation.panels`: social posts go through the
head-of-unit task like pages). This panel shows only while it has something, with a fixed number of
queries: the poster's task states, and the cleared posts of the editor's units.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from publication.moderation.panels import states_waiting_for, task_state_items
from publication.organisation.models import Unit
from publication.organisation.panels import ITEMS_PER_LIST, MyWorkPanel, WorkItem, WorkList, is_unit_editor

from .models import PosterReviewTask, SocialPost


def _ready_item(post: SocialPost) -> WorkItem:
    return WorkItem(
        title=str(post),
        url=reverse("publication_social_posted", args=[post.pk]),
        kind=post.get_channel_display(),
        unit=post.unit.name_th,
        step=_("Approved, awaiting posting"),
        since=post.last_published_at,
        due=_("Planned for %(when)s") % {"when": post.planned_at_display},
    )


def ready_to_post(user) -> tuple[list[WorkItem], int]:
    """Posts of the user's units that passed the head and the checklist but are not marked posted yet."""
    posts = SocialPost.objects.filter(
        live=True, posted_at__isnull=True, unit__in=Unit.objects.filter(editors=user), **dict.fromkeys(SocialPost.CHECKLIST, True)
    )
    rows = posts.select_related("unit").order_by("planned_at", "pk")[:ITEMS_PER_LIST]
    return [_ready_item(post) for post in rows], posts.count()


class SocialPostingPanel(MyWorkPanel):
    """Unit editors: their posts at the final review (P1.5(3)) and their units' posts ready to post."""

    name = "my_work_social"
    heading = _("My work: social media posts")
    icon = "comment"
    order = 104
    hide_when_empty = True

    def is_shown(self, user) -> bool:
        return is_unit_editor(user)

    def get_lists(self, user) -> list[WorkList]:
        ready, ready_count = ready_to_post(user)
        return [
            WorkList("review", _("At my final review before posting"), task_state_items(states_waiting_for(user, PosterReviewTask))),
            WorkList("ready", _("Approved: to post and mark as posted"), ready, ready_count),
        ]


@hooks.register("construct_homepage_panels")
def add_social_panel(request, panels):
    """The posting panel, rendered only for unit editors and only while something waits."""
    panels.append(SocialPostingPanel(request))
