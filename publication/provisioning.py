"""Idempotent provisioning of the organisation's Wagtail groups and permissions.

`provision_unit(unit)` makes a unit's groups, collection and page permissions match the unit
record exactly: running it twice changes nothing, and removing a head or editor from the unit
removes them from its groups, which takes their rights away.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from .models import NewsIndexPage, Unit

logger = logging.getLogger("publication.provisioning")

WEBMASTERS = "Webmasters"
EXECUTIVES = "Executives"
PRESIDENTS_OFFICE = "President's Office"
ARIT_DIRECTOR = "ARIT Director"
CENTRAL_GROUPS = {
    WEBMASTERS: _("University webmasters (ARIT)"),
    EXECUTIVES: _("University executives"),
    PRESIDENTS_OFFICE: _("Office of the President"),
    ARIT_DIRECTOR: _("Director of the Office of Academic Resources and Information Technology"),
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
    ("publication", "view_publicationrecord"),
    ("publication", "add_actinghead"),
    ("publication", "change_actinghead"),
    ("publication", "delete_actinghead"),
    ("publication", "view_actinghead"),
)
ACCESS_ADMIN = ("wagtailadmin", "access_admin")
REQUEST_MODELS = ("rightsrequest", "socialpost")
EDITOR_MODEL_PERMS = (ACCESS_ADMIN, *(("publication", f"{action}_{m}") for m in REQUEST_MODELS for action in ("add", "change", "view")))
HEAD_MODEL_PERMS = EDITOR_MODEL_PERMS
WEBMASTER_REQUEST_PERMS = tuple(
    ("publication", f"{action}_{m}") for m in REQUEST_MODELS for action in ("add", "change", "delete", "view")
)


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
    existing = {(gpp.page_id, gpp.permission_id): gpp.pk for gpp in GroupPagePermission.objects.filter(group=group)}
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        GroupPagePermission.objects.filter(pk__in=stale).delete()
    GroupPagePermission.objects.bulk_create(
        [GroupPagePermission(group=group, page_id=p, permission_id=perm) for p, perm in wanted - existing.keys()]
    )


def _sync_collection_perms(group: Group, grants: Iterable[tuple[Collection, Iterable[tuple[str, str]]]]) -> None:
    wanted = {(col.pk, _perm(app, code).pk) for col, perms in grants for app, code in perms}
    existing = {
        (gcp.collection_id, gcp.permission_id): gcp.pk for gcp in GroupCollectionPermission.objects.filter(group=group)
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
    letters_perms = EXTERNAL_REQUEST_PERMS[WEBMASTERS]
    _sync_model_perms(webmasters, (ACCESS_ADMIN, *WEBMASTER_MODEL_PERMS, *WEBMASTER_REQUEST_PERMS, *letters_perms))
    if root_page is not None:
        _sync_page_perms(webmasters, [(root_page, WEBMASTER_PAGE_PERMS)])
    if root_collection is not None:
        _sync_collection_perms(webmasters, [(root_collection, WEBMASTER_COLLECTION_PERMS)])
    for name in (EXECUTIVES, PRESIDENTS_OFFICE, ARIT_DIRECTOR):
        _sync_model_perms(groups[name], (ACCESS_ADMIN, *EXTERNAL_REQUEST_PERMS[name]))
    provision_letters_collection(groups)
    return groups


# --- P1.4: external agencies' letters -------------------------------------------------------------
#: Who sees the letters (and what else they may do) besides the step rules of `admin_external`.
EXTERNAL_REQUEST_PERMS = {
    PRESIDENTS_OFFICE: (
        ("publication", "add_externalrequest"),
        ("publication", "change_externalrequest"),
        ("publication", "view_externalrequest"),
    ),
    EXECUTIVES: (("publication", "view_externalrequest"),),
    ARIT_DIRECTOR: (("publication", "view_externalrequest"),),
    WEBMASTERS: (("publication", "view_externalrequest"),),
}
#: No group holds any permission on the letters collection: letter files enter only through the letter's
#: form (`external.attach_letter_file`) and are read through its step page. A grant here would be
#: ignored anyway (`letters.SealedLettersPolicyMixin`), so provisioning removes any that appears.
LETTER_COLLECTION_PERMS: tuple[tuple[str, str], ...] = ()


def letters_collection() -> Collection:
    """The private collection of letter files, created under the root on first use."""
    from .models.external import LETTERS_COLLECTION

    root = Collection.get_first_root_node()
    return root.get_children().filter(name=LETTERS_COLLECTION).first() or root.add_child(name=LETTERS_COLLECTION)


def provision_letters_collection(groups: dict[str, Group]) -> Collection:
    """The letters collection is private to the four central groups, by Wagtail's own mechanisms.

    - Collection permissions: nobody holds a grant on it or on a collection under it (unit groups
      hold grants on their own unit collection only, never on the root, so nothing of theirs
      inherits into it; the webmasters' root grants stop at it, see `letters.SealedLettersPolicyMixin`).
    - A collection view restriction of type "groups" for the four central groups: Wagtail's API
      and serve view leave the collection out for everybody else.
    The public and unit staff are also refused by the `before_serve_document` hook in `admin_external`.
    """
    from wagtail.models import CollectionViewRestriction

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
    Unit.objects.filter(pk=unit.pk).update(editors_group=editors, heads_group=heads, collection=collection)

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

    _sync_model_perms(editors, EDITOR_MODEL_PERMS)
    _sync_model_perms(heads, HEAD_MODEL_PERMS)
    _sync_page_perms(editors, editor_pages)
    _sync_page_perms(heads, head_pages)
    _sync_collection_perms(editors, [(collection, EDITOR_COLLECTION_PERMS)])
    _sync_collection_perms(heads, [(collection, HEAD_COLLECTION_PERMS)])
    _sync_members(editors, unit.editors.all())
    # Acting heads (รักษาราชการแทน) hold the heads' rights while their delegation runs; the daily
    # `provision_groups` run (and every save of a delegation) takes them away when it ends.
    from .models.workflows import ActingHead

    acting = ActingHead.active_on().filter(unit=unit).values("acting_id")
    _sync_members(
        heads, get_user_model().objects.filter(models.Q(headed_units=unit) | models.Q(pk__in=acting)).distinct()
    )
    provision_unit_workflows(unit)
    logger.debug("Provisioned unit %s (groups %s, %s)", unit.code, editors.pk, heads.pk)


def provision_all() -> None:
    provision_central_groups()
    provision_workflows()
    for unit in Unit.objects.select_related("section", "editors_group", "heads_group", "collection"):
        provision_unit(unit)


def deprovision_unit_groups(unit: Unit) -> None:
    """Remove a deleted unit's groups (and with them every right they carried)."""
    Group.objects.filter(pk__in=[pk for pk in (unit.editors_group_id, unit.heads_group_id) if pk]).delete()


# --- Workflows (P1.1, P1.2, P1.3) -----------------------------------------------------------------
UNIVERSITY_WORKFLOW = "เว็บไซต์มหาวิทยาลัย"
UNIT_WORKFLOW = "เว็บไซต์หน่วยงาน"
RIGHTS_WORKFLOW = "คำขอสิทธิ์เผยแพร่ข่าว (ขั้นตอน 1.2)"
SOCIAL_WORKFLOW = "โพสต์สื่อสังคมออนไลน์ (ขั้นตอน 1.5)"
POSTER_TASK = "ผู้โพสต์ตรวจทานครั้งสุดท้าย"
HEAD_TASK = "หัวหน้าหน่วยงานอนุมัติ"
WEBMASTER_TASK = "ผู้ดูแลเว็บไซต์ตรวจสอบและเผยแพร่"


def _workflow(name: str, tasks) -> Workflow:
    workflow, _created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    wanted = [task.pk for task in tasks]
    current = list(
        WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order").values_list("task_id", flat=True)
    )
    if current != wanted:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


@transaction.atomic
def provision_workflows() -> dict[str, Workflow]:
    """Create our two workflows and put the university one on the site root (idempotent).

    Wagtail's own "Moderators approval" workflow is taken off the root page: moderation here is
    by unit heads and webmasters, never by one global group.
    """
    from .models import HeadOfUnitApprovalTask, WebmasterApprovalTask

    webmasters = provision_central_groups()[WEBMASTERS]
    head_task = HeadOfUnitApprovalTask.objects.filter(name=HEAD_TASK).first() or HeadOfUnitApprovalTask.objects.create(
        name=HEAD_TASK
    )
    webmaster_task = WebmasterApprovalTask.objects.filter(name=WEBMASTER_TASK).first()
    if webmaster_task is None:
        webmaster_task = WebmasterApprovalTask.objects.create(name=WEBMASTER_TASK)
    if set(webmaster_task.groups.values_list("pk", flat=True)) != {webmasters.pk}:
        webmaster_task.groups.set([webmasters])
    from .models import PosterReviewTask, RightsRequest, SocialPost

    poster_task = PosterReviewTask.objects.filter(name=POSTER_TASK).first() or PosterReviewTask.objects.create(
        name=POSTER_TASK
    )
    workflows = {
        UNIVERSITY_WORKFLOW: _workflow(UNIVERSITY_WORKFLOW, [head_task, webmaster_task]),
        UNIT_WORKFLOW: _workflow(UNIT_WORKFLOW, [head_task]),
        RIGHTS_WORKFLOW: _workflow(RIGHTS_WORKFLOW, [head_task, webmaster_task]),
        SOCIAL_WORKFLOW: _workflow(SOCIAL_WORKFLOW, [head_task, poster_task]),
    }
    for model, name in ((RightsRequest, RIGHTS_WORKFLOW), (SocialPost, SOCIAL_WORKFLOW)):
        content_type = ContentType.objects.get_for_model(model)
        WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflows[name]})
    from home.models import HomePage

    for home in HomePage.objects.all():
        _assign_workflow(home, workflows[UNIVERSITY_WORKFLOW])
    WorkflowPage.objects.filter(page__depth=1).delete()
    return workflows


def _assign_workflow(page: Page, workflow: Workflow) -> None:
    current = WorkflowPage.objects.filter(page=page).first()
    if current is None:
        WorkflowPage.objects.create(page=page, workflow=workflow)
    elif current.workflow_id != workflow.pk:
        current.workflow = workflow
        current.save(update_fields=["workflow"])


def provision_unit_workflows(unit: Unit) -> None:
    """A unit's section gets head-only (P1.3); each news folder in it (at any depth, made or copied
    later too: see `signal_handlers.news_folder_saved`) gets head-only only with P1.2 rights."""
    if not unit.section_id:
        return
    workflows = {w.name: w for w in Workflow.objects.filter(name__in=[UNIVERSITY_WORKFLOW, UNIT_WORKFLOW])}
    if len(workflows) < 2:
        workflows = provision_workflows()
    _assign_workflow(unit.section, workflows[UNIT_WORKFLOW])
    for news in NewsIndexPage.objects.descendant_of(unit.section):
        _assign_workflow(news, workflows[UNIT_WORKFLOW if unit.may_publish_own_news else UNIVERSITY_WORKFLOW])
