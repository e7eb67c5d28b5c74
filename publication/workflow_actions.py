"""Wagtail's finish-workflow action for this project (imported by wagtail.models: keep imports lazy)."""


def finish_workflow(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: publish the approved revision.

    Requests and posts are "published" (cleared) by their last approver, who does not hold the
    model's publish permission: that would let them skip the head's approval from the editor.
    Pages keep Wagtail's behaviour (the final approver holds publish rights on the section).
    """
    from publication.models import UNIT_SNIPPET_MODELS

    obj = workflow_state.content_object
    revision = obj.get_latest_revision()
    if isinstance(obj, UNIT_SNIPPET_MODELS):
        revision.publish(user=user, skip_permission_checks=True)
    else:
        revision.publish(user=user)
