"""Page-side consequences of saves and moves: news-folder workflows, owner units, unit page rights."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from wagtail.signals import post_page_move

from publication.organisation.models import Unit
from publication.organisation.provisioning import unit_provisioned

from .models import NewsCategory, NewsIndexPage, UnitOwnedPage
from .provisioning import provision_news_folder_workflows, provision_unit_pages
from .tasks import reindex_category_news


@receiver(unit_provisioned, dispatch_uid="pcru_unit_pages")
def unit_pages_provisioned(sender, unit, editors, heads, **kwargs):
    """A unit's editors and heads get its section (and "add" on university news); its folders their workflow."""
    provision_unit_pages(unit, editors, heads)


@receiver(post_save, sender=NewsIndexPage, dispatch_uid="pcru_news_folder_workflow")
def news_folder_saved(sender, instance, created: bool, raw: bool = False, **kwargs):
    """A news folder made (or copied, or aliased) in a unit's section takes the unit's news workflow at
    once: without it, it would inherit the section's head-only workflow and skip the webmaster."""
    if raw or not instance.path:
        return
    unit = Unit.objects.for_page(instance)
    if unit is not None:
        provision_news_folder_workflows(unit)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    """Re-derive the owner unit of a moved page and its subtree.

    Wagtail's move saves a plain `Page`, so `UnitOwnedPage.save()` never runs for it.
    """
    for page in instance.get_descendants(inclusive=True).specific(defer=True):
        if not isinstance(page, UnitOwnedPage):
            continue
        derived = page.derive_owner_unit()
        if derived is not None and derived.pk != page.owner_unit_id:
            type(page).objects.filter(pk=page.pk).update(owner_unit=derived)


@receiver(pre_save, sender=NewsCategory, dispatch_uid="pcru_category_renamed")
def news_category_renaming(sender, instance, raw: bool = False, **kwargs):
    """Note whether the save renames the category (its name is what its news are also found by)."""
    if not raw and instance.pk:
        instance._pcru_renamed = not NewsCategory.objects.filter(pk=instance.pk, name=instance.name).exists()


@receiver(post_save, sender=NewsCategory, dispatch_uid="pcru_category_search_index")
def news_category_saved(sender, instance, created: bool, raw: bool = False, **kwargs):
    """A renamed category: its news are found by the new name (queued; the worker indexes them in batches)."""
    if not raw and not created and getattr(instance, "_pcru_renamed", False):
        reindex_category_news.enqueue(instance.pk)
