"""Canonical digits and the runs of digit groups the number rules read (see the package docstring)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

RULE_ID = "personal-data.national-id"
RULE_MOBILE = "personal-data.phone.mobile"
RULE_LANDLINE = "personal-data.phone.landline"
RULE_EMAIL = "personal-data.email"
RULE_BANK = "personal-data.bank-account"
RULE_PASSPORT = "personal-data.passport"


Span = tuple[int, int]


# --- canonical text -----------------------------------------------------------
_LOOKALIKES = "АВЕКМНОРСТХУІЈЅаеорсухіјѕԁһԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοντ"
_LATIN = "ABEKMHOPCTXYIJSaeopcyxijsdhqwABEZHIKMNOPTYXovt"


def _canon_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x80, 0x10000):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if cat == "Nd":
            table[cp] = str(unicodedata.digit(ch))
        elif cat == "Zs":
            table[cp] = " "
        elif cat == "Pd":
            table[cp] = "-"
        elif cat == "Cf" or cp == 0x034F or 0xFE00 <= cp <= 0xFE0F:
            table[cp] = " "
        elif cat in ("Zl", "Zp"):
            table[cp] = "\n"
    for cp in range(0xFF01, 0xFF5F):  # fullwidth ASCII
        table[cp] = chr(cp - 0xFEE0)
    table.update({0x2212: "-", 0x2024: ".", 0x2044: "/", 0x2215: "/", 0xFE52: ".", 0x3002: "."})
    # Bullets and middle dots read as a dot, rules and prolonged-sound marks as a dash, the
    # braille blank as a space; the keycap mark of 1️⃣ (U+20E3) closes its digit like a space.
    table.update(dict.fromkeys(map(ord, "•·・‧∙⋅⸱‣◦"), "."))
    table.update(dict.fromkeys(map(ord, "⁃ー─━⎯˗⁓〜"), "-"))
    table.update({0x2800: " ", 0x20E3: " "})
    # Cyrillic and Greek letters that look Latin (a passport number АА1234567 typed with
    # Cyrillic А): the text layer folds them only inside mostly-Latin words.
    table.update({ord(k): v for k, v in zip(_LOOKALIKES, _LATIN, strict=True)})
    for cp in range(0x1D7CE, 0x1D800):  # mathematical digits
        table[cp] = str(unicodedata.digit(chr(cp)))
    return table


_CANON = _canon_table()
_NEEDS_CANON = re.compile(r"[^\x00-\x7f\u0e00-\u0e4f\u0e5a-\u0e7f]")


def canonical(text: str) -> str:
    """Same-length copy of ``text`` with digits, spaces, dashes and fullwidth forms in ASCII."""
    if _NEEDS_CANON.search(text) is None:
        return text
    return text.translate(_CANON)  # every table entry is one character: same length


# --- national ID helpers -------------------------------------------------------
def thai_id_checksum_ok(digits: str) -> bool:
    if len(digits) != 13 or not digits.isdigit():
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def _ean13_ok(digits: str) -> bool:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == int(digits[12])


# Product, publication and parcel codes: a 13-digit number after these is not a person.
_CODE_CONTEXT = re.compile(
    r"isbn|issn|บาร์โค้ด|barcode|\bean\b|รหัสสินค้า|\bdoi\b|tracking|เลขพัสดุ|หมายเลขพัสดุ|"
    r"หลักสูตร|ครุภัณฑ์|รหัสวิชา|รายวิชา|รหัสบัญชี|ผังบัญชี|\b(?:sku|upc|gtin|order|ref)\b",
    re.I,
)
_URLISH = re.compile(r"://|www\.|[A-Za-z0-9-]\.[A-Za-z]{2,}(?:\.[A-Za-z]{2,})?/|[?&=]", re.I)
_URL_TAIL = re.compile(r"[./?#][A-Za-z]")


# --- runs of digit groups -------------------------------------------------------
_RUN_RE = re.compile(r"[0-9]+(?:[ \t\r\n\-./()_*,|:~]{1,6}[0-9]+)*")
_SEP_KIND = {"-": "dash", ".": "dot", "/": "slash", "_": "under", "*": "star", ",": "comma", "|": "bar", ":": "colon", "~": "tilde"}
_NEUTRAL = ("newline", "paren")
_COMMON = frozenset({"space", "dash", "dot", "slash"})
# Separators allowed (tight, in a standard grouping or digit by digit) per kind of number.
ID_SEPS = frozenset({"under", "star", "comma", "bar", "colon", "tilde"})
PHONE_SEPS = BANK_SEPS = frozenset({"under", "star", "comma", "bar"})
_LEFT_TAINT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_=#@%&?\\/+")
_RIGHT_TAINT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_@%")
# A short label glued before a number ("ID1101…", "ID=…", "#…", "No.…"): only a
# checksummed national ID may start there.
_GLUED_LABEL = re.compile(r"(?:^|[^A-Za-z0-9_./?&=#%@\\-])(?:[A-Za-z]{1,4}[=:#.]?|#)$")
# Standard groupings: with these, a number may mix separators ("081 234-5678").
ID_SHAPES = frozenset({(1, 4, 5, 2, 1)})
PHONE_SHAPES = frozenset({(3, 3, 4), (2, 4, 4), (2, 3, 4), (3, 3, 3)})
BANK_SHAPES = frozenset({(3, 1, 5, 1)})


@dataclass(frozen=True)
class _Sep:
    kind: str  # space | newline | paren | dash | dot | slash | under | star | comma | bar | colon | tilde
    tight: bool  # punctuation with no space or bracket around it (a line break is fine)
    raw: str


def _sep(raw: str) -> _Sep | None:
    """What joins two digit groups, or None when it breaks the run."""
    if raw.count("\n") > 1 or raw.count("(") + raw.count(")") > 2:
        return None
    paren = "(" in raw or ")" in raw
    core = "".join(ch for ch in raw if ch not in " \t\r\n()")
    if len(core) > 3 or len(set(core)) > 1:
        return None  # "--" and "..." are one separator, "-." is not
    if core:
        tight = raw.replace("\r", "").replace("\n", "") == core  # "-\n" is tight
        if core[0] in ",:" and not tight:
            return None  # "1, 2, 3" is a list, "1: 081…" a label
        return _Sep(_SEP_KIND[core[0]], tight, raw)
    if paren:
        return _Sep("paren", False, raw)
    if "\n" in raw:
        return _Sep("newline", False, raw)
    if len(raw) > 4:
        return None
    return _Sep("space", False, raw)


def _thousands(lens: list[int]) -> bool:
    return len(lens) > 1 and 1 <= lens[0] <= 3 and all(n == 3 for n in lens[1:])


@dataclass
class _Segment:
    text: str  # the canonical text
    groups: list[tuple[int, int]]  # digit groups, offsets into text
    seps: list[_Sep]  # seps[k] joins groups[k] and groups[k + 1]
    left_taint: bool  # glued to a code or URL on the left: no window may start at group 0
    right_taint: bool  # glued on the right: no window may end at the last group
    intl: bool  # preceded by "+": group 0 starts a +66 number
    left_soft: bool = False  # the left taint is only "word-" or a short label: a checksummed ID may start there
    right_soft: bool = False  # the right taint is only a file extension (….pdf): a checksummed ID may end there
    labels: list[tuple[int, int]] = field(default_factory=list)  # bank words near the segment

    def bank_near(self, start: int, end: int) -> bool:
        return any(start - 80 <= e <= start or end <= b <= end + 40 for b, e in self.labels)

    def digits(self, i: int, j: int) -> str:
        return "".join(self.text[s:e] for s, e in self.groups[i : j + 1])

    def lens(self, i: int, j: int) -> list[int]:
        return [e - s for s, e in self.groups[i : j + 1]]

    def shape_ok(
        self,
        i: int,
        j: int,
        *,
        max_groups: int,
        strict: bool,
        slash: bool = True,
        soft_edges_ok: bool = False,
        shapes: frozenset[tuple[int, ...]] = frozenset(),
        exotic: frozenset[str] = frozenset(),
    ) -> bool:
        """One kind of separator inside (or a standard grouping, or digit by digit);
        unusual groupings are the whole stretch of their separators."""
        if i == 0 and self.left_taint and not (soft_edges_ok and self.left_soft):
            return False
        if j == len(self.groups) - 1 and self.right_taint and not (soft_edges_ok and self.right_soft):
            return False
        inner = [s for s in self.seps[i:j] if s.kind not in _NEUTRAL]
        sigs = {(s.kind, s.tight) for s in inner}
        kinds = {s.kind for s in inner}
        lens = self.lens(i, j)
        n = j - i + 1
        longer = [x for x in lens if x > 1]
        # 1 1 0 1 …, and nearly so: one group of two or three (08 1 2 3 4 5 6 7 8)
        by_digit = n > 1 and (not longer or (n >= 6 and len(longer) == 1 and longer[0] <= 3))
        standard = tuple(lens) in shapes
        rare = kinds - _COMMON
        if rare and not (rare <= exotic and all(s.tight for s in inner) and (by_digit or standard)):
            return False  # 081_234_5678, 1:1017:00123:45:6 — not 06|5398 | 0000
        if len(sigs) > 1 and not (
            (by_digit and len(kinds) <= 2 and kinds <= {"space", "dash", "dot"})
            or (standard and sigs <= {("space", False), ("dash", True), ("dot", True)})
        ):
            return False  # mixed: 081 234-5678, 1-1017 00123-45-6, 0 8 1 - 2 3 4 - …
        if "slash" in kinds and not slash:
            return False
        if "comma" in kinds and _thousands(lens):
            return False  # 1,234,567,890: an amount
        if n > max_groups and not by_digit:
            return False
        if n >= 4 and max(lens) <= 2 and not by_digit:
            return False  # 08 12 34 56 78: a list of small numbers
        ragged = n > 3 or by_digit
        for nb in (self.seps[i - 1] if i > 0 else None, self.seps[j] if j < len(self.seps) else None):
            if nb is None or nb.kind in _NEUTRAL:
                continue
            if not sigs:
                if nb.tight and (nb.kind in ("dash", "dot", "under") or (strict and nb.kind in ("slash", "colon"))):
                    return False  # glued into a longer code; a comma or bar lists numbers
            elif nb.kind == "space" and "space" in kinds:
                if ragged or strict:
                    return False
            elif (nb.kind, nb.tight) in sigs:
                return False
        return True


def _enumerator(text: str, gs: int, ge: int, raw: str) -> bool:
    """A list number after a space, "… 2371 2) นาง…": it starts the next item (unless a
    bracket is open on the line: "(เลขประจำตัว … 82 5)")."""
    if ge - gs > 2 or text[ge : ge + 1] != ")" or raw.strip(" \t") != "":
        return False
    line = text[max(text.rfind("\n", max(0, gs - 300), gs) + 1, gs - 300) : gs]
    return line.count("(") <= line.count(")")


def _segments(text: str) -> Iterator[_Segment]:
    for m in _RUN_RE.finditer(text):
        s, e = m.span()
        if e - s < 9:
            continue
        before = text[s - 1] if s else ""
        after = text[e] if e < len(text) else ""
        lo = max(0, s - 300)
        left = max(text.rfind(" ", lo, s), text.rfind("\n", lo, s), text.rfind("\t", lo, s)) + 1
        label = before in _LEFT_TAINT and _GLUED_LABEL.search(text, max(lo, s - 6), s) is not None
        if not label and _URLISH.search(text, left, s):
            continue
        # "….pdf", "….html": a file name (public text too), not a URL: only a checksummed ID may end there.
        file_tail = _URL_TAIL.match(text, e) is not None
        left_soft = (before == "-" and s > 1 and text[s - 2].isalnum()) or label
        left_taint = before in _LEFT_TAINT or left_soft
        intl = before == "+"
        right_taint = (after in _RIGHT_TAINT if after else False) or file_tail
        groups: list[tuple[int, int]] = []
        seps: list[_Sep] = []
        first = True
        for g in re.finditer(r"[0-9]+", text[s:e]):
            gs, ge = s + g.start(), s + g.end()
            if groups:
                raw = text[groups[-1][1] : gs]
                sep = None if _enumerator(text, gs, ge, raw) else _sep(raw)
                if sep is None:
                    yield _Segment(text, groups, seps, left_taint and first, False, intl and first, left_soft and first)
                    first = False
                    groups, seps = [], []
                else:
                    seps.append(sep)
            groups.append((gs, ge))
        right_soft = file_tail and not (after in _RIGHT_TAINT if after else False)
        yield _Segment(text, groups, seps, left_taint and first, right_taint, intl and first, left_soft and first, right_soft)
