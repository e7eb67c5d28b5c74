"""Provisioning of P1.4: the private letters collection, readable by the four central groups only."""

from __future__ import annotations

from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission

from publication.organisation.provisioning import CENTRAL_GROUPS

from .models import LETTERS_COLLECTION

#: No group holds any permission on the letters collection: letter files enter only through the letter's
#: form (`external.attach_letter_file`) and are read through its step page. A grant here would be
#: ignored anyway (`letters.SealedLettersPolicyMixin`), so provisioning removes any that appears.
LETTER_COLLECTION_PERMS: tuple[tuple[str, str], ...] = ()


def letters_collection() -> Collection:
    """The private collection of letter files, created under the root on first use."""
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=LETTERS_COLLECTION).first() or root.add_child(name=LETTERS_COLLECTION)


def provision_letters_collection(groups: dict[str, Group]) -> Collection:
    """The letters collection is private to the four central groups, by Wagtail's own mechanisms.

    - Collection permissions: nobody holds a grant on it or on a collection under it (unit groups
      hold grants on their own unit collection only, never on the root, so nothing of theirs
      inherits into it; the webmasters' root grants stop at it, see `letters.SealedLettersPolicyMixin`).
    - A collection view restriction of type "groups" for the four central groups: Wagtail's API
      and serve view leave the collection out for everybody else.
    The public and unit staff are also refused by the `before_serve_document` hook in `letters.wagtail_hooks`.
    """
    collection = letters_collection()
    sealed = Collection.objects.filter(path__startswith=collection.path)
    GroupCollectionPermission.objects.filter(collection__in=sealed).delete()

    restrictions = list(CollectionViewRestriction.objects.filter(collection=collection).order_by("pk"))
    restriction = restrictions[0] if restrictions else CollectionViewRestriction(collection=collection)
    if len(restrictions) > 1:
        CollectionViewRestriction.objects.filter(pk__in=[r.pk for r in restrictions[1:]]).delete()
    if restriction.pk is None or restriction.restriction_type != CollectionViewRestriction.GROUPS or restriction.password:
        restriction.restriction_type = CollectionViewRestriction.GROUPS
        restriction.password = ""
        restriction.save()
    wanted = {group.pk for name, group in groups.items() if name in CENTRAL_GROUPS}
    if set(restriction.groups.values_list("pk", flat=True)) != wanted:
        restriction.groups.set(wanted)
    return collection


