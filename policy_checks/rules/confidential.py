"""G1 official secrecy markings, recognised as *markings*: a stamp on its own
line, at the head of a memo, in brackets, after the "ชั้นความลับ" label, or a
declaration ("เอกสารนี้เป็นเอกสารลับ"); handling restrictions (ห้ามเผยแพร่,
ใช้ภายในเท่านั้น, internal use only) wherever they stand as a phrase. Ordinary
words that contain the letters ลับ are separate dictionary tokens and never match.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import Document, Token
from ..lexicon import RULE_CONFIDENTIAL, Lexicon, Term, term_key
from ..types import CheckContext, Finding, Severity

RULE = RULE_CONFIDENTIAL
_DECLARED_SECRET = Term("ความลับ", RULE, Severity.ERROR, kind="stamp")

URGENCY = ("ด่วนที่สุด", "ด่วนมาก", "ด่วน")
OPENERS = "([{<《【〈«\"'“‘*"
CLOSERS = ")]}>》】〉»\"'”’*"
DECORATION = " \t\r*#_~=-–—:：|•·.,!()[]{}<>《》【】〈〉«»\"'“”‘’/\\"
MEMO_WORDS = frozenset(
    {
        "ที่",
        "เรื่อง",
        "บันทึกข้อความ",
        "บันทึก",
        "ด่วน",
        "ด่วนมาก",
        "ด่วนที่สุด",
        "เรียน",
        "ส่วนราชการ",
        "วันที่",
        "หนังสือ",
        "คำสั่ง",
        "ประกาศ",
        "\n",
    }
)
SECRET_NOUNS = frozenset({"ความลับ", "เป็นความลับ"})
DECLARED_SECRET = re.compile(
    r"(?:เอกสาร|ข้อมูล|หนังสือ|ไฟล์|รายงาน|บันทึก|ข้อความ|เนื้อหา|สำเนา)(?:ฉบับ)?(?:นี้|ดังกล่าว)"
    r"\s*(?:ถือ|จัด)?(?:ว่า)?\s*(?:เป็น|อยู่ใน)?\s*(?:ชั้น)?(?:เอกสาร|ข้อมูล)?\s*(?:เป็น)?ความลับ(?:ทางราชการ)?\s*$"
)
DECLARING_SUBJECTS = re.compile(
    r"(?:เอกสาร|ข้อมูล|หนังสือ|ไฟล์|รายงาน|บันทึก|ข้อความ|เนื้อหา|สำเนา)(?:ฉบับ)?(?:นี้|ดังกล่าว)"
    r"\s*(?:ถือ|จัด)?(?:ว่า)?\s*(?:เป็น|อยู่ใน)(?:ชั้น)?(?:เอกสาร|ข้อมูล|ความ)?\s*$"
)
CONTINUATIONS = frozenset(
    {
        "ก่อน",
        "จนกว่า",
        "ต่อ",
        "ภายนอก",
        "โดยเด็ดขาด",
        "เด็ดขาด",
        "ทุกกรณี",
        "ออก",
        "ออกไป",
        "ออกนอก",
        "สู่",
        "ทาง",
        "ใน",
        "แก่",
        "ให้",
        "โดย",
        "หาก",
        "เว้นแต่",
        "นอกจาก",
        "ต่อสาธารณะ",
        "สาธารณะ",
        "ทุก",
        "เด็ด",
        "ขาด",
        "ไม่ว่า",
        "และ",
        "หรือ",
    }
)


def _doubling(word: str) -> str:
    """Regex for a marker word in which any letter may be doubled (CONFIDDENTIAL);
    runs of three or more are already collapsed by the normalisation."""
    return r"\s+".join("".join(re.escape(c) + "{1,2}" for c in part) for part in word.split())


_ASCII_STAMPS = "|".join(
    _doubling(w) for w in ("top secret", "strictly confidential", "confidential", "secret", "restricted", "internal", "classified")
)
_ASCII_OWN_LINE = re.compile(
    r"^[ \t*#_~=\-–—:|•.\[\](){}<>]*(?:classification\s*[:：]\s*)?(" + _ASCII_STAMPS + r")[ \t*#_~=\-–—:|•.!\[\](){}<>]*$",
    re.I | re.M,
)
_ASCII_BRACKET = re.compile(r"[\[(<{]\s*(" + _ASCII_STAMPS + r")\s*[\])>}]", re.I)
_ASCII_UPPER = re.compile(
    r"(?<![A-Za-z])(" + "|".join(_doubling(w) for w in ("TOP SECRET", "STRICTLY CONFIDENTIAL", "CONFIDENTIAL")) + r")(?![A-Za-z])"
)


@lru_cache(maxsize=8)
def _ascii_restriction_re(keys: tuple[str, ...]) -> re.Pattern[str] | None:
    if not keys:
        return None
    alts = sorted((k.replace(" ", r"\s+") for k in keys), key=len, reverse=True)
    return re.compile(r"(?<![A-Za-z])(" + "|".join(alts) + r")(?![A-Za-z])", re.I)


@lru_cache(maxsize=8)
def _line_strip_re(keys: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted({*keys, *URGENCY, "ชั้นความลับ", "ชั้นความเร็ว", "ชั้น"}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, (len(text) if le < 0 else le)


def _own_line(doc: Document, tok: Token, lex: Lexicon) -> bool:
    ls, le = _line_bounds(doc.norm, tok.start, tok.end)
    if le - ls > 80:
        return False
    # The token itself is cut out (it may be a doubled spelling such as ลับบ).
    line = doc.norm[ls : tok.start] + " " + doc.norm[tok.end : le]
    keys = tuple(k for k, t in lex.confidential.items() if t.kind in ("stamp", "label"))
    rest = _line_strip_re(keys).sub("", line)
    return rest.strip(DECORATION + "\u00a0") == ""


@lru_cache(maxsize=8)
def _doubled_re(keys: tuple[str, ...]) -> re.Pattern[str] | None:
    """Thai terms with any letter doubled (ลับบ, ลลับ, ลับที่สุดด); group ``gN`` is ``keys[N]``."""
    if not keys:
        return None
    firsts = "".join(sorted({re.escape(k[0]) for k in keys}))
    alts = sorted(range(len(keys)), key=lambda i: len(keys[i]), reverse=True)
    body = "|".join(f"(?P<g{i}>" + "".join(re.escape(c) + "{1,2}" for c in keys[i]) + ")" for i in alts)
    return re.compile(f"(?=[{firsts}])(?:{body})")


def _merge_doubled(doc: Document, tokens: list[Token], keys: tuple[str, ...]) -> list[Token]:
    """Tokens with a doubled-letter spelling of a term (ลับบ → ลับ + บ) merged into one
    token whose text is the term. Only where the spelling starts and ends on token
    boundaries, so กลับบ้าน (ก|ลับบ้าน) or ทางลับบ้าน (ลับ|บ้าน) are never touched."""
    rx = _doubled_re(keys)
    if rx is None:
        return tokens
    cands: list[tuple[int, int, str]] = []
    for m in rx.finditer(doc.norm):
        key = keys[int(str(m.lastgroup)[1:])]
        if m.group() != key:
            cands.append((m.start(), m.end(), key))
    if not cands:
        return tokens
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}
    merged: dict[int, tuple[int, Token]] = {}
    for s, e, key in cands:
        i, j = starts.get(s), ends.get(e)
        if i is None or j is None or j < i:
            continue
        if any(tokens[k].is_space for k in range(i, j + 1)):
            continue
        merged[i] = (j, Token(key, s, e))
    if not merged:
        return tokens
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        if i in merged:
            j, tok = merged[i]
            out.append(tok)
            i = j + 1
        else:
            out.append(tokens[i])
            i += 1
    return out


def _prev_nonspace(tokens: list[Token], i: int) -> Token | None:
    j = i - 1
    while j >= 0 and tokens[j].text.isspace() and "\n" not in tokens[j].text:
        j -= 1
    return tokens[j] if j >= 0 else None


def _next_nonspace(tokens: list[Token], i: int) -> Token | None:
    j = i + 1
    while j < len(tokens) and tokens[j].text.isspace() and "\n" not in tokens[j].text:
        j += 1
    return tokens[j] if j < len(tokens) else None


def _bracketed(doc: Document, tok: Token) -> bool:
    before = doc.norm[max(0, tok.start - 3) : tok.start].rstrip(" \t")
    after = doc.norm[tok.end : tok.end + 3].lstrip(" \t")
    return bool(before) and bool(after) and before[-1] in OPENERS and after[0] in CLOSERS


def _head_stamp(doc: Document, tokens: list[Token], i: int) -> bool:
    """First word of the document or of a memo line, followed by a space or a memo word."""
    tok = tokens[i]
    ls, _ = _line_bounds(doc.norm, tok.start, tok.end)
    if doc.norm[ls : tok.start].strip(DECORATION) != "":
        return False
    nxt_raw = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt_raw is None or "\n" in nxt_raw.text:
        return True
    nxt = _next_nonspace(tokens, i)
    if nxt is None:
        return True
    if nxt.text in MEMO_WORDS or nxt.text.startswith(("ที่ ", "ที่")) and nxt.text == "ที่":
        return True
    at_doc_head = doc.norm[: tok.start].strip(DECORATION + "\n") == ""
    return at_doc_head and nxt_raw.is_space and nxt.text not in ("ๆ", "ๆ ")


def _declared(doc: Document, tok: Token) -> bool:
    before = doc.norm[max(0, tok.start - 40) : tok.start]
    return bool(DECLARING_SUBJECTS.search(before))


def _after_label(doc: Document, tok: Token) -> bool:
    before = doc.norm[max(0, tok.start - 20) : tok.start]
    return bool(re.search(r"ชั้นความลับ\s*[:：\-]?\s*$", before))


def _restriction_is_marking(doc: Document, tokens: list[Token], i: int) -> bool:
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or not ("\u0e01" <= nxt.text[0] <= "\u0e5b"):
        return True
    if nxt.text in CONTINUATIONS:
        return True
    # "ห้ามเผยแพร่ข้อมูลนี้" (this information) is a marking; "ห้ามเผยแพร่ข้อมูลเท็จ" is prose.
    follow = doc.norm[nxt.start : nxt.start + 30]
    return bool(re.match(r"^\S{0,12}?(?:นี้|ดังกล่าว|ฉบับนี้)", follow)) or _bracketed(doc, tok)


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
                ls, _ = _line_bounds(text, tok.start, tok.end)
                hit = text[ls : tok.start].strip(DECORATION) == "" or _own_line(doc, tok, lex)
            else:
                hit = (
                    _own_line(doc, tok, lex)
                    or _bracketed(doc, tok)
                    or _after_label(doc, tok)
                    or _head_stamp(doc, tokens, i)
                    or _declared(doc, tok)
                )
            if hit:
                msg, msg_en = _message(term)
                out.append(doc.finding(RULE, term.severity, tok.start, tok.end, msg, msg_en))
    if text.isascii() or re.search(r"[A-Za-z]", text):
        ascii_terms = {k: t for k, t in conf.items() if k.isascii()}
        restr = _ascii_restriction_re(tuple(sorted(k for k, t in ascii_terms.items() if t.kind == "restriction")))
        spans: list[tuple[int, int, Term]] = []
        if restr is not None:
            for m in restr.finditer(text):
                t = ascii_terms.get(re.sub(r"\s+", " ", m.group(1).lower()))
                if t is not None:
                    spans.append((m.start(1), m.end(1), t))
        stamp = next((t for k, t in ascii_terms.items() if t.kind == "stamp"), None)
        if stamp is not None:
            for rx in (_ASCII_OWN_LINE, _ASCII_BRACKET, _ASCII_UPPER):
                for m in rx.finditer(text):
                    spans.append((m.start(1), m.end(1), stamp))
        for s, e, t in spans:
            msg, msg_en = _message(t)
            out.append(doc.finding(RULE, t.severity, s, e, msg, msg_en))
    return out


__all__ = ["check", "term_key"]
