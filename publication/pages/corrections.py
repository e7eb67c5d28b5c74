"""Correction notices (guideline G6): what a published page got wrong, what changed, and when.

A notice is a child of its page (`PageCorrection`, an InlinePanel on news, unit and standard pages), so it
travels in the page's revisions like any other field: adding one to a live page makes a draft revision
that goes through the same workflow and policy checks as an edit (`publication.moderation.checks` reads
its texts through `register_text_provider`, the gate's fingerprint covers the page's child relations),
and the public sees it only once the workflow publishes that revision. The notice rows in the database
are those of each page's *published* state: Wagtail writes a page's child rows only when it saves the
page itself (creating it, publishing a revision), never for a draft revision of a live page.

A copied page is a new item and starts without notices (`exclude_fields_in_copy`); an alias is the same
item shown elsewhere, so it shows its original's notices (Wagtail copies them onto the alias on every
publish) and the site-wide log (`public_corrections`) leaves aliases out so nothing is listed twice.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

#: The notice's texts that reach the public, in the order the policy checks name them.
CORRECTION_TEXT_FIELDS = ("what_was_wrong", "what_changed")
_TEXT_KEY = re.compile(r"^corrections\[(\d+)\]\.(what_was_wrong|what_changed)$")


#: No notice corrects content from before the university's website existed (1 January 2000, พ.ศ. 2543).
EARLIEST_CORRECTION_DATE = datetime.date(2000, 1, 1)


def not_in_the_future(value) -> None:
    """Refuse a correction date after today (Bangkok time): a notice records a correction already made.

    Raises ValidationError (code "future") with a Thai message on the field. Also refuses dates before
    `EARLIEST_CORRECTION_DATE` (code "too_early"): a typing slip such as year 1, shown as พ.ศ. 544.
    """
    if value and value < EARLIEST_CORRECTION_DATE:
        raise ValidationError(
            gettext_lazy("The correction date is too far in the past. Please check the year (give it in the Buddhist era, e.g. 2569)."),
            code="too_early",
        )
    if value and value > timezone.localdate():
        raise ValidationError(
            gettext_lazy("The correction date cannot be in the future. Please give the date the content was corrected."),
            code="future",
        )


class PageCorrection(Orderable):
    """One correction notice on a page: what was wrong, what was corrected, and the date of the correction."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="corrections")
    date = models.DateField(
        gettext_lazy("Correction date"),
        default=timezone.localdate,
        validators=[not_in_the_future],
        help_text=gettext_lazy("The day the content was corrected (today by default); it cannot be in the future."),
    )
    what_was_wrong = models.TextField(
        gettext_lazy("What was wrong"),
        max_length=1000,
        help_text=gettext_lazy("What the page said that was not correct, e.g. “The activity date was given as 5 December 2026”"),
    )
    what_changed = models.TextField(
        gettext_lazy("What was corrected"),
        max_length=1000,
        help_text=gettext_lazy(
            "What the page says now, e.g. “The activity is on 6 December 2026; the place and the registration deadline are unchanged”"
        ),
    )

    panels = [FieldPanel("date"), FieldPanel("what_was_wrong"), FieldPanel("what_changed")]

    class Meta(Orderable.Meta):
        verbose_name = gettext_lazy("Correction notice")
        verbose_name_plural = gettext_lazy("Correction notices")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}: {self.what_changed[:60]}" if self.date else self.what_changed[:60]


def corrections_panel() -> InlinePanel:
    """The editor's panel of a page's correction notices (Thai heading, button and help)."""
    return InlinePanel(
        "corrections",
        heading=gettext_lazy("Corrections (guideline 6)"),
        label=gettext_lazy("correction notice"),
        help_text=gettext_lazy(
            "When something this page published was wrong, correct the content above and add a notice here saying "
            "what was wrong and what was corrected. The notice is shown on the page and on the university's "
            "corrections page once the correction has been approved and published."
        ),
    )


class CorrectablePageMixin:
    """For page types that carry correction notices (no fields: the notices are `PageCorrection` rows)."""

    #: A copy is a new item: it starts without the original's notices.
    exclude_fields_in_copy = ["corrections"]

    def correction_notices(self) -> list[PageCorrection]:
        """The page's notices, newest correction first (the unsaved ones of a preview too)."""
        try:
            notices = list(self.corrections.all())
        except ValueError:  # an unsaved page without a cluster yet
            return []
        return sorted(notices, key=lambda notice: (notice.date, notice.sort_order or 0), reverse=True)


def correction_texts(page) -> Iterable[tuple[str, str]]:
    """`(key, text)` of every notice text of `page` (a page, a revision's object or a bound form's
    instance), keyed `corrections[<index>].<field>` in the editor's order; nothing for other objects."""
    relation = getattr(page, "corrections", None)
    if relation is None or not isinstance(page, Page):
        return
    try:
        notices = list(relation.all())
    except ValueError:  # an unsaved page without a cluster yet
        return
    for index, notice in enumerate(notices):
        for name in CORRECTION_TEXT_FIELDS:
            yield f"corrections[{index}].{name}", getattr(notice, name, "") or ""


def correction_label(key: str) -> str | None:
    """The Thai name of a notice text's key (`corrections[0].what_changed` → "การแก้ไขข้อมูล รายการที่ 1 (…)")."""
    match = _TEXT_KEY.match(key or "")
    if match is None:
        return None
    part = PageCorrection._meta.get_field(match[2]).verbose_name
    return _("Correction notice %(number)d (%(part)s)") % {"number": int(match[1]) + 1, "part": part}


def public_corrections():
    """Notices of live, public, original pages (no aliases, no view restrictions), newest first.

    Each row's `page` (a base `Page`: title and URL) is fetched in the same query.
    """
    pages = Page.objects.live().public().filter(alias_of__isnull=True)
    return PageCorrection.objects.filter(page__in=pages).select_related("page").order_by("-date", "-pk")
