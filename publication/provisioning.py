"""Idempotent provisioning of the organisation's Wagtail groups and permissions.

`provision_unit(unit)` makes a unit's groups, collection and page permissions match the unit
record exactly: running it twice changes nothing, and removing a head or editor from the unit
removes them from its groups, which takes their rights away.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from .models import NewsIndexPage, Unit

logger = logging.getLogger("publication.provisioning")

WEBMASTERS = "Webmasters"
EXECUTIVES = "Executives"
PRESIDENTS_OFFICE = "President's Office"
ARIT_DIRECTOR = "ARIT Director"
CENTRAL_GROUPS = {
    WEBMASTERS: _("ผู้ดูแลเว็บไซต์ของมหาวิทยาลัย (สวท.)"),
    EXECUTIVES: _("ผู้บริหารมหาวิทยาลัย"),
    PRESIDENTS_OFFICE: _("สำนักงานอธิการบดี"),
    ARIT_DIRECTOR: _("ผู้อำนวยการสำนักวิทยบริการและเทคโนโลยีสารสนเทศ"),
}

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
WEBMASTER_MODEL_PERMS = (
    ("publication", "add_unit"),
    ("publication", "change_unit"),
    ("publication", "delete_unit"),
    ("publication", "view_unit"),
    ("publication", "add_newscategory"),
    ("publication", "change_newscategory"),
    ("publication", "delete_newscategory"),
    ("home", "change_sitecontact"),
    ("publication", "view_notification"),
    ("publication", "change_notification"),
)
ACCESS_ADMIN = ("wagtailadmin", "access_admin")


def _perm(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_perm(codename: str) -> Permission:
    return _perm("wagtailcore", codename)


def _sync_model_perms(group: Group, perms: Iterable[tuple[str, str]]) -> None:
    wanted = {_perm(app, code).pk for app, code in perms}
    if set(group.permissions.values_list("pk", flat=True)) != wanted:
        group.permissions.set(wanted)


def _sync_page_perms(group: Group, grants: Iterable[tuple[Page, Iterable[str]]]) -> None:
    wanted = {(page.pk, _page_perm(code).pk) for page, codes in grants for code in codes}
    existing = {
        (gpp.page_id, gpp.permission_id): gpp.pk
        for gpp in GroupPagePermission.objects.filter(group=group)
    }
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        GroupPagePermission.objects.filter(pk__in=stale).delete()
    GroupPagePermission.objects.bulk_create(
        [GroupPagePermission(group=group, page_id=p, permission_id=perm) for p, perm in wanted - existing.keys()]
    )


def _sync_collection_perms(group: Group, grants: Iterable[tuple[Collection, Iterable[tuple[str, str]]]]) -> None:
    wanted = {(col.pk, _perm(app, code).pk) for col, perms in grants for app, code in perms}
    existing = {
        (gcp.collection_id, gcp.permission_id): gcp.pk
        for gcp in GroupCollectionPermission.objects.filter(group=group)
    }
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        GroupCollectionPermission.objects.filter(pk__in=stale).delete()
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(group=group, collection_id=c, permission_id=perm)
            for c, perm in wanted - existing.keys()
        ]
    )


def _sync_members(group: Group, users) -> None:
    wanted = set(users.values_list("pk", flat=True))
    if set(group.user_set.values_list("pk", flat=True)) != wanted:
        group.user_set.set(wanted)


def university_news_index() -> NewsIndexPage | None:
    return NewsIndexPage.objects.filter(aggregate_all_units=True).order_by("path").first()


@transaction.atomic
def provision_central_groups() -> dict[str, Group]:
    """Create the central groups and give the webmasters their site-wide rights."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in CENTRAL_GROUPS}
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    webmasters = groups[WEBMASTERS]
    _sync_model_perms(webmasters, (ACCESS_ADMIN, *WEBMASTER_MODEL_PERMS))
    if root_page is not None:
        _sync_page_perms(webmasters, [(root_page, WEBMASTER_PAGE_PERMS)])
    if root_collection is not None:
        _sync_collection_perms(webmasters, [(root_collection, WEBMASTER_COLLECTION_PERMS)])
    for name in (EXECUTIVES, PRESIDENTS_OFFICE, ARIT_DIRECTOR):
        _sync_model_perms(groups[name], (ACCESS_ADMIN,))
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
    """Make the unit's groups, members, collection and page permissions match the record."""
    editors = _unit_group(unit, "editors_group", unit.editors_group_name())
    heads = _unit_group(unit, "heads_group", unit.heads_group_name())
    collection = _unit_collection(unit)
    Unit.objects.filter(pk=unit.pk).update(
        editors_group=editors, heads_group=heads, collection=collection
    )

    editor_pages: list[tuple[Page, Iterable[str]]] = []
    head_pages: list[tuple[Page, Iterable[str]]] = []
    if unit.section_id:
        editor_pages.append((unit.section, EDITOR_PAGE_PERMS))
        head_pages.append((unit.section, HEAD_PAGE_PERMS))
    news = university_news_index()
    if news is not None:
        # "add" lets editors create university news and edit only the items they own (P1.1).
        editor_pages.append((news, ("add_page",)))
        head_pages.append((news, ("add_page",)))

    _sync_model_perms(editors, (ACCESS_ADMIN,))
    _sync_model_perms(heads, (ACCESS_ADMIN,))
    _sync_page_perms(editors, editor_pages)
    _sync_page_perms(heads, head_pages)
    _sync_collection_perms(editors, [(collection, EDITOR_COLLECTION_PERMS)])
    _sync_collection_perms(heads, [(collection, HEAD_COLLECTION_PERMS)])
    _sync_members(editors, unit.editors.all())
    _sync_members(heads, unit.heads.all())
    logger.debug("Provisioned unit %s (groups %s, %s)", unit.code, editors.pk, heads.pk)


def provision_all() -> None:
    provision_central_groups()
    for unit in Unit.objects.select_related("section", "editors_group", "heads_group", "collection"):
        provision_unit(unit)


def deprovision_unit_groups(unit: Unit) -> None:
    """Remove a deleted unit's groups (and with them every right they carried)."""
    Group.objects.filter(pk__in=[pk for pk in (unit.editors_group_id, unit.heads_group_id) if pk]).delete()
