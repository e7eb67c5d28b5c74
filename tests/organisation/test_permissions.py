"""Unit editors through the real Wagtail admin views: their own section yes, another unit's no."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from publication.moderation.gate import trusted_publication
from publication.pages.models import NewsPage, StandardPage

pytestmark = pytest.mark.django_db

XHR = {"x-requested-with": "XMLHttpRequest"}
# Wagtail's own Thai translation of "Sorry, you do not have permission to access this area."
PERMISSION_DENIED_TH = "ขออภัย, คุณไม่สามารถเปิดหน้านี้ได้"


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(model, parent: Page) -> str:
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def standard_page_data(title: str, slug: str, **extra) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "owner_unit": "",
            "intro": "หน้าทดสอบสิทธิ์ของหน่วยงาน",
            "body": streamfield([("paragraph", rich_text("<p>รายละเอียดการรับสมัคร</p>"))]),
            "comments": inline_formset([]),
            "corrections": inline_formset([]),
            **extra,
        }
    )


def assert_denied(client, url: str, method: str = "get", data: dict | None = None) -> None:
    """Wagtail 8: PermissionDenied → 302 to the dashboard with a message; the same request as XHR → 403."""
    response = getattr(client, method)(url, data or {})
    assert response.status_code == 302, response
    assert response["Location"] == reverse("wagtailadmin_home")
    messages = [str(m).strip() for m in get_messages(response.wsgi_request)]
    assert set(messages) == {PERMISSION_DENIED_TH}
    assert getattr(client, method)(url, data or {}, headers=XHR).status_code == 403


@pytest.fixture
def pages(demo):
    sci, edu = demo.units["SCI"], demo.units["EDU"]
    with trusted_publication("test: pages published before the test"):
        sci_page = sci.section.add_child(instance=StandardPage(title="หลักสูตรของคณะวิทยาศาสตร์", slug="programmes"))
        edu_page = edu.section.add_child(instance=StandardPage(title="หลักสูตรของคณะครุศาสตร์", slug="programmes"))
    return sci_page, edu_page


@pytest.fixture
def sci_editor_client(client, demo):
    client.force_login(demo.user("sci_editor"))
    return client


def test_editor_opens_add_and_edit_views_in_own_section(demo, pages, sci_editor_client):
    sci = demo.units["SCI"]
    sci_page, _edu_page = pages
    assert sci_editor_client.get(edit_url(sci_page)).status_code == 200
    assert sci_editor_client.get(edit_url(sci.section)).status_code == 200
    assert sci_editor_client.get(add_url(StandardPage, sci.section)).status_code == 200
    assert sci_editor_client.get(add_url(NewsPage, sci.news_index)).status_code == 200
    # University news: editors may add (P1.1 submissions), but not edit the folder itself.
    assert sci_editor_client.get(add_url(NewsPage, demo.university_news)).status_code == 200


def test_editor_is_refused_add_and_edit_in_another_units_section(demo, pages, sci_editor_client):
    edu = demo.units["EDU"]
    _sci_page, edu_page = pages
    assert_denied(sci_editor_client, edit_url(edu_page))
    assert_denied(sci_editor_client, edit_url(edu.section))
    assert_denied(sci_editor_client, add_url(StandardPage, edu.section))
    assert_denied(sci_editor_client, add_url(NewsPage, edu.news_index))
    assert_denied(sci_editor_client, reverse("wagtailadmin_pages:add_subpage", args=[edu.section.pk]))
    assert_denied(sci_editor_client, edit_url(demo.home))
    assert_denied(sci_editor_client, edit_url(demo.university_news))


def test_posting_an_edit_to_another_units_page_changes_nothing(demo, pages, client):
    _sci_page, edu_page = pages
    revisions_before = edu_page.revisions.count()
    data = standard_page_data("ถูกแก้ไขโดยคณะอื่น", "programmes", **{"action-publish": "action-publish"})

    client.force_login(demo.user("sci_editor"))
    assert_denied(client, edit_url(edu_page), "post", data)

    edu_page.refresh_from_db()
    assert edu_page.title == "หลักสูตรของคณะครุศาสตร์"
    assert edu_page.revisions.count() == revisions_before
    assert not edu_page.has_unpublished_changes

    # Control: the same data from EDU's own head is accepted, so the refusal above was about rights.
    client.force_login(demo.user("edu_head"))
    response = client.post(edit_url(edu_page), data)
    assert response.status_code == 302
    edu_page.refresh_from_db()
    assert edu_page.title == "ถูกแก้ไขโดยคณะอื่น"


def test_posting_a_new_page_into_another_units_section_creates_nothing(demo, sci_editor_client):
    edu = demo.units["EDU"]
    data = standard_page_data("หน้าแปลกปลอม", "intruder")
    assert_denied(sci_editor_client, add_url(StandardPage, edu.section), "post", data)
    assert not Page.objects.filter(slug="intruder").exists()


def test_editor_creates_a_draft_in_own_section_with_derived_owner(demo, sci_editor_client):
    sci = demo.units["SCI"]
    response = sci_editor_client.post(add_url(StandardPage, sci.section), standard_page_data("รับสมัครนักศึกษา", "apply"))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = StandardPage.objects.get(slug="apply")
    assert page.get_parent().pk == sci.section.pk
    assert page.owner_unit == sci
    assert not page.live  # editors have no publish right


def test_editor_cannot_edit_another_units_news_in_the_university_folder(demo, client, make_news):
    """`add` on the university news folder lets an editor edit only the items they own."""
    edu_news = make_news(demo.university_news, "ครุศาสตร์จัดอบรมครูพี่เลี้ยง", owner_unit=demo.units["EDU"],
                         owner=demo.user("edu_editor"))
    client.force_login(demo.user("edu_editor"))
    assert client.get(edit_url(edu_news)).status_code == 200
    client.force_login(demo.user("sci_editor"))
    assert_denied(client, edit_url(edu_news))
