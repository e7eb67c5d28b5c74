"""Someone else's words in a text, blanked out so that what remains is the writer's voice.

- **Quotations**: “…”, "…", «…», ‘…’, '…' (straight single quotes at word edges), 「…」; a
  quotation opened with “ « 「 『 runs over lines and paragraphs to its closer (when no second
  opener comes first), else to the end of its line.
- **Reported speech**: a speech verb (กล่าว, เผย, เปิดใจ, ให้ข้อมูล, สะท้อน, ฝาก, เล่า, ถ่ายทอด,
  บอก, ระบุ, อธิบาย, ยอมรับ, แสดงความเห็น, ให้สัมภาษณ์ …; said, told …) followed within a short
  span by ว่า (``กล่าวด้วยความภาคภูมิใจว่า``, ``ฝากข้อคิดถึงน้อง ๆ ว่า``, ``บอกกับทีมข่าวว่า``),
  up to the end of its line, or to the end of its paragraph when the speech starts on the next
  line; not when the writer is the speaker (``ผมอยากบอกว่า``, ``ต้องบอกว่า``) or the span holds the
  writer's own verb (``ระบุ ผมว่า``, ``กล่าวถึงเรื่องนี้ แต่ผมคิดว่า``), and the writer takes the
  floor back at ``แต่ผม``/``ส่วนดิฉัน``/``but I``.
- **Attribution after the words**: ``ผมคิดว่า… นายธีรวัฒน์กล่าว`` (a title or office before the verb).
- **Speakers and interviews**: a line ``นายธีรวัฒน์: …`` (a title or office, or a transcript with two
  or more named speakers), ``ถาม: … / ตอบ: …``, ``Q: … / A: …`` — to the next label or blank line.
- **An office-holder's message**: from a heading such as ``สาส์นจากนายกสภามหาวิทยาลัย``,
  ``คำกล่าวต้อนรับของอธิการบดี``, "Message from the President" to the end of the text: it
  speaks for the institution, not as a personal opinion.
"""

from __future__ import annotations

import re

from .lexicon import I_TH

__all__ = ["mask_reported_speech"]

_PAIRS = {"“": "”", "«": "»", "‘": "’", "「": "」", "『": "』", "„": "“"}
_CLOSERS = {"”", "»", "’", "」", "』"}
_MULTILINE = {"“", "«", "「", "『"}
_QUOTE_CHAR = re.compile(r"[“”«»‘’「」『』]")
_ANY_QUOTE = re.compile(r"[“”«»‘’「」『』„\"']")
_QUOTE_REACH = 3000
_STRAIGHT_REACH = 500
_PRONOUN = re.compile(I_TH + r"|\bI\b")


def _mask(out: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if out[i] != "\n":
            out[i] = " "


def _line_end(text: str, pos: int) -> int:
    le = text.find("\n", pos)
    return len(text) if le < 0 else le


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_PARAGRAPH_REACH = 3000


def _paragraph_end(text: str, pos: int, limit: int | None = None) -> int:
    """The end of the paragraph at ``pos`` (a blank line), looked for up to ``limit`` or a few
    thousand characters on (then the end of the line there), so that many labels or speech
    verbs in one long paragraph stay linear."""
    limit = min(len(text), pos + _PARAGRAPH_REACH if limit is None else limit)
    pe = _BLANK_LINE.search(text, pos, limit)
    return pe.start() if pe is not None else (limit if limit >= len(text) else _line_end(text, limit))


def _straight_closer(text: str, start: int, end: int) -> int:
    """The ``'`` closing a straight single quote: after a non-space, not before a letter."""
    k = text.find("'", start, end)
    while k >= 0:
        if not text[k - 1].isspace() and (k + 1 >= len(text) or not text[k + 1].isalnum()):
            return k
        k = text.find("'", k + 1, end)
    return -1


def _mask_quotes(text: str, out: list[str]) -> None:
    # A line that closes a quote opened on an earlier line: mask up to the closer.
    for line in re.finditer(r"[^\n]+", text):
        first = _QUOTE_CHAR.search(line.group())
        if first and first.group() in _CLOSERS and first.group() != "’":
            _mask(out, line.start(), line.start() + first.end())
    n = len(text)
    i = 0
    while (m := _ANY_QUOTE.search(text, i)) is not None:
        i, ch = m.start(), m.group()
        le = _line_end(text, i)
        if ch == "'":
            # Straight single quotes at word edges only: never the apostrophe of "don't", "students'".
            edge = (i and text[i - 1].isalnum()) or i + 1 >= n or text[i + 1].isspace()
            j = -1 if edge else _straight_closer(text, i + 1, min(le, i + _STRAIGHT_REACH))
            if j >= 0:
                _mask(out, i, j + 1)
            i = j + 1 if j >= 0 else i + 1
            continue
        closer = _PAIRS.get(ch) or (ch if ch in '"”' else None)
        if closer is None:
            i += 1
            continue
        j = text.find(closer, i + 1, le)
        if j < 0 and ch == "‘":  # an apostrophe-like ‘ inside a word is not a quote
            i += 1
            continue
        if j < 0 and ch in _MULTILINE:
            k = text.find(closer, i + 1, min(n, i + _QUOTE_REACH))
            if k >= 0 and text.find(ch, i + 1, k) < 0:
                j = k
        stop = le if j < 0 else j + 1
        _mask(out, i, stop)
        i = max(stop, i + 1)


# --- reported speech ----------------------------------------------------------------------

_SPEECH_VERB = (
    r"(?:กล่าว|เปิดเผย|เผย|เปิดใจ|ให้(?:ข้อมูล|สัมภาษณ์|ความ(?:คิด)?เห็น|ทัศนะ|มุมมอง|แง่คิด|โอวาท|ข้อคิด|กำลังใจ|คำแนะนำ)|สะท้อน|ฝาก|เล่า|ถ่ายทอด|"
    r"บอก|ระบุ|อธิบาย|ยอมรับ|แสดงความ(?:คิด)?เห็น|แสดงทัศนะ|ชี้แจง|ชี้|แถลง(?:การณ์)?|ตอบ|(?:เน้น)?ย้ำ|ยืนยัน|พูด|"
    r"โพสต์|ทวีต|เขียน|รายงาน|ตั้งข้อสังเกต|เสริม|เตือน|แนะนำ|แนะ|ปราศรัย|บรรยาย|ทิ้งท้าย|ระบาย|อวยพร|ประกาศ)"
)
_REPORTING = re.compile(
    r"(?:" + _SPEECH_VERB + r"(?P<span>[^\n\"“”«»'!?:;]{0,60}?)[ \t]?ว่า(?![่-๋]|ง|ย|จ้าง)|ความ(?:ตอนหนึ่ง)?ว่า|"
    r"\b(?:said|says|told|stated|explained|added|according to|noted|recalled|wrote|commented|remarked)\b)",
    re.I,
)
# A span that is the writer's own clause, not the speech verb's complement: a thinking verb
# (not ความรู้สึก/ข้อคิด/ความเห็น), a conjunction, a manner phrase (พูดง่าย ๆ ว่า, บอกตรง ๆ ว่า).
_NOT_SPAN = re.compile(
    r"(?<!ความ)(?<!ข้อ)(?<!ความรู้)(?<!ให้)(?:คิด|เห็น|มอง|เชื่อ|รู้สึก|มั่นใจ|เข้าใจ)|แต่|เพราะ|จึง|"
    r"^[ \t]?(?:ง่าย|ตรง|สั้น|ตามตรง|กันตามตรง|จริง)"
)
_WORDS = re.compile(r"[^\s:\-–—]")
# A pronoun ending the span is the writer speaking ("ตามที่ประกาศระบุ ผมว่า…", "…ซึ่งผมว่า…")
# unless it is the verb's object: "บอกผมว่า", "เล่าให้ผมฟังว่า", "บอกกับดิฉันว่า".
_SPAN_PRONOUN_END = re.compile(r"(?:" + I_TH + r")(?:[ \t]?(?:ฟัง|ด้วย|เอง))?[ \t]?$")
_OBJECT_BEFORE = re.compile(r"(?:กับ|แก่|ต่อ|ให้|ถึง)[ \t]?$")
# The writer themself saying something ("ผมอยากบอกว่า", "ดิฉันขอย้ำว่า", "I said", "ต้องบอกว่า").
_SELF_BEFORE = re.compile(r"(?:(?:ผม|ดิฉัน|ฉัน|ข้าพเจ้า|กู|หนู|ผู้เขียน|\bI\b)[^\s]{0,12}|(?:ต้อง|ขอ|อยาก|จะ)(?:มา|ไป|มานั่ง|คอย|ได้)?)\s?$")
# The writer taking the floor again after someone else's words: "แต่ผมคิดว่า", "ส่วนดิฉัน", "but I".
_WRITER_RESUMES = re.compile(r"(?:แต่|ส่วน|ทว่า|ขณะที่)[ \t]?(?:ตัว|สำหรับ|ตัวของ)?(?:กระ)?(?:ผม|ดิฉัน|ฉัน|ข้าพเจ้า|กู|ผู้เขียน)|\bbut I\b")


def _writer_ends(span: str) -> bool:
    m = _SPAN_PRONOUN_END.search(span)
    return m is not None and m.start() > 0 and not _OBJECT_BEFORE.search(span, 0, m.start())


def _mask_reporting(text: str, masked: str, out: list[str]) -> None:
    covered = 0  # a speech verb inside speech already masked is part of that speech
    for m in _REPORTING.finditer(masked):
        if m.start() < covered or _SELF_BEFORE.search(masked, max(0, m.start() - 20), m.start()):
            continue
        span = m.group("span")
        if span and (_NOT_SPAN.search(span) or _writer_ends(span)):
            continue
        # Speech given in quotes ("…บอกว่า “…” แต่ผม…") is already masked: the writer resumes after it.
        k = m.end()
        while k < len(text) and text[k] in " \t":
            k += 1
        if k < len(text) and text[k] in "“«「『„\"”'":
            continue
        le = _line_end(masked, m.end())
        if not _WORDS.search(text, k, le):
            # "กล่าวว่า\nผมคิดว่า…": the words are the next paragraph (past blank lines).
            nxt = _WORDS.search(masked, le)
            le = _paragraph_end(masked, nxt.start()) if nxt else len(masked)
        back = _WRITER_RESUMES.search(masked, m.end(), le)
        covered = back.start() if back else le
        _mask(out, m.start(), covered)


# --- who speaks: titles and offices ---------------------------------------------------------

_TITLE = (
    r"(?:นาย|นางสาว|นาง|น\.ส\.|ด\.[ชญ]\.|(?:ผศ|รศ|ศ|อ|ดร|ผอ)\.|ว่าที่|พระ|คุณ|พี่|น้อง|ลุง|ป้า|ยาย|"
    r"(?:Mr|Mrs|Ms|Dr|Prof)\.?\s)"
)
_ROLE = (
    r"(?:(?:รอง|ผู้ช่วย)?(?:อธิการบดี|คณบดี|ผู้อำนวยการ|ศาสตราจารย์)|อาจารย์|หัวหน้า|ประธาน|นายก|ผู้ใหญ่บ้าน|กำนัน|"
    r"ผู้ว่า|วิทยากร|พิธีกร|ผู้ดำเนินรายการ|ผู้สื่อข่าว|ผู้สัมภาษณ์|ผู้ให้สัมภาษณ์|นักศึกษา|นักเรียน|ศิษย์เก่า|ผู้ปกครอง|"
    r"ชาวบ้าน|เกษตรกร|ตัวแทน|ผู้แทน|ผู้เข้าร่วม|ผู้ร่วมเสวนา|ผู้ประกอบการ|ครู|แพทย์|เจ้าหน้าที่|ผู้จัดการ|ประชาชน)"
)
_WHO = re.compile(r"(?:" + _TITLE + r"|" + _ROLE + r")")

_TRAILING = re.compile(
    r"(?m)[ \t,](?P<who>(?:" + _TITLE + r"|" + _ROLE + r")[^\n]{0,40}?)(?<!การ)(?<!ความ)"
    r"(?:กล่าว|เปิดเผย|เผย|ระบุ|เล่า|บอก|ให้สัมภาษณ์|อธิบาย|ทิ้งท้าย)"
    r"(?P<tail>(?:[ \t]|ด้วย|อย่าง|ใน|เมื่อ|ขณะ|ระหว่าง|กับ|ต่อ|ไว้|เพิ่มเติม|ทิ้งท้าย|ปิดท้าย|พร้อม|ทั้ง)[^\n]{0,30})?[ \t.]{0,8}$"
)


def _mask_trailing(masked: str, out: list[str]) -> None:
    """Words before a titled speaker: "ผมคิดว่าทุกคนในทีมมีส่วนสำคัญ นายธีรวัฒน์กล่าว"."""
    for m in _TRAILING.finditer(masked):
        ls = masked.rfind("\n", 0, m.start()) + 1
        before = masked[ls : m.start()]
        if (
            not before.strip()
            or "ว่า" in (m.group("tail") or "")
            or _PRONOUN.search(m.group("who"))
            or re.search(r"(?:ที่|ตาม|ดัง|เหมือน)[ \t]?$", before[-12:])
        ):
            continue
        _mask(out, ls, m.start("who"))


_LABEL = re.compile(r"(?m)^[ \t]{0,8}(?P<label>[^\s:：](?:[^\n:：]{0,58}?[^\s:：])?)[ \t]{0,3}[:：](?=[ \t]{0,8}\S)")
_QA = re.compile(r"(?:ถาม|ตอบ|ถ\.|ต\.|คำถาม|คำตอบ|Q|A|Question|Answer|ผู้สื่อข่าว|ผู้สัมภาษณ์|ผู้ดำเนินรายการ|พิธีกร)", re.I)
# Labels that head a note, not a speaker's turn.
_NOT_SPEAKER = re.compile(
    r"หมายเหตุ|ป\.?ล|อัป?พ?เด[ตท]|สรุป|เรื่อง|หัวข้อ|ความ(?:คิด)?เห็น|มุมมอง|ทัศนะ|ข้อ|ประเด็น|เหตุผล|ปัญหา|สาเหตุ|ที่มา|"
    r"อ้างอิง|วันที่|เวลา|สถานที่|ผู้เขียน|โดย|คอลัมน์|บทความ|ติดต่อ|โทร|อีเมล|ส่วนตัว|ราคา|จำนวน|"
    r"\b(?:note|ps|p\.s|update|edit|tl;?dr|disclaimer|opinion|source|re|subject|https?)\b|\d",
    re.I,
)


def _mask_speakers(masked: str, out: list[str]) -> None:
    labels = list(_LABEL.finditer(masked))
    if not labels:
        return
    names = {
        m.group("label").strip()
        for m in labels
        if len(m.group("label").split()) <= 3 and not _NOT_SPEAKER.search(m.group("label")) and not _PRONOUN.search(m.group("label"))
    }
    transcript = len(names) >= 2
    for idx, m in enumerate(labels):
        label = m.group("label").strip()
        if _PRONOUN.search(label):
            continue
        speaker = (
            _QA.fullmatch(label) is not None
            or (_WHO.match(label) is not None and len(label.split()) <= 5)
            or (transcript and label in names)
        )
        if not speaker:
            continue
        # One speaker: their line. An interview or a transcript: their turn, to the next label.
        stop = _line_end(masked, m.end())
        if len(labels) >= 2:
            nxt = labels[idx + 1].start() if idx + 1 < len(labels) else None
            stop = _paragraph_end(masked, m.end(), nxt)
            if nxt is not None:
                stop = min(stop, nxt)
        _mask(out, m.start(), stop)


_OFFICE = (
    r"(?:รอง|ผู้ช่วย)?อธิการบดี|(?:อุป)?นายกสภา|คณบดี|ผู้อำนวยการ|ประธาน|นายกรัฐมนตรี|รัฐมนตรี|ผู้ว่าราชการ|"
    r"(?:vice[- ])?(?:president|rector|chancellor)|dean|director|chair"
)
_MESSAGE = re.compile(
    r"(?im)^[ \t]{0,8}(?:สาส์น|สาร|คำ(?:กล่าว|ปราศรัย|อวยพร|นิยม|แถลง)[^\s]{0,20}?|โอวาท|ปาฐกถา[^\s]{0,12}?|สุนทรพจน์|"
    r"ถ้อยแถลง|(?:a |the )?(?:message|welcome(?: message| address| speech)?|address|speech|remarks))"
    r"[ \t]?(?:จาก|ของ|โดย|from|by|of)?[ \t]?(?:the[ \t])?(?:ท่าน)?(?:" + _OFFICE + r")(?P<rest>[^\n]{0,80})$"
)


def _mask_messages(masked: str, out: list[str]) -> None:
    for m in _MESSAGE.finditer(masked):
        rest = m.group("rest")
        if _PRONOUN.search(rest) or re.search(r"ว่า|ทำให้|เมื่อ|ที่ผ่านมา", rest):
            continue  # "คำกล่าวของอธิการบดีเมื่อวานทำให้ผมผิดหวัง" is about the speech, not the speech
        _mask(out, m.start(), len(masked))
        return


def mask_reported_speech(text: str) -> str:
    """The text with quoted and reported speech blanked out (same length, line breaks kept)."""
    out = list(text)
    _mask_quotes(text, out)
    masked = "".join(out)
    _mask_messages(masked, out)
    _mask_speakers(masked, out)
    masked = "".join(out)
    _mask_reporting(text, masked, out)
    _mask_trailing(masked, out)
    return "".join(out)
