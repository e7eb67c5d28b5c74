"""P1.5: once a post is marked posted, its record changes only by its unit's head or a webmaster.

The record is what the public saw and where: the posted link, the time and the text
(`RECORD_FIELDS`). Every path that could change it is closed for anyone else:

* the snippet's edit, revert and autosave views: `SocialPost.get_lock()` returns a
  `PostedRecordLock` that holds for them, so Wagtail refuses the save (the edit view words the
  refusal in Thai);
* "mark posted" again: `publication.social.views.mark_posted_view` refuses them first;
* anything else that writes a revision or the row (a bulk action, a view Wagtail adds later, code):
  `SocialPost.save_revision()` and `SocialPost.save()` call `check_revision` and `check_save`, which
  raise `PostedRecordLocked`; the request's transaction rolls back and the gate's middleware answers
  with the Thai reason. Wagtail's admin API acts on pages only.

Allowed changes are kept: django-simple-history writes a row on every save (who, when, every
field), and "mark posted" also writes a Wagtail log entry shown in the snippet's history.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext
from wagtail.locks import BaseLock

from publication.moderation.gate import PublishBlocked, current_actor
from publication.organisation.models import Unit, units_approved_by
from publication.organisation.permissions import is_webmaster

logger = logging.getLogger("publication.social")

#: The fields of a posted post that make its record.
RECORD_FIELDS = ("posted_url", "posted_at", "post_text")


def _stored(post) -> dict | None:
    """The stored unit and record of `post` (the row, not a revision's copy), or None if unsaved."""
    if post.pk is None:
        return None
    return type(post)._default_manager.filter(pk=post.pk).values("unit_id", *RECORD_FIELDS).first()


def may_amend_posted_record(user, post) -> bool:
    """Whether `user` may change the record of `post` once posted: its unit's head (or acting head
    today) or a webmaster. Decided on the stored row's unit, not a revision's."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if is_webmaster(user):
        return True
    stored = _stored(post)
    unit_id = stored["unit_id"] if stored else post.unit_id
    return units_approved_by(user).filter(pk=unit_id).exists()


def refusal_message(post) -> str:
    """The Thai refusal for someone who may not change a posted record."""
    unit = Unit.objects.filter(pk=post.unit_id).first()
    return gettext(
        "This post has already been posted: its link, posting time and text can be changed only by the head of %(unit)s or a webmaster."
    ) % {"unit": unit.name_th if unit else gettext("its unit")}


class PostedRecordLocked(PublishBlocked):
    """A change to a posted record by someone who may not make it (see the module docstring).

    A `PublishBlocked`, so the request rolls back whole and `PublishGateMiddleware` answers it in Thai.
    """

    def __init__(self, post):
        self.message = refusal_message(post)
        super().__init__(title=str(post))

    def summary(self) -> str:
        return self.message

    def lines(self) -> list[str]:
        return []


class PostedRecordLock(BaseLock):
    """The lock of a posted post: it holds for everyone but the unit's head and the webmasters.

    Wraps the lock the post would otherwise have (an editor's own lock, a workflow's), which still
    applies to those who pass this one.
    """

    def __init__(self, post, inner: BaseLock | None = None):
        super().__init__(post)
        self.inner = inner

    def _holds(self, user) -> bool:
        return not may_amend_posted_record(user, self.object)

    def for_user(self, user):
        return self._holds(user) or bool(self.inner and self.inner.for_user(user))

    def get_message(self, user):
        if self._holds(user):
            return refusal_message(self.object)
        return self.inner.get_message(user) if self.inner else None

    def get_locked_by(self, user):
        if self._holds(user) or not self.inner:
            return gettext("Posted")
        return self.inner.get_locked_by(user)

    def get_description(self, user):
        if self._holds(user) or not self.inner:
            return gettext("Only the head of the unit or a webmaster can change a post that has been posted")
        return self.inner.get_description(user)


def _request_user():
    """The user of the current request (django-simple-history's middleware keeps the request)."""
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None, request is not None


def _acting_user():
    """(user, in_a_request): who is changing things now, as the gate sees it, else the request's user."""
    request_user, in_request = _request_user()
    return current_actor() or request_user, in_request


def check_save(post, update_fields=None) -> None:
    """Refuse a save that changes a posted record unless its author may (raises `PostedRecordLocked`).

    The author is the acting user; when the save publishes a revision, its writer counts too (the
    poster's checklist may publish a correction the head wrote). Saves outside any request or user
    (management commands, the demo set-up) are the system's own and pass.
    """
    if update_fields is not None and not set(update_fields) & set(RECORD_FIELDS):
        return
    stored = _stored(post)
    if not stored or stored["posted_at"] is None:
        return
    if all(getattr(post, name) == stored[name] for name in RECORD_FIELDS):
        return
    user, in_request = _acting_user()
    if user is None and not in_request:
        return
    revision = post.live_revision if getattr(post, "live_revision_id", None) else None
    authors = [user, getattr(revision, "user", None)]
    if any(may_amend_posted_record(author, post) for author in authors if author is not None):
        return
    logger.warning("Refused a change to the record of posted social post %s by %s", post.pk, user)
    raise PostedRecordLocked(post)


def check_revision(post, user) -> None:
    """Refuse a new revision of a posted post by someone who may not change its record."""
    stored = _stored(post)
    if user is None or not stored or stored["posted_at"] is None or may_amend_posted_record(user, post):
        return
    logger.warning("Refused a revision of posted social post %s by %s", post.pk, user)
    raise PostedRecordLocked(post)
