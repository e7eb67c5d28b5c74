"""Form ARIT-011 as a PDF: A4 pages, nothing wider than the page's content area however long the Thai
text and the URLs, the table header printed again on the next page, and text that copies as text."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib

import pytest
from django.urls import reverse
from django.utils.encoding import uri_to_iri
from weasyprint.formatting_structure import boxes

from publication.organisation.exports import decompose_sara_am

pytestmark = pytest.mark.django_db

A4_POINTS = (595.276, 841.89)  # 210 × 297 mm
TITLE = (
    "คณะมนุษยศาสตร์และสังคมศาสตร์ มหาวิทยาลัยราชภัฏเพชรบูรณ์ จัดโครงการอนุรักษ์ภาษาและวัฒนธรรมท้องถิ่นเพชรบูรณ์ "
    "ร่วมกับสำนักงานวัฒนธรรมจังหวัดเพชรบูรณ์และเครือข่ายโรงเรียนในอำเภอหล่มสักและอำเภอหล่มเก่า ประจำปีการศึกษา 2569"
)
SUMMARY = (
    "นักศึกษาสาขาวิชาภาษาไทยกว่าหนึ่งร้อยห้าสิบคนลงพื้นที่เก็บข้อมูลภาษาถิ่นไทหล่มร่วมกับผู้สูงอายุในชุมชน "
    "บันทึกเสียงนิทานพื้นบ้านและเพลงกล่อมเด็กเพื่อจัดทำคลังข้อมูลดิจิทัลสำหรับการเรียนการสอน "
    "และเปิดให้ประชาชนทั่วไปเข้าถึงได้ผ่านเว็บไซต์ของคณะมนุษยศาสตร์และสังคมศาสตร์"
)
SLUG = "โครงการอนุรักษ์ภาษาและวัฒนธรรมท้องถิ่นเพชรบูรณ์-ไทหล่ม-นิทานพื้นบ้าน-เพลงกล่อมเด็ก-คลังข้อมูลดิจิทัล-2569"
LONG_LINK = "https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-ไทหล่ม-คลังเสียง?usp=sharing_eil_se_dm"
COMMENT = (
    (
        "เห็นควรเผยแพร่ เนื่องจากเป็นกิจกรรมที่ส่งเสริมพันธกิจด้านการทำนุบำรุงศิลปวัฒนธรรมของมหาวิทยาลัย "
        "ขอให้ตรวจสอบการสะกดชื่อหมู่บ้านและชื่อผู้ให้ข้อมูลทุกท่านให้ถูกต้องตามที่ได้รับอนุญาตไว้ในแบบยินยอม "
    )
    * 8
    + "ไฟล์ภาพประกอบอยู่ที่ "
    + LONG_LINK
)


@pytest.fixture
def submitted_page(demo, make_news):
    """A HUSO news item its head approved (with a long comment), waiting for the webmaster."""
    huso = demo.units["HUSO"]
    page = make_news(huso.news_index, TITLE, owner_unit=huso, summary=SUMMARY, slug=SLUG, publish=False)
    editor, head = demo.user("huso_editor"), demo.user("huso_head")
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    task_state = page.current_workflow_state.current_task_state.specific
    task_state.task.specific.on_action(task_state, head, "approve", comment=COMMENT)
    page.refresh_from_db()
    assert page.current_workflow_state.current_task_state.task.specific.__class__.__name__ == "WebmasterApprovalTask"
    return page


@pytest.fixture
def rendered(client, demo, submitted_page, monkeypatch):
    """(the PDF bytes the view answers, the WeasyPrint document it was written from)."""
    from weasyprint import HTML

    documents = []
    write_pdf = HTML.write_pdf

    def capture(self, *args, **kwargs):
        documents.append(self.render())
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "write_pdf", capture)
    client.force_login(demo.user("webmaster"))
    response = client.get(reverse("publication_arit_011", args=[submitted_page.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    [document] = documents
    return response.content, document


# --- A small reader of the PDF WeasyPrint writes: text through each font's ToUnicode map -----------


def _objects(pdf: bytes) -> dict[int, bytes]:
    """{object number: body}, streams inflated, objects of compressed object streams unpacked."""
    objects = {}
    for match in re.finditer(rb"(\d+) 0 obj\b(.*?)endobj", pdf, re.S):
        body = match.group(2)
        stream = re.search(rb"stream\r?\n(.*)\r?\nendstream", body, re.S)
        if stream and b"/FlateDecode" in body[: stream.start()]:
            body = body[: stream.start()] + b"stream\n" + zlib.decompressobj().decompress(stream.group(1))
        objects[int(match.group(1))] = body
    for container, body in list(objects.items()):
        if b"/Type /ObjStm" in body:  # PDF 1.5+: "number offset" pairs, then the objects
            del objects[container]
            first = int(re.search(rb"/First (\d+)", body).group(1))
            data = body.split(b"stream\n", 1)[1]
            header = [int(n) for n in data[:first].split()]
            pairs = list(zip(header[::2], header[1::2], strict=True))
            for index, (number, offset) in enumerate(pairs):
                end = pairs[index + 1][1] if index + 1 < len(pairs) else len(data) - first
                objects[number] = data[first + offset : first + end]
    return objects


def pdf_text(pdf: bytes) -> str:
    """Every string the PDF shows, decoded through the ToUnicode map of its font (what copy-paste gives)."""
    objects = _objects(pdf)
    cmaps: dict[int, dict[int, str]] = {}
    for number, body in objects.items():
        if reference := re.search(rb"/ToUnicode (\d+) 0 R", body):
            bfchars = objects[int(reference.group(1))].split(b"beginbfchar", 1)[-1]
            cmaps[number] = {
                int(gid, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
                for gid, text in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", bfchars)
            }
    names: dict[bytes, int] = {}  # resource name (/f-0-0) → font object
    for body in objects.values():
        blocks = re.findall(rb"/Font\s*<<(.*?)>>", body, re.S)
        blocks += [objects.get(int(number), b"") for number in re.findall(rb"/Font (\d+) 0 R", body)]
        for block in blocks:
            names.update((name, int(number)) for name, number in re.findall(rb"/([^\s/<>]+)\s+(\d+) 0 R", block))
    text = []
    for body in objects.values():
        if not re.search(rb"\bBT\b", body):
            continue
        cmap: dict[int, str] = {}
        for token in re.finditer(rb"/([^\s/]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]+)>", body):
            if token.group(1):
                cmap = cmaps.get(names.get(token.group(1)), {})
            elif cmap:
                hexes = token.group(2).decode()
                text.extend(cmap.get(int(hexes[i : i + 4], 16), "") for i in range(0, len(hexes), 4))
    return "".join(text)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- The tests ------------------------------------------------------------------------------------


def test_every_page_is_a4(rendered):
    pdf, document = rendered
    media_boxes = [
        match
        for body in _objects(pdf).values()
        if re.search(rb"/Type\s*/Page\b", body)
        for match in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", body)
    ]
    assert len(media_boxes) == len(document.pages) >= 2  # the long comment runs onto a second page
    for width, height in media_boxes:
        assert (round(float(width), 1), round(float(height), 1)) == (round(A4_POINTS[0], 1), round(A4_POINTS[1], 1))


def test_no_box_is_wider_than_the_page_content_area(rendered):
    _pdf, document = rendered
    for page in document.pages:
        page_box = page._page_box
        left = page_box.content_box_x()
        right = left + page_box.width
        for box in page_box.descendants():
            if isinstance(box, boxes.PageBox | boxes.MarginBox) or not isinstance(getattr(box, "width", None), int | float):
                continue
            assert box.position_x >= left - 0.01, box
            assert box.position_x + box.margin_width() <= right + 0.01, (box, getattr(box, "text", ""))


def _text_boxes(document):
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            if isinstance(box, boxes.TextBox):
                yield number, box


def _lines_of(document, text: str) -> set[tuple[int, int]]:
    """(page, y) of the lines showing pieces of `text` (as drawn: sara am written out)."""
    drawn = decompose_sara_am(text)
    return {(n, round(box.position_y)) for n, box in _text_boxes(document) if len(box.text.strip()) > 3 and box.text.strip() in drawn}


def test_long_thai_text_and_urls_wrap_inside_their_cells(rendered, submitted_page):
    _pdf, document = rendered
    assert len(_lines_of(document, TITLE)) >= 2  # the subject: Thai words broken between words
    assert len(_lines_of(document, LONG_LINK)) >= 2  # a URL without a single space, in the head's comment
    link = uri_to_iri(submitted_page.full_url)
    assert SLUG in link and len(_lines_of(document, link)) >= 2  # the page's own link, a long Thai slug, read as Thai


def test_the_table_header_is_printed_again_on_the_next_page(rendered):
    _pdf, document = rendered
    header_pages = {n for n, box in _text_boxes(document) if box.text.strip() == "รายละเอียด"}
    assert header_pages == set(range(len(document.pages)))


def test_text_is_extractable_as_thai_not_an_image(rendered):
    pdf, _document = rendered
    assert not any(b"/Subtype /Image" in body for body in _objects(pdf).values())  # text, not a picture of it
    text = _compact(pdf_text(pdf))
    # Every "า" copies as "า" and "ำ" as its two characters: no "มหำวิทยำลัย".
    assert "มหาวิทยาลัยราชภัฏเพชรบูรณ์" in text
    assert _compact(decompose_sara_am("แบบฟอร์มการขอเผยแพร่ข้อมูลบนเว็บไซต์มหาวิทยาลัย")) in text
    assert _compact(decompose_sara_am("สำนักวิทยบริการและเทคโนโลยีสารสนเทศ")) in text
    assert "หล่มสัก" in text and "drive.google.com" in text
    assert "นิทานพื้นบ้าน-เพลงกล่อมเด็ก" in text and "%E0%B8" not in text  # the Thai slug of the link, not %-escapes
    if pdftotext := shutil.which("pdftotext"):  # poppler's reading agrees, where it is installed
        # pdftotext with fixed arguments, reading the PDF we just made.
        extracted = subprocess.run([pdftotext, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()  # noqa: S603
        assert "มหาวิทยาลัยราชภัฏเพชรบูรณ์" in _compact(extracted)


def test_the_pdf_embeds_thai_fonts(rendered):
    pdf, _document = rendered
    fonts = {font for body in _objects(pdf).values() for font in re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([\w-]+)", body)}
    assert fonts & {b"SarabunThai", b"Laksaman", b"Garuda", b"Loma"}, fonts
