"""The daily review digest (P1.1(1)): one e-mail a day per person, through the outbox.

`send_review_digests` (run daily by `manage.py send_review_digests`) gathers the schedules of live
pages that are overdue or due within `REVIEW_DUE_SOON_DAYS`, archived news left out, and queues one
e-mail per person holding:

* the pages they are responsible for, overdue first, then due soon, each part grouped by unit;
* for the heads of a unit (and its acting heads, as for approvals: `unit_approvers`) the unit's overdue
  pages that others are responsible for; the webmasters get those of the university's own pages
  (home, directory, news folder), which belong to no unit.

A person who already has a digest queued today (Bangkok date) gets nothing more that day, so a re-run
of the job, or two cron entries, queue nothing new.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from pythainlp.util import collate

from publication.organisation.exports import BANGKOK, person_name
from publication.organisation.models import Unit, unit_approvers
from publication.organisation.roles import WEBMASTERS
from publication.outbox.models import Notification
from publication.outbox.notifications import queue_notification
from publication.upkeep.models import ReviewSchedule
from publication.upkeep.review import ReviewStatus, bangkok_today, due_soon_days, sync_review_schedules, with_status
from publication.upkeep.review_signals import DIGEST_KIND

logger = logging.getLogger("publication.upkeep")


@dataclass
class DigestItem:
    """One page of a digest, with the links the reader needs."""

    title: str
    unit_name: str
    review_by: datetime.date
    overdue_days: int
    responsible_name: str
    edit_url: str
    schedule_url: str


@dataclass
class Digest:
    """One person's e-mail: their own pages (overdue, due soon) and their units' overdue pages."""

    mine_overdue: list = field(default_factory=list)
    mine_due_soon: list = field(default_factory=list)
    units_overdue: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.mine_overdue or self.mine_due_soon or self.units_overdue)


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def report_url(**filters) -> str:
    """The absolute URL of the report "เนื้อหาที่ต้องทบทวน", with `filters` (status, responsible, unit) if given."""
    query = "?" + urlencode(filters) if filters else ""
    return _absolute(reverse("publication_review_report") + query)


def _item(schedule: ReviewSchedule, today: datetime.date) -> DigestItem:
    return DigestItem(
        title=schedule.page.title,
        unit_name=schedule.unit.name_th if schedule.unit else "",
        review_by=schedule.review_by,
        overdue_days=max((today - schedule.review_by).days, 0),
        responsible_name=person_name(schedule.responsible) if schedule.responsible else "",
        edit_url=_absolute(reverse("wagtailadmin_pages:edit", args=[schedule.page_id])),
        schedule_url=_absolute(reverse("publication_review_schedule", args=[schedule.page_id])),
    )


def grouped(items: list[DigestItem]) -> list[tuple[str, list[DigestItem]]]:
    """[(unit name, items)], units in Thai alphabetical order (the university's own pages first), items by date."""
    groups: dict[str, list[DigestItem]] = defaultdict(list)
    for item in items:
        groups[item.unit_name].append(item)
    return [(unit, sorted(groups[unit], key=lambda i: (i.review_by, i.title))) for unit in collate(list(groups))]


def due_schedules(today: datetime.date) -> list[ReviewSchedule]:
    """Schedules of live pages that are overdue or due soon today (archived news never is)."""
    schedules = with_status(ReviewSchedule.objects.filter(page__live=True), today).filter(
        review_status__in=[ReviewStatus.OVERDUE, ReviewStatus.DUE_SOON]
    )
    return list(schedules.select_related("page", "unit", "responsible").order_by("review_by", "page__title"))


def build_digests(today: datetime.date) -> dict[int, Digest]:
    """{user id: Digest} for everyone with something to review or oversee today."""
    digests: dict[int, Digest] = defaultdict(Digest)
    overdue_by_unit: dict[int | None, list[ReviewSchedule]] = defaultdict(list)
    for schedule in due_schedules(today):
        item = _item(schedule, today)
        overdue = schedule.review_status == ReviewStatus.OVERDUE
        if schedule.responsible_id is not None:
            digest = digests[schedule.responsible_id]
            (digest.mine_overdue if overdue else digest.mine_due_soon).append(item)
        if overdue:
            overdue_by_unit[schedule.unit_id].append(schedule)
    webmasters = list(get_user_model().objects.filter(groups__name=WEBMASTERS, is_active=True).values_list("pk", flat=True))
    units = Unit.objects.in_bulk([unit_id for unit_id in overdue_by_unit if unit_id is not None])
    for unit_id, schedules in overdue_by_unit.items():
        overseers = webmasters if unit_id is None else list(unit_approvers(units[unit_id], today).values_list("pk", flat=True))
        for user_id in overseers:
            others = [_item(s, today) for s in schedules if s.responsible_id != user_id]
            digests[user_id].units_overdue.extend(others)
    return {user_id: digest for user_id, digest in digests.items() if not digest.empty}


def _already_sent_today(today: datetime.date) -> set[int]:
    start = datetime.datetime.combine(today, datetime.time(), tzinfo=BANGKOK)
    return set(
        Notification.objects.filter(kind=DIGEST_KIND, created_at__gte=start, created_at__lt=start + datetime.timedelta(days=1))
        .exclude(recipient_user=None)
        .values_list("recipient_user_id", flat=True)
    )


def send_review_digests(now: datetime.datetime | None = None, *, sync: bool = True) -> int:
    """Queue today's digests (after `sync_review_schedules`, unless `sync` is False); returns how many."""
    now = now or timezone.now()
    today = bangkok_today(now)
    if sync:
        sync_review_schedules(today)
    digests = build_digests(today)
    done = _already_sent_today(today)
    users = get_user_model().objects.in_bulk([user_id for user_id in digests if user_id not in done])
    queued = 0
    for user_id, user in sorted(users.items()):
        digest = digests[user_id]
        queued += bool(
            queue_notification(
                user,
                "upkeep/review/emails/review_digest",
                {
                    "today": today,
                    "due_soon_days": due_soon_days(),
                    "mine_overdue": grouped(digest.mine_overdue),
                    "mine_due_soon": grouped(digest.mine_due_soon),
                    "units_overdue": grouped(digest.units_overdue),
                    "mine_overdue_count": len(digest.mine_overdue),
                    "mine_due_soon_count": len(digest.mine_due_soon),
                    "units_overdue_count": len(digest.units_overdue),
                    "report_url": report_url(),
                },
                kind=DIGEST_KIND,
            )
        )
    logger.info("Review digests queued for %d person(s) (%d skipped: already sent today)", queued, len(digests) - len(users))
    return queued
