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
    r"หลักสูตร|ครุภัณฑ์|รหัสวิชา|รายวิชา|รหัสบัญชี|ผังบัญชี",
    re.I,
)
_URLISH = re.compile(r"://|www\.|[A-Za-z0-9-]\.[A-Za-z]{2,}(?:\.[A-Za-z]{2,})?/|[?&=]", re.I)
_URL_TAIL = re.compile(r"[./?#][A-Za-z]")


# --- runs of digit groups -------------------------------------------------------
_RUN_RE = re.compile(r"[0-9]+(?:[ \t\r\n\-./()]{1,6}[0-9]+)*")
_SEP_KIND = {"-": "dash", ".": "dot", "/": "slash"}
_NEUTRAL = ("newline", "paren")
_LEFT_TAINT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_=#@%&?\\/+")
_RIGHT_TAINT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_@%")


@dataclass(frozen=True)
class _Sep:
    kind: str  # space | dash | dot | slash | newline | paren
    tight: bool  # a dash/dot/slash with no space or bracket around it (a line break is fine)
    raw: str


def _sep(raw: str) -> _Sep | None:
    """What joins two digit groups, or None when it breaks the run."""
    if raw.count("\n") > 1 or raw.count("(") + raw.count(")") > 2:
        return None
    paren = "(" in raw or ")" in raw
    core = "".join(ch for ch in raw if ch not in " \t\r\n()")
    if len(core) > 1:
        return None
    if core:
        return _Sep(_SEP_KIND[core], raw.replace("\r", "").replace("\n", "") == core, raw)  # "-\n" is tight
    if paren:
        return _Sep("paren", False, raw)
    if "\n" in raw:
        return _Sep("newline", False, raw)
    if len(raw) > 3:
        return None
    return _Sep("space", False, raw)


@dataclass
class _Segment:
    text: str  # the canonical text
    groups: list[tuple[int, int]]  # digit groups, offsets into text
    seps: list[_Sep]  # seps[k] joins groups[k] and groups[k + 1]
    left_taint: bool  # glued to a code or URL on the left: no window may start at group 0
    right_taint: bool  # glued on the right: no window may end at the last group
    intl: bool  # preceded by "+": group 0 starts a +66 number
    left_soft: bool = False  # the left taint is only "word-" (a slug like pid-1103…): a checksummed ID may start there
    right_soft: bool = False  # the right taint is only a file extension (….pdf): a checksummed ID may end there
    labels: list[tuple[int, int]] = field(default_factory=list)  # bank words near the segment

    def bank_near(self, start: int, end: int) -> bool:
        return any(start - 80 <= e <= start or end <= b <= end + 40 for b, e in self.labels)

    def digits(self, i: int, j: int) -> str:
        return "".join(self.text[s:e] for s, e in self.groups[i : j + 1])

    def lens(self, i: int, j: int) -> list[int]:
        return [e - s for s, e in self.groups[i : j + 1]]

    def shape_ok(self, i: int, j: int, *, max_groups: int, strict: bool, slash: bool = True, soft_edges_ok: bool = False) -> bool:
        """One kind of separator inside; unusual groupings are the whole stretch of it."""
        if i == 0 and self.left_taint and not (soft_edges_ok and self.left_soft):
            return False
        if j == len(self.groups) - 1 and self.right_taint and not (soft_edges_ok and self.right_soft):
            return False
        inner = self.seps[i:j]
        kinds = {s.kind for s in inner if s.kind not in _NEUTRAL}
        tights = {s.tight for s in inner if s.kind not in _NEUTRAL}
        if len(kinds) > 1 or len(tights) > 1:
            return False
        kind = kinds.pop() if kinds else None
        if kind == "slash" and not slash:
            return False
        lens = self.lens(i, j)
        n = j - i + 1
        by_digit = n > 1 and max(lens) == 1
        if n > max_groups and not by_digit:
            return False
        if n >= 4 and max(lens) <= 2 and not by_digit:
            return False  # 08 12 34 56 78: a list of small numbers
        ragged = n > 3 or by_digit
        tight = all(s.tight for s in inner if s.kind not in _NEUTRAL)
        for nb in (self.seps[i - 1] if i > 0 else None, self.seps[j] if j < len(self.seps) else None):
            if nb is None or nb.kind in _NEUTRAL:
                continue
            if kind is None:
                if nb.tight and (nb.kind in ("dash", "dot") or (strict and nb.kind == "slash")):
                    return False
            elif nb.kind == kind:
                if kind == "space":
                    if ragged or strict:
                        return False
                elif nb.tight == tight:
                    return False
        return True


def _segments(text: str) -> Iterator[_Segment]:
    for m in _RUN_RE.finditer(text):
        s, e = m.span()
        if e - s < 9:
            continue
        before = text[s - 1] if s else ""
        after = text[e] if e < len(text) else ""
        lo = max(0, s - 300)
        left = max(text.rfind(" ", lo, s), text.rfind("\n", lo, s), text.rfind("\t", lo, s)) + 1
        if _URLISH.search(text, left, s):
            continue
        # "….pdf", "….html": a file name (public text too), not a URL: only a checksummed ID may end there.
        file_tail = _URL_TAIL.match(text, e) is not None
        left_soft = before == "-" and s > 1 and text[s - 2].isalnum()
        left_taint = before in _LEFT_TAINT or left_soft
        intl = before == "+"
        right_taint = (after in _RIGHT_TAINT if after else False) or file_tail
        groups: list[tuple[int, int]] = []
        seps: list[_Sep] = []
        first = True
        for g in re.finditer(r"[0-9]+", text[s:e]):
            gs, ge = s + g.start(), s + g.end()
            if groups:
                sep = _sep(text[groups[-1][1] : gs])
                if sep is None:
                    yield _Segment(text, groups, seps, left_taint and first, False, intl and first, left_soft and first)
                    first = False
                    groups, seps = [], []
                else:
                    seps.append(sep)
            groups.append((gs, ge))
        right_soft = file_tail and not (after in _RIGHT_TAINT if after else False)
        yield _Segment(text, groups, seps, left_taint and first, right_taint, intl and first, left_soft and first, right_soft)
