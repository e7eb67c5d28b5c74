"""Signal receivers and registrations of the review part of upkeep, connected once from `UpkeepConfig.ready()`.

* `page_published` (sent by every publish path: edit view, workflow approval, scheduled go-live, bulk
  publish, the admin API, revert): a page of ours published for the first time gets its schedule.
* `post_page_move`: a page moved into another unit's section gets that unit on its schedule (the
  daily `sync_review_schedules` catches the pages below it).
* The outbox names the digest e-mail's kind.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, post_page_move

from publication.outbox.kinds import register_kind_label

#: `Notification.kind` of the daily review digest.
DIGEST_KIND = "review_digest"


def schedule_on_first_publish(sender, instance, **kwargs) -> None:
    """Create the page's review schedule (defaults of its type) unless it has one."""
    from publication.upkeep.review import ensure_schedule, is_reviewed_page_type

    if is_reviewed_page_type(type(instance)):
        ensure_schedule(instance)


def follow_moved_page(sender, instance, **kwargs) -> None:
    """Keep the schedule's unit that of the moved page (its owner unit is re-derived on the move)."""
    from publication.upkeep.models import ReviewSchedule
    from publication.upkeep.review import owner_unit_of

    schedule = ReviewSchedule.objects.filter(page_id=instance.pk).first()
    if schedule is None:
        return
    unit = owner_unit_of(type(instance).objects.get(pk=instance.pk))
    if schedule.unit_id != (unit.pk if unit else None):
        schedule.unit = unit
        schedule.save(update_fields=["unit"])


def connect() -> None:
    """Connect receivers and register rules (idempotent)."""
    page_published.connect(schedule_on_first_publish, dispatch_uid="upkeep_review_schedule_on_first_publish")
    post_page_move.connect(follow_moved_page, dispatch_uid="upkeep_review_follow_moved_page")
    register_kind_label(DIGEST_KIND, _("Content due for review: daily digest"))
