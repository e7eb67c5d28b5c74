"""National IDs, phone numbers and bank accounts found in the digit runs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .digits import (
    _CODE_CONTEXT,
    BANK_SEPS,
    BANK_SHAPES,
    ID_SEPS,
    ID_SHAPES,
    PHONE_SEPS,
    PHONE_SHAPES,
    _ean13_ok,
    _Segment,
    _segments,
    thai_id_checksum_ok,
)
from .labels import ACCOUNT_WORD, PHONE_WORD, POS_LABEL, account_label, code_label, letter_number
from .words import _phone_kind, word_phones

__all__ = ["_Number", "_numbers", "word_phones"]


@dataclass(frozen=True)
class _Number:
    kind: str  # id | mobile | landline | bank
    start: int
    end: int
    digits: str  # national form for phones
    org: bool = False  # bank account of an organisation


_AMOUNT_AFTER = re.compile(r"^\s*(?:บาท|ล้าน|พัน|หมื่น|แสน|คน|ครั้ง|ราย|%|เปอร์เซ็นต์|หน่วย|บ\.|baht|THB|views?|ชิ้น|เล่ม|ฉบับ|หน้า)", re.I)
_AMOUNT_BEFORE = re.compile(r"(?:฿|THB|จำนวนเงิน|ยอดเงิน|ยอดรวม|ราคา)\s*$", re.I)
_ORG_ACCOUNT = re.compile(r"ชื่อบัญชี\s*[:：]?\s*\"?(?:มหาวิทยาลัย|คณะ|กองทุน|มูลนิธิ|สำนัก|ชมรม|สมาคม|โครงการ|ศูนย์|กอง|สถาบัน)")


# --- numbers in runs --------------------------------------------------------------
def _intl_start(seg: _Segment, text: str) -> bool:
    """Group 0 starts a number with the country code 66: "+66 81…", "66-81-…", "(66) 81…",
    or glued "66812345678" after a phone word."""
    first = seg.digits(0, 0)
    if seg.intl or first == "66":
        return True
    start = seg.groups[0][0]
    return len(first) == 11 and first.startswith("66") and PHONE_WORD.search(text, max(0, start - 30), start) is not None


def _intl_phone(seg: _Segment, text: str) -> tuple[int, str, str] | None:
    """(last group, national number, kind) of a +66 number at the start of the segment."""
    if not seg.digits(0, 0).startswith("66") or not _intl_start(seg, text):
        return None
    first = seg.digits(0, 0)
    nat = "0"
    for j in range(len(seg.groups)):
        g = seg.digits(j, j)
        if j == 0:
            g = g[2:]
        elif j == 1 and g == "0" and first == "66":
            continue  # +66 (0) 81 …
        nat += g
        if len(nat) > 10:
            return None
        kind = _phone_kind(nat)
        if kind and not seg.intl:  # without "+", a plain phone number: 66 81 234 5678, 66-2-123-4567
            sigs = {(x.kind, x.tight) for x in seg.seps[:j] if x.kind not in ("newline", "paren")}
            if len(sigs) > 1 or sigs - {("space", False), ("dash", True), ("dot", True)} or nat[:2] == "06" and kind == "landline":
                return None
        if kind and j + 1 <= 5:
            right_ok = not (j == len(seg.groups) - 1 and seg.right_taint)
            nxt = seg.seps[j] if j < len(seg.seps) else None
            if right_ok and not (nxt is not None and nxt.tight and nxt.kind in ("dash", "dot")):
                return j, nat, kind
    return None


def _code_context(text: str, start: int) -> bool:
    return _CODE_CONTEXT.search(text, max(0, start - 30), start) is not None or letter_number(text, start)


def _numbers(text: str) -> Iterator[_Number]:
    for seg in _segments(text):
        n = len(seg.groups)
        lo, hi = max(0, seg.groups[0][0] - 80), min(len(text), seg.groups[-1][1] + 40)
        seg.labels = [(m.start(), m.end()) for m in POS_LABEL.finditer(text, lo, hi)]
        i = 0
        intl = _intl_phone(seg, text)
        if intl is not None:
            j, nat, kind = intl
            s = seg.groups[0][0] - (1 if seg.intl else 0)
            if s > 0 and text[s - 1] == "(":
                s -= 1
            end = seg.groups[j][1]
            if end < len(text) and text[end] == ")" and "(" in text[s:end]:
                end += 1
            yield _Number(kind, s, end, nat)
            i = j + 1
        elif seg.intl:
            i = 1
        while i < n:
            found = _at(seg, i, text)
            if found is None:
                i += 1
                continue
            j, number = found
            yield number
            i = j + 1


def _at(seg: _Segment, i: int, text: str) -> tuple[int, _Number] | None:
    """The number that starts at group ``i`` of ``seg``, if any."""
    n = len(seg.groups)
    start = seg.groups[i][0]
    paren_start = start - 1 if start > 0 and text[start - 1] == "(" and i == 0 else start
    id_j = phone_j = -1
    phone_kind = ""
    bank_js: list[int] = []
    digits = ""
    for j in range(i, n):
        gs, ge = seg.groups[j]
        digits += text[gs:ge]
        if len(digits) > 15:
            break
        if (
            len(digits) == 13
            and digits[0] in "12345678"
            and thai_id_checksum_ok(digits)
            and seg.shape_ok(i, j, max_groups=6, strict=True, soft_edges_ok=True, shapes=ID_SHAPES, exotic=ID_SEPS)
        ):
            id_j = j
        if len(digits) in (9, 10) and phone_j < 0:
            kind = _phone_kind(digits)
            if kind and seg.shape_ok(i, j, max_groups=5, strict=False, shapes=PHONE_SHAPES, exotic=PHONE_SEPS):
                phone_j, phone_kind = j, kind
        if (
            10 <= len(digits) <= 15
            and (seg.bank_near(start, ge) or tuple(seg.lens(i, j)) in BANK_SHAPES)
            and seg.shape_ok(i, j, max_groups=5, strict=True, slash=False, shapes=BANK_SHAPES, exotic=BANK_SEPS)
        ):
            bank_js.append(j)
    if id_j >= 0:
        end = seg.groups[id_j][1]
        digits = seg.digits(i, id_j)
        if not _code_context(text, start) and not (digits.startswith("885") and _ean13_ok(digits)):
            return id_j, _Number("id", start, end, digits)
    if bank_js:
        for j in reversed(bank_js):  # the longest labelled window
            bank = _bank(seg, i, j, text)
            if bank is None:
                continue
            looks_phone = phone_j >= 0 and seg.lens(i, j) != [3, 1, 5, 1] and len(bank.digits) in (9, 10)
            near = text[max(0, start - 30) : start]
            if looks_phone and not ACCOUNT_WORD.search(near):
                break
            return j, bank
    if phone_j >= 0 and not _code_context(text, start) and not code_label(text, start):
        end = seg.groups[phone_j][1]
        if paren_start < start and end < len(text):
            start = paren_start
        return phone_j, _Number(phone_kind, start, end, seg.digits(i, phone_j))
    return None


def _bank(seg: _Segment, i: int, j: int, text: str) -> _Number | None:
    start, end = seg.groups[i][0], seg.groups[j][1]
    raw = text[start:end]
    lens = seg.lens(i, j)
    if raw.count(" ") > 4 and max(lens) > 1:
        return None
    if j > i and seg.seps[j - 1].kind == "dot" and lens[-1] == 2:
        return None  # 12345678.90: money
    if _AMOUNT_AFTER.match(text[end : end + 40]) or _AMOUNT_BEFORE.search(text[max(0, start - 20) : start]):
        return None
    label = account_label(text, start, end)
    if label is None:
        # no label at all: the 3-1-5-1 grouping of a Thai account, written with punctuation, is evidence enough
        seps = {s.kind for s in seg.seps[i:j]}
        if tuple(lens) not in BANK_SHAPES or seps <= {"space", "newline", "paren"} or letter_number(text, start):
            return None
    elif not label:
        return None
    org = bool(_ORG_ACCOUNT.search(text[max(0, start - 200) : end + 120]))
    return _Number("bank", start, end, seg.digits(i, j), org)
