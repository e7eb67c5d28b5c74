"""G1 official secrecy markings, recognised as *markings*: a stamp on its own
line, at the head of a memo, in brackets, after the "ชั้นความลับ" label, or a
declaration ("เอกสารนี้เป็นเอกสารลับ"); handling restrictions (ห้ามเผยแพร่,
ใช้ภายในเท่านั้น, internal use only) wherever they stand as a phrase.

Structure that a term list cannot say is code here: restrictions naming a unit
("ใช้ภายในคณะวิทยาศาสตร์เท่านั้น", "เฉพาะบุคลากรของ…เท่านั้น") as a marking,
embargoes ("EMBARGOED UNTIL", "EMBARGO:"), agenda items and exam papers marked at
the end of their heading line ("ระเบียบวาระที่ 5 … ลับ", "ข้อสอบ… ห้ามนำออก"),
"in camera". A line that declares the document *unclassified* ("ชั้นความลับ: ไม่มี",
"NOT CONFIDENTIAL") and a marker word inside a spelling list or lesson ("คำว่า
'ลับ'", "ลับ กลับ สลับ") are not markings. Ordinary words that contain the letters
ลับ are separate dictionary tokens and never match.
"""

from __future__ import annotations

import re

from ...document import Document
from ...lexicon import Term, term_key
from ...types import CheckContext, Finding
from .context import (
    _after_label,
    _bracketed,
    _declared,
    _exam_restrictions,
    _head_stamp,
    _heading_tail,
    _lesson,
    _line_bounds,
    _merge_doubled,
    _own_line,
    _restriction_is_marking,
    _title,
    _unit_restrictions,
)
from .patterns import (
    _ASCII_BRACKET,
    _ASCII_HEAD,
    _ASCII_OWN_LINE,
    _ASCII_UPPER,
    _CAMERA_CONTEXT,
    _DECLARED_SECRET,
    _DOUBLE,
    _EMBARGO,
    _IN_CAMERA,
    _NEGATED_ASCII,
    _NOT_LATIN,
    _RESTRICTION,
    _STAMP_LETTERS,
    DECLARED_SECRET,
    LESSON_CUES,
    RULE,
    SECRET_NOUNS,
    UNCLASSIFIED_VALUE,
    _ascii_restriction_re,
    strip_decoration,
)


def _message(term: Term) -> tuple[str, str]:
    if term.kind == "restriction":
        return (
            "พบข้อความจำกัดการเผยแพร่ (เช่น ห้ามเผยแพร่/ใช้ภายในเท่านั้น) เนื้อหานี้ไม่ควรเผยแพร่ต่อสาธารณะ",
            "Handling restriction found (do not publish / internal use only); this content must not be published.",
        )
    return (
        "พบเครื่องหมายชั้นความลับของทางราชการ ห้ามเผยแพร่ข้อมูลลับของมหาวิทยาลัย",
        "Official secrecy marking found; the university's confidential information must not be published.",
    )


# "Responses will be kept strictly confidential", "Data classification levels:\nPublic\nInternal…":
# a promise or a lesson about confidentiality, not a marking.
_KEPT_BEFORE = re.compile(r"\b(?:kept|keep|remain|remains|treated|treat|held|hold|handled|stored|is|are|be|as)\s+$", re.I)


def _ascii_described(text: str, start: int) -> bool:
    """A Latin marker word at ``start`` that a sentence or a lesson talks about."""
    if _KEPT_BEFORE.search(text, max(0, start - 20), start):
        return True
    lo = start
    for _ in range(4):
        if lo == 0:
            break
        lo = text.rfind("\n", 0, lo - 1) + 1
    return LESSON_CUES.search(text, lo, start) is not None


_LABEL_TAUGHT = re.compile(r"\s*(?:มี|หมายถึง|แบ่ง|คือ|ของ|ได้แก่|ประกอบด้วย|\d|[๐-๙])")


def check(doc: Document, context: CheckContext) -> list[Finding]:
    lex = doc.lexicon
    out: list[Finding] = []
    conf = lex.confidential
    text = doc.norm
    thai_keys = {k for k in conf if not k.isascii()}
    if doc.has_thai and any(k in text for k in thai_keys) or "ความลับ" in text:
        tokens = _merge_doubled(doc, doc.tokens, tuple(sorted(thai_keys)))
        for i, tok in enumerate(tokens):
            key = tok.text
            term = conf.get(key)
            if term is None:
                if key in SECRET_NOUNS and DECLARED_SECRET.search(text[max(0, tok.start - 40) : tok.end]):
                    term = _DECLARED_SECRET
                else:
                    continue
                hit = True
            elif term.kind == "restriction":
                hit = _restriction_is_marking(doc, tokens, i)
            elif term.kind == "label":
                ls, le = _line_bounds(text, tok.start, tok.end)
                hit = (
                    (strip_decoration(text[ls : tok.start]) == "" or _own_line(doc, tok, lex))
                    and not (
                        UNCLASSIFIED_VALUE.match(text[tok.end : le])  # "ชั้นความลับ: ไม่มี"
                        or _LABEL_TAUGHT.match(text[tok.end : le])  # "ชั้นความลับ มี 3 ชั้น", "ชั้นความลับ หมายถึง"
                    )
                )
            else:
                hit = _after_label(doc, tok) or _declared(doc, tok)
                if not hit and (
                    _own_line(doc, tok, lex) or _bracketed(doc, tok) or _head_stamp(doc, tokens, i) or _heading_tail(doc, tokens, i)
                ):
                    hit = not _lesson(doc, tok, lex) and not _title(doc, tokens, i)
            if hit:
                msg, msg_en = _message(term)
                out.append(doc.finding(RULE, term.severity, tok.start, tok.end, msg, msg_en))
    if doc.has_thai:
        for s, e in (*_unit_restrictions(doc, lex), *_exam_restrictions(doc)):
            msg, msg_en = _message(_RESTRICTION)
            out.append(doc.finding(RULE, _RESTRICTION.severity, s, e, msg, msg_en))
    if text.isascii() or re.search(r"[A-Za-z]", text):
        # The Latin letters alone, doubled letters single: the regexes below run only
        # when a word they look for is there at all (spaced or doubled spellings too).
        letters = _DOUBLE.sub(r"\1", _NOT_LATIN.sub("", text).lower())
        ascii_terms = {k: t for k, t in conf.items() if k.isascii()}
        restr_keys = tuple(sorted(k for k, t in ascii_terms.items() if t.kind == "restriction"))
        restr = _ascii_restriction_re(restr_keys)
        spans: list[tuple[int, int, Term]] = []
        if restr is not None and any(_DOUBLE.sub(r"\1", _NOT_LATIN.sub("", k)) in letters for k in restr_keys):
            for m in restr.finditer(text):
                t = ascii_terms.get(re.sub(r"\s+", " ", m.group(1).lower()))
                if t is not None:
                    spans.append((m.start(1), m.end(1), t))
        stamp = next((t for k, t in ascii_terms.items() if t.kind == "stamp"), None)
        if stamp is not None and any(w in letters for w in _STAMP_LETTERS):
            for rx in (_ASCII_OWN_LINE, _ASCII_BRACKET, _ASCII_UPPER, _ASCII_HEAD):
                for m in rx.finditer(text):
                    if not _NEGATED_ASCII.search(text, max(0, m.start(1) - 12), m.start(1)):  # NOT CONFIDENTIAL
                        spans.append((m.start(1), m.end(1), stamp))
        for m in _EMBARGO.finditer(text) if "embargo" in letters else ():
            g = 1 if m.group(1) is not None else 2
            spans.append((m.start(g), m.end(g), _RESTRICTION))
        for m in _IN_CAMERA.finditer(text) if "camera" in letters else ():
            near = text[max(0, m.start() - 60) : min(len(text), m.end() + 25)]
            if _CAMERA_CONTEXT.search(near) or text[max(0, m.start() - 2) : m.start()].strip()[-1:] in ("(", "["):
                spans.append((m.start(1), m.end(1), _RESTRICTION))
        for s, e, t in spans:
            if _ascii_described(text, s):
                continue
            msg, msg_en = _message(t)
            out.append(doc.finding(RULE, t.severity, s, e, msg, msg_en))
    return out


__all__ = ["check", "term_key"]
