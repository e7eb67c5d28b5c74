"""Issue 12 (3): slugs keep Thai words whole, the same in the admin's JavaScript and on the server.

The rule (`publication.pages.slugs.slugify_thai`), its JavaScript twin compared with node, Django's
slug validation, Wagtail's page URL pattern, and slugs made on the server: a page saved without one, the
admin's create view, its copy view and the admin API.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.test import Client
from django.urls import resolve, reverse
from wagtail.models import Page

from publication.moderation.gate import trusted_publication
from publication.pages.models import NewsPage, StandardPage
from publication.pages.slugs import SLUG_MAX_LENGTH, slugify_thai
from tests.flows.helpers import add_news, edit_news

TITLE = "ค่ายวิทยาศาสตร์สัญจร"
JS = Path(settings.BASE_DIR) / "publication" / "pages" / "static" / "pages" / "js" / "thai-slug.js"

# (title, slug): every rule of slugify_thai, and the cases the JavaScript must agree on.
CASES = [
    # vowels above and below, tone marks, MAI HAN-AKAT, THANTHAKHAT: kept (Django dropped them)
    (TITLE, TITLE),
    ("ผู้สูงอายุได้รับวัคซีนไข้หวัดใหญ่", "ผู้สูงอายุได้รับวัคซีนไข้หวัดใหญ่"),
    ("น้ำท่วมเขาค้อ", "น้ำท่วมเขาค้อ"),
    ("ๆ และ ฯ", "ๆ-และ-ฯ"),
    # separators: spaces, slashes, dots, dashes, brackets and symbols become one "-"
    ("ค่าย 2/2569", "ค่าย-2-2569"),
    ("ภาคเรียนที่ 1/2569", "ภาคเรียนที่-1-2569"),
    ("เวลา 08.00–16.00 น.", "เวลา-08-00-16-00-น"),
    ("  ประกาศ   (ด่วน!!)  ", "ประกาศ-ด่วน"),
    ("สาขา ก - ข", "สาขา-ก-ข"),
    ("ราคา ฿500 + VAT", "ราคา-500-vat"),
    ("--ค่าย__", "ค่าย"),
    # digits: Arabic and Thai kept, thousands commas dropped, other commas separate
    ("บัณฑิตกว่า 2,000 คน", "บัณฑิตกว่า-2000-คน"),
    ("ปี ๒๕๖๙", "ปี-๒๕๖๙"),
    ("1, 2 และ 3", "1-2-และ-3"),
    # mixed Thai and English: Latin lower-cased, apostrophes dropped
    ("Open House PCRU 2569", "open-house-pcru-2569"),
    ("PCRU Open House ครั้งที่ 5", "pcru-open-house-ครั้งที่-5"),
    ("Director's Award ประจำปี", "directors-award-ประจำปี"),
    ("Café ภาษาไทย", "café-ภาษาไทย"),
    # invisible characters and emoji; Thai spellings put right; nothing left
    ("ลับ\u200bเฉพาะ", "ลับเฉพาะ"),
    ("🎉 ยินดีด้วย", "ยินดีด้วย"),
    ("น\u0e49\u0e4d\u0e32ใจ", "น้ำใจ"),
    ("\u0e40\u0e40ม่", "แม่"),
    # a vowel or tone mark with no letter before it has nothing to belong to
    ("\u0e48ก \u0e49ข _\u0e34ค", "ก-ข-_ค"),
    ("", ""),
    ("!!! ???", ""),
]

LONG_TITLE = "มหาวิทยาลัยราชภัฏเพชรบูรณ์จัดพิธีพระราชทานปริญญาบัตร ประจำปีการศึกษา 2568 ณ หอประชุมเฉลิมพระเกียรติ โดยมีบัณฑิตเข้ารับพระราชทานกว่าสองพันคน"
# (title, max_length, slug): cut at the limit without leaving a mark or a leading vowel behind
SHORT_CASES = [
    (TITLE, 3, "ค่า"),  # ค ่ า: the tone mark stays with its consonant
    (TITLE, 2, "ค่"),
    (TITLE, 1, ""),  # ค alone would lose its tone mark
    ("กิน", 1, ""),
    ("แม่เหล็ก", 3, "แม่"),
    ("แม่เหล็ก", 4, "แม่"),  # แม่เ|ห: เ goes with ห
    ("ค่าย วิทยาศาสตร์", 12, "ค่าย-วิทยาศา"),  # the only "-" is in the first half: cut at the limit
    ("วิทยาศาสตร์ ค่าย", 14, "วิทยาศาสตร์"),  # "-" in the second half: cut there
    (LONG_TITLE, SLUG_MAX_LENGTH, None),
]


@pytest.mark.parametrize(("title", "slug"), CASES)
def test_slugify_thai(title, slug):
    assert slugify_thai(title) == slug


@pytest.mark.parametrize(("title", "max_length", "slug"), SHORT_CASES)
def test_slugify_thai_length_limit(title, max_length, slug):
    result = slugify_thai(title, max_length)
    assert len(result) <= max_length
    if slug is not None:
        assert result == slug


def test_long_title_is_cut_at_a_word_break():
    slug = slugify_thai(LONG_TITLE)
    assert len(slugify_thai(LONG_TITLE, 500)) > SLUG_MAX_LENGTH >= len(slug)
    assert slug == "มหาวิทยาลัยราชภัฏเพชรบูรณ์จัดพิธีพระราชทานปริญญาบัตร-ประจำปีการศึกษา-2568-ณ"
    assert slugify_thai(LONG_TITLE, 500).startswith(slug + "-")


def test_slugify_thai_refuses_a_length_below_one():
    with pytest.raises(ValueError, match="max_length"):
        slugify_thai(TITLE, 0)


def test_every_slug_is_valid_for_django_and_wagtail_urls():
    for title, slug in CASES + [(LONG_TITLE, None)]:
        slug = slugify_thai(title)
        if slug:
            validate_unicode_slug(slug)
            match = resolve(f"/{slug}/")
            assert match.url_name == "wagtail_serve" and match.args == (f"{slug}/",), title


def test_javascript_makes_the_same_slugs():
    """thai-slug.js (the admin's controller) and slugify_thai agree on every case, run by node."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("node is not installed (`make e2e-packages`); the browser test compares in chromium")
    inputs = [[title, SLUG_MAX_LENGTH] for title, _slug in CASES] + [[title, max_length] for title, max_length, _slug in SHORT_CASES]
    script = (
        f"const {{ slugifyThai }} = require({json.dumps(str(JS))});"
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(cases.map(([t, n]) => slugifyThai(t, n))));"
    )
    result = subprocess.run(  # noqa: S603 - our own script on our own cases
        [node, "-e", script], input=json.dumps(inputs), capture_output=True, text=True, check=True, timeout=30
    )
    assert json.loads(result.stdout) == [slugify_thai(title, max_length) for title, max_length in inputs]


def visit(url: str):
    """The page at `url` as an anonymous visitor sees it."""
    return Client().get(url)


# --- validation and routing ----------------------------------------------------------------------


@pytest.mark.parametrize("slug", [TITLE, "ค่าย-2-2569", "open-house-pcru-2569", "ปี-๒๕๖๙", "ๆ-และ-ฯ"])
def test_thai_slugs_are_valid_slugs(slug):
    validate_unicode_slug(slug)
    assert forms.SlugField(allow_unicode=True).clean(slug) == slug
    assert Page._meta.get_field("slug").clean(slug, None) == slug


@pytest.mark.parametrize("slug", ["ค่าย 2", "ค่าย/2569", "ค่าย.2569", "ข่าว?", "", "ค่าย\u200b", "\u0e48", "\u0e48ก", "ก-\u0e48ข", "_\u0e34"])
def test_what_is_not_a_slug_stays_invalid(slug):
    with pytest.raises(ValidationError):
        forms.SlugField(allow_unicode=True).clean(slug)


def test_a_thai_page_url_resolves_and_reverses():
    path = f"ข่าว/{TITLE}/ค่าย-2-2569/"
    assert resolve(f"/{path}").url_name == "wagtail_serve"
    assert reverse("wagtail_serve", args=(path,)) == "/" + quote(path)
    for name in ("wagtailcore_authenticate_with_password", "wagtailcore_login"):
        assert reverse(name, args=(1, 2) if "password" in name else ())  # Wagtail's other URLs are kept


# --- slugs made on the server --------------------------------------------------------------------


def test_a_page_saved_without_a_slug_gets_the_thai_slug_unique_among_siblings(demo, make_news):
    folder = demo.units["SCI"].news_index
    first = make_news(folder, TITLE, owner_unit=demo.units["SCI"], slug="")
    second = make_news(folder, TITLE, owner_unit=demo.units["SCI"], slug="")
    dated = make_news(folder, "ค่าย 2/2569", owner_unit=demo.units["SCI"], slug="")
    assert (first.slug, second.slug, dated.slug) == (TITLE, f"{TITLE}-2", "ค่าย-2-2569")
    other_folder = make_news(demo.university_news, TITLE, owner_unit=demo.units["SCI"], slug="")
    assert other_folder.slug == TITLE  # unique among siblings only

    # Served at its Thai address, percent-encoded in links or typed as Thai.
    assert first.url == f"/units/sci/news/{quote(TITLE)}/"
    for url in (first.url, f"/units/sci/news/{TITLE}/", dated.url, second.url):
        response = visit(url)
        assert response.status_code == 200, url
    assert TITLE in visit(first.url).content.decode()


def test_a_typed_slug_is_kept_and_wagtail_ascii_slugs_still_work(demo, make_news):
    section = demo.units["SCI"].section
    page = StandardPage(title="ติดต่อคณะ", slug="ติดต่อเรา", intro="ที่ตั้งคณะ")
    ascii_page = StandardPage(title="ติดต่อคณะ", slug="contact", intro="ที่ตั้งคณะ")
    with trusted_publication("test: pages of the section"):
        section.add_child(instance=page)
        section.add_child(instance=ascii_page)
    assert (page.slug, ascii_page.slug) == ("ติดต่อเรา", "contact")
    assert visit(page.url).status_code == visit(ascii_page.url).status_code == 200


def test_admin_create_view_makes_the_thai_slug_and_publishes_it(client, demo):
    folder = demo.units["SCI"].news_index
    client.force_login(demo.user("sci_editor"))
    for title in (TITLE, TITLE, "ค่าย 2/2569"):
        response = add_news(client, folder, title, slug="", action=None)  # "Save draft" with no slug
        assert response.status_code == 302, response.content[:2000]
    slugs = list(NewsPage.objects.child_of(folder).order_by("pk").values_list("slug", flat=True))
    assert slugs == [TITLE, f"{TITLE}-2", "ค่าย-2-2569"]

    # A slug typed in the form (the full form and model validation) is kept; SCI's head publishes.
    response = add_news(client, folder, "ค่ายคณิตศาสตร์", slug="ค่ายคณิตศาสตร์-ปี-2569", action=None)
    assert response.status_code == 302, response.content[:2000]
    page = NewsPage.objects.get(slug="ค่ายคณิตศาสตร์-ปี-2569")
    client.force_login(demo.user("sci_head"))
    response = edit_news(client, page, page.title, action="action-publish")
    assert response.status_code == 302, response.content[:2000]
    page.refresh_from_db()
    assert page.live and page.url == f"/units/sci/news/{quote(page.slug)}/"
    assert visit(f"/units/sci/news/{page.slug}/").status_code == 200


def test_admin_copy_view_and_api_keep_thai_slugs(client, demo, make_news):
    folder = demo.units["SCI"].news_index
    live = make_news(folder, TITLE, owner_unit=demo.units["SCI"], slug="")
    client.force_login(demo.user("sci_head"))

    # The copy form offers the Thai slug and accepts a Thai one (Django's slug field refused both).
    form = client.get(reverse("wagtailadmin_pages:copy", args=[live.pk])).content.decode()
    assert f'value="{TITLE}"' in form
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[live.pk]),
        {"new_title": "ค่ายวิทยาศาสตร์สัญจร ครั้งที่ 2", "new_slug": "ค่ายวิทยาศาสตร์สัญจร-ครั้งที่-2", "new_parent_page": folder.pk},
    )
    assert response.status_code == 302, response.content[:2000]
    assert NewsPage.objects.filter(slug="ค่ายวิทยาศาสตร์สัญจร-ครั้งที่-2", live=False).exists()

    # The admin API: a copy without a slug gets the original's, made unique; one with a slug keeps it.
    def api(page, action, **data):
        return client.post(f"/admin/api/main/pages/{page.pk}/action/{action}/", data=data, content_type="application/json")

    response = api(live, "copy", destination_page_id=folder.pk, keep_live=False)
    assert response.status_code == 201, response.content[:500]
    copied = NewsPage.objects.get(pk=response.json()["id"])
    assert copied.slug.startswith(f"{TITLE}-") and copied.slug != TITLE
    response = api(live, "copy", destination_page_id=folder.pk, keep_live=False, slug="ค่ายสัญจร-สำเนา")
    assert response.status_code == 201, response.content[:500]
    copied = NewsPage.objects.get(pk=response.json()["id"])
    assert copied.slug == "ค่ายสัญจร-สำเนา"

    # Published through the API: the model's full validation accepts the Thai slug; the page is served.
    response = api(copied, "publish")
    assert response.status_code == 200, response.content[:500]
    copied.refresh_from_db()
    assert copied.live and visit(copied.url).status_code == 200


def test_every_page_type_of_ours_makes_thai_slugs():
    """Each page type people create (home, folders, notices, news, unit pages) fills an empty slug from
    the Thai title, in the model (`ThaiSlugPageMixin`) and in its admin form (`ThaiSlugFormMixin`)."""
    from django.apps import apps

    from publication.pages.forms import ThaiSlugFormMixin
    from publication.pages.slugs import ThaiSlugPageMixin

    ours = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and model.__module__.split(".")[0] in {"home", "publication"}
    ]
    assert {"HomePage", "NewsIndexPage", "NewsPage", "ExternalNoticeIndexPage", "ExternalNoticePage"} <= {m.__name__ for m in ours}
    without_mixin = [m.__name__ for m in ours if not issubclass(m, ThaiSlugPageMixin)]
    without_form = [m.__name__ for m in ours if not issubclass(m.get_edit_handler().get_form_class(), ThaiSlugFormMixin)]
    assert without_mixin == [] and without_form == []
