"""Whatever is published is searchable at once, with everything it was published with."""

from __future__ import annotations

from django.dispatch import receiver
from modelsearch.index import insert_or_update_object
from wagtail.signals import published


@receiver(published)
def index_published_object(sender, instance, **kwargs):
    """Index a page or snippet in the publishing transaction, as published.

    Wagtail indexes a saved object from its `post_save` signal through a background task
    (`insert_or_update_object_task`): with a task worker (production's django-tasks database backend) a page just
    published would be missing from search until the worker got to it; and even run at once, that task reads the
    object before modelcluster has saved its child relations (a news item's tags). `published` comes after both.
    Unpublishing needs nothing (searches ask for live pages) and deleting is indexed inline by Wagtail.
    """
    insert_or_update_object(instance)
