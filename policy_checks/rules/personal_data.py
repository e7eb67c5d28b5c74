"""G2 personal data: national ID, phone, e-mail, bank account and passport numbers.

Numbers are found in any grouping and with any separator. The rules read a
*canonical* copy of ``Document.norm`` of the same length (so offsets need no
extra map): every decimal digit (Thai ``๐``–``๙``, fullwidth ``０``–``９`` …)
becomes an ASCII digit, every Unicode space a space, every dash or minus sign a
``-``, fullwidth ASCII its ASCII form and a leftover invisible format character
a space. This does not depend on the normalisation layer doing the same.

A *run* is digits joined by short separators (spaces, one dash, dot or slash,
one line break, brackets). Inside a run, windows of consecutive digit groups are
tried from the left: a 13-digit window with a valid check digit is a national ID
(also next to a bank word: PromptPay keyed by a national ID), 9/10 digits with a
Thai prefix a phone, 10–15 digits labelled by a bank word an account. A window
must use one kind of separator and, when its grouping is unusual (digit by digit,
more than three groups), must be the whole stretch joined by that separator.
Phone numbers spelt in Thai number words and obfuscated e-mail addresses
(``[at]``, ``(dot)``, ``แอท``/``ดอท``, spaces around ``@``) are found too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..document import Document
from ..types import CheckContext, Finding, Severity, normalise_phone

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


# --- e-mail -------------------------------------------------------------------------
_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+\-])([A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,})"
)
FREE_MAIL = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.co.th",
        "outlook.com",
        "outlook.co.th",
        "live.com",
        "msn.com",
        "yahoo.com",
        "yahoo.co.th",
        "ymail.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.net",
        "aol.com",
        "mail.com",
        "zoho.com",
        "yandex.com",
        "qq.com",
        "163.com",
        "windowslive.com",
    ]
)
ROLE_WORDS = (
    "info",
    "contact",
    "admin",
    "webmaster",
    "web",
    "support",
    "help",
    "service",
    "noreply",
    "no-reply",
    "office",
    "saraban",
    "news",
    "pr",
    "hr",
    "registrar",
    "reg",
    "library",
    "lib",
    "arit",
    "academic",
    "acad",
    "research",
    "rdi",
    "plan",
    "finance",
    "personnel",
    "student",
    "admission",
    "faculty",
    "center",
    "centre",
    "dept",
    "unit",
    "secretary",
    "sales",
    "enquiry",
    "inquiry",
    "media",
    "press",
    "it",
    "staff",
    "account",
    "billing",
    "mail",
    "postmaster",
    "abuse",
    "team",
    "club",
    "alumni",
    "grad",
    "edu",
    "sci",
    "agri",
    "manage",
    "human",
    "tech",
    "eng",
    "law",
    "nurse",
    "ite",
    "complaint",
    "report",
    "dpo",
    "privacy",
    "pdpa",
)
_ROLE_RE = re.compile(r"(?:^|[._\-0-9])(?:" + "|".join(re.escape(w) for w in ROLE_WORDS) + r")(?:$|[._\-0-9])")


def email_is_personal(address: str, context: CheckContext) -> bool:
    addr = address.lower()
    if context.allowlist.has_email(addr):
        return False
    local, _, domain = addr.rpartition("@")
    if domain in FREE_MAIL:
        return True
    if _ROLE_RE.search(local) or local in ROLE_WORDS:
        return False
    letters_only = re.sub(r"[^a-z]", "", local)
    if re.search(r"[._\-]", local) and len(letters_only) >= 3:
        return True  # firstname.lastname, wanida_k
    if sum(ch.isdigit() for ch in local) >= 3:
        return True  # student numbers
    # Short acronyms (arit@, sci@) are unit mailboxes; longer plain names are people.
    return len(local) >= 7


def emails(doc: Document, text: str | None = None) -> Iterator[tuple[int, int, str]]:
    text = canonical(doc.norm) if text is None else text
    for m in _EMAIL_RE.finditer(text):
        yield m.start(1), m.end(1), m.group(1).rstrip(".")


_SP = r"[^\S\n]"
_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
_AT_TOKEN = (
    rf"(?P<atb>{_SP}*{_OPEN}{_SP}*(?:at|@|แอท){_SP}*{_CLOSE}{_SP}*)"
    rf"|(?P<att>{_SP}*แอท{_SP}*)"
    rf"|(?P<ats>{_SP}+@{_SP}+|@{_SP}+)"
    rf"|(?P<atw>{_SP}+at{_SP}+)"
    r"|(?P<atp>@)"
)
_DOT_OBF = rf"{_SP}*{_OPEN}{_SP}*(?:dot|\.|ดอท|จุด){_SP}*{_CLOSE}{_SP}*|{_SP}*(?:ดอท|จุด){_SP}*|{_SP}+dot{_SP}+"
_DOT_TOKEN = rf"(?:{_DOT_OBF}|{_SP}?\.{_SP}?)"
_DOMAIN_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_OBF_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+\-])(?P<local>[A-Za-z0-9](?:[A-Za-z0-9._%+\-]*[A-Za-z0-9])?)"
    rf"(?:{_AT_TOKEN})"
    rf"(?P<domain>{_DOMAIN_LABEL}(?:{_DOT_TOKEN}{_DOMAIN_LABEL}){{1,5}})",
    re.I,
)
_LABEL_AT = re.compile(_DOMAIN_LABEL)
_DOT_SPLIT = re.compile(rf"(?P<obf>{_DOT_OBF})|{_SP}?\.{_SP}?", re.I)
_TLDS = frozenset(["com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "me", "co", "app", "dev", "mail"])
_PLAIN_TLDS = frozenset(["com", "net", "org", "edu", "gov", "info", "io"])
_NOT_LOCAL = frozenset(
    [
        "us",
        "me",
        "you",
        "him",
        "her",
        "them",
        "it",
        "home",
        "work",
        "school",
        "least",
        "all",
        "once",
        "first",
        "last",
        "www",
        "line",
        "id",
        "ig",
        "fb",
        "facebook",
        "twitter",
        "x",
        "tiktok",
        "instagram",
        "youtube",
        "official",
        "page",
    ]
)


def obfuscated_emails(doc: Document, text: str | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, address) of written-out addresses: ``name [at] gmail [dot] com``, ``name @ gmail . com``."""
    text = canonical(doc.norm) if text is None else text
    for m in _OBF_EMAIL_RE.finditer(text):
        at = next(g for g in ("atb", "att", "ats", "atw", "atp") if m.group(g) is not None)
        local = m.group("local")
        dstart = m.start("domain")
        dom = m.group("domain")
        labels: list[tuple[int, int]] = []
        obf_dot = False
        best: tuple[int, str, bool] | None = None
        pos = 0
        while True:
            if labels:
                dm = _DOT_SPLIT.match(dom, pos)
                if dm is None:
                    break
                obf_dot = obf_dot or dm.group("obf") is not None
                pos = dm.end()
            lm = _LABEL_AT.match(dom, pos)
            if lm is None:
                break
            pos = lm.end()
            labels.append((dstart + lm.start(), dstart + lm.end()))
            if len(labels) < 2:
                continue
            tld = text[labels[-1][0] : labels[-1][1]].lower()
            if tld in _TLDS or (len(tld) == 2 and tld.isalpha()):
                best = (dstart + pos, ".".join(text[a:b] for a, b in labels).lower(), obf_dot)
        if best is None:
            continue
        end, domain, obf_dot = best
        if at == "atp" and not obf_dot:
            continue  # a plain address: _EMAIL_RE has it
        if local.lower() in _NOT_LOCAL:
            continue
        if at == "atw" and not obf_dot and domain not in FREE_MAIL:
            continue  # "contact us at pcru.ac.th" is a web site
        if (
            at in ("ats", "atw")
            and not obf_dot
            and not (domain in FREE_MAIL or domain.rsplit(".", 1)[-1] in _PLAIN_TLDS or domain.endswith(".th"))
        ):
            continue
        yield m.start("local"), end, f"{local}@{domain}"


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


# --- public iterators (kept for callers and tests) -------------------------------------
def national_ids(doc: Document) -> Iterator[tuple[int, int]]:
    for num in _numbers(canonical(doc.norm)):
        if num.kind == "id":
            yield num.start, num.end


def phones(doc: Document) -> Iterator[tuple[int, int, str, str]]:
    for num in _numbers(canonical(doc.norm)):
        if num.kind in ("mobile", "landline"):
            yield num.start, num.end, num.digits, num.kind
    yield from word_phones(doc.norm)


def bank_accounts(doc: Document) -> Iterator[tuple[int, int, str, bool]]:
    for num in _numbers(canonical(doc.norm)):
        if num.kind == "bank":
            yield num.start, num.end, num.digits, num.org


def _overlaps(span: Span, taken: list[Span]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


_MESSAGES = {
    "id": (
        RULE_ID,
        Severity.ERROR,
        "พบเลขประจำตัวประชาชน 13 หลัก ห้ามเผยแพร่ข้อมูลส่วนบุคคล (PDPA)",
        "Thai national ID number found; personal data must not be published (PDPA).",
        "ลบเลขประจำตัวประชาชนออก หรือปิดบังบางหลัก",
    ),
    "mobile": (
        RULE_MOBILE,
        Severity.ERROR,
        "พบหมายเลขโทรศัพท์มือถือ ซึ่งเป็นข้อมูลส่วนบุคคล",
        "Mobile phone number found; it is personal data.",
        "ใช้หมายเลขโทรศัพท์ของหน่วยงานแทน",
    ),
    "landline": (
        RULE_LANDLINE,
        Severity.WARNING,
        "พบหมายเลขโทรศัพท์ที่ไม่อยู่ในรายการหมายเลขของมหาวิทยาลัย ตรวจสอบว่าไม่ใช่หมายเลขส่วนตัว",
        "Landline number not in the organisation allow-list; check it is not private.",
        None,
    ),
}


def check(doc: Document, context: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    taken: list[Span] = []
    text = canonical(doc.norm)
    allow = context.allowlist
    numbers: list[_Number] = list(_numbers(text))
    numbers.extend(_Number(kind, s, e, nat) for s, e, nat, kind in word_phones(doc.norm))
    for num in numbers:
        taken.append((num.start, num.end))
        if num.kind == "bank":
            if num.digits in allow.accounts:
                continue
            out.append(
                doc.finding(
                    RULE_BANK,
                    Severity.WARNING if num.org else Severity.ERROR,
                    num.start,
                    num.end,
                    "พบเลขบัญชีธนาคาร ตรวจสอบว่าได้รับอนุญาตให้เผยแพร่",
                    "Bank account number found; make sure it may be published.",
                )
            )
            continue
        if num.kind in ("mobile", "landline") and num.digits in allow.phones:
            continue
        rule, severity, message, message_en, suggestion = _MESSAGES[num.kind]
        out.append(doc.finding(rule, severity, num.start, num.end, message, message_en, suggestion))
    mails = list(emails(doc, text))
    mail_spans = [(s, e) for s, e, _ in mails]
    for s, e, address in obfuscated_emails(doc, text):
        if not _overlaps((s, e), mail_spans):
            mails.append((s, e, address))
    for s, e, address in mails:
        if email_is_personal(address, context):
            out.append(
                doc.finding(
                    RULE_EMAIL,
                    Severity.ERROR,
                    s,
                    e,
                    "พบอีเมลส่วนบุคคล ใช้อีเมลของหน่วยงานแทน",
                    "Personal e-mail address found; use the unit's mailbox instead.",
                )
            )
    zones = list(mrz_zones(text))
    for s, e in zones:
        out.append(
            doc.finding(
                RULE_PASSPORT,
                Severity.ERROR,
                s,
                e,
                "พบแถบอักขระที่เครื่องอ่านได้ (MRZ) ของหนังสือเดินทาง/บัตร ซึ่งมีข้อมูลส่วนบุคคล",
                "Machine-readable zone (MRZ) of a passport or ID card found; it holds personal data.",
            )
        )
    for s, e in passports(doc, text):
        if _overlaps((s, e), taken) or _overlaps((s, e), zones):
            continue
        out.append(
            doc.finding(
                RULE_PASSPORT,
                Severity.ERROR,
                s,
                e,
                "พบเลขหนังสือเดินทาง ซึ่งเป็นข้อมูลส่วนบุคคล",
                "Passport number found; it is personal data.",
            )
        )
    return out


__all__ = ["canonical", "check", "email_is_personal", "mrz_check_digit", "normalise_phone", "thai_id_checksum_ok"]
