"""Idempotent provisioning of the organisation's Wagtail groups and permissions.

`provision_unit(unit)` makes a unit's groups, members, collection and model permissions match the unit
record exactly: running it twice changes nothing, and removing a head or editor from the unit removes
them from its groups, which takes their rights away.

What each role may do with an app's models is declared by that app in `AppConfig.role_permissions`
(`{role: ("codename" or "app_label.codename", ...)}`; the roles are the central group names plus
`UNIT_EDITORS` and `UNIT_HEADS`). What else an app sets up (workflows, page permissions, the letters
collection) it does in `AppConfig.provision(groups)` and in receivers of `unit_provisioned`. So this app
names no model of the apps above it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.dispatch import Signal
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from publication.organisation.models import ActingHead, Unit

from .roles import ARIT_DIRECTOR, CENTRAL_GROUPS, EXECUTIVES, PRESIDENTS_OFFICE, UNIT_EDITORS, UNIT_HEADS, WEBMASTERS  # noqa: F401

logger = logging.getLogger("publication.provisioning")

#: Sent at the end of `provision_unit(unit)` with `unit`, `editors` and `heads` (groups): apps above this
#: one grant their page permissions and workflows there.
unit_provisioned = Signal()

EDITOR_PAGE_PERMS = ("add_page", "change_page", "lock_page")
HEAD_PAGE_PERMS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
WEBMASTER_PAGE_PERMS = ("add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page")
EDITOR_COLLECTION_PERMS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)
HEAD_COLLECTION_PERMS = EDITOR_COLLECTION_PERMS + (
    ("wagtailimages", "change_image"),
    ("wagtaildocs", "change_document"),
)
WEBMASTER_COLLECTION_PERMS = HEAD_COLLECTION_PERMS + (
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "delete_document"),
)
ACCESS_ADMIN = ("wagtailadmin", "access_admin")


def role_permissions(role: str) -> list[tuple[str, str]]:
    """(app_label, codename) pairs every installed app grants `role` (see the module docstring)."""
    perms = [ACCESS_ADMIN]
    for config in apps.get_app_configs():
        for name in getattr(config, "role_permissions", {}).get(role, ()):
            app_label, _dot, codename = name.rpartition(".")
            perms.append((app_label or config.label, codename))
    return perms


def _perm_ids(perms: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """`{(app_label, codename): permission pk}` for `perms`, in one query.

    Raises Permission.DoesNotExist naming the pairs no installed app defines.
    """
    wanted = set(perms)
    rows = Permission.objects.filter(codename__in={code for _app, code in wanted}).values_list("pk", "content_type__app_label", "codename")
    found = {(app, code): pk for pk, app, code in rows if (app, code) in wanted}
    if missing := wanted - found.keys():
        raise Permission.DoesNotExist(f"No such permissions: {sorted(missing)}")
    return found


def _sync_model_perms(group: Group, perms: Iterable[tuple[str, str]]) -> None:
    wanted = set(_perm_ids(perms).values())
    if set(group.permissions.values_list("pk", flat=True)) != wanted:
        group.permissions.set(wanted)


def sync_page_perms(group: Group, grants: Iterable[tuple[Page, Iterable[str]]]) -> None:
    grants = [(page, list(codes)) for page, codes in grants]
    ids = _perm_ids(("wagtailcore", code) for _page, codes in grants for code in codes)
    wanted = {(page.pk, ids["wagtailcore", code]) for page, codes in grants for code in codes}
    existing = {(gpp.page_id, gpp.permission_id): gpp.pk for gpp in GroupPagePermission.objects.filter(group=group)}
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        GroupPagePermission.objects.filter(pk__in=stale).delete()
    GroupPagePermission.objects.bulk_create(
        [GroupPagePermission(group=group, page_id=p, permission_id=perm) for p, perm in wanted - existing.keys()]
    )


def _sync_collection_perms(group: Group, grants: Iterable[tuple[Collection, Iterable[tuple[str, str]]]]) -> None:
    grants = [(col, list(perms)) for col, perms in grants]
    ids = _perm_ids(pair for _col, perms in grants for pair in perms)
    wanted = {(col.pk, ids[pair]) for col, perms in grants for pair in perms}
    existing = {(gcp.collection_id, gcp.permission_id): gcp.pk for gcp in GroupCollectionPermission.objects.filter(group=group)}
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        GroupCollectionPermission.objects.filter(pk__in=stale).delete()
    GroupCollectionPermission.objects.bulk_create(
        [GroupCollectionPermission(group=group, collection_id=c, permission_id=perm) for c, perm in wanted - existing.keys()]
    )


def _sync_members(group: Group, users) -> None:
    wanted = set(users.values_list("pk", flat=True))
    if set(group.user_set.values_list("pk", flat=True)) != wanted:
        group.user_set.set(wanted)


@transaction.atomic
def provision_central_groups() -> dict[str, Group]:
    """Create the central groups, give each its permissions and the webmasters their site-wide rights,
    then let every app provision what it owns (`AppConfig.provision(groups)`, in INSTALLED_APPS order)."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in CENTRAL_GROUPS}
    for name, group in groups.items():
        _sync_model_perms(group, role_permissions(name))
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    if root_page is not None:
        sync_page_perms(groups[WEBMASTERS], [(root_page, WEBMASTER_PAGE_PERMS)])
    if root_collection is not None:
        _sync_collection_perms(groups[WEBMASTERS], [(root_collection, WEBMASTER_COLLECTION_PERMS)])
    for config in apps.get_app_configs():
        if hasattr(config, "provision"):
            config.provision(groups)
    return groups


def _unit_group(unit: Unit, field: str, name: str) -> Group:
    group = getattr(unit, field)
    if group is None:
        group, _created = Group.objects.get_or_create(name=name)
        setattr(unit, field, group)
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    return group


def _unit_collection(unit: Unit) -> Collection:
    collection = unit.collection
    if collection is None:
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=unit.name_th).first() or root.add_child(name=unit.name_th)
        unit.collection = collection
    elif collection.name != unit.name_th:
        collection.name = unit.name_th
        collection.save(update_fields=["name"])
    return collection


@transaction.atomic
def provision_unit(unit: Unit) -> None:
    """Make the unit's groups, members, collection and model permissions match the record; then
    `unit_provisioned` lets the page and moderation apps grant the unit's pages and workflows."""
    editors = _unit_group(unit, "editors_group", unit.editors_group_name())
    heads = _unit_group(unit, "heads_group", unit.heads_group_name())
    collection = _unit_collection(unit)
    Unit.objects.filter(pk=unit.pk).update(editors_group=editors, heads_group=heads, collection=collection)

    _sync_model_perms(editors, role_permissions(UNIT_EDITORS))
    _sync_model_perms(heads, role_permissions(UNIT_HEADS))
    _sync_collection_perms(editors, [(collection, EDITOR_COLLECTION_PERMS)])
    _sync_collection_perms(heads, [(collection, HEAD_COLLECTION_PERMS)])
    _sync_members(editors, unit.editors.all())
    # Acting heads (รักษาราชการแทน) hold the heads' rights while their delegation runs; the daily
    # `provision_groups` run (and every save of a delegation) takes them away when it ends.
    acting = ActingHead.active_on().filter(unit=unit).values("acting_id")
    _sync_members(heads, get_user_model().objects.filter(models.Q(headed_units=unit) | models.Q(pk__in=acting)).distinct())
    unit_provisioned.send(sender=Unit, unit=unit, editors=editors, heads=heads)
    logger.debug("Provisioned unit %s (groups %s, %s)", unit.code, editors.pk, heads.pk)


def provision_all() -> None:
    """Central groups, every app's own provisioning, then every unit (idempotent)."""
    provision_central_groups()
    for unit in Unit.objects.select_related("section", "editors_group", "heads_group", "collection"):
        provision_unit(unit)


def deprovision_unit_groups(unit: Unit) -> None:
    """Remove a deleted unit's groups (and with them every right they carried)."""
    Group.objects.filter(pk__in=[pk for pk in (unit.editors_group_id, unit.heads_group_id) if pk]).delete()
