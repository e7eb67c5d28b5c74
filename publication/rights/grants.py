"""P1.2: granting and revoking a unit's publishing rights, done by the system on approval."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import TaskState

from publication.outbox.notifications import queue_notification
from publication.rights.models import RightsRequest, RightsScope

logger = logging.getLogger("publication.rights")


def _approver(request_obj: RightsRequest):
    state = request_obj.workflow_states.order_by("-created_at").first()
    if state is None:
        return None
    last = state.task_states.filter(status=TaskState.STATUS_APPROVED).order_by("-finished_at").first()
    return last.finished_by if last else None


@transaction.atomic
def grant_rights(request_obj: RightsRequest, user=None) -> None:
    """Add the staff to the unit's editors, set the P1.2 flag (which switches the news workflow), e-mail."""
    request_obj = RightsRequest.objects.select_for_update().get(pk=request_obj.pk)
    if request_obj.granted_at and not request_obj.revoked_at:
        return  # granted already: publishing the same request twice changes nothing
    unit = request_obj.unit
    user = user or _approver(request_obj)
    staff = list(request_obj.staff.all())
    unit.editors.add(*staff)
    if request_obj.scope in (RightsScope.NEWS, RightsScope.BOTH) and not unit.may_publish_own_news:
        unit.may_publish_own_news = True
        unit.save()  # provisioning switches the unit's news folder to head-only moderation
    now = timezone.now()
    RightsRequest.objects.filter(pk=request_obj.pk).update(granted_at=now, granted_by=user, revoked_at=None)
    log(request_obj, "publication.rights_granted", user=user, data={"staff": [u.pk for u in staff]})
    logger.info("Granted %s rights to unit %s for %s", request_obj.scope, unit.code, [u.username for u in staff])
    context = {
        "unit_name": unit.name_th,
        "scope": request_obj.get_scope_display(),
        "staff_names": [u.get_full_name() or u.get_username() for u in staff],
        "granted_by_name": (user.get_full_name() or user.get_username()) if user else "",
        "granted_at": now,
    }
    queue_notification(
        [request_obj.requester, unit.contact_email, *staff], "rights/emails/rights_granted", context, related=request_obj
    )


@transaction.atomic
def revoke_rights(request_obj: RightsRequest, user, reason: str) -> None:
    """One action: the staff leave the unit's editors (unless granted by another live request), logged."""
    request_obj = RightsRequest.objects.select_for_update().get(pk=request_obj.pk)
    if not request_obj.granted_at or request_obj.revoked_at:
        return
    unit = request_obj.unit
    others = RightsRequest.objects.filter(unit=unit, granted_at__isnull=False, revoked_at__isnull=True).exclude(
        pk=request_obj.pk
    )
    still_granted = {u.pk for other in others for u in other.staff.all()}
    staff = [u for u in request_obj.staff.all() if u.pk not in still_granted]
    unit.editors.remove(*staff)
    news_elsewhere = others.filter(scope__in=[RightsScope.NEWS, RightsScope.BOTH]).exists()
    if request_obj.scope in (RightsScope.NEWS, RightsScope.BOTH) and not news_elsewhere and unit.may_publish_own_news:
        unit.may_publish_own_news = False
        unit.save()
    RightsRequest.objects.filter(pk=request_obj.pk).update(
        revoked_at=timezone.now(), revoked_by=user, revoke_reason=reason
    )
    request_obj.refresh_from_db()
    request_obj.save_revision(user=user, log_action=False)  # keeps a history row of the revocation
    log(request_obj, "publication.rights_revoked", user=user, data={"reason": reason})
    queue_notification(
        [request_obj.requester, unit.contact_email],
        "rights/emails/rights_revoked",
        {"unit_name": unit.name_th, "scope": request_obj.get_scope_display(), "reason": reason},
        related=request_obj,
    )


def on_rights_request_published(sender, instance, revision=None, **kwargs):
    def grant():
        try:
            grant_rights(instance)
        except Exception:  # the approval stands; the webmaster sees the log and can re-run the grant
            logger.exception("Granting rights for request %s failed", instance.pk)

    transaction.on_commit(grant)


RIGHTS_WORKFLOW = "คำขอสิทธิ์เผยแพร่ข่าว (ขั้นตอน 1.2)"


def provision_rights_workflow():
    """P1.2: the head of the requesting unit approves, then the webmaster grants (idempotent)."""
    from publication.moderation.provisioning import assign_content_type_workflow, ensure_workflow, head_task, webmaster_task

    workflow = ensure_workflow(RIGHTS_WORKFLOW, [head_task(), webmaster_task()])
    assign_content_type_workflow(RightsRequest, workflow)
    return workflow


def connect() -> None:
    """Grant the rights when a request is published (the webmaster's approval)."""
    from wagtail.signals import published

    published.connect(on_rights_request_published, sender=RightsRequest, dispatch_uid="pcru_rights_granted")
