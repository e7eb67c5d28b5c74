"""Who may act at each step of P1.4: the group the step belongs to, and the letter's current step."""

from __future__ import annotations

from publication.organisation.roles import ARIT_DIRECTOR, EXECUTIVES, PRESIDENTS_OFFICE, WEBMASTERS

from .models import ExternalRequest
from .models import ExternalRequestStatus as Status

# --- Who --------------------------------------------------------------------------------------------


def in_group(user, name: str) -> bool:
    """Whether an active `user` is in the group `name` (superusers: always); cached on the user object."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cache = getattr(user, "_pcru_group_names", None)
    if cache is None:
        cache = user._pcru_group_names = set(user.groups.values_list("name", flat=True))
    return name in cache


def can_view(user) -> bool:
    """Whether `user` may see letters at all (the central groups: `letters.view_externalrequest`)."""
    return user.is_authenticated and user.has_perm("letters.view_externalrequest")


def can_submit(user, req: ExternalRequest) -> bool:
    """The President's Office sends a registered letter to the executives."""
    return req.status == Status.REGISTERED and in_group(user, PRESIDENTS_OFFICE)


def can_decide(user, req: ExternalRequest) -> bool:
    """The executives approve or decline a letter waiting for their decision."""
    return req.status == Status.AWAITING_DECISION and in_group(user, EXECUTIVES)


def can_assign(user, req: ExternalRequest) -> bool:
    """The ARIT Director assigns an approved letter to a webmaster."""
    return req.status == Status.AWAITING_ASSIGNMENT and in_group(user, ARIT_DIRECTOR)


def can_create_notice(user, req: ExternalRequest) -> bool:
    """Only the assigned webmaster (or a superuser) drafts the notice page."""
    return req.status == Status.ASSIGNED and (user.is_superuser or user.pk == req.assigned_webmaster_id)


def can_record_notification(user, req: ExternalRequest) -> bool:
    """Who records telling the agency: webmasters once published, the President's Office too once declined."""
    if req.status == Status.PUBLISHED:
        return user.is_superuser or user.pk == req.assigned_webmaster_id or in_group(user, WEBMASTERS)
    if req.status == Status.DECLINED:
        return in_group(user, PRESIDENTS_OFFICE) or in_group(user, WEBMASTERS)
    return False


def can_close(user, req: ExternalRequest) -> bool:
    """A published or declined letter is closed by whoever may record the agency's notification."""
    return req.status in (Status.PUBLISHED, Status.DECLINED) and can_record_notification(user, req)
