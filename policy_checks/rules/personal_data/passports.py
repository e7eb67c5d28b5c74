"""Passport numbers next to a passport word, and machine-readable zones (MRZ) with valid check digits."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...document import Document
from .digits import canonical
from .mrz import mrz_check_digit, mrz_zones

__all__ = ["mrz_check_digit", "mrz_zones", "passports"]

# --- passports ----------------------------------------------------------------------
# A passport number needs a passport word within 60 characters before it (or 30 after);
# the shapes cover Thai (AA1234567, A1234567) and common foreign numbers: US/UK 9
# digits, China E/G + 8 digits, Japan/Myanmar/Lao/Cambodia letters + 6–8 digits,
# Philippines P1234567A, alphanumeric (German C01X00T47). Machine-readable zones are
# reported wherever they stand.
_PASSPORT_WORDS = re.compile(
    r"หนังสือเดินทาง|พาสปอร์ต|พาสปอต|พาสสปอร์ต|passport|passeport|pasaporte|reisepass|護照|护照|旅券|"
    r"ppt\.? ?no|pp\.? ?no\b|passport\s*(?:no|number|#)",
    re.I,
)
_PASSPORT_RE = re.compile(
    r"(?<![A-Za-z0-9])("
    r"[A-Za-z]{1,2}[ \t\-]?\d{6,8}(?:[A-Z](?![A-Za-z]))?"  # AA1234567, aa1234567, E12345678, P1234567A
    r"|[A-Za-z](?P<sp>[ .\-])(?:[A-Za-z](?P=sp))?\d(?:(?P=sp)\d){5,7}"  # spaced out: A A 1 2 3 4 5 6 7
    r"|\d{8,9}"  # US, UK
    r"|(?=[A-Z0-9]{9}(?![A-Za-z0-9]))(?=(?:[A-Z]*\d){5})[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}"  # German
    r")(?![A-Za-z0-9])"
)
_NOT_PASSPORT = re.compile(
    r"รหัสนักศึกษา|รหัสประจำตัว|รหัสสินค้า|รหัสวิชา|รหัสไปรษณีย์|เที่ยวบิน|เลขพัสดุ|isbn|issn|student\s*id|"
    r"order|flight|tracking|invoice|ใบเสร็จ|โทร|tel\b|phone",
    re.I,
)
_DATE8 = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20|25)\d\d")


def passports(doc: Document, text: str | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of passport numbers next to a passport word."""
    text = canonical(doc.norm) if text is None else text
    spans = [(w.start(), w.end()) for w in _PASSPORT_WORDS.finditer(text)]
    if not spans:
        return
    # only near passport words: a number ends at most 30 characters before one or starts at most 60 after
    lo, hi = max(0, spans[0][0] - 50), spans[0][1] + 80
    windows = []
    for a, b in spans[1:]:
        if a - 50 <= hi:
            hi = b + 80
        else:
            windows.append((lo, hi))
            lo, hi = max(0, a - 50), b + 80
    windows.append((lo, min(hi, len(text))))
    for lo, hi in windows:
        yield from _numbers_near(text, lo, hi)


def _numbers_near(text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    for m in _PASSPORT_RE.finditer(text, lo, hi):
        s, e = m.span(1)
        if s > 0 and text[s - 1] == "<" or text[e : e + 1] == "<":
            continue  # inside a machine-readable zone: reported as the zone
        if _DATE8.fullmatch(m.group(1)):
            continue  # a date (20300115), not a number
        window = text[max(0, s - 60) : s]
        words = [w.end() for w in _PASSPORT_WORDS.finditer(window)]
        if words:
            if _NOT_PASSPORT.search(window, words[-1]):
                continue  # "passport กิจกรรม รหัสนักศึกษา 641234567": a nearer label wins
            yield s, e
        elif _PASSPORT_WORDS.search(text[e : e + 30].split("\n", 1)[0]):
            yield s, e
