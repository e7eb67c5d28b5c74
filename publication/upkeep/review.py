"""Periodic review of published content (P1.1(1)): defaults by page type, who is responsible, status,
recording a review.

Every page of ours (the page types of the apps that declare `publishes_pages`) gets a `ReviewSchedule`
when it is first published (`review_signals`, Wagtail's `page_published`, which every publish path
sends) or, for pages that went live another way (demo data, pages older than the schedules), when
`sync_review_schedules` runs (`send_review_digests` and `bootstrap_demo` call it).

Defaults (settings, see README):

* `REVIEW_INTERVAL_MONTHS`: months by page type, `"app_label.ModelName"` → months or None; every
  other page type of ours takes `"default"` (unit information: unit pages, standard pages, the home
  page and the index pages, yearly). News and agency notices have None: no review date unless an
  editor gives one.
* A contact page (`is_contact_page`: a page of a type with an interval whose title or slug contains
  one of `REVIEW_CONTACT_WORDS`, "ติดต่อ"/"contact") is reviewed every `REVIEW_CONTACT_INTERVAL_MONTHS`.
  The rule is only a default: the schedule's own interval, set on the schedule form, wins.
* News is archived when its date is more than `REVIEW_NEWS_ARCHIVED_AFTER_DAYS` days before today; an
  archived item is never due, whatever date it was given.

Dates are Asia/Bangkok dates whatever the signed-in user's time zone: the university's day.
"""

from __future__ import annotations

import calendar
import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, Q, QuerySet, TextChoices, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Page, get_page_models

from publication.organisation.exports import BANGKOK
from publication.organisation.models import Unit
from publication.organisation.permissions import is_webmaster, units_for_user
from publication.organisation.roles import WEBMASTERS
from publication.pages.models import NewsPage, UnitOwnedPage
from publication.upkeep.models import ReviewSchedule

#: Wagtail log actions, shown in the page's History (labels registered in `review_hooks`).
REVIEWED_ACTION = "publication.review_recorded"
SCHEDULE_CHANGED_ACTION = "publication.review_schedule_changed"


class ReviewStatus(TextChoices):
    """Where a schedule stands today; `DUE_SOON` means within `REVIEW_DUE_SOON_DAYS` days."""

    OVERDUE = "overdue", _("Overdue")
    DUE_SOON = "due_soon", _("Due soon")
    LATER = "later", _("Not due yet")
    NONE = "none", _("No review date")


#: Report and e-mail order: overdue first, pages without a date last.
STATUS_RANK = {ReviewStatus.OVERDUE: 0, ReviewStatus.DUE_SOON: 1, ReviewStatus.LATER: 2, ReviewStatus.NONE: 3}


def bangkok_today(now: datetime.datetime | None = None) -> datetime.date:
    """The date in Bangkok at `now` (default: this moment)."""
    return timezone.localdate(now or timezone.now(), timezone=BANGKOK)


def due_soon_days() -> int:
    return settings.REVIEW_DUE_SOON_DAYS


def status_label(status: str) -> str:
    """A status in words; "due soon" names its number of days ("ครบกำหนดภายใน 14 วัน")."""
    if status == ReviewStatus.DUE_SOON:
        return str(_("Due within %(days)s days") % {"days": due_soon_days()})
    return str(ReviewStatus(status).label) if status in ReviewStatus.values else status


def status_choices() -> list[tuple[str, str]]:
    return [(status.value, status_label(status.value)) for status in ReviewStatus]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus `months` calendar months; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


# --- Defaults by page type ----------------------------------------------------------------------------


def is_reviewed_page_type(model: type) -> bool:
    """Page types of ours: those of the apps that declare `publishes_pages` (Wagtail's root `Page` is not)."""
    if not isinstance(model, type) or not issubclass(model, Page) or model is Page or model._meta.abstract:
        return False
    return bool(getattr(apps.get_app_config(model._meta.app_label), "publishes_pages", False))


def reviewed_page_models() -> list[type[Page]]:
    return [model for model in get_page_models() if is_reviewed_page_type(model)]


def type_interval_months(model: type[Page]) -> int | None:
    """The `REVIEW_INTERVAL_MONTHS` entry of a page type (keys compared case-insensitively)."""
    table = {key.lower(): value for key, value in settings.REVIEW_INTERVAL_MONTHS.items()}
    key = model._meta.label_lower
    return table[key] if key in table else table.get("default", 12)


def is_contact_page(page: Page) -> bool:
    """A page whose title or slug contains one of `REVIEW_CONTACT_WORDS` (case-insensitive)."""
    text = f"{page.title} {page.slug}".casefold()
    return any(word.casefold() in text for word in settings.REVIEW_CONTACT_WORDS)


def default_interval_months(page: Page) -> int | None:
    """Months between reviews when the schedule names none: by page type, contact pages more often."""
    months = type_interval_months(page.specific_class or type(page))
    if months is None:
        return None
    return settings.REVIEW_CONTACT_INTERVAL_MONTHS if is_contact_page(page) else months


def effective_interval_months(schedule: ReviewSchedule) -> int | None:
    return schedule.review_interval_months or default_interval_months(schedule.page)


def interval_label(months: int | None) -> str:
    if months is None:
        return str(_("No periodic review"))
    return str(_("Every %(months)s months") % {"months": months})


def archive_cutoff(today: datetime.date | None = None) -> datetime.date:
    """News dated before this day is archived."""
    return (today or bangkok_today()) - datetime.timedelta(days=settings.REVIEW_NEWS_ARCHIVED_AFTER_DAYS)


def archived_q(today: datetime.date | None = None, prefix: str = "page__") -> Q:
    """Schedules (or, with `prefix=""`, pages) of archived news."""
    return Q(**{f"{prefix}pk__in": NewsPage.objects.filter(date__lt=archive_cutoff(today)).values("pk")})


def is_archived(page: Page, today: datetime.date | None = None) -> bool:
    return Page.objects.filter(pk=page.pk).filter(archived_q(today, prefix="")).exists()


# --- Units and people ---------------------------------------------------------------------------------


def owner_unit_of(page: Page) -> Unit | None:
    """The unit that owns `page`: its `owner_unit` (unit pages, news, notices), else the unit whose section
    holds it (a unit's news folder); None for the university's own pages (home, directory, news folder)."""
    if issubclass(page.specific_class or type(page), UnitOwnedPage):
        return page.specific_deferred.owner_unit
    return Unit.objects.for_page(page)


def responsible_choices(unit: Unit | None) -> QuerySet:
    """Who may be made responsible: the unit's editors and heads, and the webmasters (active accounts)."""
    people = Q(groups__name=WEBMASTERS)
    if unit is not None:
        people |= Q(pk__in=unit.editors.values("pk")) | Q(pk__in=unit.heads.values("pk"))
    return get_user_model().objects.filter(people, is_active=True).distinct().order_by("first_name", "last_name", "pk")


def default_responsible(page: Page, unit: Unit | None):
    """The page's owner while still an editor or head of the owning unit (a webmaster for the university's
    own pages), else the unit's first head; None when there is no one."""
    owner = page.owner
    if owner is not None and owner.is_active:
        if unit is None and is_webmaster(owner):
            return owner
        if unit is not None and (unit.editors.filter(pk=owner.pk).exists() or unit.heads.filter(pk=owner.pk).exists()):
            return owner
    if unit is not None:
        return unit.heads.filter(is_active=True).order_by("pk").first()
    return None


def may_manage_review(user, page: Page, unit: Unit | None = None) -> bool:
    """Whether `user` may set a page's schedule and record its review: webmasters; anyone who may edit the
    page; the editors, heads and acting heads of its owner unit. Needs `upkeep.change_reviewschedule`."""
    if not user.is_authenticated or not user.is_active or not user.has_perm("upkeep.change_reviewschedule"):
        return False
    if is_webmaster(user):
        return True
    if unit is not None and units_for_user(user).filter(pk=unit.pk).exists():
        return True
    return page.permissions_for_user(user).can_edit()


# --- Schedules ----------------------------------------------------------------------------------------


def ensure_schedule(page: Page, start: datetime.date | None = None) -> tuple[ReviewSchedule, bool]:
    """The page's schedule, created with the defaults if it has none: review by `start` (default today)
    plus the default interval. Returns (schedule, created)."""
    existing = ReviewSchedule.objects.filter(page_id=page.pk).first()
    if existing is not None:
        return existing, False
    unit = owner_unit_of(page)
    months = default_interval_months(page)
    start = start or bangkok_today()
    return ReviewSchedule.objects.get_or_create(
        page_id=page.pk,
        defaults={
            "unit": unit,
            "responsible": default_responsible(page, unit),
            "review_by": add_months(start, months) if months else None,
        },
    )


def _owner_units() -> dict[int, int | None]:
    """{page id: owner unit id} of every page of ours, in a few queries."""
    units: dict[int, int | None] = {}
    sections = sorted(Unit.objects.filter(section__isnull=False).values_list("section__path", "pk"), key=lambda s: -len(s[0]))
    for model in reviewed_page_models():
        if issubclass(model, UnitOwnedPage):
            units.update(model.objects.values_list("pk", "owner_unit_id"))
        else:
            for pk, path in model.objects.values_list("pk", "path"):
                units[pk] = next((unit_id for section_path, unit_id in sections if path.startswith(section_path)), None)
    return units


def sync_review_schedules(today: datetime.date | None = None) -> tuple[int, int]:
    """Give every live page of ours a schedule, keep each schedule's unit that of its page, and name a
    responsible person where none is. The first review of a page found here is due one interval after
    it was last published. Idempotent; returns (schedules created, schedules updated)."""
    today = today or bangkok_today()
    created = updated = 0
    missing = Page.objects.live().type(*reviewed_page_models()).filter(review_schedule__isnull=True)
    for page in missing.specific(defer=True).iterator():
        published = page.last_published_at or page.first_published_at
        created += ensure_schedule(page, bangkok_today(published) if published else today)[1]
    units = _owner_units()
    for schedule in ReviewSchedule.objects.select_related("page", "unit"):
        changed = []
        unit_id = units.get(schedule.page_id, schedule.unit_id)
        if unit_id != schedule.unit_id:
            schedule.unit_id = unit_id
            changed.append("unit")
        if schedule.responsible_id is None:
            schedule.responsible = default_responsible(schedule.page, Unit.objects.filter(pk=unit_id).first())
            if schedule.responsible is not None:
                changed.append("responsible")
        if changed:
            schedule.save(update_fields=changed)
            updated += 1
    return created, updated


def with_status(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """Schedules annotated with `review_status` (a `ReviewStatus` value) and `status_rank` (0 overdue … 3)."""
    today = today or bangkok_today()
    soon = today + datetime.timedelta(days=due_soon_days())
    archived = archived_q(today)
    status = Case(
        When(archived, then=Value(ReviewStatus.NONE.value)),
        When(review_by__isnull=True, then=Value(ReviewStatus.NONE.value)),
        When(review_by__lt=today, then=Value(ReviewStatus.OVERDUE.value)),
        When(review_by__lte=soon, then=Value(ReviewStatus.DUE_SOON.value)),
        default=Value(ReviewStatus.LATER.value),
    )
    rank = Case(
        When(archived, then=Value(3)),
        When(review_by__isnull=True, then=Value(3)),
        When(review_by__lt=today, then=Value(0)),
        When(review_by__lte=soon, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return queryset.annotate(review_status=status, status_rank=rank)


def status_of(schedule: ReviewSchedule, today: datetime.date | None = None) -> str:
    """The `ReviewStatus` value of one schedule today."""
    today = today or bangkok_today()
    if schedule.review_by is None or is_archived(schedule.page, today):
        return ReviewStatus.NONE.value
    if schedule.review_by < today:
        return ReviewStatus.OVERDUE.value
    if schedule.review_by <= today + datetime.timedelta(days=due_soon_days()):
        return ReviewStatus.DUE_SOON.value
    return ReviewStatus.LATER.value


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def record_review(schedule: ReviewSchedule, user, now: datetime.datetime | None = None) -> bool:
    """Record "ทบทวนแล้ว": `user` confirms today that the page is correct, complete and current. The next review
    falls one interval after today (none for a page without one). A history row and a log entry in the
    page's History keep who and when. Returns False (and records nothing) when `user` already recorded
    a review of this page today."""
    now = now or timezone.now()
    today = bangkok_today(now)
    if schedule.last_reviewed_by_id == user.pk and schedule.last_reviewed_at and bangkok_today(schedule.last_reviewed_at) == today:
        return False
    previous = schedule.review_by
    months = effective_interval_months(schedule)
    schedule.last_reviewed_at, schedule.last_reviewed_by = now, user
    schedule.review_by = add_months(today, months) if months else None
    schedule._history_user = user
    schedule.save()
    log(schedule.page, REVIEWED_ACTION, user=user, data={"review_by": _iso(schedule.review_by), "previous_review_by": _iso(previous)})
    return True


def change_schedule(
    schedule: ReviewSchedule, user, *, responsible, interval_months: int | None, review_by: datetime.date | None
) -> list[str]:
    """Set the responsible person, interval (None: the page type's) and review-by date; with no date given,
    the date is one interval after the last review (or today). Saves with a history row and a log entry
    when something changed; returns the names of the fields that changed."""
    if review_by is None:
        months = interval_months or default_interval_months(schedule.page)
        start = bangkok_today(schedule.last_reviewed_at) if schedule.last_reviewed_at else bangkok_today()
        review_by = add_months(start, months) if months else None
    new = {"responsible_id": responsible.pk if responsible else None, "review_interval_months": interval_months, "review_by": review_by}
    changed = [name for name, value in new.items() if getattr(schedule, name) != value]
    if not changed:
        return []
    before = {
        "responsible": schedule.responsible_id,
        "review_interval_months": schedule.review_interval_months,
        "review_by": _iso(schedule.review_by),
    }
    for name, value in new.items():
        setattr(schedule, name, value)
    schedule._history_user = user
    schedule.save()
    after = {"responsible": schedule.responsible_id, "review_interval_months": interval_months, "review_by": _iso(review_by)}
    log(schedule.page, SCHEDULE_CHANGED_ACTION, user=user, data={"before": before, "after": after})
    return [name.removesuffix("_id") for name in changed]
