"""The unit admin (snippet create/edit views) as a webmaster: Thai errors on bad input, history kept."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from publication.organisation.models import Unit

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_publication_unit:add"
EDIT_URL = "wagtailsnippets_publication_unit:edit"


def unit_data(unit: Unit | None = None, **overrides) -> dict:
    """Form data as the unit edit form would submit it (from an existing unit, or a new faculty)."""
    if unit is None:
        data = {
            "name_th": "คณะพยาบาลศาสตร์",
            "name_en": "Faculty of Nursing",
            "code": "NURSE",
            "kind": "faculty",
            "parent": "",
            "contact_email": "nurse@pcru.ac.th",
            "phone": "056-717-100 ต่อ 7000",
            "heads": [],
            "editors": [],
            "section": "",
        }
    else:
        data = {
            "name_th": unit.name_th,
            "name_en": unit.name_en,
            "code": unit.code,
            "kind": unit.kind,
            "parent": unit.parent_id or "",
            "contact_email": unit.contact_email,
            "phone": unit.phone,
            "heads": [u.pk for u in unit.heads.all()],
            "editors": [u.pk for u in unit.editors.all()],
            "section": unit.section_id or "",
        }
        if unit.may_publish_own_news:
            data["may_publish_own_news"] = "on"
    data.update(overrides)
    return data


@pytest.fixture
def webmaster_client(client, demo):
    client.force_login(demo.user("webmaster"))
    return client


def form_errors(response) -> dict:
    assert response.status_code == 200, f"expected the form again, got {response.status_code}"
    return response.context["form"].errors


def test_webmaster_creates_a_unit_and_its_groups(demo, webmaster_client):
    head = demo.user("sci_head")
    response = webmaster_client.post(reverse(ADD_URL), unit_data(code=" nurse ", heads=[head.pk]))
    assert response.status_code == 302
    unit = Unit.objects.get(code="NURSE")
    assert unit.name_th == "คณะพยาบาลศาสตร์"
    assert list(unit.heads.all()) == [head]
    assert head.groups.filter(name="NURSE heads").exists()
    assert Group.objects.filter(name="NURSE editors").exists()


@pytest.mark.parametrize("code", ["SCI", " sci "])
def test_duplicate_code_is_refused_in_thai(demo, webmaster_client, code):
    count = Unit.objects.count()
    groups = Group.objects.count()
    errors = form_errors(webmaster_client.post(reverse(ADD_URL), unit_data(code=code)))
    assert errors["code"] == ["มีหน่วยงานที่ใช้รหัสนี้แล้ว กรุณาใช้รหัสอื่น"]
    assert Unit.objects.count() == count
    assert Group.objects.count() == groups
    assert not Unit.objects.filter(name_th="คณะพยาบาลศาสตร์").exists()


def test_badly_formed_code_is_refused_in_thai(demo, webmaster_client):
    errors = form_errors(webmaster_client.post(reverse(ADD_URL), unit_data(code="คณะ1")))
    assert "รหัสหน่วยงานต้องเป็นอักษรภาษาอังกฤษ" in errors["code"][0]
    assert not Unit.objects.filter(name_th="คณะพยาบาลศาสตร์").exists()


def test_head_who_is_not_staff_is_refused_in_thai(demo, webmaster_client):
    student = get_user_model().objects.create_user(
        "student01", first_name="สมหญิง", last_name="ใจงาม", password="x", is_staff=False
    )
    errors = form_errors(webmaster_client.post(reverse(ADD_URL), unit_data(heads=[student.pk])))
    assert errors["heads"] == [
        "หัวหน้าหน่วยงานต้องเป็นบุคลากรของมหาวิทยาลัย (บัญชีสถานะเจ้าหน้าที่): สมหญิง ใจงาม"
    ]
    assert not Unit.objects.filter(code="NURSE").exists()
    assert not student.groups.exists()


def test_non_staff_head_on_edit_leaves_the_unit_untouched(demo, webmaster_client):
    sci = demo.units["SCI"]
    student = get_user_model().objects.create_user("student02", password="x", is_staff=False)
    heads_before = set(sci.heads.values_list("pk", flat=True))
    history_before = sci.history.count()
    response = webmaster_client.post(
        reverse(EDIT_URL, args=[sci.pk]), unit_data(sci, heads=[student.pk], phone="099-999-9999")
    )
    assert "heads" in form_errors(response)
    sci.refresh_from_db()
    assert sci.phone == "056-717-100 ต่อ 3000"
    assert set(sci.heads.values_list("pk", flat=True)) == heads_before
    assert sci.history.count() == history_before


def test_parent_cycle_is_refused_in_thai(demo, webmaster_client):
    sci, comsci = demo.units["SCI"], demo.units["COMSCI"]
    assert comsci.parent == sci
    errors = form_errors(webmaster_client.post(reverse(EDIT_URL, args=[sci.pk]), unit_data(sci, parent=comsci.pk)))
    assert errors["parent"] == ["สังกัดนี้ทำให้เกิดวงวน (หน่วยงานสังกัดตัวเอง) กรุณาเลือกสังกัดอื่น"]
    sci.refresh_from_db()
    assert sci.parent_id is None


def test_unit_cannot_be_its_own_parent(demo, webmaster_client):
    sci = demo.units["SCI"]
    errors = form_errors(webmaster_client.post(reverse(EDIT_URL, args=[sci.pk]), unit_data(sci, parent=sci.pk)))
    assert "parent" in errors
    sci.refresh_from_db()
    assert sci.parent_id is None


def test_invalid_email_is_refused_in_thai(demo, webmaster_client):
    errors = form_errors(webmaster_client.post(reverse(ADD_URL), unit_data(contact_email="nurse@pcru")))
    assert errors["contact_email"] == ["รูปแบบอีเมลไม่ถูกต้อง เช่น sci@pcru.ac.th"]
    assert not Unit.objects.filter(code="NURSE").exists()
    assert not Group.objects.filter(name__startswith="NURSE").exists()


def test_history_records_who_changed_what(demo, webmaster_client):
    sci = demo.units["SCI"]
    webmaster = demo.user("webmaster")
    response = webmaster_client.post(
        reverse(EDIT_URL, args=[sci.pk]), unit_data(sci, phone="056-717-100 ต่อ 3999", name_en="Faculty of Science")
    )
    assert response.status_code == 302
    latest = sci.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == webmaster
    assert latest.phone == "056-717-100 ต่อ 3999"
    previous = latest.prev_record
    changed = {change.field for change in latest.diff_against(previous).changes}
    assert {"phone", "name_en"} <= changed

    changes = webmaster_client.get(reverse("publication_unit_changes", args=[sci.pk]))
    assert changes.status_code == 200
    html = changes.content.decode()
    assert "ประวัติการเปลี่ยนแปลง: คณะวิทยาศาสตร์และเทคโนโลยี" in html
    assert "056-717-100 ต่อ 3000 → 056-717-100 ต่อ 3999" in html
    assert "Faculty of Science and Technology → Faculty of Science" in html
    assert "ธนพล ศรีสุข" in html  # the webmaster's name
    assert "สร้างหน่วยงาน" in html


def test_changes_view_needs_unit_rights(demo, client):
    client.force_login(demo.user("sci_editor"))
    response = client.get(reverse("publication_unit_changes", args=[demo.units["SCI"].pk]))
    assert response.status_code in (302, 403)
    assert "ประวัติการเปลี่ยนแปลง" not in response.content.decode()


def test_unit_listing_filters_by_kind(demo, webmaster_client):
    listing = reverse("wagtailsnippets_publication_unit:list")
    html = webmaster_client.get(listing, {"kind": "faculty"}).content.decode()
    assert "คณะครุศาสตร์" in html
    assert "สำนักงานอธิการบดี" not in html
    html = webmaster_client.get(listing, {"kind": "office"}).content.decode()
    assert "สำนักงานอธิการบดี" in html
    assert "คณะครุศาสตร์" not in html


def test_unit_listing_search_finds_thai_names(demo, webmaster_client):
    listing = reverse("wagtailsnippets_publication_unit:list")
    html = webmaster_client.get(listing, {"q": "ครุศาสตร์"}).content.decode()
    assert "คณะครุศาสตร์" in html
    assert "คณะวิทยาการจัดการ" not in html
