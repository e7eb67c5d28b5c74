"""Whether a sentence really disclaims the institution's view.

The wordings are those of ``rules/context.py`` (``DISCLAIMER_PATTERNS``: "…เป็นความเห็นส่วนตัว",
"ไม่ได้เป็นตัวแทนของมหาวิทยาลัย", "ไม่ใช่จุดยืนของคณะ", "ในนามส่วนตัว", "views are my own" …), but a
match counts only when it says what a disclaimer says:

- it is not itself denied: "นี่**ไม่ใช่**ความเห็นส่วนตัว", "This is **not** my personal opinion";
- the institution is not claimed in the same sentence: "…**แต่เป็นจุดยืนของคณะ**", "it is the
  faculty's position", "ในนามส่วนตัว**และในนามคณะ**";
- the organisation is the object of the denial, not of a later clause: "ผมไม่ได้พูดแทนนักศึกษาทุกคน
  **แต่**ผมคิดว่าคณะ…"; and "not only": "ไม่เกี่ยวกับมหาวิทยาลัย**อย่างเดียว** แต่เกี่ยวกับทั้งประเทศ";
  a topic is not a view: "**เรื่องนี้**ไม่เกี่ยวกับมหาวิทยาลัย";
- what is personal is a view, not an experience: "ผมเขียนบทความนี้**เพราะ**เป็น**ประสบการณ์**ส่วนตัว".
"""

from __future__ import annotations

import re

from ...textmap import normalise
from .voice import NEEDS_NORMALISING as _NEEDS_NORMALISING

__all__ = ["DISCLAIMER_PATTERNS", "disclaims_institution"]

_VIEW = r"(?:ความ(?:คิด)?เห็น|ข้อคิดเห็น|ทัศนะ|ทัศนคติ|มุมมอง|แนวคิด|ข้อเขียน|บทความ|โพสต์|ข้อความ|เนื้อหา|เรื่องราว|คำพูด)"
_ORG = (
    r"(?:หน่วยงาน|มหาวิทยาลัย|มรภ\.?|ม\.ร\.ภ\.?|องค์กร|ต้นสังกัด|สังกัด|คณะ|สำนัก|ศูนย์|สถาบัน|กอง|"
    r"ทางราชการ|ที่ทำงาน|นายจ้าง|ผู้บริหาร)"
)
_NEG = r"(?:มิใช่|ไม่ใช่|มิได้|ไม่ได้|ไม่จำเป็นต้อง|หาใช่|ไม่ถือ(?:ว่า)?เป็น|ไม่)"
_DENIED = (
    r"(?:(?:เป็น)?(?:การ)?(?:พูด|เขียน|โพสต์|แสดง(?:ความ(?:คิด)?เห็น)?|ทำ|กระทำ|แสดงออก)?\s?(?:ใน|แทน)นาม|"
    r"(?:เป็น)?(?:ตัวแทน|ความ(?:คิด)?เห็น|ข้อคิดเห็น|จุดยืน|ทัศนะ|มุมมอง|ท่าที|นโยบาย|แนวทาง|เสียง)|"
    r"(?:ได้)?(?:สะท้อน|ผูกพัน|สอดคล้อง|เกี่ยว(?:ข้อง)?|มีส่วนเกี่ยวข้อง|พูดแทน|เป็นของ|ของ)|เป็นทางการ)"
)
_PERSONAL = r"(?:ส่วนตัว|ส่วนบุคคล|ของผู้เขียน(?:เอง)?(?:แต่)?(?:เพียงผู้เดียว|เท่านั้น)?|ของข้าพเจ้า(?:เอง)?|ของผม(?:เอง)?|ของดิฉัน(?:เอง)?)"
# Between the denial and the organisation: the denied thing's own words, not a new clause.
_GAP = r"(?:(?!แต่(?!ละ)|เพราะ|ส่วนตัว|ส่วนบุคคล)[^\n.!?;]){0,30}?"
# Between a view word and "เป็น … ส่วนตัว": no new clause; after it, only a view word.
_VIEW_GAP = r"(?:(?!เพราะ|แต่|ว่า)[^\n.!?;]){0,30}?"
_VIEW_NOUN = r"(?:การแสดง)?(?:ความ(?:คิด)?เห็น|ข้อคิดเห็น|ทัศนะ|ทัศนคติ|มุมมอง|ความรู้สึก|ความเชื่อ|แนวคิด|ข้อคิด)"

DISCLAIMER_PATTERNS = [
    re.compile(_NEG + r"\s?" + _DENIED + _GAP + _ORG),
    re.compile(_VIEW + _VIEW_GAP + r"(?:เป็น|คือ|สะท้อน|แสดง|ถือเป็น)(?:เพียง)?\s?(?:" + _VIEW_NOUN + r")?\s?" + _PERSONAL),
    re.compile(
        r"(?:^|\n)[ \t*#(\[（「\-–—]*"
        + r"(?:เป็น)?(?:ความ(?:คิด)?เห็น|ทัศนะ|มุมมอง)"
        + _PERSONAL
        + r"\s*(?:นะ)?(?:ครับ|ค่ะ|คะ|จ้ะ|จ้า)?[ \t*)\]）」.!]*(?:\n|$)"
    ),
    re.compile(r"#(?:ความ(?:คิด)?เห็น|ทัศนะ|มุมมอง)" + _PERSONAL),
    re.compile(r"(?:เป็น|คือ)(?:เพียง)?\s*(?:ความ(?:คิด)?เห็น|ข้อคิดเห็น|ทัศนะ|มุมมอง)\s*(?:ส่วนตัว|ส่วนบุคคล)"),
    re.compile(r"[(\[（]\s*(?:ความ(?:คิด)?เห็น|ทัศนะ|มุมมอง)" + _PERSONAL + r"[^)\]）]{0,40}[)\]）]"),
    re.compile(r"(?:ใน|โดย)(?:นาม|ฐานะ)(?:ส่วนตัว|ส่วนบุคคล|บุคคล(?!ากร))"),
    re.compile(_ORG + r"\S{0,20}\s?(?:ไม่|มิ)(?:ได้)?(?:มีส่วน)?(?:เกี่ยวข้อง|รับผิดชอบ)(?:ใด\s?ๆ)?(?:กับ|ต่อ)\s?" + _VIEW),
    re.compile(
        r"(?:personal (?:opinion|view)s?(?! of (?:the )?(?:university|faculty|institution))|"
        r"(?:views?|opinions?|thoughts?) (?:expressed |stated |shared )?(?:here(?:in)? |above |below |"
        r"in this (?:post|article|column|piece|blog|thread) )?(?:are|is) (?:solely |entirely )?"
        r"(?:my|the author'?s?|the writer'?s?|mine|those of the (?:author|writer))(?: own)?|"
        r"my (?:own )?(?:views?|opinions?)(?:,| and)? not (?:those|the views?) of|"
        r"(?:do(?:es)?|did) not (?:necessarily )?(?:represent|reflect|speak for) (?:the )?|"
        r"not (?:the )?(?:official )?(?:position|view|views|policy|opinion|stance) of (?:the |my )?|"
        r"not (?:speaking|writing|posting) (?:for|on behalf of)|in a personal capacity|"
        r"(?:not )?endorsed by (?:the |my )?(?:university|faculty|employer|institution))",
        re.I,
    ),
]

# A denial just before the match: "นี่ไม่ใช่ความเห็นส่วนตัว", "not my personal opinion".
_DENIED_BEFORE = re.compile(
    r"(?:(?:ไม่|มิ)(?:ใช่|ได้)(?:เป็น)?|หาใช่|ไม่|\bnot(?: (?:just|only|merely|simply|really))?(?: (?:my|a|the|our))?"
    r"|\b(?:isn't|aren't|wasn't|is not|are not)(?: (?:my|a|the))?)\s?$",
    re.I,
)
# The institution claimed in the same sentence after the match.
_CLAIMED_AFTER = re.compile(
    r"แต่(?!อย่างใด|ประการใด|ละ)[ \t]?(?:เป็น|คือ|ก็เป็น|สะท้อน)?[ \t]?(?:จุดยืน|ความ(?:คิด)?เห็น|มุมมอง|นโยบาย|เสียง|ทัศนะ)?"
    r"[ \t]?(?:ของ|ใน(?:นาม|ฐานะ))?(?:ทาง)?" + _ORG + r"|(?:และ|รวม(?:ทั้ง|ถึง)|พร้อม(?:ทั้ง|กับ)?|กับ)[ \t]?(?:ใน|โดย)?"
    r"(?:นาม|ฐานะ)(?:ของ)?(?:ตัวแทน)?[ \t]?(?:ของ)?(?:ทาง)?" + _ORG + r"|\b(?:it is|it's|but|this is|rather)\b"
    r"[^.!?\n]{0,20}\b(?:faculty|university|department|institution|unit|employer|dean)(?:'s)?\b[^.!?\n]{0,10}"
    r"\b(?:position|view|stance|policy|opinion)\b|\band (?:on behalf of|for) (?:the|my)\b",
    re.I,
)
# "not only the university": the denial is partial.
_NOT_ONLY = re.compile(r"[ \t]?(?:อย่างเดียว|เท่านั้น|เพียงอย่างเดียว|แต่(?!อย่างใด|ประการใด|ละ))|\b(?:alone|only)\b")
# The subject of a เกี่ยว-denial is a topic, not a view: "เรื่องนี้ไม่เกี่ยวกับมหาวิทยาลัย".
_TOPIC_BEFORE = re.compile(r"(?:เรื่อง|ปัญหา|ประเด็น|กรณี|เหตุการณ์)(?:นี้|ดังกล่าว)[ \t]?$")
_SENTENCE = re.compile(r"[\n.!?;]|[ \t]{2,}")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max((m.end() for m in _SENTENCE.finditer(text, max(0, start - 200), start)), default=max(0, start - 200))
    hi = _SENTENCE.search(text, end, end + 200)
    return lo, (hi.start() if hi else len(text))


def _counts(text: str, m: re.Match[str], index: int) -> bool:
    lo, hi = _sentence_bounds(text, m.start(), m.end())
    before, after = text[lo : m.start()], text[m.end() : min(hi, m.end() + 200)]
    if _DENIED_BEFORE.search(before[-24:]) and index != 0:
        return False
    if _CLAIMED_AFTER.search(after):
        return False
    if index == 0 and _NOT_ONLY.match(after):
        return False
    return not (index == 0 and "เกี่ยว" in m.group() and _TOPIC_BEFORE.search(before))


def disclaims_institution(text: str, *, normalised: bool = False) -> bool:
    """Whether some sentence anywhere in ``text`` says the views are personal, not the
    institution's — and means it (see the module docstring). A stricter
    ``rules.context.has_disclaimer``: the text is read normalised, as the engine reads it
    (``normalised=True``: it already is, e.g. ``Document.norm``)."""
    if not normalised and _NEEDS_NORMALISING.search(text):
        text = normalise(text)
    for index, pattern in enumerate(DISCLAIMER_PATTERNS):
        for m in pattern.finditer(text):
            if _counts(text, m, index):
                return True
    return False
