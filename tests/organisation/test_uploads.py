"""Every upload is checked by its content, on every path, through the real admin URLs (issue 13).

The attacker's report: Wagtail's document upload took a Windows program named `setup.pdf` from a unit
editor and served it to anyone at `/documents/…`; a 30000×30000 PNG as a letter file gave HTTP 500 and
lost the typed form; deleting a letter's document gave HTTP 500 (`ProtectedError`).

The matrix: each kind of file (made in `tests/files.py`) × each upload path × who downloads it. A refused
file leaves nothing stored and comes back as a Thai error on the form, with what was typed; an accepted
one downloads intact, except public images, which come back re-encoded without EXIF (GPS) and upright.
"""

from __future__ import annotations

import html
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

from publication.letters.models import ExternalRequest, ExternalRequestAttachment
from tests import files
from tests.letters.test_external_requests import letter_form

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()

TYPED_TITLE = "ประกาศรับสมัครนักศึกษาใหม่ ภาคเรียนที่ 1/2570"
TYPED_LETTER = "พช 0017.2/ว 1021"


def oversized_pdf() -> bytes:
    """A real PDF padded past WAGTAILDOCS_MAX_UPLOAD_SIZE (the same 10 MB as images and letters)."""
    pdf = files.small_pdf()
    padding = b"%" + b"0" * (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1 - len(pdf)) + b"\n"
    return pdf[:9] + padding + pdf[9:]


@dataclass(frozen=True)
class Kind:
    name: str
    make: Callable[[], bytes]
    #: A Thai fragment of the refusal for what the file is; where its extension is not taken at all, the
    #: path says so instead, unless the file is refused whatever its name (`first`: a program, too large).
    refusal: str | None = None
    image: bool = False
    first: bool = False


KINDS = {
    "pdf": Kind("ประกาศรับสมัคร.pdf", files.small_pdf),
    "docx": Kind("คำสั่งแต่งตั้งกรรมการ.docx", files.docx),
    "png": Kind("แผนผังอาคาร.png", files.png, image=True),
    "jpeg-gps": Kind("ภาพกิจกรรมวันไหว้ครู.jpg", files.jpeg_with_gps, image=True),
    "exe-as-pdf": Kind("setup.pdf", files.windows_exe, "เป็นโปรแกรม", first=True),
    "elf-as-docx": Kind("รายงานประจำปี.docx", files.linux_elf, "เป็นโปรแกรม", first=True),
    "html-as-pdf": Kind("ผลสอบ.pdf", files.html_page, "โค้ดหน้าเว็บ"),
    "svg-script-as-png": Kind("ตราสัญลักษณ์.png", files.svg_with_script, "โค้ดหน้าเว็บ"),
    "pdf-zip-polyglot": Kind("คู่มือนักศึกษา.pdf", files.pdf_zip_polyglot, "ไฟล์อื่นซ่อนอยู่"),
    "docx-with-macros": Kind("แบบฟอร์มลา.docx", lambda: files.docx(macros=True), "มีแมโคร"),
    "pixel-bomb": Kind("ภาพมุมสูงมหาวิทยาลัย.png", files.pixel_bomb_png, "พิกเซล"),
    "oversized": Kind("รายงานการประชุม.pdf", oversized_pdf, "เกินกำหนด", first=True),
}
#: The Thai words of "this type is not accepted here" (a PDF offered as an image, a Word file as a letter).
WRONG_PLACE = "ระบบไม่รับไฟล์ชนิด"


def shown(response) -> str:
    """What a response shows: JSON decoded (Thai not \\u-escaped), HTML entities decoded."""
    text = response.content.decode()
    if "json" in response.get("Content-Type", ""):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return html.unescape(text)


def downloaded(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def stored_files() -> set[str]:
    root = settings.MEDIA_ROOT
    return {os.path.relpath(os.path.join(folder, name), root) for folder, _dirs, names in os.walk(root) for name in names}


def no_gps(data: bytes) -> bool:
    with PILImage.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return not exif and 0x8825 not in exif and b"PCRU Camera" not in data


# --- The upload paths: each posts a file as a real user would and says what was stored ---------------


@dataclass
class Outcome:
    accepted: bool
    shown: str
    stored: object = None  # the Document or Image


def _document_by_title(title: str):
    return Document.objects.filter(title=title).order_by("-pk").first()


def document_add(client, demo, name, data) -> Outcome:
    client.force_login(demo.user("sci_editor"))
    upload = SimpleUploadedFile(name, data)
    form = {"title": TYPED_TITLE, "file": upload, "collection": demo.units["SCI"].collection.pk, "tags": ""}
    response = client.post(reverse("wagtaildocs:add"), form)
    assert response.status_code in (200, 302), response.status_code
    return Outcome(response.status_code == 302, shown(response), _document_by_title(TYPED_TITLE))


def document_multiple(client, demo, name, data) -> Outcome:
    client.force_login(demo.user("sci_editor"))
    form = {"files[]": SimpleUploadedFile(name, data), "collection": demo.units["SCI"].collection.pk}
    response = client.post(reverse("wagtaildocs:add_multiple"), form, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200, response.status_code
    body = response.json()
    return Outcome(body["success"], shown(response), Document.objects.filter(pk=body.get("doc_id")).first())


def document_chooser(client, demo, name, data) -> Outcome:
    client.force_login(demo.user("sci_editor"))
    prefix = "document-chooser-upload-"
    form = {
        prefix + "title": TYPED_TITLE,
        prefix + "file": SimpleUploadedFile(name, data),
        prefix + "collection": demo.units["SCI"].collection.pk,
        prefix + "tags": "",
    }
    response = client.post(reverse("wagtaildocs_chooser:create"), form)
    assert response.status_code == 200, response.status_code
    return Outcome(response.json()["step"] == "chosen", shown(response), _document_by_title(TYPED_TITLE))


def image_add(client, demo, name, data) -> Outcome:
    client.force_login(demo.user("sci_editor"))
    form = {"title": TYPED_TITLE, "file": SimpleUploadedFile(name, data), "collection": demo.units["SCI"].collection.pk, "tags": ""}
    response = client.post(reverse("wagtailimages:add"), form)
    assert response.status_code in (200, 302), response.status_code
    return Outcome(response.status_code == 302, shown(response), Image.objects.filter(title=TYPED_TITLE).first())


def image_multiple(client, demo, name, data) -> Outcome:
    client.force_login(demo.user("sci_editor"))
    form = {"files[]": SimpleUploadedFile(name, data), "collection": demo.units["SCI"].collection.pk}
    response = client.post(reverse("wagtailimages:add_multiple"), form, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200, response.status_code
    body = response.json()
    return Outcome(body["success"], shown(response), Image.objects.filter(pk=body.get("image_id")).first())


def image_chooser(client, demo, name, data) -> Outcome:
    client.force_login(demo.user("sci_editor"))
    prefix = "image-chooser-upload-"
    form = {
        prefix + "title": TYPED_TITLE,
        prefix + "file": SimpleUploadedFile(name, data),
        prefix + "collection": demo.units["SCI"].collection.pk,
        prefix + "tags": "",
    }
    response = client.post(reverse("wagtailimages_chooser:create"), form)
    assert response.status_code == 200, response.status_code
    return Outcome(response.json()["step"] == "chosen", shown(response), Image.objects.filter(title=TYPED_TITLE).first())


def letter_file(client, demo, name, data) -> Outcome:
    client.force_login(demo.user("clerk"))
    response = client.post(reverse("wagtailsnippets_publication_externalrequest:add"), letter_form([SimpleUploadedFile(name, data)]))
    assert response.status_code in (200, 302), response.status_code
    letter = ExternalRequest.objects.filter(letter_number=TYPED_LETTER).first()
    return Outcome(response.status_code == 302, shown(response), letter.attachments.get().document if letter else None)


DOCUMENTS, IMAGES, LETTERS = {"pdf", "docx", "png", "jpg"}, {"png", "jpg"}, {"pdf", "png", "jpg"}
#: path → (upload function, extensions it takes (of those used here), the kinds it accepts, what a refused
#: form must still show as typed: the multiple upload has no form to keep)
PATHS = {
    "document upload": (document_add, DOCUMENTS, {"pdf", "docx", "png", "jpeg-gps"}, TYPED_TITLE),
    "document multiple upload": (document_multiple, DOCUMENTS, {"pdf", "docx", "png", "jpeg-gps"}, None),
    "document chooser upload": (document_chooser, DOCUMENTS, {"pdf", "docx", "png", "jpeg-gps"}, TYPED_TITLE),
    "image upload": (image_add, IMAGES, {"png", "jpeg-gps"}, TYPED_TITLE),
    "image multiple upload": (image_multiple, IMAGES, {"png", "jpeg-gps"}, None),
    "image chooser upload": (image_chooser, IMAGES, {"png", "jpeg-gps"}, TYPED_TITLE),
    "letter file": (letter_file, LETTERS, {"pdf", "png", "jpeg-gps"}, TYPED_LETTER),
}


def _check_refused(key, kind, outcome, extensions, typed, before) -> list[str]:
    problems = []
    taken = kind.name.rsplit(".", 1)[-1] in extensions
    expected = kind.refusal if kind.refusal and (kind.first or taken) else WRONG_PLACE
    if expected not in outcome.shown:
        problems.append(f"{key}: no Thai message “{expected}” in {outcome.shown[:600]!r}")
    if typed and typed not in outcome.shown:
        problems.append(f"{key}: the form lost what was typed ({typed})")
    if stored_files() != before or UploadedFile.objects.exists():
        problems.append(f"{key}: a refused file was stored: {sorted(stored_files() - before)}")
    return problems


def _check_accepted(client, demo, where, key, kind, outcome, original) -> list[str]:
    problems = []
    stored = outcome.stored
    if stored is None:
        return [f"{key}: accepted but nothing stored"]
    with stored.file.open("rb") as handle:
        kept = handle.read()
    public_image = kind.image and where != "letter file"
    if public_image:
        if not no_gps(kept):
            problems.append(f"{key}: EXIF/GPS kept in the stored file")
        with PILImage.open(io.BytesIO(kept)) as image:
            if key == "jpeg-gps" and image.size != (40, 80):  # orientation 6: the 80×40 photo stands upright
                problems.append(f"{key}: orientation lost, stored {image.size}")
    elif kept != original:
        problems.append(f"{key}: the stored file differs from the upload")
    if isinstance(stored, Image):
        return problems
    # Who downloads it: anyone from /documents/… (a letter: nobody outside the central groups), and staff.
    client.logout()
    anonymous = client.get(stored.url)
    if where == "letter file":
        if anonymous.status_code != 403:
            problems.append(f"{key}: anonymous got a letter file ({anonymous.status_code})")
        client.force_login(demo.user("clerk"))
    else:
        if anonymous.status_code != 200 or downloaded(anonymous) != kept:
            problems.append(f"{key}: anonymous download {anonymous.status_code} differs from what was stored")
        client.force_login(demo.user("sci_editor"))
    staff = client.get(stored.url)
    if staff.status_code != 200 or downloaded(staff) != kept:
        problems.append(f"{key}: logged-in download {staff.status_code} differs from what was stored")
    return problems


@pytest.mark.parametrize("where", PATHS)
def test_upload_matrix(client, demo, where):
    """Every kind of file on one upload path: refused with a Thai reason and nothing stored, or stored and
    downloadable (public images without EXIF/GPS). All kinds are tried before failing, to show the table."""
    upload, extensions, accepts, typed = PATHS[where]
    problems = []
    for key, kind in KINDS.items():
        data = kind.make()
        before = stored_files()
        outcome = upload(client, demo, kind.name, data)
        if outcome.accepted != (key in accepts):
            problems.append(f"{key}: {'accepted' if outcome.accepted else 'refused'}: {outcome.shown[:400]!r}")
        elif outcome.accepted:
            problems += _check_accepted(client, demo, where, key, kind, outcome, data)
        else:
            problems += _check_refused(key, kind, outcome, extensions, typed, before)
        # Start the next kind from nothing, so "nothing stored" and titles mean this upload.
        Document.objects.filter(title=TYPED_TITLE).delete()
        Image.objects.filter(title=TYPED_TITLE).delete()
        for letter in ExternalRequest.objects.filter(letter_number=TYPED_LETTER):
            documents = [attachment.document for attachment in letter.attachments.all()]
            letter.delete()
            for document in documents:
                document.delete()
        UploadedFile.objects.all().delete()
    assert not problems, f"{where}:\n" + "\n".join(problems)


# --- Paths around the forms -------------------------------------------------------------------------


def test_multiple_upload_with_another_field_invalid_still_strips_gps(client, demo):
    """Wagtail keeps the raw upload (an `UploadedFile`) when a field other than the file is invalid, and
    saves it after the editor fills the form in: the model's check re-encodes it then."""
    client.force_login(demo.user("sci_editor"))
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": SimpleUploadedFile("ภาพกิจกรรม.jpg", files.jpeg_with_gps()),
            "title": "ภ" * 300,
            "collection": demo.units["SCI"].collection.pk,
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["success"] is True
    upload = UploadedFile.objects.get()
    prefix = f"uploaded-image-{upload.pk}-"
    response = client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload.pk]),
        {prefix + "title": TYPED_TITLE, prefix + "collection": demo.units["SCI"].collection.pk, prefix + "tags": ""},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["success"] is True, response.content.decode()[:2000]
    image = Image.objects.get(title=TYPED_TITLE)
    with image.file.open("rb") as handle:
        assert no_gps(handle.read())
    assert (image.width, image.height) == (40, 80)


def test_replacing_a_documents_file_with_a_program_keeps_the_original(client, demo):
    client.force_login(demo.user("sci_editor"))
    document_add(client, demo, "ประกาศ.pdf", files.small_pdf())
    document = Document.objects.get(title=TYPED_TITLE)
    response = client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "ประกาศฉบับแก้ไข",
            "file": SimpleUploadedFile("ประกาศ.pdf", files.windows_exe()),
            "collection": document.collection_id,
            "tags": "",
        },
    )
    assert response.status_code == 200
    assert "เป็นโปรแกรม" in shown(response) and "ประกาศฉบับแก้ไข" in shown(response)
    document.refresh_from_db()
    with document.file.open("rb") as handle:
        assert handle.read() == files.small_pdf()


def test_the_models_check_files_saved_outside_the_forms(demo):
    """The shell, data loaders and Wagtail's deferred uploads save the models directly."""
    refused = Document(title="setup", collection=demo.units["SCI"].collection)
    refused.file.save("setup.pdf", ContentFile(files.windows_exe()), save=False)
    with pytest.raises(ValidationError) as error:
        refused.save()
    assert error.value.code == "executable"
    assert not Document.objects.filter(title="setup").exists()

    image = Image(title="ภาพกิจกรรม", collection=demo.units["SCI"].collection)
    image.file = ContentFile(files.jpeg_with_gps(), name="ภาพกิจกรรม.jpg")
    image.save()
    with image.file.open("rb") as handle:
        data = handle.read()
    assert no_gps(data) and (image.width, image.height) == (40, 80)
    assert image.file_size == len(data)


# --- Deleting a document a letter keeps -------------------------------------------------------------


@pytest.fixture
def protected_document(client, demo):
    """A document in SCI's collection that a letter's attachment points to (`on_delete=PROTECT`).

    Letter files live in the sealed collection no delete view reaches; this one is where a webmaster
    can delete it, so the database's refusal is what answers."""
    client.force_login(demo.user("clerk"))
    response = client.post(
        reverse("wagtailsnippets_publication_externalrequest:add"),
        letter_form([SimpleUploadedFile("หนังสือ.pdf", files.small_pdf())]),
    )
    assert response.status_code == 302
    letter = ExternalRequest.objects.get(letter_number=TYPED_LETTER)
    document = Document(title="สำเนาหนังสือขอความอนุเคราะห์", collection=demo.units["SCI"].collection)
    document.file.save("copy.pdf", ContentFile(files.small_pdf()), save=False)
    document.save()
    ExternalRequestAttachment.objects.create(request=letter, document=document, original_name="สำเนา.pdf")
    client.force_login(demo.user("webmaster"))
    return document


REFUSED_DELETE = "ลบไม่ได้ เพราะยังมีข้อมูลอื่นที่ต้องใช้รายการนี้อยู่"
LETTER_REASON = "เป็นไฟล์หนังสือราชการจากหน่วยงานภายนอก"


def test_deleting_a_document_a_letter_keeps_is_refused_in_thai(client, protected_document):
    url = reverse("wagtaildocs:delete", args=[protected_document.pk])
    response = client.post(url, headers={"referer": "http://testserver" + url}, follow=True)
    assert response.status_code == 200
    assert REFUSED_DELETE in shown(response) and LETTER_REASON in shown(response)
    assert Document.objects.filter(pk=protected_document.pk).exists()


def test_bulk_and_multiple_delete_of_a_protected_document_are_refused_in_thai(client, protected_document):
    pk = protected_document.pk
    bulk = reverse("wagtail_bulk_action", args=("wagtaildocs", "document", "delete")) + f"?id={pk}"
    response = client.post(bulk, follow=True)
    assert response.status_code == 200 and REFUSED_DELETE in shown(response)
    response = client.post(reverse("wagtaildocs:delete_multiple", args=[pk]), headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 409 and LETTER_REASON in shown(response)
    assert Document.objects.filter(pk=pk).exists()
