"""What labels a number: bank words, document and code labels, phone words, letter numbers.

The label nearest to a number decides what it is: a bank word makes a 10–15 digit
number an account; a ledger, curriculum, asset, social-media, code or document label
(รหัส…, ฎีกา, ใบสั่งซื้อ, ขอเบิก, PO, invoice …) makes it something else, for phones too.
"""

from __future__ import annotations

import re

_T = r"[\u0e01-\u0e4e]"  # a Thai letter or mark
# Government finance codes and document numbers: never an account or a phone.
_DOC = (
    r"รหัส|ฎีกา|ใบ(?:สั่ง|สำคัญ|กำกับ|ส่งของ|ขอซื้อ|ขอเบิก|เบิก|แจ้งหนี้|เสร็จ|รับเงิน|ยืม)|คำสั่งซื้อ|สั่งซื้อเลขที่|"
    r"ขอเบิก|เอกสาร|ศูนย์ต้นทุน|หน่วยเบิกจ่าย|แหล่งของเงิน|เลขที่เอกสาร|เลขที่สัญญา|สัญญา(?:เลข)?ที่|เลขที่คำสั่ง|"
    r"\b(?:po|p\.o\.|purchase\s?order|invoice|gfmis|ref(?:erence)?\.?\s?no)\b"
)
_NOT_ACCOUNT = (
    r"รหัสบัญชี|ผังบัญชี|บัญชีแยกประเภท|แยกประเภท|การบัญชี|บัญชีบัณฑิต|นักบัญชี|ปีบัญชี|งวดบัญชี|"
    r"บัญชีรายชื่อ|บัญชีราคา|บัญชีครุภัณฑ์|บัญชีวัสดุ|กรมบัญชีกลาง|"
    r"บัญชี\s*(?:ผู้ใช้|โซเชียล|ออนไลน์|ทางการ|อย่างเป็นทางการ|facebook|fb\b|เฟซบุ๊ก|เฟสบุ๊ก|เฟสบุ๊ค|เฟซบุ๊ค|"
    r"line\b(?!\s?bk)|ไลน์|x\b|twitter|ทวิตเตอร์|ig\b|instagram|อินสตาแกรม|tiktok|ติ๊กต็อก|ติ๊กต๊อก|youtube|ยูทูบ|"
    r"google|กูเกิล|e-?mail|อีเมล|zoom|microsoft|telegram|discord)|"
    r"(?:facebook|fb|line|twitter|instagram|ig|tiktok|youtube|google|social(?: media)?|user|e-?mail|zoom)\s+account|"
    r"user\s?(?:name|id)|line\s?id|ไอดีไลน์|ไลน์ไอดี|ชื่อผู้ใช้|รหัสนักศึกษา|รหัสประจำตัว|ผู้เสียภาษี|"
    r"หลักสูตร|รายวิชา|รหัสวิชา|ครุภัณฑ์|ทะเบียนทรัพย์สิน|เลขทะเบียน|isbn|issn|หนังสือที่|เลขที่หนังสือ|"
    r"เลขพัสดุ|tracking|ledger|\bgl\b|asset|course|curriculum|" + _DOC
)
_ACCOUNT = (
    r"ธนาคาร|บัญชี|บันชี|บัญชิ|บช\.|บ\s?/\s?ช|เลขบ\.?ช|(?<!" + _T + r")บ\.\s?ช\.?|(?<!" + _T + r")บช(?!" + _T + r")|"
    r"ธ\.(?=\s?[ก-ฮ])|กสิกร|กรุงไทย|ไทยพาณิชย์|กรุงศรี|ออมสิน|ธ\.ก\.ส|ธกส|ทหารไทย|"
    r"ทีทีบี|ยูโอบี|ซีไอเอ็มบี|ธนชาต|เกียรตินาคิน|อาคารสงเคราะห์|ธอส|บัวหลวง|แลนด์\s?แอนด์\s?เฮ้าส์|ทิสโก้|"
    r"ไอซีบีซี|อิสลามแห่งประเทศไทย|พร้อมเพย์|พร้อมเพ|โอนเงิน|โอนเข้า|โอน(?:ได้|มา)(?:ที่)?|โอนที่|"
    r"แบ[๊]?ง[กค]์|เคพลัส|มายโม|เป๋าตัง|\bk\+|"
    r"\b(?:promptpay|scb|kbank|k-bank|kasikorn|krungthai|krungsri|ktb|bbl|bay|ttb|tmb|gsb|baac|ghb|uob|cimb|kkp|"
    r"tisco|lh ?bank|bank|account|acct|a/c|k\s?plus|line\s?bk|mymo|acc(?:ount)?\.?(?:\s?(?:no|number|#))?)\b"
)
POS_LABEL = re.compile(_ACCOUNT, re.I)
_LABEL_RE = re.compile(r"(?P<neg>" + _NOT_ACCOUNT + r")|(?P<pos>" + _ACCOUNT + r")", re.I)
ACCOUNT_WORD = re.compile(r"บัญชี|บันชี|account|a/c|acct|acc\b|บช|บ\s?/\s?ช|บ\.\s?ช", re.I)
_LEDGER_AFTER = re.compile(r"\s*[-–:]?\s*(?:เงินสด|ลูกหนี้|เจ้าหนี้|รายได้|ค่าใช้จ่าย|สินทรัพย์|หนี้สิน|ทุน|เดบิต|เครดิต)")


def account_label(text: str, start: int, end: int) -> bool | None:
    """Is the number at ``text[start:end]`` labelled as a bank account? ``None``: no label at all."""
    lo = max(0, start - 80)
    last = None
    for m in _LABEL_RE.finditer(text, lo, start):
        # a document or code label with another number after it labels that number
        if m.lastgroup == "pos" or not any(ch.isdigit() for ch in text[m.end() : start]):
            last = m
    if last is None:
        last = _LABEL_RE.search(text, end, min(len(text), end + 40))
        if last is None:
            return None
    if last.lastgroup != "pos":
        return False
    # a bare "บัญชี 1101010101 เงินสด" is a ledger line
    return not (last.group() == "บัญชี" and _LEDGER_AFTER.match(text, end))


# --- phones ------------------------------------------------------------------------------
_PHONE_WORD = r"โทร|เบอร์|มือถือ|ติดต่อ|ไลน์|แฟกซ์|พร้อมเพย์|\b(?:tel|phone|mobile|call|fax|whatsapp|line|contact|promptpay)\b"
PHONE_WORD = re.compile(_PHONE_WORD, re.I)
_PHONE_OR_DOC = re.compile(r"(?P<doc>" + _DOC + r")|(?P<phone>" + _PHONE_WORD + r")", re.I)
# Thai government letter numbers: ministry initials, a 0xxx code (.n), an optional (n),
# a slash and a running number: "ที่ อว 0622(3)/12345", "ศธ 0549/12345", "มท 0808.2/ว 1234".
_LETTER_BEFORE = re.compile(r"(?:^|[\s(:]|ที่)(?:[ก-ฮ]{2,3}|[ก-ฮ]\.[ก-ฮ]\.?)\.?\s?$")
_LETTER_CODE = re.compile(r"0[0-9]{3,4}(?:\.[0-9]{1,3})*(?:\s?\([0-9]{1,3}\))?\s?/")


def letter_number(text: str, start: int) -> bool:
    """The digits at ``start`` begin a government letter number."""
    return _LETTER_CODE.match(text, start) is not None and _LETTER_BEFORE.search(text, max(0, start - 10), start) is not None


# What may stand between a code label and its number: the rest of the label, one word
# ("รหัสหน่วยเบิกจ่าย 06…"), not a phrase with a verb ("ส่งรหัสนักศึกษามาที่ 08…").
_LABEL_GAP = re.compile(r"[^\s0-9]{0,24}")
_VERB_END = re.compile(r"(?:มา|(?<!เลข)ที่|ได้|ไป|ถึง|หา|ทาง)$")


def code_label(text: str, start: int) -> bool:
    """A code or document label is the nearest label before ``start`` (nothing but words
    between them): "รหัสหน่วยเบิกจ่าย 0600400000" is not a phone, "รหัส 06004 โทร 08…" is."""
    last = None
    for m in _PHONE_OR_DOC.finditer(text, max(0, start - 40), start):
        last = m
    if last is None or last.lastgroup != "doc":
        return False
    gap = text[last.end() : start].rstrip(" \t:=")
    return _LABEL_GAP.fullmatch(gap) is not None and _VERB_END.search(gap) is None
