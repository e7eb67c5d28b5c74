"""Issue 13: text no database can store gets a Thai message and the form back, never an HTTP 500.

Found by the attacker: a lone surrogate inside a paragraph's Draftail JSON (a browser sends the escape
"\\ud800") gave HTTP 500 on "Save draft" and "Submit" and lost the form. SQLite fails on a surrogate but
stores NUL; PostgreSQL refuses both (psycopg cannot encode a surrogate, `text` and `jsonb` cannot hold
NUL). So every case here asserts the refusal comes before the database: the same answer on both.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, streamfield

from publication.pages.models import NewsPage
from publication.social.models import SocialPost
from tests.flows.helpers import add_news, edit_news, news_form

pytestmark = pytest.mark.django_db

SURROGATE, NUL = "\ud800", "\x00"
TITLE = "ค่ายวิทยาศาสตร์สัญจรสู่โรงเรียนในอำเภอเขาค้อ"
SUMMARY = "นักเรียนกว่า 300 คนร่วมกิจกรรมทดลองวิทยาศาสตร์กับคณะวิทยาศาสตร์และเทคโนโลยี"
REFUSED = "จึงบันทึกไม่ได้"  # in each of our messages about such a character
QUERY_REFUSED = "ที่อยู่เว็บนี้มีอักขระที่อ่านเป็นข้อความไม่ได้"


def login(client, demo, username="sci_editor"):
    client.force_login(demo.user(username))
    return client


def block_messages(response, field: str = "body") -> dict[int, str]:
    """The errors the form shows on each block of a StreamField, by block index."""
    error = response.context["form"].errors.as_data()[field][0]
    return {index: " ".join(e.messages) for index, e in error.block_errors.items()}


def with_body(data: dict, *blocks) -> dict:
    """News form data whose body is the given (block type, posted value) blocks."""
    data = {key: value for key, value in data.items() if not key.startswith("body-")}
    return {**data, **nested_form_data({"body": streamfield(list(blocks))})}


def table(*cells: str) -> str:
    return json.dumps({"data": [list(cells)], "first_row_is_table_header": False, "first_col_is_header": False, "table_caption": ""})


# --- the page form: create, edit, every action ----------------------------------------------------


@pytest.mark.parametrize("action", [None, "action-submit"], ids=["save-draft", "submit"])
def test_a_lone_surrogate_in_a_paragraph_is_refused_in_thai_and_the_form_comes_back(client, demo, action):
    body = f"นักเรียนได้ทดลองเคมี{SURROGATE}ในชีวิตประจำวัน"
    response = add_news(login(client, demo), demo.university_news, TITLE, owner_unit=demo.units["SCI"], body=body, action=action)

    assert response.status_code == 200
    assert not NewsPage.objects.filter(title=TITLE).exists()
    message = block_messages(response)[0]
    assert REFUSED in message and "ทดลองเคมี\ufffdในชีวิตประจำวัน" in message
    # Everything typed comes back; the refused character is shown as "�" where it was.
    form = response.context["form"]
    assert form["title"].value() == TITLE and form["summary"].value() == SUMMARY
    assert ">นักเรียนได้ทดลองเคมี\ufffdในชีวิตประจำวัน</p>" in form["body"].value()[0].value.source
    assert f'value="{TITLE}"' in response.content.decode("utf-8")


def test_a_refused_edit_keeps_the_draft_and_saving_the_returned_form_works(client, demo, make_news):
    page = make_news(demo.units["SCI"].news_index, TITLE, owner_unit=demo.units["SCI"], publish=False)
    revisions = page.revisions.count()
    response = edit_news(login(client, demo), page, TITLE, body=f"ข้อความ{SURROGATE}ใหม่", action=None)

    assert response.status_code == 200
    assert REFUSED in block_messages(response)[0]
    assert page.revisions.count() == revisions

    # The form as it came back (the character now "�") saves.
    again = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), response.context["form"].data)
    assert again.status_code == 302
    page.refresh_from_db()
    assert "ข้อความ\ufffdใหม่" in str(page.get_latest_revision_as_object().body)


def test_nul_in_a_paragraph_is_refused_in_thai(client, demo):
    response = add_news(login(client, demo), demo.university_news, TITLE, owner_unit=demo.units["SCI"], body=f"ข้อความ{NUL}ต่อ")
    assert response.status_code == 200
    assert not NewsPage.objects.filter(title=TITLE).exists()
    message = block_messages(response)[0]
    assert "NUL" in message and REFUSED in message and "ข้อความ\ufffdต่อ" in message


def test_nul_in_a_table_cell_is_refused_on_its_block(client, demo):
    url = reverse("wagtailadmin_pages:add", args=("pages", "newspage", demo.university_news.pk))
    data = with_body(
        news_form(TITLE, owner_unit=demo.units["SCI"], action=None),
        ("paragraph", news_form(TITLE)["body-0-value"]),
        ("table", table("วันที่", f"กิจกรรม{NUL}")),
    )
    response = login(client, demo).post(url, data)
    assert response.status_code == 200
    assert not NewsPage.objects.filter(title=TITLE).exists()
    messages = block_messages(response)
    assert list(messages) == [1] and REFUSED in messages[1]


def test_nul_in_the_summary_is_refused_on_the_field(client, demo):
    summary = f"สรุปข่าว{NUL}กิจกรรม"
    response = add_news(login(client, demo), demo.university_news, TITLE, owner_unit=demo.units["SCI"], summary=summary)
    assert response.status_code == 200
    errors = response.context["form"].errors["summary"]
    assert len(errors) == 1 and REFUSED in errors[0] and "สรุปข่าว\ufffdกิจกรรม" in errors[0]
    assert response.context["form"]["summary"].value() == "สรุปข่าว\ufffdกิจกรรม"


@pytest.mark.parametrize("posted", ["{ไม่ใช่ JSON", "[1, 2]", '{"blocks": 5}'])
def test_rich_text_json_that_does_not_parse_is_a_thai_error(client, demo, posted):
    url = reverse("wagtailadmin_pages:add", args=("pages", "newspage", demo.university_news.pk))
    data = with_body(news_form(TITLE, owner_unit=demo.units["SCI"], action=None), ("paragraph", posted))
    response = login(client, demo).post(url, data)
    assert response.status_code == 200
    assert "อ่านไม่ได้" in " ".join(response.context["form"].errors["body"])
    assert response.context["form"]["title"].value() == TITLE
    assert not NewsPage.objects.filter(title=TITLE).exists()


# --- the live findings endpoint and the preview ---------------------------------------------------


def test_the_findings_panel_names_the_refused_character(client, demo, make_news):
    page = make_news(demo.units["SCI"].news_index, TITLE, owner_unit=demo.units["SCI"], publish=False)
    data = news_form(TITLE, f"ข้อความ{SURROGATE}ต่อ", slug=page.slug, owner_unit=demo.units["SCI"], action=None)
    response = login(client, demo).post(reverse("policy_findings_page_edit", args=[page.pk]), data)
    assert response.status_code == 200
    found = [f for f in response.json()["findings"] if f["rule"] == "unstorable-text"]
    assert len(found) == 1
    assert found[0]["severity"] == "error" and found[0]["field_label"] == "เนื้อหา ลำดับที่ 1 (ย่อหน้า)"
    assert REFUSED in found[0]["message"]


def test_the_preview_of_a_refused_character_is_not_an_error(client, demo, make_news):
    page = make_news(demo.units["SCI"].news_index, TITLE, owner_unit=demo.units["SCI"], publish=False)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = news_form(TITLE, f"ข้อความ{SURROGATE}ต่อ", slug=page.slug, owner_unit=demo.units["SCI"], action=None)
    assert login(client, demo).post(url, data).json()["is_valid"] is False
    assert client.get(url).status_code == 200


# --- snippet forms and the admin API --------------------------------------------------------------


def test_nul_in_a_social_post_is_refused_in_thai(client, demo):
    data = {
        "unit": demo.units["SCI"].pk,
        "channel": "facebook",
        "post_text": f"ขอเชิญร่วมงานวันวิทยาศาสตร์{NUL}แห่งชาติ",
        "media_links": "",
        "planned_at": (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M"),
        "poster_position": "นักวิชาการคอมพิวเตอร์",
        "poster_unit": demo.units["SCI"].pk,
        "action-submit": "1",
    }
    response = login(client, demo).post(reverse("wagtailsnippets_publication_socialpost:add"), data)
    assert response.status_code == 200
    assert REFUSED in response.context["form"].errors["post_text"][0]
    assert not SocialPost.objects.exists()


@pytest.mark.parametrize(("bad", "thai"), [(SURROGATE, "U+D800"), (NUL, "NUL")], ids=["surrogate", "nul"])
def test_the_admin_api_refuses_such_text_in_thai(client, demo, make_news, bad, thai):
    page = make_news(demo.units["SCI"].news_index, TITLE, owner_unit=demo.units["SCI"])
    body = {"destination_page_id": page.get_parent().pk, "title": f"สำเนา{bad}ข่าว", "slug": "copy-of-news"}
    url = f"/admin/api/main/pages/{page.pk}/action/copy/"
    response = login(client, demo, "webmaster").post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    message = response.json()["title"][0]
    assert thai in message and REFUSED in message
    assert NewsPage.objects.filter(slug="copy-of-news").count() == 0


# --- query strings: the search box, the news index filters, the admin -----------------------------


@pytest.mark.parametrize(
    "query",
    ["q=%ED%A0%80", "q=%00", "q=%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7%00", "q=%FF", "q=ข่าว&page=%00"],
    ids=["surrogate", "nul", "thai-then-nul", "not-utf8", "nul-in-page"],
)
def test_the_search_page_answers_400_in_thai_to_unreadable_queries(client, demo, query):
    response = client.get(f"/search/?{query}")
    assert response.status_code == 400
    assert QUERY_REFUSED in response.content.decode()


@pytest.mark.parametrize("query", ["category=%00", "unit=%ED%A0%80", "page=%00"])
def test_the_news_index_filters_answer_400_in_thai(client, demo, query):
    response = client.get(f"{demo.university_news.url}?{query}")
    assert response.status_code == 400
    assert QUERY_REFUSED in response.content.decode()


def test_a_path_with_nul_answers_400_in_thai(client, demo):
    # A path that finds no page is looked up among the redirects, a query PostgreSQL refuses with NUL.
    response = client.get("/units/%00/")
    assert response.status_code == 400
    assert QUERY_REFUSED in response.content.decode()


def test_admin_listings_and_the_admin_api_answer_400_in_thai(client, demo):
    login(client, demo, "webmaster")
    assert QUERY_REFUSED in client.get("/admin/pages/search/?q=%00").content.decode()
    response = client.get("/admin/api/main/pages/?search=%00")
    assert response.status_code == 400 and QUERY_REFUSED in response.json()["message"]


@pytest.mark.parametrize("query", ["ข่าว", '"', 'ค่าย "วิทยาศาสตร์', "วิทยาศาสตร์ & เทคโนโลยี", "\ufffd"])
def test_readable_queries_still_search(client, demo, make_news, query):
    make_news(demo.units["SCI"].news_index, TITLE, owner_unit=demo.units["SCI"])
    assert client.get("/search/", {"q": query}).status_code == 200


@pytest.mark.parametrize(
    "url",
    ['/admin/pages/search/?q="', '/admin/pages/search/?q=ค่าย"', '/admin/api/main/pages/?search="', "/admin/api/main/pages/?search=%20"],
)
def test_a_quote_in_admin_searches_is_not_an_error(client, demo, make_news, url):
    """Wagtail's SQLite full-text search turns a lone '"' into an SQL error (wagtail/wagtail#13227)."""
    make_news(demo.units["SCI"].news_index, TITLE, owner_unit=demo.units["SCI"])
    login(client, demo, "webmaster")
    assert client.get(url).status_code == 200
