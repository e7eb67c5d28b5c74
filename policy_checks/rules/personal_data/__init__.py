"""G2 personal data: national ID, phone, e-mail, bank account and passport numbers.

Numbers are found in any grouping and with any separator. The rules read a
*canonical* copy of ``Document.norm`` of the same length (so offsets need no
extra map): every decimal digit (Thai ``๐``–``๙``, fullwidth ``０``–``９`` …)
becomes an ASCII digit, every Unicode space (and the braille blank) a space, every
dash or minus sign (and ``ー``, ``─``, ``⁃``) a ``-``, bullets and middle dots
(``•``, ``·``, ``・``) a ``.``, fullwidth ASCII its ASCII form, Cyrillic and Greek
look-alike letters (``АА1234567``) Latin and a leftover invisible format character
or keycap mark a space. This does not depend on the normalisation layer doing the same.

A *run* is digits joined by short separators (up to four spaces; a dash, dot or
slash, also doubled or tripled (``--``, ``...``); a tight ``_ * , | : ~``; one line
break; brackets). Inside a run, windows of consecutive digit groups are tried from
the left (:mod:`.digits`, :mod:`.numbers`): a 13-digit window with a valid check
digit is a national ID (also next to a bank word: PromptPay keyed by a national ID,
and after a short glued label: ``ID1101…``, ``#1101…``), 9/10 digits with a Thai
prefix a phone (also ``66…`` without ``+``), 10–15 digits whose nearest label is a
bank word an account, and the Thai 3-1-5-1 account grouping written with punctuation
an account unless another label is nearer (:mod:`.labels`). A window uses one kind
of separator, except in a standard grouping (``081 234-5678``, ``1-1017 00123-45-6``)
or digit by digit; an unusual grouping must be the whole stretch of its separator.
Code and document labels (รหัส…, ฎีกา, ใบสั่งซื้อ, ขอเบิก, PO …) and government letter
numbers (``ที่ อว 0622(3)/12345``) are not phones or accounts. Phone numbers spelt in
Thai number words, also mixed with digits (:mod:`.words`), obfuscated e-mail addresses
(:mod:`.emails`) and passports and machine-readable zones (:mod:`.passports`,
:mod:`.mrz`) are found too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ...document import Document
from ...types import CheckContext, Finding, Severity, normalise_phone
from .digits import RULE_BANK, RULE_EMAIL, RULE_ID, RULE_LANDLINE, RULE_MOBILE, RULE_PASSPORT, Span, canonical, thai_id_checksum_ok
from .emails import email_is_personal, emails, obfuscated_emails
from .numbers import _Number, _numbers, word_phones
from .passports import mrz_check_digit, mrz_zones, passports


# --- public iterators (kept for callers and tests) -------------------------------------
def national_ids(doc: Document) -> Iterator[tuple[int, int]]:
    for num in _numbers(canonical(doc.norm)):
        if num.kind == "id":
            yield num.start, num.end


def phones(doc: Document) -> Iterator[tuple[int, int, str, str]]:
    for num in _numbers(canonical(doc.norm)):
        if num.kind in ("mobile", "landline"):
            yield num.start, num.end, num.digits, num.kind
    yield from word_phones(canonical(doc.norm))


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


_KEYCAP = re.compile("\ufe0f?\u20e3")


def _number_finding(
    doc: Document, rule: str, severity: Severity, num: _Number, message: str, message_en: str, suggestion: str | None = None
) -> Finding:
    """The finding for a number; a keycap digit (1️⃣) is whole: its mark is part of the match."""
    f = doc.finding(rule, severity, num.start, num.end, message, message_en, suggestion)
    m = _KEYCAP.match(doc.original, f.end)
    if m is None:
        return f
    return replace(f, end=m.end(), match=doc.original[f.start : m.end()])


def check(doc: Document, context: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    taken: list[Span] = []
    text = canonical(doc.norm)
    allow = context.allowlist
    numbers: list[_Number] = list(_numbers(text))
    digit_spans = [(num.start, num.end) for num in numbers]
    numbers.extend(_Number(kind, s, e, nat) for s, e, nat, kind in word_phones(text) if not _overlaps((s, e), digit_spans))
    for num in numbers:
        taken.append((num.start, num.end))
        if num.kind == "bank":
            if num.digits in allow.accounts:
                continue
            out.append(
                _number_finding(
                    doc,
                    RULE_BANK,
                    Severity.WARNING if num.org else Severity.ERROR,
                    num,
                    "พบเลขบัญชีธนาคาร ตรวจสอบว่าได้รับอนุญาตให้เผยแพร่",
                    "Bank account number found; make sure it may be published.",
                )
            )
            continue
        if num.kind in ("mobile", "landline") and num.digits in allow.phones:
            continue
        rule, severity, message, message_en, suggestion = _MESSAGES[num.kind]
        out.append(_number_finding(doc, rule, severity, num, message, message_en, suggestion))
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
