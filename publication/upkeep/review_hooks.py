"""Admin hooks of the periodic review (P1.1(1)): the report and its menu entry, the schedule views, the
page header's "Review schedule" and "ทบทวนแล้ว", the log actions of the page History, the dashboard panel."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from publication.organisation.exports import person_name
from publication.organisation.templatetags.thai_dates import thai_date
from publication.upkeep import review_report, review_views
from publication.upkeep.models import ReviewSchedule
from publication.upkeep.review import REVIEWED_ACTION, SCHEDULE_CHANGED_ACTION, is_reviewed_page_type, may_manage_review, owner_unit_of
from publication.upkeep.review_panels import ReviewDuePanel


@hooks.register("register_admin_urls")
def register_review_urls():
    return review_report.admin_urls() + review_views.admin_urls()


hooks.register("register_reports_menu_item", review_report.reports_menu_item)


@hooks.register("register_page_header_buttons")
def review_header_buttons(page, user, view_name=None, next_url=None):
    """In the page header's menu: the review schedule, and "ทบทวนแล้ว" (Wagtail's `w-action` controller
    POSTs it with the CSRF token and this page as `next`)."""
    if not is_reviewed_page_type(page.specific_class):
        return []
    schedule = ReviewSchedule.objects.filter(page_id=page.pk).select_related("unit").first()
    unit = schedule.unit if schedule else owner_unit_of(page)
    if not may_manage_review(user, page, unit):
        return []
    return [
        Button(_("Review schedule"), reverse("publication_review_schedule", args=[page.pk]), icon_name="calendar-check", priority=66),
        Button(
            _("Mark as reviewed"),
            icon_name="check",
            priority=67,
            attrs={
                "data-controller": "w-action",
                "data-action": "w-action#post",
                "data-w-action-url-value": reverse("publication_review_mark_reviewed", args=[page.pk]),
            },
        ),
    ]


def _day(value: str | None) -> str:
    return thai_date(datetime.date.fromisoformat(value)) if value else "—"


class ReviewRecordedFormatter(LogFormatter):
    label = _("Marked as reviewed")

    def format_message(self, log_entry):
        day = (log_entry.data or {}).get("review_by")
        if day:
            return _("Reviewed: the page is correct, complete and current. Next review by %(day)s.") % {"day": _day(day)}
        return _("Reviewed: the page is correct, complete and current.")


class ScheduleChangedFormatter(LogFormatter):
    label = _("Review schedule changed")

    def format_message(self, log_entry):
        from django.contrib.auth import get_user_model

        after = (log_entry.data or {}).get("after", {})
        person = get_user_model().objects.filter(pk=after.get("responsible")).first()
        return _("Review schedule: responsible person %(name)s, review by %(day)s.") % {
            "name": person_name(person) if person else "—",
            "day": _day(after.get("review_by")),
        }


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(REVIEWED_ACTION)(ReviewRecordedFormatter)
    actions.register_action(SCHEDULE_CHANGED_ACTION)(ScheduleChangedFormatter)


@hooks.register("construct_homepage_panels")
def add_review_panel(request, panels):
    panels.append(ReviewDuePanel(request))
