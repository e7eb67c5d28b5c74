"""Every uploaded file is judged by its bytes, never by its name (issue 13).

One checker for every way a file enters the site: Wagtail's document and image forms (add, edit,
chooser upload, multiple upload: `media`), the letters of P1.4 (`letters.forms`), and a
`pre_save` backstop on the document and image models for anything else (`media`).

`check_upload(data, name, limits)` returns the file's kind (its canonical extension: "pdf", "docx",
"jpg", "png", "txt", ...) or raises a `ValidationError` whose Thai message names the file and what is
wrong. In order: size; executables (PE/MZ, ELF, Mach-O, a `#!` script) whatever the name; the name's
extension must be allowed; the content is sniffed with `filetype` (the detector Willow, Wagtail's image
library, already uses, so both agree on an image's format), text is recognised here; web-page code
(HTML, SVG, `<script`, `javascript:`, event handlers) is refused; the extension must match the content;
then per kind: a PDF must be complete, an image is opened from its header only and refused above the
pixel limit before anything is decoded (Pillow's decompression-bomb guard included), an OOXML file must
be a ZIP whose `[Content_Types].xml` names its main part and that carries no macros (`vbaProject.bin`),
an ODF file must name its own type; and no binary file may also be a ZIP or carry web-page code
(polyglots).

`strip_image_metadata` re-encodes an image that will be served publicly: EXIF (GPS position, camera,
time: personal data under the PDPA), XMP, IPTC, text chunks and comments are dropped, the EXIF
orientation is applied to the pixels first, the colour profile is kept.
"""

from __future__ import annotations

import io
import logging
import re
import struct
import warnings
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("publication.uploads")

#: Extensions that name the same kind.
_ALIASES = {"jpeg": "jpg", "tif": "tiff", "htm": "html"}
TEXT_KINDS = frozenset({"csv", "txt"})
IMAGE_KINDS = frozenset({"jpg", "png", "gif", "webp", "avif", "heic", "tiff", "bmp"})
#: OOXML: the content type of the main part that [Content_Types].xml must declare.
OOXML_MAIN = {
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
#: OpenDocument: the `mimetype` entry that opens the archive.
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
_ZIP_FAMILY = frozenset({"zip", "epub", *OOXML_MAIN, *ODF_MIMETYPES})
#: A ZIP-based document may unpack to at most this much (a ZIP bomb unpacks to gigabytes).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ARCHIVE_ENTRIES = 5000

_EXECUTABLE_MAGIC = (
    b"MZ",  # DOS/Windows PE
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",  # Mach-O, both byte orders, 32 and 64 bit, and universal binaries
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
_PDF_HEADER = re.compile(rb"%PDF-\d\.\d")
#: Web-page code in a text file, anywhere.
_MARKUP = re.compile(
    rb"<\s*(?:html|script|svg|iframe|object|embed|body|meta|!doctype\s+html)\b"
    rb"|javascript\s*:"
    rb"|<[a-z][^>]*\son[a-z]+\s*=",
    re.IGNORECASE,
)
#: Web-page code at either end of a binary file (HTML after an image header, or appended to a PDF).
_MARKUP_IN_BINARY = re.compile(rb"<\s*(?:html|script|svg|iframe|!doctype\s+html)\b", re.IGNORECASE)
_BINARY_WINDOW = 4096
#: filetype answers these from two or three printable bytes ("BM", "ID3", "%!"): a CSV row can start so.
_WEAK_MAGIC = frozenset({"bmp", "mp3", "ps"})


@dataclass(frozen=True)
class Limits:
    """What one upload path accepts: extensions, bytes per file (None: no limit), pixels per image."""

    allowed: tuple[str, ...]
    max_bytes: int | None
    max_pixels: int | None

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(kind_of_extension(extension) for extension in self.allowed)

    @property
    def allowed_text(self) -> str:
        return ", ".join(sorted({label(kind) for kind in self.kinds}))


def max_image_pixels() -> int | None:
    """Wagtail's WAGTAILIMAGES_MAX_IMAGE_PIXELS (its default, 128 megapixels, when unset)."""
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000)


def document_limits() -> Limits:
    """Wagtail documents: WAGTAILDOCS_EXTENSIONS and WAGTAILDOCS_MAX_UPLOAD_SIZE."""
    allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or ["pdf"]
    return Limits(tuple(allowed), getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None), max_image_pixels())


def image_limits() -> Limits:
    """Wagtail images: WAGTAILIMAGES_EXTENSIONS and WAGTAILIMAGES_MAX_UPLOAD_SIZE."""
    from wagtail.images.utils import get_allowed_image_extensions

    return Limits(
        tuple(get_allowed_image_extensions()),
        getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024),
        max_image_pixels(),
    )


def kind_of_extension(extension: str) -> str:
    extension = extension.lower().lstrip(".")
    return _ALIASES.get(extension, extension)


def extension_of(name: str) -> str:
    """The canonical extension of a file name ("" without one): "Scan.JPEG" → "jpg"."""
    base = (name or "").rsplit("/", 1)[-1]
    return kind_of_extension(base.rsplit(".", 1)[1]) if "." in base else ""


def label(kind: str | None) -> str:
    """A kind as people name it: "jpg" → "JPEG", "pdf" → "PDF"."""
    if not kind:
        return str(_("an unknown type"))
    return {"jpg": "JPEG", "txt": "TXT", "html": "HTML", "text": "TXT"}.get(kind, kind.upper())


def read_upload(upload, limits: Limits) -> bytes:
    """The bytes of an uploaded file (Django's UploadedFile), refused by its size before they are read."""
    if limits.max_bytes is not None and upload.size > limits.max_bytes:
        raise _too_large(upload.name, upload.size, limits)
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _too_large(name: str, size: int, limits: Limits) -> ValidationError:
    message = _("The file “%(name)s” is %(size)s, over the %(limit)s limit. Please make the file smaller, then upload it again")
    return _refuse(message, "too_large", name=name, size=filesizeformat(size), limit=filesizeformat(limits.max_bytes))


def _refuse(message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params)


# --- The checker -------------------------------------------------------------------------------------------


def check_upload(data: bytes, name: str, limits: Limits) -> str:
    """The kind of `data` (canonical extension, e.g. "pdf", "jpg") when `name` may be uploaded under `limits`.

    Raises ValidationError (code: too_large, empty, executable, extension, markup, unknown, mismatch,
    polyglot, corrupt_pdf, corrupt_image, too_many_pixels, corrupt_office, macros, unpacks_too_large),
    its message in Thai naming the file; the log gets the precise reason.
    """
    try:
        return _check(data, name, limits)
    except ValidationError as error:
        logger.info("Upload refused: %r (%d bytes): %s", name, len(data), error.code)
        raise


def _check(data: bytes, name: str, limits: Limits) -> str:
    common = {"name": name, "allowed": limits.allowed_text}
    if limits.max_bytes is not None and len(data) > limits.max_bytes:
        raise _too_large(name, len(data), limits)
    if not data:
        raise _refuse(_("The file “%(name)s” is empty. Please choose the file again"), "empty", **common)
    if is_executable(data):
        message = _(
            "The file “%(name)s” is a program (an executable file), whatever its name, and is not accepted. Accepted types: %(allowed)s"
        )
        raise _refuse(message, "executable", **common)
    extension = extension_of(name)
    if extension not in limits.kinds:
        message = _("Files of type “.%(extension)s” (“%(name)s”) are not accepted here. Accepted types: %(allowed)s")
        raise _refuse(message, "extension", extension=extension, **common)
    actual = sniff(data)
    if actual == "html":
        message = _(
            "The file “%(name)s” contains web-page code (HTML, SVG or a script) that could run in a visitor's "
            "browser, and is not accepted. Accepted types: %(allowed)s"
        )
        raise _refuse(message, "markup", **common)
    if actual is None:
        message = _(
            "The content of “%(name)s” is not a type accepted here (the system checks the file's content, not "
            "its name). Accepted types: %(allowed)s"
        )
        raise _refuse(message, "unknown", **common)
    if not _matches(extension, actual):
        message = _(
            "The file “%(name)s” is named .%(extension)s but its content is %(actual)s (the system checks the "
            "file's content, not its name). Please save it in the right format, then upload it again"
        )
        raise _refuse(message, "mismatch", extension=extension, actual=label(actual), **common)
    if extension in TEXT_KINDS:
        return extension
    _check_not_polyglot(data, extension, common)
    if extension == "pdf":
        _check_pdf(data, common)
    elif extension in IMAGE_KINDS:
        _check_image(data, limits.max_pixels, common)
    elif extension in OOXML_MAIN or extension in ODF_MIMETYPES:
        _check_office(data, extension, common)
    return extension


def is_executable(data: bytes) -> bool:
    """A native program (PE/MZ, ELF, Mach-O) or a script that names its interpreter (`#!`)."""
    return data.startswith(_EXECUTABLE_MAGIC) or data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"#!")


def sniff(data: bytes) -> str | None:
    """The kind the bytes say: a `filetype` extension ("pdf", "png", "docx", "zip", "exe", ...), "text"
    for plain text (UTF-8, UTF-16 with a BOM, or Thai Windows-874), "html" for text with web-page code,
    or None."""
    guessed = filetype.guess_extension(data[:8192])
    if guessed and guessed not in _WEAK_MAGIC:
        return kind_of_extension(guessed)
    text = decode_text(data)
    if text is None:
        return kind_of_extension(guessed) if guessed else None
    return "html" if _MARKUP.search(text.encode("utf-8", "replace")) else "text"


def decode_text(data: bytes) -> str | None:
    """`data` as text, or None for binary data (NUL bytes or control characters outside a BOM'd UTF-16)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    elif b"\x00" in data:
        return None
    else:
        encodings = ("utf-8-sig", "cp874")  # Thai Excel and Notepad still save CSV/TXT as Windows-874
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
        return None if controls > max(2, len(text) // 100) else text
    return None


def _matches(extension: str, actual: str) -> bool:
    if extension in TEXT_KINDS:
        return actual == "text"
    if extension in OOXML_MAIN or extension in ODF_MIMETYPES:
        # filetype names an OOXML file only when its entries come in Office's order; the archive check decides.
        return actual in {"zip", extension}
    return actual == extension


def _check_not_polyglot(data: bytes, extension: str, common: dict) -> None:
    """A binary file that is also a ZIP (a central directory at its end) or carries web-page code at either end."""
    hidden_zip = extension not in _ZIP_FAMILY and _zip_entries(data) is not None
    ends = data[:_BINARY_WINDOW] + b"\n" + data[-_BINARY_WINDOW:]
    if hidden_zip or _MARKUP_IN_BINARY.search(ends):
        message = _(
            "The file “%(name)s” is a %(kind)s with another file hidden inside it (a ZIP archive or web-page code) "
            "and is not accepted. Please save it again from the program that made it, then upload it again"
        )
        raise _refuse(message, "polyglot", kind=label(extension), **common)


def _zip_entries(data: bytes) -> list[zipfile.ZipInfo] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None
    return entries or None


def _check_pdf(data: bytes, common: dict) -> None:
    tail = data[-2048:]
    if not _PDF_HEADER.match(data[:1024].lstrip()) or b"%%EOF" not in tail or b"startxref" not in tail or b"obj" not in data:
        message = _(
            "The file “%(name)s” is a damaged or incomplete PDF (it cannot be opened). Please save it as a PDF again, then upload it again"
        )
        raise _refuse(message, "corrupt_pdf", **common)


def _too_many_pixels(limit: int, common: dict) -> ValidationError:
    message = _(
        "The image “%(name)s” has too many pixels (over %(limit)s megapixels) for the server to process. "
        "Please resize it, e.g. to 4000 pixels on its long side, then upload it again"
    )
    return _refuse(message, "too_many_pixels", limit=f"{limit / 1_000_000:g}", **common)


def _check_image(data: bytes, max_pixels: int | None, common: dict) -> None:
    """Open the header only (Pillow decodes nothing until asked), count pixels, then verify the structure."""
    from PIL import Image, UnidentifiedImageError

    pillow_limit = Image.MAX_IMAGE_PIXELS or 0
    limit = min(filter(None, (max_pixels, pillow_limit))) if (max_pixels or pillow_limit) else None
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                frames = getattr(image, "n_frames", 1)
                if limit is not None and width * height * frames > limit:
                    raise _too_many_pixels(limit, common)
                image.verify()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_many_pixels(limit or pillow_limit, common) from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
            message = _("The image file “%(name)s” is damaged and cannot be opened. Please save or scan it again, then upload it again")
            raise _refuse(message, "corrupt_image", **common) from error


def _check_office(data: bytes, extension: str, common: dict) -> None:
    """OOXML: [Content_Types].xml names the main part, no VBA project; ODF: the `mimetype` entry; neither a ZIP bomb."""
    corrupt = _refuse(
        _(
            "The file “%(name)s” is not a valid %(kind)s document (its parts are missing or damaged). Please save it "
            "again from the office program, then upload it again"
        ),
        "corrupt_office",
        kind=label(extension),
        **common,
    )
    entries = _zip_entries(data)
    if entries is None:
        raise corrupt
    if len(entries) > MAX_ARCHIVE_ENTRIES or sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        message = _(
            "The file “%(name)s” unpacks to more than %(limit)s and is not accepted. Please make the file smaller, then upload it again"
        )
        raise _refuse(message, "unpacks_too_large", limit=filesizeformat(MAX_UNPACKED_BYTES), **common)
    names = {entry.filename: entry for entry in entries}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if extension in OOXML_MAIN:
            types_entry = names.get("[Content_Types].xml")
            declared = archive.read(types_entry)[:1_000_000] if types_entry and types_entry.file_size < 1_000_000 else b""
            macros = any(name.lower().rsplit("/", 1)[-1].startswith("vbaproject") for name in names) or (
                b"macroEnabled" in declared or b"vbaProject" in declared
            )
            valid = OOXML_MAIN[extension] in declared
        else:
            mimetype = names.get("mimetype")
            valid = entries[0].filename == "mimetype" and archive.read(mimetype).strip() == ODF_MIMETYPES[extension]
            macros = any(name.startswith(("Basic/", "Scripts/")) for name in names)
    if macros:
        message = _(
            "The file “%(name)s” contains macros (program code that runs when it is opened) and is not accepted. "
            "Please save it as a %(kind)s document without macros, then upload it again"
        )
        raise _refuse(message, "macros", kind=label(extension), **common)
    if not valid:
        raise corrupt


# --- Public images lose their metadata ---------------------------------------------------------------------

#: What a re-encoded image keeps of Pillow's `info`: colour and animation, nothing about the photo or its maker.
_KEPT_INFO = ("icc_profile", "transparency", "duration", "loop", "background", "disposal")


def strip_image_metadata(data: bytes, name: str = "") -> bytes:
    """The image re-encoded in its own format without EXIF (GPS, camera, time), XMP, IPTC or comments.

    The EXIF orientation is applied to the pixels first, so the picture looks the same; the ICC colour
    profile is kept; animated GIF/WebP/PNG keep their frames. JPEGs are written at quality 90. Call it on
    bytes `check_upload` accepted. Raises ValidationError (code "unprocessable") when Pillow cannot write
    the format back, rather than keep the metadata.
    """
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as source:
            image_format = source.format
            animated = getattr(source, "is_animated", False)
            image = source if animated else ImageOps.exif_transpose(source)
            image.load()
            options = {key: image.info[key] for key in _KEPT_INFO if key in image.info}
            if image_format == "JPEG":
                if image.mode not in ("RGB", "L", "CMYK"):
                    image = image.convert("RGB")
                options.update(quality=90, optimize=True)
            image.info = {}
            output = io.BytesIO()
            image.save(output, format=image_format, save_all=animated, **options)
    except (OSError, ValueError, KeyError, SyntaxError, EOFError) as error:
        logger.warning("Could not re-encode image %r: %s", name, error)
        message = _(
            "The image “%(name)s” could not be processed to remove its hidden data (such as the place it was "
            "taken). Please save it as JPEG or PNG, then upload it again"
        )
        raise _refuse(message, "unprocessable", name=name) from error
    return output.getvalue()
