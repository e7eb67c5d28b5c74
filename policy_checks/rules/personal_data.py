"""G2 personal data: national ID, phone, e-mail, bank account and passport numbers.

Regexes run on ``Document.digits`` (the normalised text with Thai digits turned
into ASCII digits, same length) so Thai-digit spellings need no extra patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..types import CheckContext, Finding, Severity, normalise_phone

RULE_ID = "personal-data.national-id"
RULE_MOBILE = "personal-data.phone.mobile"
RULE_LANDLINE = "personal-data.phone.landline"
RULE_EMAIL = "personal-data.email"
RULE_BANK = "personal-data.bank-account"
RULE_PASSPORT = "personal-data.passport"

Span = tuple[int, int]

# --- national ID ------------------------------------------------------------
_ID_SEP = r"(?:[ \t]?[-\u2010\u2013.][ \t]?(?:\r?\n[ \t]*)?|[ \t]{1,2}|[ \t]*\r?\n[ \t]*)?"
_ID_RE = re.compile(
    r"(?<![A-Za-z0-9/=_#@%])(?<![0-9][-.])"
    r"(\d(?:" + _ID_SEP + r"\d){12})"
    r"(?![A-Za-z0-9/_@%])(?![-.\u2013][0-9])(?![ \t][0-9])"
)
_NON_ID_CONTEXT = re.compile(r"isbn|issn|บาร์โค้ด|barcode|ean|รหัสสินค้า|doi|tracking|เลขพัสดุ|หมายเลขพัสดุ", re.I)


def thai_id_checksum_ok(digits: str) -> bool:
    if len(digits) != 13 or not digits.isdigit():
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def _ean13_ok(digits: str) -> bool:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == int(digits[12])


def _groups(raw: str) -> tuple[list[int], bool]:
    lens: list[int] = []
    newline = False
    n = 0
    for ch in raw:
        if ch.isdigit():
            n += 1
        else:
            if ch == "\n":
                newline = True
            if n:
                lens.append(n)
                n = 0
    if n:
        lens.append(n)
    return lens, newline


def _in_url(text: str, start: int, end: int) -> bool:
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    chunk = text[left:end]
    return "://" in chunk or "www." in chunk.lower() or "/" in chunk


def national_ids(doc: Document) -> Iterator[tuple[int, int]]:
    text = doc.digits
    for m in _ID_RE.finditer(text):
        raw = m.group(1)
        digits = "".join(ch for ch in raw if ch.isdigit())
        if digits[0] in "09" or not thai_id_checksum_ok(digits):
            continue
        lens, newline = _groups(raw)
        if not (len(lens) == 1 or lens == [1, 4, 5, 2, 1] or newline):
            continue
        if _in_url(text, m.start(), m.end()):
            continue
        before = text[max(0, m.start() - 30) : m.start()]
        if _NON_ID_CONTEXT.search(before):
            continue
        if digits.startswith("885") and _ean13_ok(digits):
            continue
        yield m.start(1), m.end(1)


# --- phones -----------------------------------------------------------------
_PHONE_RE = re.compile(
    r"(?<![A-Za-z0-9+/=_#@%])(?<![0-9][-.])"
    r"((?:(?:\+|00)[ \t]?66|\(\+66\)|\(0|0)(?:[ \t\-.()\u2013]{0,3}\d){7,11})"
)
_SEP_OK = re.compile(r"^(?:[ \t]?[-.\u2013][ \t]?|[ \t]{1,2}|\)[ \t]?-?[ \t]?)$")


_INTL_PREFIX = re.compile(r"^(?:\(\+66\)|(?:\+|00)[ \t]?66)[ \t\-.]?(?:\(0\)[ \t\-.]?)?")
_TRUNK_PREFIX = re.compile(r"^(?:\(0|0[- ](?=[2-7])|0)")


def _parse_phone(raw: str) -> tuple[str, int, str] | None:
    """(national number, length of the matched prefix of ``raw``, kind) or None."""
    m = _INTL_PREFIX.match(raw) or _TRUNK_PREFIX.match(raw)
    if m is None:
        return None
    base = m.end()
    rest = raw[base:]
    nsn = ""
    prev_end = 0
    target = 0
    kind = ""
    for groups, g in enumerate(re.finditer(r"\d+", rest), start=1):
        sep = rest[prev_end : g.start()]
        if prev_end == 0 and sep:
            return None
        if prev_end and not _SEP_OK.match(sep):
            return None
        nsn += g.group()
        prev_end = g.end()
        if groups > 3:  # 08 12 34 56 78 is a list of scores, not a phone number
            return None
        if not target:
            kind = "mobile" if nsn[0] in "689" else "landline" if nsn[0] in "234567" else ""
            target = 9 if kind == "mobile" else 8 if kind == "landline" else 0
            if not target:
                return None
        if len(nsn) == target:
            tail = rest[prev_end:]
            if re.match(r"^[ \t]?[-.\u2013][ \t]?\d", tail):
                return None
            return "0" + nsn, base + prev_end, kind
        if len(nsn) > target:
            return None
    return None


def phones(doc: Document) -> Iterator[tuple[int, int, str, str]]:
    text = doc.digits
    for m in _PHONE_RE.finditer(text):
        raw = m.group(1)
        parsed = _parse_phone(raw)
        if parsed is None:
            continue
        number, consumed, kind = parsed
        start = m.start(1)
        end = start + consumed
        yield start, end, number, kind


# --- e-mail -----------------------------------------------------------------
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


def emails(doc: Document) -> Iterator[tuple[int, int, str]]:
    for m in _EMAIL_RE.finditer(doc.norm):
        yield m.start(1), m.end(1), m.group(1).rstrip(".")


# --- bank accounts ----------------------------------------------------------
_BANK_WORDS = re.compile(
    r"ธนาคาร|บัญชี|บช\.|ธ\.(?=\s?[ก-ฮ])|กสิกร|กรุงไทย|ไทยพาณิชย์|กรุงศรี|ออมสิน|ธ\.ก\.ส|ธกส|ทหารไทย|"
    r"ทีทีบี|ยูโอบี|ซีไอเอ็มบี|ธนชาต|เกียรตินาคิน|อาคารสงเคราะห์|ธอส|พร้อมเพย์|โอนเงิน|โอนเข้า|"
    r"\b(?:promptpay|scb|kbank|k-bank|ktb|bbl|ttb|gsb|baac|uob|bank|account|acct|a/c)\b",
    re.I,
)
_ACCOUNT_RE = re.compile(
    r"(?<![A-Za-z0-9/=_#@%+])(?<![0-9][-.])(?<!\+[ \t])(\d(?:[ \t]?[-\u2013]?[ \t]?\d){9,14})(?![0-9])(?![-.][0-9])"
)
_AMOUNT_AFTER = re.compile(r"^\s*(?:บาท|ล้าน|พัน|หมื่น|แสน|คน|ครั้ง|ราย|%|เปอร์เซ็นต์|หน่วย|บ\.|baht|THB|views?)", re.I)
_ORG_ACCOUNT = re.compile(r"ชื่อบัญชี\s*[:：]?\s*\"?(?:มหาวิทยาลัย|คณะ|กองทุน|มูลนิธิ|สำนัก|ชมรม|สมาคม|โครงการ|ศูนย์|กอง|สถาบัน)")


def bank_accounts(doc: Document) -> Iterator[tuple[int, int, str, bool]]:
    text = doc.digits
    for m in _ACCOUNT_RE.finditer(text):
        raw = m.group(1)
        if raw.count(" ") > 4:
            continue
        digits = "".join(ch for ch in raw if ch.isdigit())
        if not 10 <= len(digits) <= 15:
            continue
        window = text[max(0, m.start() - 80) : m.start()]
        after = text[m.end() : m.end() + 40]
        if _AMOUNT_AFTER.match(after):
            continue
        if not (_BANK_WORDS.search(window) or _BANK_WORDS.search(after)):
            continue
        lens, _ = _groups(raw)
        # A phone number written near "โอนเงิน" is a phone unless it is called an account.
        near = text[max(0, m.start() - 30) : m.start()]
        looks_phone = len(digits) in (9, 10) and digits[0] == "0" and lens != [3, 1, 5, 1]
        if looks_phone and not re.search(r"บัญชี|account|a/c|acct|บช\.", near, re.I):
            continue
        org = bool(_ORG_ACCOUNT.search(text[max(0, m.start() - 200) : m.end() + 120]))
        yield m.start(1), m.end(1), digits, org


# --- passports --------------------------------------------------------------
_PASSPORT_WORDS = re.compile(r"หนังสือเดินทาง|พาสปอร์ต|พาสปอต|passport|ppt\.? ?no", re.I)
_PASSPORT_RE = re.compile(r"(?<![A-Za-z0-9])([A-Z]{1,2}[ \t]?\d{6,8}|\d{8,9})(?![A-Za-z0-9])")


def passports(doc: Document) -> Iterator[tuple[int, int]]:
    text = doc.digits
    for m in _PASSPORT_RE.finditer(text):
        window = text[max(0, m.start() - 60) : m.start()]
        if _PASSPORT_WORDS.search(window):
            yield m.start(1), m.end(1)


def _overlaps(span: Span, taken: list[Span]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def check(doc: Document, context: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    taken: list[Span] = []
    for s, e, digits, org in bank_accounts(doc):
        if digits in context.allowlist.accounts:
            taken.append((s, e))
            continue
        taken.append((s, e))
        out.append(
            doc.finding(
                RULE_BANK,
                Severity.WARNING if org else Severity.ERROR,
                s,
                e,
                "พบเลขบัญชีธนาคาร ตรวจสอบว่าได้รับอนุญาตให้เผยแพร่",
                "Bank account number found; make sure it may be published.",
            )
        )
    for s, e in national_ids(doc):
        if _overlaps((s, e), taken):
            continue
        taken.append((s, e))
        out.append(
            doc.finding(
                RULE_ID,
                Severity.ERROR,
                s,
                e,
                "พบเลขประจำตัวประชาชน 13 หลัก ห้ามเผยแพร่ข้อมูลส่วนบุคคล (PDPA)",
                "Thai national ID number found; personal data must not be published (PDPA).",
                "ลบเลขประจำตัวประชาชนออก หรือปิดบังบางหลัก",
            )
        )
    for s, e, number, kind in phones(doc):
        if _overlaps((s, e), taken):
            continue
        taken.append((s, e))
        if number in context.allowlist.phones:
            continue
        if kind == "mobile":
            out.append(
                doc.finding(
                    RULE_MOBILE,
                    Severity.ERROR,
                    s,
                    e,
                    "พบหมายเลขโทรศัพท์มือถือ ซึ่งเป็นข้อมูลส่วนบุคคล",
                    "Mobile phone number found; it is personal data.",
                    "ใช้หมายเลขโทรศัพท์ของหน่วยงานแทน",
                )
            )
        else:
            out.append(
                doc.finding(
                    RULE_LANDLINE,
                    Severity.WARNING,
                    s,
                    e,
                    "พบหมายเลขโทรศัพท์ที่ไม่อยู่ในรายการหมายเลขของมหาวิทยาลัย ตรวจสอบว่าไม่ใช่หมายเลขส่วนตัว",
                    "Landline number not in the organisation allow-list; check it is not private.",
                )
            )
    for s, e, address in emails(doc):
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
    for s, e in passports(doc):
        if _overlaps((s, e), taken):
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


__all__ = ["check", "email_is_personal", "normalise_phone", "thai_id_checksum_ok"]
