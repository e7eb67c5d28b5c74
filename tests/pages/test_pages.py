"""Page types: where they may be created, who owns them, what they require, and that they render."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from wagtail.coreutils import get_dummy_request
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import HomePage
from publication.letters.models import ExternalNoticeIndexPage
from publication.moderation.gate import trusted_publication
from publication.pages.models import NewsIndexPage, NewsPage, StandardPage, UnitIndexPage, UnitPage

NO_OWNER_MESSAGE = "หน้านี้ไม่ได้อยู่ในส่วนของหน่วยงานใด กรุณาเลือกหน่วยงานเจ้าของเนื้อหา"
COVER_ALT_MESSAGE = "กรุณาใส่คำอธิบายภาพปก เพื่อให้ผู้พิการทางสายตาเข้าถึงข่าวได้"


@pytest.fixture
def page_tests() -> WagtailPageTestCase:
    """Wagtail's page assertions, usable from pytest functions."""
    case = WagtailPageTestCase()
    case.client = Client()
    case.dummy_request = get_dummy_request()
    return case


# --- where pages may be created ------------------------------------------------------------------

def test_subpage_and_parent_types(page_tests):
    page_tests.assertAllowedSubpageTypes(HomePage, {NewsIndexPage, UnitIndexPage, StandardPage, ExternalNoticeIndexPage})
    page_tests.assertAllowedSubpageTypes(UnitIndexPage, {UnitPage})
    page_tests.assertAllowedSubpageTypes(UnitPage, {UnitPage, StandardPage, NewsIndexPage})
    page_tests.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
    page_tests.assertAllowedSubpageTypes(NewsPage, set())
    page_tests.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
    page_tests.assertAllowedParentPageTypes(NewsIndexPage, {HomePage, UnitPage})
    page_tests.assertAllowedParentPageTypes(UnitPage, {UnitIndexPage, UnitPage})


@pytest.mark.parametrize(
    ("parent", "child"),
    [
        (HomePage, NewsIndexPage),
        (HomePage, StandardPage),
        (UnitPage, NewsIndexPage),
        (UnitPage, UnitPage),
        (StandardPage, StandardPage),
        (NewsIndexPage, NewsPage),
    ],
)
def test_can_create_at(page_tests, parent, child):
    page_tests.assertCanCreateAt(parent, child)


@pytest.mark.parametrize(
    ("parent", "child"),
    [
        (HomePage, NewsPage),  # news only inside a news folder
        (HomePage, UnitPage),  # unit sections only in the directory
        (UnitIndexPage, StandardPage),
        (UnitIndexPage, NewsIndexPage),
        (NewsIndexPage, StandardPage),
        (NewsPage, NewsPage),
        (StandardPage, NewsIndexPage),
        (UnitPage, HomePage),
    ],
)
def test_can_not_create_at(page_tests, parent, child):
    page_tests.assertCanNotCreateAt(parent, child)


def test_single_pages_respect_max_count(demo):
    assert UnitIndexPage.max_count == 1
    assert HomePage.max_count == 1
    assert not UnitIndexPage.can_create_at(demo.home)
    assert not HomePage.can_create_at(Page.get_first_root_node())
    # Several news folders are fine (one per unit that publishes news).
    assert NewsIndexPage.can_create_at(demo.home)
    assert NewsIndexPage.can_create_at(demo.units["HUSO"].section)


# --- owner unit ----------------------------------------------------------------------------------

def test_news_owner_is_derived_from_its_folder(demo):
    sci, edu = demo.units["SCI"], demo.units["EDU"]
    news = NewsPage(title="นักศึกษาคว้ารางวัลหุ่นยนต์", slug="robot", summary="ทีมนักศึกษาได้รางวัลชนะเลิศ", live=False)
    sci.news_index.add_child(instance=news)
    assert news.owner_unit == sci
    assert news.publisher_unit == sci
    # The location wins over a wrong explicit choice.
    other = NewsPage(title="ข่าวที่เลือกหน่วยงานผิด", slug="wrong", summary="ทดสอบ", owner_unit=edu, live=False)
    sci.news_index.add_child(instance=other)
    other.refresh_from_db()
    assert other.owner_unit == sci


def test_standard_and_unit_pages_take_the_owner_of_their_section(demo):
    huso = demo.units["HUSO"]
    sub = huso.section.add_child(instance=UnitPage(title="สาขาวิชาภาษาไทย", slug="thai", live=False))
    deep = sub.add_child(instance=StandardPage(title="แผนการเรียน", slug="plan", live=False))
    assert sub.owner_unit == huso
    assert deep.owner_unit == huso
    assert huso.section.specific.owner_unit == huso


def test_moving_a_page_to_another_section_changes_its_owner(demo):
    sci, edu = demo.units["SCI"], demo.units["EDU"]
    page = sci.section.add_child(instance=StandardPage(title="คู่มือห้องปฏิบัติการ", slug="lab", live=False))
    child = page.add_child(instance=StandardPage(title="ระเบียบความปลอดภัย", slug="safety", live=False))
    assert child.owner_unit == sci
    page.move(edu.section, pos="last-child")
    page = StandardPage.objects.get(pk=page.pk)
    assert page.get_parent().pk == edu.section_id
    assert page.owner_unit == edu
    assert StandardPage.objects.get(pk=child.pk).owner_unit == edu


def test_page_outside_every_section_needs_an_explicit_owner(demo):
    page = StandardPage(title="ติดต่อมหาวิทยาลัย", slug="contact", live=False)
    with pytest.raises(ValidationError) as excinfo:
        demo.home.add_child(instance=page)
    assert excinfo.value.message_dict == {"owner_unit": [NO_OWNER_MESSAGE]}
    assert not StandardPage.objects.filter(slug="contact").exists()
    assert not StandardPage.objects.filter(owner_unit__isnull=True).exists()

    pres = demo.units["PRES"]
    page = StandardPage(title="ติดต่อมหาวิทยาลัย", slug="contact", owner_unit=pres, live=False)
    demo.home.add_child(instance=page)
    assert StandardPage.objects.get(slug="contact").owner_unit == pres


def test_university_news_needs_an_explicit_owner(demo):
    news = NewsPage(title="ประกาศวันหยุดราชการ", slug="holiday", summary="มหาวิทยาลัยหยุดทำการ")
    with pytest.raises(ValidationError) as excinfo:
        demo.university_news.add_child(instance=news)
    assert excinfo.value.message_dict == {"owner_unit": [NO_OWNER_MESSAGE]}
    assert not NewsPage.objects.filter(slug="holiday").exists()


def test_admin_create_outside_a_section_without_owner_shows_the_thai_error(demo, client):
    client.force_login(demo.user("webmaster"))
    url = reverse("wagtailadmin_pages:add", args=["pages", "standardpage", demo.home.pk])
    data = nested_form_data(
        {
            "title": "ระเบียบการใช้เว็บไซต์",
            "slug": "terms",
            "owner_unit": "",
            "intro": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "corrections": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert NO_OWNER_MESSAGE in response.context["form"].errors["owner_unit"]
    assert not Page.objects.filter(slug="terms").exists()

    data["owner_unit"] = demo.units["ARIT"].pk
    response = client.post(url, data)
    assert response.status_code == 302
    assert StandardPage.objects.get(slug="terms").owner_unit == demo.units["ARIT"]


# --- cover image ---------------------------------------------------------------------------------

def test_cover_image_needs_alt_text(demo, make_image):
    image = make_image("ภาพพิธีรับปริญญา")
    news = NewsPage(
        title="พิธีพระราชทานปริญญาบัตร",
        slug="graduation",
        summary="บัณฑิตเข้ารับพระราชทานปริญญาบัตร",
        cover_image=image,
        cover_image_alt="   ",
        owner_unit=demo.units["PRES"],
    )
    with pytest.raises(ValidationError) as excinfo:
        news.clean()
    assert excinfo.value.message_dict["cover_image_alt"] == [COVER_ALT_MESSAGE]

    news.cover_image_alt = "บัณฑิตในชุดครุยถ่ายภาพหน้าหอประชุม"
    news.clean()  # no error
    news.cover_image = None
    news.cover_image_alt = ""
    news.clean()  # no image, no alt needed


# --- rendering -----------------------------------------------------------------------------------

def test_every_page_type_renders(demo, page_tests, make_news, make_image):
    sci = demo.units["SCI"]
    news = make_news(sci.news_index, "คณะวิทยาศาสตร์จัดค่ายวิทยาศาสตร์", image=make_image(),
                     date=datetime.date(2026, 11, 25))
    with trusted_publication("test: a page published before the test"):
        standard = sci.section.add_child(instance=StandardPage(title="ติดต่อคณะ", slug="contact", intro="ที่ตั้งคณะ"))
        standard.save_revision().publish()
    for page in [demo.home, demo.university_news, demo.unit_index, sci.section.specific, sci.news_index, news,
                 standard]:
        page_tests.assertPageIsRenderable(page)
    page_tests.assertPageIsRenderable(demo.university_news, query_data={"page": "999", "category": "ไม่มี"})
    page_tests.assertPageIsRenderable(demo.unit_index, query_data={"kind": "faculty"})
