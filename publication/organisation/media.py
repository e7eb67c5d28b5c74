"""Wagtail's documents and images pass the content checker (`uploads`) on every way in (issue 13).

- Forms: WAGTAILDOCS_DOCUMENT_FORM_BASE and WAGTAILIMAGES_IMAGE_FORM_BASE name the forms below, and
  Wagtail builds every form that takes a file from them: add, edit (replacing the file), the chooser's
  upload tab and the multiple upload (`/admin/documents/multiple/add/`, `/admin/images/multiple/add/`).
  A refused file is a Thai error on the file field (a JSON error in the multiple upload), the rest of
  the form as typed, nothing stored. An accepted image (also one uploaded as a document, served at
  `/documents/…`) is re-encoded without its metadata before it is stored.
- The model: `check_stored_file`, connected to `pre_save` of both models (`signal_handlers`), checks and
  re-encodes a new file that did not come through those forms: the multiple upload keeps the raw file
  of an upload whose *other* fields were invalid and saves it later, and the shell and data loaders
  save models directly. A file the forms already handled is marked and not processed twice.

Files registered private (`register_private_files`: P1.4's letters, kept as evidence and never served
publicly) are checked but keep their bytes.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.utils.file import hash_filelike

from .uploads import IMAGE_KINDS, Limits, check_upload, document_limits, image_limits, read_upload, strip_image_metadata

#: Set on an upload the forms have checked (and re-encoded if it is an image).
_CHECKED = "_pcru_upload_checked"

_private_tests: list[Callable[[object], bool]] = []


def register_private_files(test: Callable[[object], bool]) -> None:
    """Documents for which `test(document)` is true are never served publicly and keep their bytes
    as uploaded (they are still checked); `publication.letters` registers its letters in `ready()`."""
    if test not in _private_tests:
        _private_tests.append(test)


def is_private_file(instance) -> bool:
    return any(test(instance) for test in _private_tests)


def checked_upload(upload: UploadedFile, limits: Limits, *, keep_bytes: bool = False) -> UploadedFile:
    """`upload` after `check_upload`; an image comes back re-encoded without metadata unless `keep_bytes`.

    Raises the checker's ValidationError. The upload is never read past `limits.max_bytes`.
    """
    data = read_upload(upload, limits)
    kind = check_upload(data, upload.name, limits)
    if kind in IMAGE_KINDS and not keep_bytes:
        upload = SimpleUploadedFile(upload.name, strip_image_metadata(data, upload.name), upload.content_type)
    setattr(upload, _CHECKED, True)
    return upload


class CheckedFileFieldMixin:
    """The checker runs first, on the raw upload, so a pixel bomb or a renamed program is named as such
    before Wagtail's own checks (Willow would open the image) see it."""

    limits: Callable[[], Limits]

    def to_python(self, data):
        if isinstance(data, UploadedFile) and not getattr(data, _CHECKED, False):
            data = checked_upload(data, type(self).limits())
        return super().to_python(data)


class CheckedDocumentField(CheckedFileFieldMixin, WagtailDocumentField):
    limits = staticmethod(document_limits)


class CheckedImageField(CheckedFileFieldMixin, WagtailImageField):
    limits = staticmethod(image_limits)


def _swap_file_field(form, field_class) -> None:
    """Wagtail builds the file field itself (`formfield_for_dbfield`); give it ours, with the same widget."""
    field = form.fields.get("file")
    if field is None or isinstance(field, field_class):
        return
    checked = field_class(label=field.label, required=field.required, widget=field.widget)
    checked.help_text = field.help_text or checked.help_text
    form.fields["file"] = checked


class CheckedDocumentForm(BaseDocumentForm):
    """WAGTAILDOCS_DOCUMENT_FORM_BASE: Wagtail's document form with the content checker on the file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _swap_file_field(self, CheckedDocumentField)


class CheckedImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: Wagtail's image form with the content checker on the file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _swap_file_field(self, CheckedImageField)


# --- The model: what did not come through the forms ----------------------------------------------------


def _new_file(instance, update_fields) -> bool:
    field_file = instance.file
    if not field_file or (update_fields is not None and "file" not in update_fields):
        return False
    if not getattr(field_file, "_committed", True) or instance.pk is None:
        return True
    stored = type(instance)._default_manager.filter(pk=instance.pk).values_list("file", flat=True).first()
    return stored != field_file.name


def check_stored_file(instance, limits: Limits, update_fields=None) -> None:
    """Check (and for a public image, re-encode) a document's or image's new file before its row is written.

    Raises the checker's ValidationError. A file already in storage (saved before the row, as the
    multiple upload and the letters do) is replaced by its re-encoded bytes; a refused one is deleted.
    """
    if not _new_file(instance, update_fields):
        return
    field_file = instance.file
    pending = getattr(field_file, "_committed", True) is False
    if pending and getattr(field_file.file, _CHECKED, False):
        return
    field_file.open("rb")
    try:
        data = field_file.read()
    finally:
        if pending:
            field_file.seek(0)
        else:
            field_file.close()
    name = os.path.basename(field_file.name)
    try:
        kind = check_upload(data, name, limits)
        if kind not in IMAGE_KINDS or is_private_file(instance):
            return
        cleaned = strip_image_metadata(data, name)
    except ValidationError:
        if not pending and instance.pk is None:
            field_file.storage.delete(field_file.name)  # stored moments ago for this row only
        raise
    if not pending:
        field_file.storage.delete(field_file.name)
    field_file.save(name, SimpleUploadedFile(name, cleaned), save=False)
    _refresh_metadata(instance, cleaned)


def _refresh_metadata(instance, data: bytes) -> None:
    instance.file_size = len(data)
    instance.file_hash = hash_filelike(io.BytesIO(data))


def check_stored_document(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """`pre_save` of the document model."""
    if not raw:
        check_stored_file(instance, document_limits(), update_fields)


def check_stored_image(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """`pre_save` of the image model."""
    if not raw:
        check_stored_file(instance, image_limits(), update_fields)
