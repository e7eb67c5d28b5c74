"""Issue 12 item 1: the live policy findings side panel and its JSON endpoint, through the real admin URLs."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from publication.moderation.checks import describe_finding, field_label
from publication.social.models import SocialPost
from tests.flows.helpers import add_news, news_form

pytestmark = pytest.mark.django_db

NATIONAL_ID = "1-1037-00013-55-5"  # made up, valid check digit
ID_BODY = f"นักศึกษาที่ได้รับทุน เลขประจำตัวประชาชน {NATIONAL_ID} ติดต่อรับเงินได้ที่กองคลัง"


@pytest.fixture
def draft(client, demo, make_news):
    """A SCI news draft saved by its editor (no findings yet)."""
    page = make_news(demo.units["SCI"].news_index, "ค่ายวิทยาศาสตร์สัญจร", owner_unit=demo.units["SCI"], publish=False)
    return page


def findings_url(page) -> str:
    return reverse("policy_findings_page_edit", args=[page.pk])


def post_findings(client, page, body: str, **extra):
    data = news_form(page.title, body, slug=page.slug, owner_unit=page.specific.owner_unit, action=None, **extra)
    return client.post(findings_url(page), data)


def test_edit_view_has_the_panel_with_its_endpoint(client, demo, draft):
    client.force_login(demo.user("sci_editor"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-policy-findings" in html
    assert f'data-endpoint="{findings_url(draft)}"' in html
    assert "moderation/js/policy-findings.js" in html
    assert 'data-side-panel-toggle="policy-findings"' in html


def test_create_view_has_the_panel(client, demo):
    client.force_login(demo.user("sci_editor"))
    folder = demo.units["SCI"].news_index
    response = client.get(reverse("wagtailadmin_pages:add", args=["pages", "newspage", folder.pk]))
    endpoint = reverse("policy_findings_page_add", args=["pages", "newspage", folder.pk])
    assert f'data-endpoint="{endpoint}"' in response.content.decode()


def test_findings_of_the_typed_text_by_field_in_thai(client, demo, draft):
    client.force_login(demo.user("sci_editor"))
    response = post_findings(client, draft, ID_BODY)
    assert response.status_code == 200
    payload = response.json()
    ids = [f for f in payload["findings"] if f["rule"] == "personal-data.national-id"]
    assert len(ids) == 1
    finding = ids[0]
    assert finding["field"] == "body[0].paragraph"
    assert finding["field_label"] == "เนื้อหา ลำดับที่ 1 (ย่อหน้า)"
    assert finding["match"] == NATIONAL_ID
    assert finding["severity"] == "error" and finding["severity_label"] == "ต้องแก้ไข"
    assert payload["counts"]["error"] >= 1
    # Nothing was saved: the draft's latest revision still has no national ID.
    draft.refresh_from_db()
    assert NATIONAL_ID not in str(draft.get_latest_revision_as_object().body)


def test_warnings_are_shown_before_submitting(client, demo, draft):
    client.force_login(demo.user("sci_editor"))
    payload = post_findings(client, draft, "ผมคิดว่านโยบายนี้ไม่ถูกต้องและควรยกเลิกทันที ผมไม่เห็นด้วยอย่างยิ่ง").json()
    assert any(f["rule"] == "disclaimer-missing" and f["severity"] == "warning" for f in payload["findings"])
    whole = [f for f in payload["findings"] if f["rule"] == "disclaimer-missing"][0]
    assert whole["field"] == "" and whole["field_label"] == "ทั้งเนื้อหา"


def test_a_fixed_text_has_no_findings(client, demo, draft):
    client.force_login(demo.user("sci_editor"))
    assert post_findings(client, draft, ID_BODY).json()["counts"]["error"] >= 1
    clean = post_findings(client, draft, "นักศึกษาที่ได้รับทุนติดต่อรับเงินได้ที่กองคลัง ชั้น 2 อาคารสำนักงานอธิการบดี").json()
    assert clean["findings"] == []


def test_the_new_page_form_is_checked_too(client, demo):
    client.force_login(demo.user("sci_editor"))
    folder = demo.units["SCI"].news_index
    url = reverse("policy_findings_page_add", args=["pages", "newspage", folder.pk])
    response = client.post(url, news_form("ข่าวใหม่", ID_BODY, owner_unit=demo.units["SCI"], action=None))
    assert [f["match"] for f in response.json()["findings"] if f["rule"] == "personal-data.national-id"] == [NATIONAL_ID]


@pytest.mark.parametrize("role", ["huso_editor", "executive", "clerk"])
def test_other_units_and_central_roles_are_refused(client, demo, draft, role):
    client.force_login(demo.user(role))
    response = post_findings(client, draft, ID_BODY)
    assert response.status_code in (302, 403)
    assert NATIONAL_ID not in response.content.decode()


def test_refused_to_someone_not_logged_in(client, draft):
    response = client.post(findings_url(draft), {"title": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_csrf_protected(demo, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo.user("sci_editor"))
    response = post_findings(client, draft, ID_BODY)
    assert response.status_code == 403


def test_size_limited(client, demo, draft, settings):
    settings.POLICY_FINDINGS_MAX_BYTES = 2_000
    client.force_login(demo.user("sci_editor"))
    response = post_findings(client, draft, "ก" * 3_000)
    assert response.status_code == 413
    assert "ยาวเกินกว่า" in response.json()["message"]


def test_rate_limited(client, demo, draft, settings):
    settings.POLICY_FINDINGS_RATE = "2/m"
    client.force_login(demo.user("sci_editor"))
    codes = [post_findings(client, draft, "ข่าวทั่วไป").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_moderated_snippet_panel_and_findings_with_the_fields_thai_name(client, demo):
    editor = demo.user("sci_editor")
    post = SocialPost.objects.create(
        unit=demo.units["SCI"],
        requester=editor,
        channel="facebook",
        post_text="ขอเชิญร่วมค่ายวิทยาศาสตร์สัญจร",
        planned_at=timezone.now() + datetime.timedelta(days=2),
        poster_position="นักวิชาการคอมพิวเตอร์",
        live=False,
    )
    post.save_revision(user=editor)
    client.force_login(editor)
    namespace = post.snippet_viewset.url_namespace
    edit = client.get(reverse(f"{namespace}:edit", args=[post.pk])).content.decode()
    endpoint = reverse(f"{namespace}:policy_findings", args=[post.pk])
    assert f'data-endpoint="{endpoint}"' in edit
    add = client.get(reverse(f"{namespace}:add")).content.decode()
    assert f'data-endpoint="{reverse(f"{namespace}:policy_findings_add")}"' in add

    planned = timezone.localtime(post.planned_at)
    data = {
        "unit": post.unit_id,
        "channel": "facebook",
        "post_text": "ไอ้ควายเอ๊ย โทรมาที่ 081-234-5678",
        "planned_at": planned.strftime("%Y-%m-%d %H:%M"),
        "poster_position": "นักวิชาการคอมพิวเตอร์",
    }
    findings = client.post(endpoint, data).json()["findings"]
    labels = {f["rule"]: f["field_label"] for f in findings}
    assert "impolite-language" in labels
    assert labels["impolite-language"] != "post_text"
    assert labels["impolite-language"] == field_label("post_text", SocialPost)


def test_refused_submit_lists_one_thai_line_a_finding_with_the_field(client, demo):
    client.force_login(demo.user("sci_editor"))
    response = add_news(client, demo.units["SCI"].news_index, "ข่าวทุน", body=ID_BODY)
    assert response.status_code == 200
    errors = [str(e) for e in response.context["form"].non_field_errors()]
    lines = [e for e in errors if NATIONAL_ID in e]
    assert len(lines) == 1
    assert lines[0].startswith(
        "เนื้อหา ลำดับที่ 1 (ย่อหน้า): พบเลขประจำตัวประชาชน 13 หลัก ห้ามเผยแพร่ข้อมูลส่วนบุคคล (PDPA) — «" + NATIONAL_ID + "»"
    )
    assert not any(e.startswith("•") for e in errors)


def test_a_finding_about_the_whole_content_names_it():
    finding = {"field": None, "message": "ไม่พบข้อความปฏิเสธความรับผิดชอบ", "match": ""}
    assert describe_finding(finding) == "• ทั้งเนื้อหา: ไม่พบข้อความปฏิเสธความรับผิดชอบ"


def test_invisible_characters_in_a_match_are_written_out():
    finding = {"field": "title", "message": "พบเครื่องหมายชั้นความลับ", "match": "ลับ\u200bที่สุด"}
    assert describe_finding(finding).endswith("«ลับ[U+200B]ที่สุด»")


def test_a_half_built_form_gets_a_thai_answer_not_an_error(client, demo, draft):
    client.force_login(demo.user("sci_editor"))
    response = client.post(findings_url(draft), {"title": "ข่าว", "body-0-type": "paragraph"})
    assert response.status_code in (200, 400)
    assert "message" in response.json() or "findings" in response.json()


def test_a_unit_that_does_not_exist_is_a_400_not_a_500(client, demo):
    """The form refuses the unknown unit; checks that need the unit are not run on a half-built post."""
    client.force_login(demo.user("sci_editor"))
    namespace = SocialPost.snippet_viewset.url_namespace
    data = {
        "unit": 999999,
        "poster_unit": "abc",
        "channel": "facebook",
        "post_text": "ขอเชิญร่วมค่ายวิทยาศาสตร์สัญจร",
        "planned_at": (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M"),
        "poster_position": "นักวิชาการคอมพิวเตอร์",
    }
    response = client.post(reverse(f"{namespace}:policy_findings_add"), data)
    assert response.status_code == 400
    assert "ยัง" in response.json()["message"]
