"""Admin views of the periodic review (P1.1(1)): a page's review schedule, and "ทบทวนแล้ว" in one click.

Both are reached from the page's header menu (`review_hooks`) and from the report's rows. Who may use
them: `review.may_manage_review` (webmasters, whoever may edit the page, the owner unit's editors and
heads); anyone else gets HTTP 403, a page that is not one of ours HTTP 404. Neither changes the page
itself, so neither needs a revision or moderation: the schedule keeps its own history
(django-simple-history) and each change is a log entry in the page's History.
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Page

from publication.organisation.exports import person_name
from publication.organisation.templatetags.thai_dates import thai_date
from publication.upkeep.models import ReviewInterval, ReviewSchedule
from publication.upkeep.review import (
    add_months,
    bangkok_today,
    change_schedule,
    default_interval_months,
    default_responsible,
    ensure_schedule,
    interval_label,
    is_reviewed_page_type,
    may_manage_review,
    owner_unit_of,
    record_review,
    responsible_choices,
    status_label,
    status_of,
)

#: Buddhist-era years typed by habit (2570 for 2027) are converted; anything later is refused as a typo.
BUDDHIST_ERA_OFFSET = 543
_TYPED_DATE = re.compile(r"^\s*(?:(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{1,2})-(\d{1,2}))\s*$")


class BuddhistEraDateField(forms.DateField):
    """A date typed as day/month/year or year-month-day, the year in the Buddhist era (> 2400) or AD.

    The year is converted *before* the date is built, so 29/02/2571 (29 February 2028) is accepted and
    29/02/2572 (2029 has none) is refused. Returns `datetime.date` or None; raises ValidationError
    ("invalid") for anything else.
    """

    def to_python(self, value):
        if isinstance(value, str) and (match := _TYPED_DATE.match(value)):
            day, month, year = (match[1], match[2], match[3]) if match[1] else (match[6], match[5], match[4])
            year = int(year) - BUDDHIST_ERA_OFFSET if int(year) > 2400 else int(year)
            try:
                return datetime.date(year, int(month), int(day))
            except ValueError:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return super().to_python(value)
LATEST_REVIEW_YEARS = 5


class ResponsibleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return person_name(obj)


class ReviewScheduleForm(forms.Form):
    """The responsible person (the unit's editors and heads, the webmasters), the interval and the date."""

    responsible = ResponsibleChoiceField(
        queryset=None,
        label=_("Responsible person"),
        error_messages={
            "required": _("Please choose the person responsible for reviewing this page."),
            "invalid_choice": _("Please choose one of the people listed."),
        },
    )
    review_interval_months = forms.TypedChoiceField(label=_("Review interval"), coerce=int, empty_value=None, required=False, choices=())
    review_by = BuddhistEraDateField(
        label=_("Review by"),
        required=False,
        widget=AdminDateInput,
        help_text=_(
            "Day/month/year, for example 29/11/2027, or choose it on the calendar (a Buddhist-era year such as "
            "2570 is converted). Leave it empty to count one interval from the last review, or from today."
        ),
        error_messages={"invalid": _("Please enter a date such as 29/11/2027, or choose one on the calendar.")},
    )

    def __init__(self, *args, schedule: ReviewSchedule, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = responsible_choices(schedule.unit)
        default = interval_label(default_interval_months(schedule.page))
        self.fields["review_interval_months"].choices = [
            ("", _("As for this page type (%(interval)s)") % {"interval": default}),
            *ReviewInterval.choices,
        ]
        self.fields["review_interval_months"].error_messages["invalid_choice"] = _("Please choose one of the intervals listed.")

    def clean_review_by(self) -> datetime.date | None:
        day = self.cleaned_data.get("review_by")
        if day is None:
            return None
        today = bangkok_today()
        if day < today:
            raise forms.ValidationError(_("The review date cannot be in the past. Please choose today or a later date."))
        if day > add_months(today, 12 * LATEST_REVIEW_YEARS):
            raise forms.ValidationError(_("Please choose a review date within five years from today."))
        return day


def _schedule_for(request, page_id: int, *, create: bool) -> tuple[Page, ReviewSchedule]:
    """The page and its schedule (an unsaved one with the defaults unless `create`), if the user may manage it."""
    page = get_object_or_404(Page, pk=page_id)
    if not is_reviewed_page_type(page.specific_class):
        raise Http404
    page = page.specific_deferred
    schedule = ReviewSchedule.objects.select_related("unit", "responsible", "last_reviewed_by").filter(page=page).first()
    unit = schedule.unit if schedule else owner_unit_of(page)
    if not may_manage_review(request.user, page, unit):
        raise PermissionDenied
    if schedule is None:
        if create:
            schedule = ensure_schedule(page)[0]
        else:
            months = default_interval_months(page)
            review_by = add_months(bangkok_today(), months) if months else None
            schedule = ReviewSchedule(page=page, unit=unit, responsible=default_responsible(page, unit), review_by=review_by)
    return page, schedule


def _back(request) -> str:
    return get_valid_next_url_from_request(request) or reverse("publication_review_report")


def review_schedule_view(request, page_id: int):
    """Show a page's review schedule and its history; set the responsible person, interval and date."""
    page, schedule = _schedule_for(request, page_id, create=request.method == "POST")
    initial = {
        "responsible": schedule.responsible_id,
        "review_interval_months": schedule.review_interval_months,
        "review_by": schedule.review_by,
    }
    form = ReviewScheduleForm(request.POST or None, initial=initial, schedule=schedule)
    if request.method == "POST" and form.is_valid():
        review_by = form.cleaned_data["review_by"]
        if "review_interval_months" in form.changed_data and "review_by" not in form.changed_data:
            review_by = None  # a new interval counts from the last review, unless a date was chosen too
        changed = change_schedule(
            schedule,
            request.user,
            responsible=form.cleaned_data["responsible"],
            interval_months=form.cleaned_data["review_interval_months"],
            review_by=review_by,
        )
        if changed:
            messages.success(request, _("The review schedule of “%(title)s” has been saved.") % {"title": page.title})
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect(_back(request))
    if request.method == "POST":
        messages.error(request, _("The schedule was not saved. Please correct the errors below."))
    history = schedule.history.select_related("history_user", "responsible", "last_reviewed_by")[:20] if schedule.pk else []
    status = status_of(schedule)
    return TemplateResponse(
        request,
        "upkeep/review/schedule.html",
        {
            "page_title": _("Review schedule"),
            "page_subtitle": page.title,
            "header_icon": "calendar-check",
            "page": page,
            "schedule": schedule,
            "form": form,
            "status": status,
            "status_label": status_label(status),
            "interval": interval_label(schedule.review_interval_months or default_interval_months(page)),
            "history": history,
            "next_url": get_valid_next_url_from_request(request),
            "report_url": reverse("publication_review_report"),
            "last_reviewed_by_name": person_name(schedule.last_reviewed_by) if schedule.last_reviewed_by else "",
        },
    )


@require_POST
def mark_reviewed_view(request, page_id: int):
    """Record "ทบทวนแล้ว": today's review by the user and move the review date one interval on."""
    page, schedule = _schedule_for(request, page_id, create=True)
    if record_review(schedule, request.user):
        if schedule.review_by:
            message = _("Review of “%(title)s” recorded. Next review by %(day)s.") % {
                "title": page.title,
                "day": thai_date(schedule.review_by),
            }
        else:
            message = _("Review of “%(title)s” recorded. It has no further review date.") % {"title": page.title}
        messages.success(request, message)
    else:
        messages.info(request, _("You have already recorded a review of “%(title)s” today.") % {"title": page.title})
    return redirect(_back(request))


def admin_urls() -> list:
    """Registered by `review_hooks` (classified in tests/moderation/test_gate_matrix.py: they publish nothing)."""
    return [
        path("review/pages/<int:page_id>/", review_schedule_view, name="publication_review_schedule"),
        path("review/pages/<int:page_id>/reviewed/", mark_reviewed_view, name="publication_review_mark_reviewed"),
    ]
