"""The frame of the dashboard's "My work" (งานของฉัน) panels: one per role, filled by each app.

Every app contributes its own panel from its own `panels` module (moderation: editors, heads and the
webmaster; outbox: failed e-mails; letters: the P1.4 steps; social: posts to post) and adds it with
Wagtail's `construct_homepage_panels` hook. They share this base class and its template, so they all
look like Wagtail's own dashboard panels (`{% panel %}`, a `listing listing--dashboard` table) and say
the same thing when nothing waits. The roles themselves are here (`roles`, unit membership), which is
why the frame sits in the lowest app that every other one may import.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.template.loader import get_template
from django.utils.functional import Promise
from wagtail.admin.ui.components import Component

from .models import Unit, units_approved_by

#: Rows shown per list; the count in the heading is always the full number.
ITEMS_PER_LIST = 10


@dataclass
class WorkItem:
    """One thing to do: a row of a list, linking to where it is done."""

    title: str
    url: str
    kind: str = ""
    unit: str = ""
    step: str = ""
    since: datetime.datetime | None = None
    overdue: bool = False
    due: str = ""
    note: str = ""
    note_by: str = ""


@dataclass
class WorkList:
    """A titled list of a panel, with the number of items (which may be more than the rows shown)."""

    key: str
    heading: str | Promise
    items: list[WorkItem] = field(default_factory=list)
    count: int | None = None
    more_url: str = ""
    #: Lists that flag a problem (overdue, failed) are shown in the warning colour when not empty.
    critical: bool = False

    #: Overdue items among all of them; None when only some rows were fetched (`count` given).
    overdue_count: int | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.count is None or self.count == len(self.items):
            self.count = len(self.items)
            self.overdue_count = sum(1 for item in self.items if item.overdue)
        self.items = self.items[:ITEMS_PER_LIST]

    @property
    def has_more(self) -> bool:
        return bool(self.more_url) and self.count > len(self.items)


class MyWorkPanel(Component):
    """A dashboard panel for one role: lists of the user's work, each with its count.

    Subclasses set `name` (also the panel's id), `heading`, `order` and answer `is_shown(user)` (the
    role) and `get_lists(user)` with a constant number of queries whatever the amount of work. With
    `hide_when_empty` the panel disappears when every list is empty; otherwise it says "ไม่มีงานค้าง".
    """

    template_name = "organisation/panels/my_work.html"
    name = "my_work"
    heading: str | Promise = ""
    icon = "tasks"
    order = 100
    hide_when_empty = False

    def __init__(self, request):
        self.request = request
        self.user = request.user

    def is_shown(self, user) -> bool:  # pragma: no cover - defined by subclasses
        raise NotImplementedError

    def get_lists(self, user) -> list[WorkList]:  # pragma: no cover - defined by subclasses
        raise NotImplementedError

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
        lists = self.get_lists(self.user)
        return {
            "panel_id": self.name.replace("_", "-"),
            "heading": self.heading,
            "icon": self.icon,
            "lists": lists,
            "total": sum(work.count for work in lists),
        }

    def render_html(self, parent_context: Mapping[str, Any] | None = None) -> str:
        """Nothing for users outside the role, or for an empty panel that hides itself."""
        if not self.is_shown(self.user):
            return ""
        context = self.get_context_data(parent_context)
        if self.hide_when_empty and not context["total"]:
            return ""
        return get_template(self.template_name).render(context)


# --- Roles ---------------------------------------------------------------------------------------------


def is_unit_editor(user) -> bool:
    """A content editor of at least one unit (P1.1(1): the data owner)."""
    return user.is_authenticated and Unit.objects.filter(editors=user).exists()


def is_unit_head(user) -> bool:
    """A head of at least one unit, or an acting head today (heads approve their own unit's content only)."""
    if not user.is_authenticated:
        return False
    return Unit.objects.filter(Q(heads=user) | Q(pk__in=units_approved_by(user).values("pk"))).exists()


def in_any_group(user, names) -> bool:
    """Whether an active `user` is in one of the groups `names` (superusers are not assumed to be)."""
    return user.is_authenticated and user.is_active and user.groups.filter(name__in=list(names)).exists()
