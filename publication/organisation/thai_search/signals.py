"""Whatever is published is searchable, with everything it was published with."""

from __future__ import annotations

from django.dispatch import receiver
from modelsearch.backends import get_search_backends
from modelsearch.tasks import insert_or_update_object_task
from wagtail.signals import page_published, published


@receiver(published)
def index_published_object(sender, instance, **kwargs):
    """Queue indexing of a page or snippet as published (django-tasks; never inside the publish request's time).

    Wagtail queues the same task from `post_save`, but with the immediate backend (tests, a site without a worker)
    that task runs at once, before modelcluster has saved the child relations (a news item's tags); `published`
    comes after both. With production's database backend the task row commits with the publication and the worker
    indexes the committed page moments later, so publishing does not wait on Thai segmentation (issue 15: publish
    overhead). What it was published with before leaves the index at once, in the publication's transaction (one
    DELETE): text taken out of a page is never found, nor shown in a snippet, while the worker is behind or down.
    Unpublishing needs nothing (searches ask for live pages); deleting is indexed inline by Wagtail.
    """
    reindex_as_published(instance)


@receiver(page_published)
def index_published_alias(sender, instance, **kwargs):
    """An alias brought up to date with its page (`Page.update_aliases`) sends only `page_published`: the same."""
    if instance.alias_of_id is not None:
        reindex_as_published(instance)


def reindex_as_published(instance) -> None:
    """Drop `instance`'s index entry at once (in the caller's transaction) and queue its indexing as it is now."""
    for backend in get_search_backends(with_auto_update=True):
        backend.delete(instance)
    insert_or_update_object_task.enqueue(instance._meta.app_label, instance._meta.model_name, str(instance.pk))
