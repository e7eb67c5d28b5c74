"""Records that leave the system and must audit well: spreadsheet exports (CSV/XLSX) and PDF text.

Every admin listing that exports (the publication register, letters, rights requests, social posts,
units, the outbox) uses `ThaiSpreadsheetExportMixin`, directly on a report view or through
`ThaiExportViewSetMixin` on a viewset. It changes what Wagtail's `SpreadsheetExportMixin` writes:

- CSV starts with a UTF-8 byte order mark, so Excel on Windows reads the Thai as Thai (without it
  Excel guesses the ANSI code page, TIS-620/cp874 or cp1252, and shows mojibake);
- date-times are in Asia/Bangkok whatever the downloader's own time-zone setting (Wagtail writes
  UTC): in CSV as Thai text with Buddhist-era years, "29 พ.ย. 2569 14:05", through the project's
  `thai_date` helper; in XLSX as real date cells (see `XLSX_DATETIME_FORMAT` for why);
- choice codes are written as their (Thai) labels, booleans as ใช่/ไม่ใช่, users by their full names,
  None as an empty cell; a dotted path through an empty relation (a record whose unit was deleted) is
  an empty cell instead of a crash;
- headings are the viewset's `export_headings` (gettext), else the model field's verbose name (also
  gettext), so a heading is never a raw field name;
- a CSV value that Excel would run as a formula (=, +, -, @) is written with a leading apostrophe.

This module sits in `organisation`, the lowest app, so that every app may import it.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.coreutils import multigetattr

from publication.organisation.templatetags.thai_dates import thai_date

#: Exports state times as the university keeps them, not as the server (UTC) or the downloader sees them.
BANGKOK = ZoneInfo("Asia/Bangkok")

#: thai_strftime formats of the CSV text: "29 พ.ย. 2569 14:05" and "29 พ.ย. 2569".
CSV_DATETIME_FORMAT = "%-d %b %Y %H:%M"
CSV_DATE_FORMAT = "%-d %b %Y"

#: XLSX date cells hold real dates (Excel serial numbers), so Excel users sort and filter by date and
#: compute with them; Thai text would sort "1 ม.ค." before "2 ก.พ." before "29 พ.ย." whatever the year.
#: The number format shows them the Thai way: locale 041E (Thai) with calendar 07 (Thai Buddhist)
#: and Western digits (the leading 1), i.e. "29 พ.ย. 2569 14:05" in Excel and LibreOffice, the same
#: text as the CSV. The numeric LCID form is the one every Excel since 2007 and LibreOffice read;
#: newer Excel shows it as [$-th-TH,107].
XLSX_DATETIME_FORMAT = "[$-107041E]d mmm yyyy hh:mm"
XLSX_DATE_FORMAT = "[$-107041E]d mmm yyyy"

#: Characters that make Excel treat a CSV cell as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

#: Control characters that XLSX (XML 1.0) cannot hold; openpyxl raises on them.
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def in_bangkok(value: datetime.datetime) -> datetime.datetime:
    """A naive datetime of Bangkok's wall clock; an aware `value` is converted, a naive one is kept."""
    return timezone.make_naive(value, BANGKOK) if timezone.is_aware(value) else value


def thai_datetime_text(value: datetime.datetime) -> str:
    """'29 พ.ย. 2569 14:05': Bangkok time, Buddhist-era year (through the `thai_date` helper)."""
    return thai_date(in_bangkok(value), CSV_DATETIME_FORMAT)


def thai_date_text(value: datetime.date) -> str:
    """'29 พ.ย. 2569' (Buddhist-era year)."""
    return thai_date(value, CSV_DATE_FORMAT)


def model_field_for_path(model: type[models.Model] | None, path: str) -> models.Field | None:
    """The model field a dotted export path ends on (`unit.kind` → Unit.kind), or None.

    Returns None when a step is not a field (a property, a method, an annotation).
    """
    field = None
    for bit in path.split("."):
        if model is None:
            return None
        try:
            field = model._meta.get_field(bit)
        except FieldDoesNotExist:
            return None
        model = field.related_model if field.is_relation else None
    return field


def lookup(item: Any, path: str) -> Any:
    """`multigetattr` that stops at an empty relation: `record.unit.name_th` with no unit is None."""
    current = item
    for bit in path.split("."):
        if current is None:
            return None
        current = multigetattr(current, bit)
    return current


def person_name(user: AbstractBaseUser) -> str:
    """A user as people read them in a record: the full name, else the username."""
    full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full_name or user.get_username()


def display_value(value: Any, field: models.Field | None = None) -> Any:
    """What a reader of the export should see for `value` (of model field `field`, if known).

    None → ""; a choice code → its label; True/False → ใช่/ไม่ใช่; a user → their name; another model
    instance → str(); a lazy translation → its text; a list → "a, b". Dates, datetimes, numbers and
    strings come back unchanged, to be written per format by `ThaiSpreadsheetExportMixin`.
    """
    if value is None:
        return ""
    if field is not None and field.choices and not isinstance(value, list | tuple):
        return force_str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, AbstractBaseUser):
        return person_name(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Promise):
        return force_str(value)
    if isinstance(value, list | tuple | set):
        return ", ".join(force_str(display_value(v)) for v in value)
    return value


def _defuse_formula(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 1 and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _display_width(value: Any) -> int:
    """Columns a value takes in a spreadsheet: Thai vowel and tone marks above/below take none."""
    text = force_str(value)
    return sum(1 for char in text if unicodedata.category(char) != "Mn")


class ThaiSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV/XLSX export, written for Thai readers and auditors (see the module docstring).

    Put it before the view class (`class RegisterView(ThaiSpreadsheetExportMixin, ReportView)`), or
    let `ThaiExportViewSetMixin` do that for a viewset's index view. `list_export`, `export_headings`
    and `export_filename` keep their Wagtail meaning; a per-field `custom_field_preprocess` still wins.
    """

    #: Per value type and format; datetime before date (a datetime is a date).
    custom_value_preprocess = {
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: thai_datetime_text,
            SpreadsheetExportMixin.FORMAT_XLSX: in_bangkok,
        },
        datetime.date: {
            SpreadsheetExportMixin.FORMAT_CSV: thai_date_text,
            SpreadsheetExportMixin.FORMAT_XLSX: None,
        },
        datetime.time: {
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: value.strftime("%H:%M"),
            SpreadsheetExportMixin.FORMAT_XLSX: None,
        },
    }

    #: Widest column of the XLSX, in characters.
    xlsx_max_column_width = 60

    def _export_model(self, queryset=None) -> type[models.Model] | None:
        # A view may export a list of decorated records (the register) rather than a queryset.
        return getattr(queryset, "model", None) or getattr(self, "model", None)

    def export_value(self, item: Any, field: str) -> Any:
        """The value of export column `field` for `item`, as `display_value` shows it."""
        model = item.__class__ if isinstance(item, models.Model) else self._export_model()
        return display_value(lookup(item, field), model_field_for_path(model, field))

    def to_row_dict(self, item) -> OrderedDict:
        return OrderedDict((field, self.export_value(item, field)) for field in self.list_export)

    def get_heading(self, queryset, field) -> str:
        """`export_headings`, else the verbose name of the (first) model field of the path."""
        heading = self.export_headings.get(field)
        if heading:
            return force_str(heading)
        model_field = model_field_for_path(self._export_model(queryset), field.split(".", 1)[0])
        if model_field is not None and hasattr(model_field, "verbose_name"):
            return capfirst(force_str(model_field.verbose_name))
        return super().get_heading(queryset, field)

    # --- CSV -----------------------------------------------------------------------------------

    def stream_csv(self, queryset) -> Iterator[bytes]:
        """Wagtail's CSV lines after a UTF-8 byte order mark (Excel on Windows needs it for Thai)."""
        yield "\ufeff".encode()
        yield from super().stream_csv(queryset)

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {field: _defuse_formula(self.preprocess_field_value(field, value, self.FORMAT_CSV)) for field, value in row_dict.items()}
        )

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    # --- XLSX ----------------------------------------------------------------------------------

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None) -> Iterator:
        """Cells of one row: dates as date cells in the Thai Buddhist-era format, text as text."""
        from openpyxl.cell import WriteOnlyCell

        for field, value in row_dict.items():
            prepared = self.preprocess_field_value(field, value, self.FORMAT_XLSX)
            if isinstance(prepared, str):
                prepared = _ILLEGAL_XLSX.sub("", prepared)
            cell = WriteOnlyCell(worksheet, prepared)
            if cell.data_type == "f":
                cell.data_type = "s"  # text that looks like a formula stays text
            if isinstance(prepared, datetime.datetime):
                cell.number_format = XLSX_DATETIME_FORMAT
            elif isinstance(prepared, datetime.date):
                cell.number_format = XLSX_DATE_FORMAT
            yield cell

    def write_xlsx(self, queryset, output) -> None:
        """One sheet: bold headings on a frozen first row, columns wide enough to read, date cells.

        Dates are written as Excel serial numbers (not ISO strings) for the widest compatibility.
        """
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        workbook = Workbook(write_only=True)
        worksheet = workbook.create_sheet(title=self.get_xlsx_sheet_title(queryset))
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        rows = [self.to_row_dict(item) for item in queryset]

        widths = [_display_width(heading) for heading in headings]
        for row in rows[:500]:
            for index, value in enumerate(row.values()):
                width = 18 if isinstance(value, datetime.date) else _display_width(value)
                widths[index] = max(widths[index], width)
        for index, width in enumerate(widths, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = min(width + 2, self.xlsx_max_column_width)
        worksheet.freeze_panes = "A2"

        bold = Font(bold=True)
        header_cells = []
        for heading in headings:
            cell = WriteOnlyCell(worksheet, heading)
            cell.font = bold
            header_cells.append(cell)
        worksheet.append(header_cells)
        for row in rows:
            worksheet.append(self.generate_xlsx_row(worksheet, row))
        workbook.save(output)

    def get_xlsx_sheet_title(self, queryset) -> str:
        """The model's plural name, as Excel allows a sheet title (31 characters, no []:*?/\\)."""
        model = self._export_model(queryset)
        title = force_str(model._meta.verbose_name_plural) if model is not None else ""
        title = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31]
        return title or "Sheet1"


def thai_export(view_class: type) -> type:
    """`view_class` with `ThaiSpreadsheetExportMixin` in front (once); other classes unchanged."""
    if not issubclass(view_class, SpreadsheetExportMixin) or issubclass(view_class, ThaiSpreadsheetExportMixin):
        return view_class
    return type(f"Thai{view_class.__name__}", (ThaiSpreadsheetExportMixin, view_class), {"__module__": __name__})


class ThaiExportViewSetMixin:
    """For a `ModelViewSet`/`SnippetViewSet`: its exporting views write `ThaiSpreadsheetExportMixin` files.

    Put it first: `class UnitViewSet(ThaiExportViewSetMixin, SnippetViewSet)`. Like
    `UnitScopedSnippetViewSet`, it works in `construct_view`, so the index view and its results view
    (and any exporting view a Wagtail upgrade adds) are covered whatever `index_view_class` is.
    """

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(thai_export(view_class), **kwargs)


def decompose_sara_am(text: str) -> str:
    """Text whose SARA AM (ำ) is written as NIKHAHIT + SARA AA, for PDFs made by WeasyPrint.

    HarfBuzz draws ำ as two glyphs, the nikhahit and the sara aa, and WeasyPrint maps each glyph to
    the text it was first drawn for: after "สำนัก" every "า" of the PDF copies as "ำ" ("มหำวิทยำลัย"),
    or the other way round. Written as the two characters (the nikhahit before a tone mark, where
    HarfBuzz puts it), the page looks exactly the same and both copy as text: "สํานัก", which NFKC
    normalisation makes "สำนัก" again. Works on HTML as well as text.
    """
    return re.sub(r"([\u0E48-\u0E4B]*)\u0E33", "\u0e4d\\1\u0e32", text)


__all__ = [
    "BANGKOK",
    "ThaiExportViewSetMixin",
    "ThaiSpreadsheetExportMixin",
    "decompose_sara_am",
    "display_value",
    "thai_date_text",
    "thai_datetime_text",
    "thai_export",
]
