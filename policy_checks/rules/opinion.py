"""Detect first-person opinion voice (G1): a column, blog paragraph or social post in
which the writer argues in their own name, as opposed to news reporting, quoted speech,
official announcements and research abstracts.

The detector works on a *masked* copy of the text: quoted speech (“…”, "…", «…», ‘…’,
「…」) and reported speech (everything after ``กล่าวว่า``/``เปิดเผยว่า``/``said`` … up to
the end of its line, when the speaker is not the writer) are blanked out, so what remains
is the writer's own voice. Evidence is then counted per sentence:

- **strong**: a first-person singular pronoun (ผม, ดิฉัน, ฉัน, ข้าพเจ้า, กู, หนู, ผู้เขียน
  as self-reference; I) joined to an opinion or stance verb (คิดว่า, เห็นว่า, มองว่า,
  เชื่อว่า, รู้สึกว่า, (ไม่)เห็นด้วย, ผิดหวัง, อยากให้, ขอวิจารณ์, ว่า in ``ผมว่า`` …; think,
  believe, feel, disagree …), or a first-person stance phrase (ในความเห็นของผม,
  ส่วนตัวผมคิดว่า, โดยส่วนตัว, in my opinion, IMO);
- **weak**: ``เรา`` with an opinion verb in official text, pronoun-less stance markers
  (ต้องบอกว่า, โดยส่วนตัว, พูดตรง ๆ), and column/blog form (คอลัมน์, บทความแสดงความคิดเห็น,
  มุมมองของผู้เขียน, a ``โดย ชื่อ`` byline on its own line, "Opinion:"). ``เราว่า``/``เราคิดว่า``
  outside official text is strong: in social Thai เรา is "I".

A text is opinion when it has a strong sentence, or two weak ones of which one is a
stance (not only form), or a column/blog form with three first-person pronouns. Official
notices and research abstracts (ประกาศ…เรื่อง, ขอประกาศ, แจ้ง…ทราบ, ผลการวิจัยพบว่า,
บทคัดย่อ …) need two strong sentences and ``เรา`` does not count in them. Each pattern is
tried only where one of its anchor words occurs (``str.find``), and quotes are masked only
when there is evidence at all: no tokenisation, linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["EvidenceHit", "OpinionEvidence", "mask_reported_speech", "opinion_voice"]


@dataclass(frozen=True)
class EvidenceHit:
    """One piece of evidence: ``kind`` is ``"first-person"``, ``"stance"``, ``"we"`` or
    ``"form"``; ``start``/``end`` are offsets into the text given to :func:`opinion_voice`."""

    kind: str
    strong: bool
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class OpinionEvidence:
    """Why a text reads as first-person opinion: the hits (at most one per sentence),
    how many sentences carry strong and weak evidence, and whether the text also looks
    like an official notice or a research abstract (which raises the bar)."""

    hits: tuple[EvidenceHit, ...]
    strong: int
    weak: int
    official: bool

    @property
    def example(self) -> str:
        """The first strong hit's text (else the first hit's), for messages."""
        for hit in self.hits:
            if hit.strong:
                return hit.text
        return self.hits[0].text if self.hits else ""


# --- masking quoted and reported speech -------------------------------------------------

_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")

_PAIRS = {"“": "”", "«": "»", "‘": "’", "「": "」", "『": "』", "„": "“"}
_CLOSERS = {"”", "»", "’", "」", "』"}
_QUOTE_CHAR = re.compile(r"[“”«»‘’「」『』]")

_REPORTING_VERB = re.compile(
    r"(?:กล่าว(?:เพิ่มเติม|ต่อ|ย้ำ|ทิ้งท้าย|สรุป|ถึง[^\n]{0,40}?)?ว่า|เปิดเผย(?:ต่อ[^\n]{0,30}?)?ว่า|"
    r"(?:ได้)?ระบุ(?:ข้อความ)?ว่า|ให้สัมภาษณ์(?:[^\n]{0,30}?)?ว่า|ชี้แจง(?:ต่อ)?ว่า|(?<!ก)เผยว่า|แถลง(?:การณ์)?ว่า|"
    r"อธิบาย(?:ว่า|เพิ่มเติมว่า)|ตอบ(?:คำถาม)?ว่า|เล่า(?:ให้ฟัง)?ว่า|(?:เน้น)?ย้ำ(?:ว่า)|ยืนยันว่า|"
    r"ให้ความเห็นว่า|แสดงความ(?:คิด)?เห็นว่า|ตั้งข้อสังเกตว่า|พูดว่า|โพสต์(?:ข้อความ)?ว่า|ทวีต(?:ข้อความ)?ว่า|"
    r"เขียน(?:ข้อความ)?ว่า|ความตอนหนึ่งว่า|ความว่า|ระบุไว้ว่า|(?<!ต้อง)(?<!ขอ)(?<!อยาก)(?<!จะ)บอกว่า|รายงานว่า|"
    r"\b(?:said|says|told|stated|explained|added|according to)\b)",
    re.I,
)
# The writer themself saying something ("ผมอยากบอกว่า", "ดิฉันขอย้ำว่า", "I said") is not reported speech.
_SELF_BEFORE = re.compile(r"(?:ผม|ดิฉัน|ฉัน|ข้าพเจ้า|กู|หนู|ผู้เขียน|\bI\b)[^\s]{0,12}\s?$")

# The writer taking the floor again after someone else's words: "แต่ผมคิดว่า", "ส่วนดิฉัน", "but I".
_WRITER_RESUMES = re.compile(r"(?:แต่|ส่วน|ทว่า|ขณะที่)[ \t]?(?:ตัว|สำหรับ|ตัวของ)?(?:กระ)?(?:ผม|ดิฉัน|ฉัน|ข้าพเจ้า|กู|ผู้เขียน)|\bbut I\b")


def _mask(text: str, start: int, end: int, out: list[str]) -> None:
    for i in range(start, end):
        if out[i] != "\n":
            out[i] = " "


def mask_reported_speech(text: str) -> str:
    """The text with quoted and reported speech blanked out (same length, line breaks kept)."""
    out = list(text)
    for line in re.finditer(r"[^\n]+", text):
        ls, le = line.start(), line.end()
        s = line.group()
        # A line that closes a quote opened on an earlier line: mask up to the closer.
        first = _QUOTE_CHAR.search(s)
        i = 0
        if first and first.group() in _CLOSERS and first.group() != "’":
            _mask(text, ls, ls + first.end(), out)
            i = first.end()
        while i < len(s):
            ch = s[i]
            closer = _PAIRS.get(ch)
            if closer is None and ch in ('"', "”"):
                closer = ch  # straight quotes, and ” typed for both ends
            if closer is None:
                i += 1
                continue
            if ch == "‘":
                # An apostrophe-like ‘ inside a word is not a quote.
                j = s.find(closer, i + 1)
                if j < 0:
                    i += 1
                    continue
            else:
                j = s.find(closer, i + 1)
            stop = le if j < 0 else ls + j + 1
            _mask(text, ls + i, stop, out)
            i = len(s) if j < 0 else j + 1
    masked = "".join(out)
    for m in _REPORTING_VERB.finditer(masked):
        if _SELF_BEFORE.search(masked, max(0, m.start() - 20), m.start()):
            continue
        # Speech given in quotes ("…บอกว่า “…” แต่ผม…") is already masked: the writer resumes after it.
        k = m.end()
        while k < len(text) and text[k] in " \t":
            k += 1
        if k < len(text) and (text[k] in _PAIRS or text[k] in '"”'):
            continue
        le = masked.find("\n", m.end())
        le = len(masked) if le < 0 else le
        back = _WRITER_RESUMES.search(masked, m.end(), le)
        _mask(masked, m.start(), back.start() if back else le, out)
    return "".join(out)


# --- evidence patterns --------------------------------------------------------------------

# First-person singular pronouns, with guards against words that contain them
# (ทรงผม/เส้นผม hair, ฉันทามติ, ตระกูล/กูเกิล/สกู๊ป, หนูนา…).
_I_TH = (
    r"(?:กระ)?(?<!ทรง)(?<!เส้น)(?<!ตัด)(?<!สระ)(?<!ย้อม)(?<!ไร)(?<!หวี)ผม(?!ร่วง|หงอก|ยาว|สั้น|เผ้า)"
    r"|(?:ดิ|อิ)?ฉัน(?!ท)|ข้าพเจ้า|กู(?![่-๋ลร]|เกิ)|หนู(?![่-๋]|นา|ตะเภา|ทดลอง)"
    r"|ผู้เขียน(?:เอง)?"
)
_I_SELF = r"(?:กระ)?ผม(?!ร่วง|หงอก|ยาว|สั้น|เผ้า)|(?:ดิ|อิ)?ฉัน(?!ท)|ข้าพเจ้า|กู(?![่-๋ลร]|เกิ)|หนู(?![่-๋]|นา|ตะเภา|ทดลอง)"
_WE_TH = r"เรา(?!เตอร์)"
# Words that may stand between the pronoun and its verb.
_FILL = (
    r"(?:[ \t]?(?:ก็|เอง|ยัง|จึง|เลย|กลับ|ค่อนข้าง(?:จะ)?|จะ|ส่วนตัว(?:แล้ว)?|คง|มัก|ไม่(?:ค่อย)?|ขอ|ต้อง|ได้|ยิ่ง|แอบ|"
    r"นะ|ละ|ล่ะ|จริง[ \t]?ๆ|เคย|อยาก|ดัน|แล้ว|คือ|เอ?ง|ยังคง|ถึงกับ|อดไม่ได้ที่จะ|ค่อนข้าง|เริ่ม|พอจะ|กลับมา))*"
)
_OPINION_VERB_TH = (
    r"(?:คิด(?:ว่า|เห็น)|เห็น(?:ว่า|ด้วย)|มอง(?:ว่า|เห็นว่า)|เชื่อ(?:ว่า|มั่นว่า)|"
    r"รู้สึก(?:ว่า|ผิดหวัง|ไม่พอใจ|เสียดาย|แปลก|ไม่โอเค|แย่|ไม่ยุติธรรม|ไม่เห็นด้วย)|เห็นต่าง|วิจารณ์|"
    r"ผิดหวัง|ไม่พอใจ|สนับสนุน|คัดค้าน|ค้าน|ไม่ชอบ|เบื่อ|รำคาญ|เสียดาย|กังวลว่า|สงสัย|"
    r"อยาก(?:ให้|เสนอ|ถาม)|ขอ(?:เสนอ|เรียกร้อง|แสดงความ(?:คิด)?เห็น|ตั้งคำถาม|บอก)|เรียกร้อง|"
    r"เข้าใจว่า|ไม่เข้าใจ|ไม่แน่ใจ|มั่นใจว่า|ยอมรับ(?:ว่า|ไม่ได้)|รับไม่ได้|ตั้งคำถาม|"
    r"(?:ต้อง|ขอ)?บอกว่า|ว่า(?![่-๋]|ย|จ้าง|จะ|ราชการ|ที่[ \t]?(?:ร้อย|พัน|นาย|เรือ|ร\.))|"
    r"มีความ(?:คิด)?เห็น|มีมุมมอง|ยืนยันว่า)"
)
_I_EN = r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d)\b"
_OPINION_VERB_EN = (
    r"(?:think|thought|believe|feel|felt|reckon|guess|suppose|doubt|disagree|agree|argue|would argue|"
    r"am (?:convinced|disappointed|not convinced)|(?:'|’)m (?:convinced|disappointed|not convinced)|"
    r"want (?:the|our|to see)|am against|support|oppose|love|hate|prefer)"
)

# Each rule is tried only where one of its anchor words occurs (``str.find``, then
# ``pattern.match`` at that position): clean news without any anchor costs a few scans.
_P_FIRST_PERSON = re.compile(r"(?:" + _I_TH + r")" + _FILL + r"[ \t]?" + _OPINION_VERB_TH)
_P_STANCE = re.compile(
    r"(?:ความ(?:คิด)?เห็น|มุมมอง|ทัศนะ|สายตา|ความรู้สึก)(?:ส่วนตัว)?(?:ของ)?[ \t]?(?:" + _I_SELF + r")"
    r"|(?<!ข้อมูล)(?<!ชีวิต)(?<!เรื่อง)(?<!รถ)(?<!ความเป็น)ส่วนตัว(?:แล้ว)?[ \t]?(?:(?:"
    + _I_TH
    + r")"
    + _FILL
    + r"[ \t]?"
    + _OPINION_VERB_TH
    + r"|"
    + _FILL
    + r"(?:คิด|เห็น|มอง|เชื่อ|รู้สึก))"
    + r"|(?<=โดย)ส่วนตัวแล้ว|สำหรับ(?:ผม|ดิฉัน|ฉัน|ข้าพเจ้า|กู)(?:แล้ว|นะ)?\s|ขอวิจารณ์"
)
_P_ENGLISH = re.compile(
    _I_EN + r"(?:\s+(?:really|honestly|personally|strongly|do not|don't|don’t|do|still|genuinely|simply|"
    r"just|also|cannot|can't|can’t|am|must|would|have|always|never|firmly|truly)){0,3}\s+"
    + _OPINION_VERB_EN
    + r"|\bin my (?:humble |honest |personal |own )?(?:opinion|view)\b|\bIMH?O\b|\bpersonally,? I\b"
    + r"|\bmy (?:personal |own |honest )?(?:view|opinion|take) (?:is|on)\b",
    re.I,
)
# "เราว่า", "เราคิดว่า", "เรารู้สึก": in social Thai เรา is "I"; outside official text it is strong evidence.
_P_WE_SOCIAL = re.compile(
    _WE_TH + _FILL + r"[ \t]?(?:ว่า(?![่-๋]|ย|จ้าง|จะ|ราชการ)|คิดว่า|เชื่อว่า|รู้สึกว่า|ไม่เห็นด้วย|เบื่อ|รำคาญ|ผิดหวัง|ไม่ชอบ|งง|"
    r"ไม่เข้าใจ|ไม่แน่ใจ|มองว่า|เห็นว่า)"
)
_P_WE = re.compile(_WE_TH + _FILL + r"[ \t]?" + _OPINION_VERB_TH)
_P_WEAK_STANCE = re.compile(
    r"โดยส่วนตัว|ต้องบอกว่า|ขอบอกว่า|พูดตรง[ \t]?ๆ|บอกตรง[ \t]?ๆ|ขอแสดงความ(?:คิด)?เห็น"
    r"|จากประสบการณ์(?:ของ)?(?:ผม|ดิฉัน|ฉัน|ตัวเอง)"
)
_P_FORM = re.compile(r"คอลัมน์(?!ที่|[ \t]?\d)|บทความแสดงความ(?:คิด)?เห็น|มุมมองของผู้เขียน|ทัศนะของผู้เขียน|บล็อก(?!เชน)|บทบรรณาธิการ")
# At a line start only (checked by the caller): a byline "โดย ชื่อ สกุล" or an "Opinion:" heading.
_P_BYLINE = re.compile(r"โดย[ \t]?(?!งาน|ฝ่าย|กอง|สำนัก|คณะ|ศูนย์|มหาวิทยาลัย|ทีม|กลุ่ม|หน่วย)\S{2,40}(?:[ \t]\S{2,30})?[ \t]*(?:\n|$)")
_P_FORM_EN = re.compile(r"(?:opinion|op-ed|column|commentary|blog)\s*[:|–—-]", re.I)
# First-person pronoun anywhere (not only with a verb), counted only together with form.
_P_PRONOUN = re.compile(r"(?:" + _I_TH + r")|" + _I_EN)

_TH_PRONOUNS = ("ผม", "ฉัน", "ข้าพเจ้า", "กู", "หนู", "ผู้เขียน")
_EN_PRONOUNS = ("i ", "i'", "i’", "i,")
# (kind, strong, pattern, anchors, anchors are searched in the lower-cased text, only at a line start)
_RULES: tuple[tuple[str, bool, re.Pattern[str], tuple[str, ...], bool, bool], ...] = (
    ("first-person", True, _P_FIRST_PERSON, _TH_PRONOUNS, False, False),
    (
        "stance",
        True,
        _P_STANCE,
        ("ความเห็น", "ความคิดเห็น", "มุมมอง", "ทัศนะ", "สายตา", "ความรู้สึก", "ส่วนตัว", "สำหรับ", "ขอวิจารณ์"),
        False,
        False,
    ),
    ("first-person", True, _P_ENGLISH, (*_EN_PRONOUNS, "imo", "imho", "in my", "my ", "personally"), True, False),
    ("we-social", True, _P_WE_SOCIAL, ("เรา",), False, False),
    ("we", False, _P_WE, ("เรา",), False, False),
    (
        "stance",
        False,
        _P_WEAK_STANCE,
        ("โดยส่วนตัว", "ต้องบอก", "ขอบอก", "พูดตรง", "บอกตรง", "ขอแสดงความ", "จากประสบการณ์"),
        False,
        False,
    ),
    (
        "form",
        False,
        _P_FORM,
        ("คอลัมน์", "บทความแสดงความ", "มุมมองของผู้เขียน", "ทัศนะของผู้เขียน", "บล็อก", "บทบรรณาธิการ"),
        False,
        False,
    ),
    ("form", False, _P_BYLINE, ("โดย",), False, True),
    ("form", False, _P_FORM_EN, ("opinion", "op-ed", "column", "commentary", "blog"), True, True),
)


# English anchors are looked for only in text with an English phrase (or IMO) in it.
_ENGLISH = re.compile(rb"[A-Za-z][a-z']* +[A-Za-z]|IMH?O|imh?o")


def _positions(text: str, word: str) -> list[int]:
    out: list[int] = []
    i = text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def _at_line_start(text: str, pos: int) -> bool:
    ls = text.rfind("\n", 0, pos) + 1
    return not text[ls:pos].strip()


def _scan(text: str) -> tuple[list[tuple[str, bool, int, int]], bool]:
    """Evidence matches ``(kind, strong, start, end)`` in ``text``, tried at anchor words
    only, and whether any anchor word occurs at all."""
    lower: str | None = None
    found: list[tuple[str, bool, int, int]] = []
    cache: dict[tuple[bool, str], list[int]] = {}
    seen = False
    for kind, strong, pattern, anchors, in_lower, line_start in _RULES:
        if in_lower:
            if lower is None:
                english = _ENGLISH.search(text.encode("ascii", "ignore"))  # fast: Thai letters dropped
                lower = text.lower() if english else ""
            haystack = lower
        else:
            haystack = text
        if not haystack:
            continue
        starts: set[int] = set()
        for word in anchors:
            key = (in_lower, word)
            if key not in cache:
                cache[key] = _positions(haystack, word)
            starts.update(cache[key])
        if not starts:
            continue
        seen = True
        starts_sorted = sorted(starts)
        for pos in starts_sorted:
            if line_start and not _at_line_start(text, pos):
                continue
            m = pattern.match(text, pos)
            if m is not None:
                found.append((kind, strong, m.start(), m.end()))
    return found, seen


def _pronoun_count(text: str) -> int:
    lower = text.lower()
    starts = {p for word in _TH_PRONOUNS for p in _positions(text, word)}
    starts |= {p for word in _EN_PRONOUNS for p in _positions(lower, word)}
    return sum(1 for pos in starts if _P_PRONOUN.match(text, pos))


_OFFICIAL = re.compile(
    r"(?:^|\n)\s*ประกาศ|ขอประกาศ|จึงประกาศ|ประกาศ\s?ณ\s?วันที่|ประกาศ[^\n]{0,60}เรื่อง|แจ้ง[^\n]{0,40}ทราบ"
    r"|จึงเรียนมา|ขอแจ้ง|ในนามของ?มหาวิทยาลัย|สารจาก(?:อธิการบดี|คณบดี|ผู้อำนวยการ)"
    r"|งานวิจัย(?:นี้|ครั้งนี้)|การวิจัย(?:นี้|ครั้งนี้)|ผลการวิจัยพบว่า|วัตถุประสงค์ของการวิจัย"
    r"|กลุ่มตัวอย่าง|ผู้วิจัย|บทคัดย่อ|\babstract\b|\bthis (?:study|research|paper)\b"
    r"|ทั้งนี้ตั้งแต่บัดนี้|ระเบียบ[^\n]{0,30}ว่าด้วย|คำสั่ง[^\n]{0,40}ที่\s?\d",
    re.I,
)

_SENTENCE_END = re.compile(r"\n|[.!?。](?=\s|$)|\s{2,}")


def _sentence_of(bounds: list[int], pos: int) -> int:
    lo, hi = 0, len(bounds)
    while lo < hi:
        mid = (lo + hi) // 2
        if bounds[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def opinion_voice(text: str) -> OpinionEvidence | None:
    """Evidence that ``text`` is written in a first-person opinion voice, or ``None``.

    Quoted and reported speech (news quoting a named person or an official), official
    notices in the institution's voice (``เรา`` = the university) and research abstracts
    do not count; see the module docstring for the evidence and the thresholds.
    """
    if not text or text.isspace():
        return None
    clean = text
    # Masking only blanks characters out, so no evidence in the raw text means none at all;
    # invisible characters ("ผม\u200bคิดว่า") are removed only when an anchor word is there.
    found, seen = _scan(clean)
    if not found:
        if not seen or not _INVISIBLE.search(text):
            return None
        clean = _INVISIBLE.sub("", text)
        if not _scan(clean)[0]:
            return None
    masked = mask_reported_speech(clean)
    found = _scan(masked)[0]
    if not found:
        return None
    official = bool(_OFFICIAL.search(clean))
    bounds = [m.end() for m in _SENTENCE_END.finditer(masked)]

    per_sentence: dict[int, EvidenceHit] = {}
    for kind, strong, start, end in sorted(found, key=lambda h: (h[2], not h[1])):
        if kind == "we-social":
            if official:
                continue
            kind = "we"
        elif kind == "we" and official:
            continue
        if masked[max(0, start - 3) : start] == "กระ" or masked[max(0, start - 2) : start] in ("ดิ", "อิ"):
            start -= 3 if masked[start - 3 : start] == "กระ" else 2  # show "ดิฉัน", "กระผม" whole
        key = _sentence_of(bounds, start)
        old = per_sentence.get(key)
        if old is None or (strong and not old.strong):
            per_sentence[key] = EvidenceHit(kind, strong, start, end, masked[start:end].strip())

    hits = tuple(sorted(per_sentence.values(), key=lambda h: h.start))
    strong_n = sum(h.strong for h in hits)
    weak_n = len(hits) - strong_n
    stance = sum(1 for h in hits if not h.strong and h.kind != "form")
    form = weak_n - stance

    if official:
        is_opinion = strong_n >= 2
    else:
        is_opinion = strong_n >= 1 or (stance >= 1 and weak_n >= 2)
        if not is_opinion and form:
            # A column/blog/byline form with the writer speaking in the first person throughout.
            pronouns = _pronoun_count(masked)
            is_opinion = pronouns >= 3 or (pronouns >= 1 and stance >= 1)
    if not is_opinion:
        return None
    return OpinionEvidence(hits=hits, strong=strong_n, weak=weak_n, official=official)
