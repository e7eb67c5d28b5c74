"""What keeps published content current (P1.1(1)): each page's review schedule.

The schedule lives beside the page, not in its revisions: setting a review date or recording a
review changes nothing the public reads, so it needs no moderation. Its history is kept
(django-simple-history) so "who reviewed, when" can always be answered.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ReviewInterval(models.IntegerChoices):
    """How often a page is reviewed, in months."""

    THREE_MONTHS = 3, _("Every 3 months")
    SIX_MONTHS = 6, _("Every 6 months")
    TWELVE_MONTHS = 12, _("Every 12 months")
    TWENTY_FOUR_MONTHS = 24, _("Every 24 months")


class ReviewSchedule(models.Model):
    """One page's periodic review (P1.1(1)): who is responsible and by when it must be reviewed.

    `review_interval_months` is None for "the default of the page type" (see
    `publication.upkeep.review.default_interval_months`); `review_by` is None when the page needs
    no review (news, for example). `unit` repeats the page's owner unit (`review.owner_unit_of`) so
    the report and the digests filter, scope and group by unit in SQL.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("Page"), on_delete=models.CASCADE, related_name="review_schedule"
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("Content owner unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The unit that owns the page; kept in step with the page at each publish and by the daily review job"),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The person who checks that this page is still correct, complete and current"),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("Review interval"), choices=ReviewInterval.choices, null=True, blank=True
    )
    review_by = models.DateField(_("Review by"), null=True, blank=True, db_index=True)
    last_reviewed_at = models.DateTimeField(_("Last reviewed at"), null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Last reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Review schedule")
        verbose_name_plural = _("Review schedules")

    def __str__(self) -> str:
        return str(self.page)
