"""Where a marker word stands: its own line, a memo head, brackets, a label, a heading, a
word list or lesson; restrictions that name a unit and exam papers."""

from __future__ import annotations

import re
from functools import lru_cache

from ...document import Document, Token
from ...lexicon import Lexicon
from .patterns import (
    _EXAM_TAKE_OUT,
    _EXAM_WORD,
    _LINE_LABEL,
    _SUBJECT_BEFORE,
    _UNIT_RESTRICTION,
    CLOSERS,
    CONTINUATIONS,
    DECLARING_SUBJECTS,
    DECORATION,
    EMBARGO_NEXT,
    EMBARGO_WORDS,
    HEADING_LINE,
    LESSON_CUES,
    MEMO_WORDS,
    NEGATIONS,
    OPENERS,
    TITLE_NEXT,
    TITLE_NOUNS,
    URGENCY,
    _line_strip_re,
    is_decoration,
    strip_decoration,
)


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
    return strip_decoration(rest, "\u00a0") == ""


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


def _title(doc: Document, tokens: list[Token], i: int) -> bool:
    """The word opens or is a title (ภาพยนตร์เรื่อง "ลับ", "ลับ ลวง พราง"), not a marking."""
    j = i + 1
    while j < len(tokens) and tokens[j].text.strip(" \t-–—") == "" and "\n" not in tokens[j].text:
        j += 1
    if j < len(tokens) and tokens[j].text in TITLE_NEXT:
        return True
    tok = tokens[i]
    before = doc.norm[max(0, tok.start - 40) : tok.start].rstrip(" \t")
    return bool(before) and before[-1] in OPENERS and TITLE_NOUNS.search(before[:-1]) is not None


def _head_stamp(doc: Document, tokens: list[Token], i: int) -> bool:
    """First word of the document or of a memo line, followed by a space or a memo word."""
    tok = tokens[i]
    ls, _ = _line_bounds(doc.norm, tok.start, tok.end)
    if strip_decoration(doc.norm[ls : tok.start]) != "":
        return False
    nxt_raw = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt_raw is None or "\n" in nxt_raw.text:
        return True
    if nxt_raw.text.lstrip(" \t")[:1] in (":", "：", "|", "–", "—") or nxt_raw.text.strip() == "-":
        return True  # "ลับ: รายชื่อ…", "ลับ – ห้ามเผยแพร่"
    nxt = _next_nonspace(tokens, i)
    if nxt is None:
        return True
    if nxt.text in MEMO_WORDS or nxt.text.startswith(("ที่ ", "ที่")) and nxt.text == "ที่":
        return True
    at_doc_head = strip_decoration(doc.norm[: tok.start], "\n") == ""
    return at_doc_head and nxt_raw.is_space and nxt.text not in ("ๆ", "ๆ ")


def _declared(doc: Document, tok: Token) -> bool:
    before = doc.norm[max(0, tok.start - 40) : tok.start]
    return bool(DECLARING_SUBJECTS.search(before))


def _after_label(doc: Document, tok: Token) -> bool:
    before = doc.norm[max(0, tok.start - 20) : tok.start]
    return bool(re.search(r"ชั้นความลับ\s*[:：\-]?\s*$", before))


def _heading_tail(doc: Document, tokens: list[Token], i: int) -> bool:
    """The last word of an agenda-item or exam heading: "ระเบียบวาระที่ 5 … ลับ",
    "ข้อสอบกลางภาค … ลับ"."""
    tok = tokens[i]
    ls, le = _line_bounds(doc.norm, tok.start, tok.end)
    if le - ls > 160 or strip_decoration(doc.norm[tok.end : le]) != "":
        return False
    if not HEADING_LINE.match(doc.norm[ls:le]):
        return False
    prev = tokens[i - 1] if i else None
    return prev is not None and (prev.is_space or prev.text in ("เรื่อง", "วาระ") or is_decoration(prev.text[-1]))


def _line_items(line: str) -> list[str]:
    items = [re.sub(r"^(?:[0-9๐-๙]{1,3}|[ก-ฮ])[.)]", "", w).strip(DECORATION) for w in re.split(r"[\s,;/|•·、]+", line)]
    return [w for w in items if w]


def _word_list(doc: Document, tok: Token, ls: int, le: int, lex: Lexicon) -> bool:
    """Is the token one entry of a list of short words, another of which has the same
    letters ("ลับ กลับ สลับ", or one word a line)?"""
    text = doc.norm
    items = _line_items(text[ls:le])
    word = tok.text
    if len({w for w in items if word in w and w != word and w not in lex.confidential}) >= 2:
        return True  # "ลับ (ลับ) – หลับ – กลับ": words spelt alike on one line
    if len(items) < 3:
        if len(items) > 1:
            return False
        items = []
        for step in (-1, 1):  # walk the neighbouring one-word lines
            pos = ls if step < 0 else le
            for _ in range(40):
                if step < 0:
                    if pos == 0:
                        break
                    b = text.rfind("\n", 0, pos - 1) + 1
                    line, pos = text[b : pos - 1], b
                else:
                    if pos >= len(text):
                        break
                    e = text.find("\n", pos + 1)
                    e = len(text) if e < 0 else e
                    line, pos = text[pos + 1 : e], e
                got = _line_items(line)
                if len(got) != 1 or len(got[0]) > 12:
                    break
                items.append(got[0])
    elif any(len(w) > 12 for w in items):
        return False
    skip = {*lex.confidential, *URGENCY, *MEMO_WORDS, word}
    others = [w for w in items if w not in skip]
    return len(others) >= 2 and any(word in w for w in others)


def _lesson(doc: Document, tok: Token, lex: Lexicon) -> bool:
    """A marker word being taught or spelt, not marking anything: a lesson word on
    its line or the two lines before ("คำว่า 'ลับ'", "คำที่มีตัวสะกด: …"), or a word list."""
    text = doc.norm
    ls, le = _line_bounds(text, tok.start, tok.end)
    lo = ls
    for _ in range(3):
        if lo == 0:
            break
        lo = text.rfind("\n", 0, lo - 1) + 1
    if LESSON_CUES.search(text, lo, le):
        return True
    # Only worth walking the lines when a word spelt alike (กลับ, หลับ) is near.
    alike = re.compile(r"[\u0e01-\u0e4e]" + re.escape(tok.text) + "|" + re.escape(tok.text) + r"[\u0e01-\u0e4e]")
    if not alike.search(text, max(0, tok.start - 400), tok.end + 400):
        return False
    return _word_list(doc, tok, ls, le, lex)


def _unit_restrictions(doc: Document, lex: Lexicon) -> list[tuple[int, int]]:
    """Restrictions naming a unit or a group of people, where they are a marking."""
    text = doc.norm
    if "เท่านั้น" not in text:
        return []
    keys = tuple(k for k, t in lex.confidential.items() if t.kind in ("stamp", "label", "restriction"))
    strip = _line_strip_re(keys)
    out: list[tuple[int, int]] = []
    pos = 0
    while True:  # from each "เท่านั้น" back to the phrase that ends there (cheaper than scanning)
        at = text.find("เท่านั้น", pos)
        if at < 0:
            break
        pos = at + len("เท่านั้น")
        lo = max(text.rfind("\n", 0, at) + 1, at - 120, out[-1][1] if out else 0)
        m = _UNIT_RESTRICTION.search(text, lo, pos)
        if m is None or m.end() != pos:
            continue
        s, e = m.span()
        ls, le = _line_bounds(text, s, e)
        before = text[max(ls, s - 60) : s]
        prefix = strip.sub("", text[ls:s])
        suffix = text[e:le]
        stands = (strip_decoration(prefix) == "" or _LINE_LABEL.match(prefix) is not None) and (
            strip_decoration(suffix) == "" or suffix[0] in " \t(.,;:!-–—"
        )
        bracketed = before.rstrip(" \t")[-1:] in ("(", "[", "{", "<", "【", "《", "〈")
        subject = _SUBJECT_BEFORE.search(before)
        # Who may use a facility or join an activity is not a secrecy marking: the lines just
        # before name a parking lot, a benefit, a registration.
        context_before = text[max(0, ls - 80) : s]
        if not subject and _FACILITY_BEFORE.search(context_before):
            continue
        if stands or bracketed or subject:
            out.append((s, e))
    return out


def _exam_restrictions(doc: Document) -> list[tuple[int, int]]:
    text = doc.norm
    out: list[tuple[int, int]] = []
    if "ห้ามนำ" not in text:
        return out
    for m in _EXAM_TAKE_OUT.finditer(text):
        ls, le = _line_bounds(text, m.start(), m.end())
        if le - ls <= 200 and _EXAM_WORD.search(text, ls, le):
            out.append(m.span())
    return out


# A rule being explained, not a marking: "ข้อมูลที่ห้ามเผยแพร่โดยไม่ได้รับความยินยอม",
# "คลิปดังกล่าวห้ามส่งต่อ เพราะอาจผิด พ.ร.บ.คอมพิวเตอร์".
_PROSE_AFTER = re.compile(
    r"[^\n]{0,40}?(?:โดยไม่ได้รับ|โดยมิได้รับ|หากไม่ได้รับ|ถ้าไม่ได้รับ|เว้นแต่|เพราะ|เนื่องจาก|มิฉะนั้น|อาจผิด|ผิดกฎหมาย|"
    r"ผู้ฝ่าฝืน|ผู้ใดฝ่าฝืน|มีโทษ|ตามกฎหมาย|ตาม ?พ\.ร\.บ)"
)
# A facility or a benefit heading the list the restriction is in: "ลานจอดรถ / ใช้ภายในคณะเท่านั้น".
_FACILITY_BEFORE = re.compile(
    r"(?:สิทธิประโยชน์|สวัสดิการ|ลานจอด|ที่จอดรถ|จอดรถ|สนามกีฬา|สระว่ายน้ำ|ฟิตเนส|คูปอง|ส่วนลด|"
    r"ลงทะเบียน|รับสมัคร|เปิดรับ|ผู้สมัคร|คุณสมบัติผู้)"
)


def _prose_restriction(doc: Document, tok: Token) -> bool:
    """The restriction word explains a rule (a condition, a reason, a penalty follows)."""
    return _PROSE_AFTER.match(doc.norm, tok.end) is not None


def _restriction_is_marking(doc: Document, tokens: list[Token], i: int) -> bool:
    tok = tokens[i]
    prev = _prev_nonspace(tokens, i)
    if prev is not None and prev.text in NEGATIONS:
        return False  # "ไม่ห้ามเผยแพร่"
    if prev is not None and prev.text in ("ที่", "ซึ่ง", "อัน"):
        return False  # "ข้อมูลที่ห้ามเผยแพร่": a kind of information, described
    if _prose_restriction(doc, tok):
        return False
    if tok.text in EMBARGO_WORDS:  # "งดเผยแพร่จนถึง…" is an embargo, "งดเผยแพร่ละคร…" news
        after = _next_nonspace(tokens, i)
        return (
            after is None
            or "\n" in after.text
            or after.text in EMBARGO_NEXT
            or after.text[:1] in (":", "：", ")", "]", "*", "-")
            or _bracketed(doc, tok)
        )
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or not ("\u0e01" <= nxt.text[0] <= "\u0e5b"):
        return True
    if nxt.text in CONTINUATIONS:
        return True
    # "ห้ามเผยแพร่ข้อมูลนี้" (this information) is a marking; "ห้ามเผยแพร่ข้อมูลเท็จ" is prose.
    follow = doc.norm[nxt.start : nxt.start + 30]
    return bool(re.match(r"^\S{0,12}?(?:นี้|ดังกล่าว|ฉบับนี้)", follow)) or _bracketed(doc, tok)
