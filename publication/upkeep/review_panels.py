"""The dashboard panel "เนื้อหาที่ต้องทบทวน" (P1.1(1)): the signed-in user's pages overdue or due soon.

Shown only to people responsible for such a page, and only while there is one (`hide_when_empty`);
each row leads to the page's review schedule, where "ทบทวนแล้ว" is one click. Two queries whatever the
number of pages: the rows shown and the count.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from publication.organisation.panels import ITEMS_PER_LIST, MyWorkPanel, WorkItem, WorkList
from publication.organisation.templatetags.thai_dates import thai_date
from publication.upkeep.models import ReviewSchedule
from publication.upkeep.review import ReviewStatus, status_label, with_status


def due_for_review(user) -> tuple[list[WorkItem], int]:
    """The user's live pages that are overdue or due soon (archived news never is), overdue first."""
    schedules = with_status(ReviewSchedule.objects.filter(page__live=True, responsible=user.pk)).filter(
        review_status__in=[ReviewStatus.OVERDUE, ReviewStatus.DUE_SOON]
    )
    rows = schedules.select_related("page", "unit").order_by("review_by", "page__title")[:ITEMS_PER_LIST]
    items = [
        WorkItem(
            title=schedule.page.title,
            url=reverse("publication_review_schedule", args=[schedule.page_id]) + "?" + urlencode({"next": reverse("wagtailadmin_home")}),
            kind=status_label(schedule.review_status),
            unit=schedule.unit.name_th if schedule.unit else "",
            step=_("Review by %(day)s") % {"day": thai_date(schedule.review_by, "short")},
            overdue=schedule.review_status == ReviewStatus.OVERDUE,
        )
        for schedule in rows
    ]
    return items, schedules.count()


class ReviewDuePanel(MyWorkPanel):
    """Anyone responsible for a page's review: what is overdue or due soon."""

    name = "my_work_review"
    heading = _("Content due for review")
    icon = "calendar-check"
    order = 106
    hide_when_empty = True

    def is_shown(self, user) -> bool:
        return user.is_authenticated and user.has_perm("upkeep.view_reviewschedule")

    def get_lists(self, user) -> list[WorkList]:
        items, count = due_for_review(user)
        more_url = reverse("publication_review_report") + "?" + urlencode({"responsible": user.pk})
        return [WorkList("review_due", _("Pages I am responsible for, overdue or due soon"), items, count, more_url=more_url)]
