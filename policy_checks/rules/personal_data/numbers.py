"""National IDs, phone numbers (also in Thai number words) and bank accounts found in the digit runs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .digits import _CODE_CONTEXT, _ean13_ok, _Segment, _segments, thai_id_checksum_ok


@dataclass(frozen=True)
class _Number:
    kind: str  # id | mobile | landline | bank
    start: int
    end: int
    digits: str  # national form for phones
    org: bool = False  # bank account of an organisation


# --- bank accounts: what labels the number ---------------------------------------
# The label nearest to the number decides: a bank word makes it an account, a ledger,
# curriculum, asset, social-media or code label makes it something else.
_NOT_ACCOUNT = (
    r"รหัสบัญชี|ผังบัญชี|บัญชีแยกประเภท|แยกประเภท|การบัญชี|บัญชีบัณฑิต|นักบัญชี|ปีบัญชี|งวดบัญชี|"
    r"บัญชีรายชื่อ|บัญชีราคา|บัญชีครุภัณฑ์|บัญชีวัสดุ|กรมบัญชีกลาง|"
    r"บัญชี\s*(?:ผู้ใช้|โซเชียล|ออนไลน์|ทางการ|อย่างเป็นทางการ|facebook|fb\b|เฟซบุ๊ก|เฟสบุ๊ก|เฟสบุ๊ค|เฟซบุ๊ค|"
    r"line\b|ไลน์|x\b|twitter|ทวิตเตอร์|ig\b|instagram|อินสตาแกรม|tiktok|ติ๊กต็อก|ติ๊กต๊อก|youtube|ยูทูบ|"
    r"google|กูเกิล|e-?mail|อีเมล|zoom|microsoft|telegram|discord)|"
    r"(?:facebook|fb|line|twitter|instagram|ig|tiktok|youtube|google|social(?: media)?|user|e-?mail|zoom)\s+account|"
    r"user\s?(?:name|id)|line\s?id|ไอดีไลน์|ไลน์ไอดี|ชื่อผู้ใช้|รหัสนักศึกษา|รหัสประจำตัว|ผู้เสียภาษี|"
    r"หลักสูตร|รายวิชา|รหัสวิชา|ครุภัณฑ์|ทะเบียนทรัพย์สิน|เลขทะเบียน|isbn|issn|หนังสือที่|เลขที่หนังสือ|"
    r"เลขที่เอกสาร|เลขพัสดุ|tracking|ledger|\bgl\b|asset|course|curriculum|invoice|ใบแจ้งหนี้|ใบเสร็จ"
)
_ACCOUNT = (
    r"ธนาคาร|บัญชี|บช\.|ธ\.(?=\s?[ก-ฮ])|กสิกร|กรุงไทย|ไทยพาณิชย์|กรุงศรี|ออมสิน|ธ\.ก\.ส|ธกส|ทหารไทย|"
    r"ทีทีบี|ยูโอบี|ซีไอเอ็มบี|ธนชาต|เกียรตินาคิน|อาคารสงเคราะห์|ธอส|บัวหลวง|แลนด์\s?แอนด์\s?เฮ้าส์|ทิสโก้|"
    r"ไอซีบีซี|อิสลามแห่งประเทศไทย|พร้อมเพย์|พร้อมเพ|โอนเงิน|โอนเข้า|"
    r"\b(?:promptpay|scb|kbank|k-bank|kasikorn|krungthai|krungsri|ktb|bbl|bay|ttb|gsb|baac|ghb|uob|cimb|kkp|"
    r"tisco|lh ?bank|bank|account|acct|a/c)\b"
)
_POS_LABEL = re.compile(_ACCOUNT, re.I)
_LABEL_RE = re.compile(r"(?P<neg>" + _NOT_ACCOUNT + r")|(?P<pos>" + _ACCOUNT + r")", re.I)
_ACCOUNT_WORD = re.compile(r"บัญชี|account|a/c|acct|บช\.", re.I)
_AMOUNT_AFTER = re.compile(r"^\s*(?:บาท|ล้าน|พัน|หมื่น|แสน|คน|ครั้ง|ราย|%|เปอร์เซ็นต์|หน่วย|บ\.|baht|THB|views?|ชิ้น|เล่ม|ฉบับ|หน้า)", re.I)
_AMOUNT_BEFORE = re.compile(r"(?:฿|THB|จำนวนเงิน|ยอดเงิน|ยอดรวม|ราคา)\s*$", re.I)
_LEDGER_AFTER = re.compile(r"\s*[-–:]?\s*(?:เงินสด|ลูกหนี้|เจ้าหนี้|รายได้|ค่าใช้จ่าย|สินทรัพย์|หนี้สิน|ทุน|เดบิต|เครดิต)")
_ORG_ACCOUNT = re.compile(r"ชื่อบัญชี\s*[:：]?\s*\"?(?:มหาวิทยาลัย|คณะ|กองทุน|มูลนิธิ|สำนัก|ชมรม|สมาคม|โครงการ|ศูนย์|กอง|สถาบัน)")


def _account_label(text: str, start: int, end: int) -> bool:
    """Is the number at ``text[start:end]`` labelled as a bank account?"""
    before = text[max(0, start - 80) : start]
    last = None
    for m in _LABEL_RE.finditer(before):
        last = m
    if last is None:
        last = _LABEL_RE.search(text, end, min(len(text), end + 40))
        if last is None:
            return False
    if last.lastgroup != "pos":
        return False
    # a bare "บัญชี 1101010101 เงินสด" is a ledger line
    return not (last.group() == "บัญชี" and _LEDGER_AFTER.match(text, end))


# --- numbers in runs --------------------------------------------------------------
def _phone_kind(nat: str) -> str:
    if len(nat) == 10 and nat[0] == "0" and nat[1] in "689":
        return "mobile"
    if len(nat) == 9 and nat[0] == "0" and nat[1] in "234567":
        return "landline"
    return ""


def _intl_phone(seg: _Segment) -> tuple[int, str, str] | None:
    """(last group, national number, kind) of a +66 number at the start of the segment."""
    if not seg.intl:
        return None
    first = seg.digits(0, 0)
    if not first.startswith("66"):
        return None
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
        if kind and j + 1 <= 5:
            right_ok = not (j == len(seg.groups) - 1 and seg.right_taint)
            nxt = seg.seps[j] if j < len(seg.seps) else None
            if right_ok and not (nxt is not None and nxt.tight and nxt.kind in ("dash", "dot")):
                return j, nat, kind
    return None


def _code_context(text: str, start: int) -> bool:
    return _CODE_CONTEXT.search(text, max(0, start - 30), start) is not None


def _numbers(text: str) -> Iterator[_Number]:
    for seg in _segments(text):
        n = len(seg.groups)
        lo, hi = max(0, seg.groups[0][0] - 80), min(len(text), seg.groups[-1][1] + 40)
        seg.labels = [(m.start(), m.end()) for m in _POS_LABEL.finditer(text, lo, hi)]
        i = 0
        intl = _intl_phone(seg)
        if intl is not None:
            j, nat, kind = intl
            s = seg.groups[0][0] - 1
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
            and seg.shape_ok(i, j, max_groups=6, strict=True, soft_edges_ok=True)
        ):
            id_j = j
        if len(digits) in (9, 10) and phone_j < 0:
            kind = _phone_kind(digits)
            if kind and seg.shape_ok(i, j, max_groups=5, strict=False):
                phone_j, phone_kind = j, kind
        if 10 <= len(digits) <= 15 and seg.bank_near(start, ge) and seg.shape_ok(i, j, max_groups=5, strict=True, slash=False):
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
            if looks_phone and not _ACCOUNT_WORD.search(near):
                break
            return j, bank
    if phone_j >= 0 and not _code_context(text, start):
        end = seg.groups[phone_j][1]
        if paren_start < start and end < len(text):
            start = paren_start
        return phone_j, _Number(phone_kind, start, end, seg.digits(i, phone_j))
    return None


def _bank(seg: _Segment, i: int, j: int, text: str) -> _Number | None:
    start, end = seg.groups[i][0], seg.groups[j][1]
    raw = text[start:end]
    if raw.count(" ") > 4 and max(seg.lens(i, j)) > 1:
        return None
    if j > i and seg.seps[j - 1].kind == "dot" and seg.lens(j, j) == [2]:
        return None  # 12345678.90: money
    if _AMOUNT_AFTER.match(text[end : end + 40]) or _AMOUNT_BEFORE.search(text[max(0, start - 20) : start]):
        return None
    if not _account_label(text, start, end):
        return None
    org = bool(_ORG_ACCOUNT.search(text[max(0, start - 200) : end + 120]))
    return _Number("bank", start, end, seg.digits(i, j), org)


# --- phone numbers in Thai number words ----------------------------------------------
_DIGIT_WORDS = {
    "ศูนย์": "0",
    "หนึ่ง": "1",
    "เอ็ด": "1",
    "สอง": "2",
    "โท": "2",
    "สาม": "3",
    "สี่": "4",
    "ห้า": "5",
    "หก": "6",
    "เจ็ด": "7",
    "แปด": "8",
    "เก้า": "9",
}
# A word must not be the start of a longer word (สาม in สามารถ, โท in โทร).
_WORD = "(?:" + "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True)) + r")(?![\u0e30-\u0e3a\u0e47-\u0e4eร])"
_WORD_SEP = r"(?:[^\S\n]|[-.,\u2010-\u2015\u2212]){0,3}"
_WORD_RUN = re.compile(_WORD + r"(?:" + _WORD_SEP + _WORD + r"){8,}")
_ONE_WORD = re.compile(_WORD)


def word_phones(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, national number, kind) of phone numbers spelt in Thai digit words."""
    for m in _WORD_RUN.finditer(text):
        words = [(w.start(), w.end(), _DIGIT_WORDS[w.group()]) for w in _ONE_WORD.finditer(text, m.start(), m.end())]
        k = 0
        while k < len(words):
            if words[k][2] != "0" or k + 1 >= len(words):
                k += 1
                continue
            digits = "".join(w[2] for w in words[k : k + 10])
            kind = _phone_kind(digits) or _phone_kind(digits[:9])
            if not kind:
                k += 1
                continue
            size = 10 if kind == "mobile" else 9
            yield words[k][0], words[k + size - 1][1], digits[:size], kind
            k += size
