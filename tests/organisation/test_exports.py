"""CSV/XLSX exports that audit well (`publication.organisation.exports`), through the real admin listings:
a UTF-8 BOM, Bangkok times with Buddhist-era dates, Thai labels instead of codes, Thai headings,
real date cells in XLSX, empty cells instead of None, the file names they always had."""

from __future__ import annotations

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from publication.moderation.models import PublicationRecord
from publication.organisation.exports import (
    XLSX_DATETIME_FORMAT,
    ThaiSpreadsheetExportMixin,
    display_value,
    thai_datetime_text,
)
from publication.organisation.models import Unit

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"
THAI = re.compile(r"[\u0E00-\u0E7F]")
# 07:05 UTC is 14:05 in Bangkok; 2026 is Buddhist era 2569.
PUBLISHED_UTC = datetime.datetime(2026, 11, 29, 7, 5, tzinfo=datetime.UTC)
PUBLISHED_TEXT = "29 พ.ย. 2569 14:05"
TITLE = "มหาวิทยาลัยราชภัฏเพชรบูรณ์จัดพิธีพระราชทานปริญญาบัตร ประจำปีการศึกษา 2568"

LISTINGS = {
    # name: (admin URL name, file name it has always had)
    "register": ("publication_register", "publication-register"),
    "units": ("wagtailsnippets_publication_unit:list", "pcru-units"),
    "letters": ("wagtailsnippets_publication_externalrequest:list", "pcru-external-letters"),
    "rights": ("wagtailsnippets_publication_rightsrequest:list", "publication_rightsrequest"),
    "social": ("wagtailsnippets_publication_socialpost:list", "publication_socialpost"),
    "outbox": ("notification:index", "pcru-outbox"),
}


def export(client, name: str, fmt: str, **params):
    response = client.get(reverse(LISTINGS[name][0]), {"export": fmt, **params})
    assert response.status_code == 200, response
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def csv_rows(body: bytes) -> list[list[str]]:
    assert body.startswith(BOM)
    return list(csv.reader(io.StringIO(body[len(BOM) :].decode("utf-8"))))


def xlsx_sheet(body: bytes):
    return openpyxl.load_workbook(io.BytesIO(body)).active


@pytest.fixture
def webmaster(client, demo):
    client.force_login(demo.user("webmaster"))
    return client


@pytest.fixture
def record(demo):
    return PublicationRecord.objects.create(
        title=TITLE,
        url="https://www.pcru.ac.th/news/graduation-2568/",
        unit=demo.units["SCI"],
        editor=demo.user("sci_editor"),
        head_approver=demo.user("sci_head"),
        head_approved_at=PUBLISHED_UTC - datetime.timedelta(hours=2),
        published_by=demo.user("webmaster"),
        published_at=PUBLISHED_UTC,
        publish_path="workflow",
    )


# --- CSV ------------------------------------------------------------------------------------------


def test_register_csv_starts_with_bom_and_shows_bangkok_time_in_buddhist_era(webmaster, record):
    response, body = export(webmaster, "register", "csv")
    assert body.startswith(BOM)  # Excel on Windows reads Thai as Thai
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    headings, *rows = csv_rows(body)
    row = dict(zip(headings, next(r for r in rows if r[0] == TITLE), strict=True))
    assert row["เผยแพร่เมื่อ"] == PUBLISHED_TEXT
    assert row["หัวหน้าอนุมัติเมื่อ"] == "29 พ.ย. 2569 12:05"
    # Never UTC, never the Gregorian year, never "None".
    text = body.decode("utf-8")
    assert "07:05" not in text and "2026" not in text and "None" not in text
    assert row["ส่งขออนุมัติเมื่อ"] == ""  # no submission recorded: an empty cell
    assert row["หน่วยงาน"] == "คณะวิทยาศาสตร์และเทคโนโลยี"


def test_register_record_without_unit_exports_an_empty_cell(webmaster, record):
    PublicationRecord.objects.filter(pk=record.pk).update(unit=None, editor=None)
    _response, body = export(webmaster, "register", "csv")
    headings, *rows = csv_rows(body)
    row = dict(zip(headings, next(r for r in rows if r[0] == TITLE), strict=True))
    assert row["หน่วยงาน"] == "" and row["ผู้รับผิดชอบข้อมูล"] == ""


def test_units_csv_shows_thai_labels_instead_of_codes(webmaster):
    _response, body = export(webmaster, "units", "csv")
    headings, *rows = csv_rows(body)
    assert headings[:4] == ["รหัสหน่วยงาน", "ชื่อหน่วยงาน (ไทย)", "ชื่อหน่วยงาน (อังกฤษ)", "ประเภท"]
    units = {row[0]: dict(zip(headings, row, strict=True)) for row in rows}
    assert units["SCI"]["ประเภท"] == "คณะ"  # not "faculty"
    assert units["SCI"]["ได้รับสิทธิ์เผยแพร่ข่าวเอง"] == "ใช่"  # not "True"
    assert units["HUSO"]["ได้รับสิทธิ์เผยแพร่ข่าวเอง"] == "ไม่ใช่"
    codes = {kind for kind, _label in Unit._meta.get_field("kind").choices}
    assert not codes & {cell for row in rows for cell in row}


def test_social_posts_csv_shows_channel_label_and_planned_time_in_buddhist_era(webmaster, demo):
    from publication.social.models import SocialPost

    post = SocialPost.objects.create(
        unit=demo.units["SCI"],
        channel="facebook",
        post_text="ขอเชิญร่วมงานวันวิทยาศาสตร์แห่งชาติ ณ คณะวิทยาศาสตร์และเทคโนโลยี",
        planned_at=PUBLISHED_UTC,
        poster_position="นักวิชาการคอมพิวเตอร์",
        live=False,
    )
    _response, body = export(webmaster, "social", "csv")
    headings, *rows = csv_rows(body)
    row = dict(zip(headings, next(r for r in rows if r[headings.index("ข้อความ")] == post.post_text), strict=True))
    assert row["ช่องทาง"] == "Facebook Page"  # the label, not the code "facebook"
    assert row["กำหนดโพสต์"] == PUBLISHED_TEXT
    assert row["โพสต์เมื่อ"] == ""  # not posted yet: empty, not "None"


def test_rights_requests_csv_shows_scope_label(webmaster, demo):
    from publication.rights.models import RightsRequest

    RightsRequest.objects.create(unit=demo.units["MGT"], scope="both", justification="ขอสิทธิ์ดูแลข่าวของคณะ", live=False)
    _response, body = export(webmaster, "rights", "csv")
    headings, *rows = csv_rows(body)
    row = dict(zip(headings, next(r for r in rows if r[headings.index("เหตุผล")] == "ขอสิทธิ์ดูแลข่าวของคณะ"), strict=True))
    assert row["ขอบเขตสิทธิ์"] == "ทั้งระบบข่าวและเว็บไซต์ส่วนของหน่วยงาน"  # not "both"
    assert row["อนุมัติสิทธิ์เมื่อ"] == ""


def test_letters_csv_shows_step_labels_and_thai_dates(webmaster, demo):
    from publication.letters.models import ExternalRequest

    letter = ExternalRequest.objects.create(
        letter_number="พช 0017.2/ว 1021",
        letter_date=datetime.date(2026, 11, 20),
        agency_name="สำนักงานจังหวัดเพชรบูรณ์",
        subject="ขอความอนุเคราะห์ประชาสัมพันธ์งานมะขามหวาน",
        requested_content="ขอประชาสัมพันธ์งานมะขามหวานเพชรบูรณ์",
    )
    ExternalRequest.objects.filter(pk=letter.pk).update(step_started_at=PUBLISHED_UTC, status="awaiting_decision")
    _response, body = export(webmaster, "letters", "csv")
    headings, *rows = csv_rows(body)
    row = dict(zip(headings, next(r for r in rows if r[0] == letter.letter_number), strict=True))
    assert row["ขั้นตอน"] == "รอผู้บริหารพิจารณา"  # not "awaiting_decision"
    assert row["ลงวันที่"] == "20 พ.ย. 2569"
    assert row["เข้าสู่ขั้นตอนนี้เมื่อ"] == PUBLISHED_TEXT
    assert row["ผู้ดูแลเว็บไซต์"] == ""  # nobody assigned yet: empty, not "None"


@pytest.mark.parametrize("name", LISTINGS)
def test_every_export_has_thai_headings_and_keeps_its_file_name(webmaster, record, name):
    for fmt in ("csv", "xlsx"):
        response, body = export(webmaster, name, fmt)
        assert f'filename="{LISTINGS[name][1]}.{fmt}"' in response["Content-Disposition"]
    headings = csv_rows(export(webmaster, name, "csv")[1])[0]
    assert headings and all(THAI.search(heading) for heading in headings), headings


def test_a_formula_in_user_text_is_not_run_by_excel(webmaster, record):
    PublicationRecord.objects.filter(pk=record.pk).update(head_comment='=HYPERLINK("https://evil.example","คลิก")')
    headings, *rows = csv_rows(export(webmaster, "register", "csv")[1])
    row = dict(zip(headings, next(r for r in rows if r[0] == TITLE), strict=True))
    assert row["ความเห็นของหัวหน้า"].startswith("'=")


# --- XLSX -----------------------------------------------------------------------------------------


def test_register_xlsx_holds_date_cells_in_bangkok_time_shown_in_buddhist_era(webmaster, record):
    _response, body = export(webmaster, "register", "xlsx")
    sheet = xlsx_sheet(body)
    rows = list(sheet.iter_rows())
    headings = [cell.value for cell in rows[0]]
    assert headings[0] == "ชื่อเรื่อง" and rows[0][0].font.b
    row = {heading: cell for heading, cell in zip(headings, next(r for r in rows[1:] if r[0].value == TITLE), strict=True)}
    published = row["เผยแพร่เมื่อ"]
    # A real date (Excel sorts and filters it), Bangkok's wall clock, shown with the Buddhist-era year.
    assert published.value == datetime.datetime(2026, 11, 29, 14, 5)
    assert published.is_date and published.number_format == XLSX_DATETIME_FORMAT
    assert row["หน่วยงาน"].value == "คณะวิทยาศาสตร์และเทคโนโลยี"
    assert row["ส่งขออนุมัติเมื่อ"].value is None  # empty, not "None"
    assert sheet.freeze_panes == "A2"


def test_units_xlsx_shows_thai_labels(webmaster):
    sheet = xlsx_sheet(export(webmaster, "units", "xlsx")[1])
    rows = list(sheet.iter_rows(values_only=True))
    sci = next(row for row in rows if row[0] == "SCI")
    assert sci[rows[0].index("ประเภท")] == "คณะ"
    assert sci[rows[0].index("ได้รับสิทธิ์เผยแพร่ข่าวเอง")] == "ใช่"


# --- The helpers ----------------------------------------------------------------------------------


def test_display_value_and_thai_datetime_text(demo):
    kind = Unit._meta.get_field("kind")
    with translation.override("th"):
        assert display_value(None) == ""
        assert display_value("faculty", kind) == "คณะ"
        assert display_value(True) == "ใช่"
        assert display_value(demo.user("sci_head")) == demo.user("sci_head").get_full_name()
        assert display_value(["ก", "ข"]) == "ก, ข"
    # Whatever time zone the downloader chose, an export states Bangkok time.
    with translation.override("th"), timezone.override("UTC"):
        assert thai_datetime_text(PUBLISHED_UTC) == PUBLISHED_TEXT


def test_every_exporting_admin_listing_uses_the_shared_mixin():
    from wagtail.admin.viewsets import viewsets

    from publication.moderation.views import PublicationRegisterView

    reverse("wagtailadmin_home")  # loads the admin URLs, which register the hooked viewsets
    assert issubclass(PublicationRegisterView, ThaiSpreadsheetExportMixin)
    # policy_checks imports nothing of ours (an import contract): its PolicyTerm export stays Wagtail's.
    exporting = [
        vs
        for vs in viewsets.viewsets
        if getattr(vs, "list_export", vs.UNDEFINED) not in (vs.UNDEFINED, None, [], ()) and vs.model.__module__.startswith("publication.")
    ]
    assert {vs.model._meta.label for vs in exporting} >= {
        "organisation.Unit",
        "letters.ExternalRequest",
        "rights.RightsRequest",
        "social.SocialPost",
        "outbox.Notification",
    }
    for viewset in exporting:
        view_class = viewset.index_view.view_class
        assert issubclass(view_class, ThaiSpreadsheetExportMixin), viewset
