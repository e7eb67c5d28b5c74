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
        "จนถึง",
        "จน",
        "นอก",
        # sentence-final particles: the restriction ends its clause ("ห้ามเผยแพร่นะครับ")
        "นะ",
        "นะครับ",
        "นะคะ",
        "ครับ",
        "ค่ะ",
        "คะ",
        "จ้า",
        "จ้ะ",
        "เลย",
        "เด้อ",
    }
)
# Restrictions that are embargoes only when a time limit follows (or nothing does).
EMBARGO_WORDS = frozenset({"งดเผยแพร่"})
EMBARGO_NEXT = frozenset({"จนถึง", "จนกว่า", "ก่อน", "จน", "ถึง", "ถึงวันที่", "ก่อนวันที่"})
# A restriction after these is negated ("ไม่ห้ามเผยแพร่", "มิได้ห้ามเผยแพร่").
NEGATIONS = frozenset({"ไม่", "ไม่มี", "ไม่ได้", "ไม่ต้อง", "ไม่ใช่", "มิใช่", "มิได้", "ไม่จำเป็นต้อง", "ไม่ถือ", "ยกเลิก"})
# The value of a "ชั้นความลับ" field that declares the document unclassified.
UNCLASSIFIED_VALUE = re.compile(
    r"^[\s:：=|]*(?:[-–—]+[\s.]*$|[-–—]?\s*(?:ไม่มี|ไม่ลับ|ไม่เป็นความลับ|ไม่จัดชั้น|ปกติ|ทั่วไป|เปิดเผย|สาธารณะ|ยกเลิก|"
    r"none|n/?a|nil|unclassified|public)(?![A-Za-z]))",
    re.I,
)
# Words of a lesson or spelling list: a marker word next to them is a word being taught.
LESSON_CUES = re.compile(
    r"คำว่า|ออกเสียง|ฝึกอ่าน|อ่านคำ|ตัวสะกด|แม่ก[กดบงนมยว]|คำศัพท์|ศัพท์|ตัวอย่างคำ|อ่านว่า|แปลว่า|คำพ้อง|คำคล้องจอง|คำที่มี|"
    r"เป็นคำที่|สะกดว่า|สะกดคำ|วรรณยุกต์|พยัญชนะ|สระ[อะาิีึืุูเแโใไำ]|แบบฝึกหัด|บทเรียน|พจนานุกรม|"
    r"ความหมายของคำ|\bvocabulary\b|\bspelling\b|\bthe word\b|\bmeans\b",
    re.I,
)
# Heading lines whose last word may be the marking: agenda items and exam papers.
HEADING_LINE = re.compile(r"^[\s*#_~=\-–—:|•·.()\[\]0-9]*(?:ระเบียบวาระ|วาระที่|วาระ|ข้อสอบ|แบบทดสอบ|แบบสอบ|กระดาษคำถาม|ชุดข้อสอบ|เฉลยข้อสอบ)")


def _doubling(word: str) -> str:
    """Regex for a marker word in which any letter may be doubled (CONFIDDENTIAL);
    runs of three or more are already collapsed by the normalisation."""
    return r"\s+".join("".join(re.escape(c) + "{1,2}" for c in part) for part in word.split())


def _spaced(word: str) -> str:
    """Regex for a marker word written letter by letter: "C O N F I D E N T I A L", "S.E.C.R.E.T"."""
    return r"\s{1,3}".join(r"[ .\-_*]{1,2}".join(re.escape(c) for c in part) for part in word.split())


_ASCII_WORDS = ("top secret", "strictly confidential", "confidential", "secret", "restricted", "internal", "classified")
_ASCII_STAMPS = "|".join(_doubling(w) for w in _ASCII_WORDS) + "|" + "|".join(_spaced(w) for w in _ASCII_WORDS[:4])
_ASCII_OWN_LINE = re.compile(
    r"^[ \t*#_~=\-–—:|•.\[\](){}<>]*(?:classification\s*[:：]\s*)?(" + _ASCII_STAMPS + r")[ \t*#_~=\-–—:|•.!\[\](){}<>]*$",
    re.I | re.M,
)
_ASCII_BRACKET = re.compile(r"[\[(<{]\s*(" + _ASCII_STAMPS + r")\s*[\])>}]", re.I)
_ASCII_UPPER = re.compile(
    r"(?<![A-Za-z])("
    + "|".join(_doubling(w) for w in ("TOP SECRET", "STRICTLY CONFIDENTIAL", "CONFIDENTIAL"))
    + "|"
    + "|".join(_spaced(w) for w in ("TOP SECRET", "CONFIDENTIAL"))
    + r")(?![A-Za-z])"
)
_ASCII_DECOR = r"[ \t*#_~=\-–—|•.\[\](){}<>]*"
# "Confidential: salary review" – a stamp heading a line, followed by a colon or dash.
_ASCII_HEAD = re.compile(
    r"^" + _ASCII_DECOR + r"(" + "|".join(_doubling(w) for w in ("top secret", "strictly confidential", "confidential")) + r")\s*[:：\-–—]",
    re.I | re.M,
)
# Embargoes: "EMBARGOED UNTIL 10:00", "Embargo: 5 June", "[EMBARGO]"; not "the embargo on Cuba".
_EMBARGO = re.compile(
    r"^" + _ASCII_DECOR + r"(embargo(?:ed)?)(?=\s*(?:[:：\-–—*\])]|until\b|till\b|$))"
    r"|[\[(<{]\s*(embargo(?:ed)?)\b[^\])>}\n]{0,40}[\])>}]",
    re.I | re.M,
)
# "in camera" (a closed session) next to meeting words, never "built-in camera".
_IN_CAMERA = re.compile(r"(?<![\w\-])(in[ \t\-]camera)(?![A-Za-z\-])", re.I)
_CAMERA_CONTEXT = re.compile(
    r"\b(?:sessions?|meetings?|hearings?|items?|agenda|discuss\w*|consider\w*|deliberat\w*|held|hold|council|"
    r"committee|board|met|proceedings?|closed|minutes)\b",
    re.I,
)
_NOT_LATIN = re.compile(r"[^A-Za-z]+")
_DOUBLE = re.compile(r"(.)\1")
_STAMP_LETTERS = ("confidential", "secret", "restricted", "internal", "clasified")
_NEGATED_ASCII = re.compile(r"(?:\bnot|\bnon|\bno\s+longer)[\s\-]*$", re.I)

# --- Thai phrases whose structure matters --------------------------------------------
_UNIT = (
    r"(?:คณะ|สำนัก|สถาบัน|ศูนย์|กอง|ฝ่าย|ภาควิชา|สาขา|หน่วยงาน|หน่วย|มหาวิทยาลัย|องค์กร|บริษัท|ส่วนราชการ|"
    r"กรม|กระทรวง|งาน|โรงเรียน|วิทยาลัย|ที่ประชุม|สำนักงาน|ทีม|โครงการ|ส่วน)"
)
_PEOPLE = (
    r"(?:บุคลากร|เจ้าหน้าที่|ผู้บริหาร|คณะกรรมการ|กรรมการ|สมาชิก|ผู้เกี่ยวข้อง|ผู้ที่เกี่ยวข้อง|ผู้ได้รับอนุญาต|"
    r"ผู้มีสิทธิ์|ผู้มีสิทธิ|ผู้บังคับบัญชา|พนักงาน)"
)
# "ใช้ภายในคณะวิทยาศาสตร์เท่านั้น", "เฉพาะบุคลากรของสำนัก…เท่านั้น": a restriction naming a unit.
_UNIT_RESTRICTION = re.compile(
    r"(?:สำหรับ)?(?:(?:ใช้|ใช้งาน|เผยแพร่|เวียน|เปิดเผย)(?:เฉพาะ)?|เฉพาะ) ?ภายใน ?" + _UNIT + r"[^\n]{0,50}?เท่านั้น"
    r"|(?:สำหรับ|ใช้|เผยแพร่|เวียน|เปิดเผย)?เฉพาะ ?" + _PEOPLE + r"[^\n]{0,50}?เท่านั้น"
)
# … is a marking when a document is its subject, or it stands as a line (or in brackets).
_SUBJECT_BEFORE = re.compile(
    r"(?:เอกสาร|ข้อมูล|ไฟล์|รายงาน|สำเนา|บันทึก|เนื้อหา|ข้อความ|สไลด์|ร่าง|คู่มือ)(?:ประกอบ)?(?:การประชุม|การพิจารณา)?"
    r"(?:ฉบับ|ชุด)?(?:นี้|ดังกล่าว|ทั้งหมด)? ?(?:เป็น|จัดเป็น|ถือเป็น|มีไว้|ให้|ขอให้|สงวนไว้)? ?$"
)
_LINE_LABEL = re.compile(r"^\s*[^\s:：]{1,20}\s*[:：]\s*$")
# Exam papers: "ข้อสอบ … ห้ามนำออกจากห้องสอบ" on an exam line.
_EXAM_WORD = re.compile(r"ข้อสอบ|แบบทดสอบ|กระดาษคำถาม|ห้องสอบ|\bexam", re.I)
_EXAM_TAKE_OUT = re.compile(r"ห้ามนำ(?:ข้อสอบ|แบบทดสอบ|กระดาษคำถาม|เอกสาร)?(?:ฉบับ|ชุด)?(?:นี้)? ?ออก(?:จากห้องสอบ|นอกห้องสอบ|จากห้อง)?")
_RESTRICTION = Term("ใช้ภายในเท่านั้น", RULE, Severity.ERROR, kind="restriction")


@lru_cache(maxsize=8)
def _ascii_restriction_re(keys: tuple[str, ...]) -> re.Pattern[str] | None:
    if not keys:
        return None
    alts = sorted((re.escape(k).replace(r"\ ", r"\s+") for k in keys), key=len, reverse=True)
    return re.compile(r"(?<![A-Za-z])(" + "|".join(alts) + r")(?![A-Za-z])", re.I)


@lru_cache(maxsize=8)
def _line_strip_re(keys: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted({*keys, *URGENCY, "ชั้นความลับ", "ชั้นความเร็ว", "ชั้น", "สำเนา"}, key=len, reverse=True)
    # Page numbers ("หน้า 2/5", "- 3 -") may share the stamp's line.
    pages = r"|หน้า\s*[0-9๐-๙]+(?:\s*/\s*[0-9๐-๙]+)?|(?<![^\s\-])[0-9๐-๙]{1,3}(?:/[0-9๐-๙]{1,3})?(?![^\s\-])"
    return re.compile("|".join(re.escape(w) for w in words) + pages, re.I)


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
    if nxt_raw.text.lstrip(" \t")[:1] in (":", "：", "|", "–", "—") or nxt_raw.text.strip() == "-":
        return True  # "ลับ: รายชื่อ…", "ลับ – ห้ามเผยแพร่"
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


def _heading_tail(doc: Document, tokens: list[Token], i: int) -> bool:
    """The last word of an agenda-item or exam heading: "ระเบียบวาระที่ 5 … ลับ",
    "ข้อสอบกลางภาค … ลับ"."""
    tok = tokens[i]
    ls, le = _line_bounds(doc.norm, tok.start, tok.end)
    if le - ls > 160 or doc.norm[tok.end : le].strip(DECORATION) != "":
        return False
    if not HEADING_LINE.match(doc.norm[ls:le]):
        return False
    prev = tokens[i - 1] if i else None
    return prev is not None and (prev.is_space or prev.text in ("เรื่อง", "วาระ") or prev.text[-1] in DECORATION)


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
    for _ in range(2):
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
        stands = (prefix.strip(DECORATION) == "" or _LINE_LABEL.match(prefix) is not None) and (
            suffix.strip(DECORATION) == "" or suffix[0] in " \t(.,;:!-–—"
        )
        bracketed = before.rstrip(" \t")[-1:] in ("(", "[", "{", "<", "【", "《", "〈")
        if stands or bracketed or _SUBJECT_BEFORE.search(before):
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


def _restriction_is_marking(doc: Document, tokens: list[Token], i: int) -> bool:
    tok = tokens[i]
    prev = _prev_nonspace(tokens, i)
    if prev is not None and prev.text in NEGATIONS:
        return False  # "ไม่ห้ามเผยแพร่"
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
                ls, le = _line_bounds(text, tok.start, tok.end)
                hit = (text[ls : tok.start].strip(DECORATION) == "" or _own_line(doc, tok, lex)) and not (
                    UNCLASSIFIED_VALUE.match(text[tok.end : le])  # "ชั้นความลับ: ไม่มี"
                )
            else:
                hit = _after_label(doc, tok) or _declared(doc, tok)
                if not hit and (
                    _own_line(doc, tok, lex) or _bracketed(doc, tok) or _head_stamp(doc, tokens, i) or _heading_tail(doc, tokens, i)
                ):
                    hit = not _lesson(doc, tok, lex)
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
            msg, msg_en = _message(t)
            out.append(doc.finding(RULE, t.severity, s, e, msg, msg_en))
    return out


__all__ = ["check", "term_key"]
