"""Passport numbers next to a passport word, and machine-readable zones (MRZ) with valid check digits."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...document import Document
from .digits import canonical

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
    r"[A-Z]{1,2}[ \t\-]?\d{6,8}(?:[A-Z](?![A-Za-z]))?"  # AA1234567, E12345678, P1234567A
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

# Machine-readable zones (ICAO 9303): TD3 passports, two lines of 44; TD1 cards, three of 30.
_MRZ_LINE = re.compile(r"(?<![A-Z0-9<])[A-Z0-9<]{28,48}(?![A-Z0-9<])")
_TD3_1 = re.compile(r"P[A-Z<][A-Z<]{3}[A-Z<]{39}")
_TD3_2 = re.compile(r"[A-Z0-9<]{9}[0-9<][A-Z<]{3}[0-9<]{6}[0-9<][MFX<][0-9<]{6}[0-9<][A-Z0-9<]{14}[0-9<][0-9<]")
_TD1_1 = re.compile(r"[ACI][A-Z<][A-Z<]{3}[A-Z0-9<]{9}[0-9<][A-Z0-9<]{15}")
_TD1_2 = re.compile(r"[0-9<]{6}[0-9<][MFX<][0-9<]{6}[0-9<][A-Z<]{3}[A-Z0-9<]{11}[0-9<]")
_TD1_3 = re.compile(r"[A-Z<]{30}")
# A pasted or mistyped zone (a filler too many or too few): the name line and the
# nationality, birth date, sex and expiry of the second line still show what it is.
_LOOSE_TD3_1 = re.compile(r"P[A-Z<][A-Z]{3}[A-Z<]*[A-Z]<<[A-Z][A-Z<]*")
_LOOSE_TD3_2 = re.compile(r"[A-Z0-9<]{8,10}[0-9<][A-Z<]{3}[0-9]{6}[0-9<][MFX<][0-9]{6}[0-9<][A-Z0-9<]*")


def mrz_check_digit(field: str) -> int:
    """ICAO 9303 check digit: weights 7, 3, 1; digits as themselves, A–Z as 10–35, ``<`` as 0."""
    total = 0
    for k, ch in enumerate(field):
        if ch.isdigit():
            v = int(ch)
        elif "A" <= ch <= "Z":
            v = ord(ch) - 55
        else:
            v = 0
        total += v * (7, 3, 1)[k % 3]
    return total % 10


def _ck(field: str, digit: str) -> bool:
    return digit.isdigit() and mrz_check_digit(field) == int(digit)


def _ck_optional(field: str, digit: str) -> bool:
    """An optional field: empty (all ``<``, check digit ``<`` or 0) or a valid check digit."""
    return _ck(field, digit) or (set(field) <= {"<"} and digit in "<0")


def _named(line1: str) -> bool:
    return re.search(r"[A-Z]{2}", line1[5:]) is not None


def td3_valid(line2: str) -> bool:
    """All check digits of a TD3 (passport) second line."""
    if len(line2) != 44:
        return False
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    return (
        _ck(line2[0:9], line2[9])
        and _ck(line2[13:19], line2[19])
        and _ck(line2[21:27], line2[27])
        and _ck_optional(line2[28:42], line2[42])
        and _ck(composite, line2[43])
        and any(ch.isdigit() for ch in line2[0:9])
    )


def td1_valid(line1: str, line2: str) -> bool:
    """All check digits of a TD1 (ID card) first and second lines."""
    if len(line1) != 30 or len(line2) != 30:
        return False
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    return (
        _ck(line1[5:14], line1[14])
        and any(ch.isdigit() for ch in line1[5:14])
        and _ck(line2[0:6], line2[6])
        and _ck(line2[8:14], line2[14])
        and _ck(composite, line2[29])
    )


def mrz_zones(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of machine-readable zones: a TD3 pair (line 1 ``P<…`` with a name
    or a valid line 2), a TD3 second line whose check digits all hold, a TD1 block."""
    if "<" not in text:
        return
    lines = [(m.start(), m.end(), m.group()) for m in _MRZ_LINE.finditer(text)]
    used: set[int] = set()
    for k, (s, e, ln) in enumerate(lines):
        if k in used:
            continue
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        below = nxt[2] if nxt is not None and text[e : nxt[0]].strip() == "" and text.count("\n", e, nxt[0]) <= 1 else ""
        td3_top = len(ln) == 44 and _TD3_1.fullmatch(ln) is not None
        exact_pair = td3_top and len(below) == 44 and _TD3_2.fullmatch(below) and (_named(ln) and "<<" in ln or td3_valid(below))
        loose_pair = (
            36 <= len(ln) <= 48
            and 36 <= len(below) <= 48
            and _LOOSE_TD3_1.fullmatch(ln) is not None
            and _LOOSE_TD3_2.fullmatch(below) is not None
        )
        if exact_pair or loose_pair:
            used.add(k + 1)
            yield s, lines[k + 1][1]
        elif len(ln) == 44 and _TD3_2.fullmatch(ln) and td3_valid(ln):
            yield s, e
        elif (td3_top and "<<" in ln and _named(ln)) or (36 <= len(ln) <= 48 and _LOOSE_TD3_1.fullmatch(ln) and "<<<" in ln):
            yield s, e  # the name line alone
        elif len(ln) == 30 and _TD1_1.fullmatch(ln) and len(below) == 30 and _TD1_2.fullmatch(below) and td1_valid(ln, below):
            end = lines[k + 1][1]
            used.add(k + 1)
            third = lines[k + 2] if k + 2 < len(lines) else None
            if third is not None and len(third[2]) == 30 and _TD1_3.fullmatch(third[2]) and text[end : third[0]].strip() == "":
                end = third[1]
                used.add(k + 2)
            yield s, end


def passports(doc: Document, text: str | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of passport numbers next to a passport word."""
    text = canonical(doc.norm) if text is None else text
    for m in _PASSPORT_RE.finditer(text):
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
