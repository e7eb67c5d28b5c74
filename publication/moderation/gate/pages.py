"""The gate's hooks on Wagtail's page methods: publish in context, rights that follow the workflow."""

from __future__ import annotations

from wagtail.models import PagePermissionTester

from publication.moderation.gate.context import current_actor, current_context, current_path, publishing_as
from publication.moderation.gate.decision import PublishBlocked, may_take_final_step, required_tasks
from publication.moderation.gate.guards import enforce_not_locked


def publish_in_context(publish, user, *, scheduled: bool = False):
    """Run `publish()` (a model's `publish`) in one transaction, naming its actor and entry point.

    `user` is the publishing user Wagtail passed (None for commands); `scheduled` marks
    `publish_scheduled`, whose approval was given, and checked, when the go-live was scheduled.
    """
    from django.db import transaction

    context = current_context()
    path = "scheduled" if scheduled else (context.path or current_path())
    actor = user if user is not None else current_actor()
    with transaction.atomic(), publishing_as(actor, path, scheduled=scheduled):
        return publish()


def final_step_allowed(obj, user) -> bool:
    """Whether `user` may publish `obj` directly, i.e. take the last step of its approval chain."""
    if hasattr(obj, "publication_final_step_allowed"):
        return obj.publication_final_step_allowed(user)
    return workflow_final_step_allowed(obj, user)


def workflow_final_step_allowed(obj, user) -> bool:
    tasks = required_tasks(obj)
    return bool(tasks) and may_take_final_step(tasks[-1], obj, user)


class GatedPageMixin:
    """For our page models: the gate's hooks on Wagtail's page methods (no fields, no migration).

    `save()` is guarded by a `pre_save` receiver (`publication.moderation.signal_handlers`), so every model of
    ours is covered without overriding it here.
    """

    def save_revision(self, *args, user=None, **kwargs):
        """A workflow lock holds on every path that writes a revision (the admin API's revert too)."""
        enforce_not_locked(self, user)
        return super().save_revision(*args, user=user, **kwargs)

    def permissions_for_user(self, user):
        """Publish rights follow the workflow: only whoever takes its last step may publish here."""
        return WorkflowPagePermissionTester(user, self)

    def publish(self, revision, *args, user=None, log_action=True, **kwargs):
        """Publish in one transaction, naming actor and path; a scheduled go-live the gate now refuses is
        unscheduled and reported instead of raising, so one bad page does not stop `publish_scheduled`."""
        from publication.moderation.checks import cancel_blocked_schedule

        scheduled = log_action == "wagtail.publish.scheduled"
        try:
            return publish_in_context(
                lambda: super(GatedPageMixin, self).publish(revision, *args, user=user, log_action=log_action, **kwargs),
                user,
                scheduled=scheduled,
            )
        except PublishBlocked as blocked:
            if scheduled:
                cancel_blocked_schedule(self, revision, blocked)
                return None
            raise


class UnitOwnedPageMixin(GatedPageMixin):
    """For page types a unit owns (`owner_unit`): their revisions are checked and they count as a unit's
    content in scoped listings. `moderation` knows page types only by this mixin and `GatedPageMixin`."""


class WorkflowPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, with publishing kept to whoever takes the workflow's last step.

    Group page permissions are inherited down the tree, so a head holding "publish" on a unit's
    section would also hold it on the unit's news folder, where (without P1.2 rights) the webmaster
    has the last word. Here `can_publish()` also asks the workflow: the Publish button, the admin
    API, bulk publish and the copy view all use it.
    """

    def can_publish(self):
        if not super().can_publish():
            return False
        if current_context().trusted:
            return True
        if not hasattr(self, "_final_step_allowed"):
            self._final_step_allowed = final_step_allowed(self.page, self.user)
        return self._final_step_allowed
