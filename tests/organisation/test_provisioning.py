"""Provisioning of unit groups and rights: names, scope, idempotence, and rights taken away."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

from publication.moderation.gate import trusted_publication
from publication.organisation.models import Unit
from publication.organisation.provisioning import (
    ARIT_DIRECTOR,
    EXECUTIVES,
    PRESIDENTS_OFFICE,
    WEBMASTER_PAGE_PERMS,
    WEBMASTERS,
    provision_all,
    provision_central_groups,
    provision_unit,
)
from publication.pages.models import StandardPage

pytestmark = pytest.mark.django_db


def page_grants(group: Group) -> set[tuple[int, str]]:
    return set(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission__codename"))


def snapshot() -> dict[str, list]:
    """Every row provisioning writes, as sorted lists so duplicates would show."""
    return {
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "page_perms": sorted(
            GroupPagePermission.objects.values_list("group__name", "page_id", "permission__codename")
        ),
        "collection_perms": sorted(
            GroupCollectionPermission.objects.values_list("group__name", "collection_id", "permission__codename")
        ),
        "members": sorted(Group.objects.filter(user__isnull=False).values_list("name", "user__username")),
        "model_perms": sorted(
            Group.objects.filter(permissions__isnull=False).values_list("name", "permissions__codename")
        ),
    }


def test_unit_groups_are_named_after_the_code(demo):
    sci = demo.units["SCI"]
    assert sci.editors_group.name == "SCI editors"
    assert sci.heads_group.name == "SCI heads"
    assert set(sci.editors_group.user_set.values_list("username", flat=True)) == {"sci_editor"}
    assert set(sci.heads_group.user_set.values_list("username", flat=True)) == {"sci_head"}
    assert sci.collection is not None and sci.collection.name == "คณะวิทยาศาสตร์และเทคโนโลยี"


def test_page_permissions_only_on_own_section_and_university_news(demo):
    sci = demo.units["SCI"]
    news = demo.university_news
    assert page_grants(sci.editors_group) == {
        (sci.section_id, "add_page"),
        (sci.section_id, "change_page"),
        (sci.section_id, "lock_page"),
        (news.pk, "add_page"),
    }
    head_grants = page_grants(sci.heads_group)
    assert {page for page, _perm in head_grants} == {sci.section_id, news.pk}
    assert (sci.section_id, "publish_page") in head_grants
    assert (news.pk, "publish_page") not in head_grants
    # No unit group holds a right anywhere in another unit's section.
    edu = demo.units["EDU"]
    assert not GroupPagePermission.objects.filter(group__name__startswith="SCI ", page=edu.section).exists()


def test_editor_rights_end_at_the_section_boundary(demo):
    sci, edu = demo.units["SCI"], demo.units["EDU"]
    editor = demo.user("sci_editor")
    assert sci.section.permissions_for_user(editor).can_edit()
    assert sci.news_index.permissions_for_user(editor).can_add_subpage()
    assert not edu.section.permissions_for_user(editor).can_edit()
    assert not edu.news_index.permissions_for_user(editor).can_add_subpage()
    assert not demo.home.permissions_for_user(editor).can_edit()


def test_provisioning_twice_changes_nothing(demo):
    before = snapshot()
    for unit in Unit.objects.all():
        provision_unit(unit)
        provision_unit(unit)
    provision_all()
    after = snapshot()
    assert after == before
    assert len(after["page_perms"]) == len(set(after["page_perms"]))
    assert len(after["collection_perms"]) == len(set(after["collection_perms"]))


def test_provisioning_repairs_hand_made_drift(demo):
    """A right granted by hand outside the section is removed; a deleted one comes back."""
    sci = demo.units["SCI"]
    edu = demo.units["EDU"]
    expected = page_grants(sci.editors_group)
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(group=sci.editors_group, page=edu.section, permission=publish)
    GroupPagePermission.objects.filter(
        group=sci.editors_group, page=sci.section, permission__codename="change_page"
    ).delete()
    sci.editors_group.user_set.add(demo.user("edu_editor"))
    provision_unit(sci)
    assert page_grants(sci.editors_group) == expected
    assert set(sci.editors_group.user_set.values_list("username", flat=True)) == {"sci_editor"}


@pytest.fixture
def sci_page(demo):
    with trusted_publication("test: a page published before the test"):
        page = demo.units["SCI"].section.add_child(instance=StandardPage(title="ประกาศคณะวิทยาศาสตร์", slug="announce"))
    return page, reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_removing_a_head_takes_their_rights_away(demo, client, sci_page):
    """A head who keeps another role (EDU editor) still reaches the admin but not SCI's pages."""
    page, edit_url = sci_page
    sci, edu = demo.units["SCI"], demo.units["EDU"]
    head = demo.user("sci_head")
    edu.editors.add(head)
    client.force_login(head)
    assert client.get(edit_url).status_code == 200

    sci.heads.remove(head)

    assert set(head.groups.values_list("name", flat=True)) == {"EDU editors"}
    head = type(head).objects.get(pk=head.pk)  # drop cached permissions
    assert not page.permissions_for_user(head).can_edit()
    assert not page.permissions_for_user(head).can_publish()
    client.force_login(head)
    response = client.get(edit_url)
    # Wagtail 8 turns PermissionDenied into a redirect to the dashboard with an error message...
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    # ...and into a plain 403 for XHR requests.
    assert client.get(edit_url, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403
    title_before = page.title
    client.post(edit_url, {"title": "แก้โดยผู้ไม่มีสิทธิ์", "slug": "announce"})
    page.refresh_from_db()
    assert page.title == title_before
    assert not page.revisions.filter(user=head).exists()


def test_a_removed_head_with_no_other_role_loses_the_admin(demo, client, sci_page):
    _page, edit_url = sci_page
    head = demo.user("sci_head")
    demo.units["SCI"].heads.remove(head)
    assert not head.groups.exists()
    client.force_login(head)
    response = client.get(edit_url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_removing_an_editor_through_the_reverse_relation(demo):
    editor = demo.user("edu_editor")
    edu = demo.units["EDU"]
    before = edu.history.count()
    editor.edited_units.clear()
    assert not editor.groups.filter(name="EDU editors").exists()
    latest = edu.history.order_by("-history_date", "-history_id").first()
    assert edu.history.count() > before
    assert not latest.editors.filter(user=editor).exists()
    editor.edited_units.add(demo.units["EDU"])
    assert editor.groups.filter(name="EDU editors").exists()


def test_renaming_the_code_renames_the_groups(demo):
    sci = demo.units["SCI"]
    group_ids = (sci.editors_group_id, sci.heads_group_id)
    grants = page_grants(sci.editors_group)
    sci.code = "SCITECH"
    sci.save()
    sci.refresh_from_db()
    assert (sci.editors_group_id, sci.heads_group_id) == group_ids
    assert sci.editors_group.name == "SCITECH editors"
    assert sci.heads_group.name == "SCITECH heads"
    assert not Group.objects.filter(name__in=["SCI editors", "SCI heads"]).exists()
    assert page_grants(sci.editors_group) == grants


def test_deleting_a_unit_removes_its_groups(demo):
    unit = Unit.objects.create(
        code="LIBTEST", name_th="ศูนย์ทดสอบ", kind="centre", contact_email="libtest@pcru.ac.th"
    )
    assert Group.objects.filter(name__in=["LIBTEST editors", "LIBTEST heads"]).count() == 2
    unit.delete()
    assert not Group.objects.filter(name__in=["LIBTEST editors", "LIBTEST heads"]).exists()


def test_central_groups_and_webmaster_rights(demo):
    groups = provision_central_groups()
    assert set(groups) == {WEBMASTERS, EXECUTIVES, PRESIDENTS_OFFICE, ARIT_DIRECTOR}
    webmasters = Group.objects.get(name=WEBMASTERS)
    root = Page.get_first_root_node()
    assert page_grants(webmasters) == {(root.pk, code) for code in WEBMASTER_PAGE_PERMS}
    codenames = set(webmasters.permissions.values_list("codename", flat=True))
    assert {"access_admin", "add_unit", "change_unit", "change_sitecontact"} <= codenames
    webmaster = demo.user("webmaster")
    assert webmaster.groups.filter(name=WEBMASTERS).exists()
    assert webmaster.has_perm("organisation.change_unit")
    # Webmasters publish where they take the last step (the university site); a unit's own section
    # is its head's (P1.3), so the webmaster's Publish there is refused although the group holds it.
    assert demo.university_news.permissions_for_user(webmaster).can_publish()
    assert not demo.units["EDU"].section.specific.permissions_for_user(webmaster).can_publish()
    for name in (EXECUTIVES, PRESIDENTS_OFFICE, ARIT_DIRECTOR):
        # Besides the admin, the central groups hold only their rights on external letters (P1.4).
        letters = set(apps.get_app_config("letters").role_permissions[name])
        granted = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert granted == {"access_admin", *letters}
    assert demo.user("executive").groups.filter(name=EXECUTIVES).exists()
    assert demo.user("clerk").groups.filter(name=PRESIDENTS_OFFICE).exists()


def test_head_publish_rights_follow_the_news_folder_workflow(demo):
    """P1.2 rights switch the news folder's workflow, and with it who may press Publish there."""
    import datetime

    from publication.pages.models import NewsPage

    huso = demo.units["HUSO"]
    head = demo.user("huso_head")
    news = huso.news_index.add_child(
        instance=NewsPage(title="ข่าวคณะมนุษยศาสตร์", slug="huso-news", summary="สรุป", date=datetime.date(2026, 11, 25),
                          live=False)
    )
    assert not NewsPage.objects.get(pk=news.pk).permissions_for_user(head).can_publish()  # head → webmaster
    assert NewsPage.objects.get(pk=news.pk).permissions_for_user(demo.user("webmaster")).can_publish()
    assert huso.section.specific.permissions_for_user(head).can_publish()  # its own section: head-only

    huso.may_publish_own_news = True
    huso.save()
    assert NewsPage.objects.get(pk=news.pk).permissions_for_user(head).can_publish()
    assert not NewsPage.objects.get(pk=news.pk).permissions_for_user(demo.user("webmaster")).can_publish()

    huso.may_publish_own_news = False
    huso.save()
    provision_unit(huso)  # idempotent: a second run changes nothing
    assert not NewsPage.objects.get(pk=news.pk).permissions_for_user(head).can_publish()
