"""Words and regular expressions of the secrecy-marking rule: stamps, restrictions, embargoes,
unclassified lines, spelling lessons, agenda items and exam papers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ...lexicon import RULE_CONFIDENTIAL, Term
from ...types import Severity

RULE = RULE_CONFIDENTIAL
_DECLARED_SECRET = Term("ความลับ", RULE, Severity.ERROR, kind="stamp")

URGENCY = ("ด่วนที่สุด", "ด่วนมาก", "ด่วน")
OPENERS = "([{<《【〈«\"'“‘*"
CLOSERS = ")]}>》】〉»\"'”’*"
DECORATION = " \t\r*#_~=-–—:：|•·.,!()[]{}<>《》【】〈〉«»\"'“”‘’/\\"
_DECOR_CATEGORIES = frozenset({"So", "Sk", "Sm", "Po", "Ps", "Pe", "Pi", "Pf", "Pd", "Cf", "Mn", "Me", "Zs"})


def is_decoration(ch: str) -> bool:
    """Punctuation, symbols and emoji a stamp is dressed in (🔴 ลับที่สุด 🔴, ★ลับ★, 『ลับ』)."""
    if ch in DECORATION:
        return True
    if ch.isascii() or "\u0e00" <= ch <= "\u0e7f":
        return False
    return unicodedata.category(ch) in _DECOR_CATEGORIES


def strip_decoration(text: str, extra: str = "") -> str:
    """``text`` without decoration (and the characters of ``extra``) at either end."""
    start, end = 0, len(text)
    while start < end and (is_decoration(text[start]) or text[start] in extra):
        start += 1
    while end > start and (is_decoration(text[end - 1]) or text[end - 1] in extra):
        end -= 1
    return text[start:end]


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
    r"^[\s:：=|]*(?:[-–—]+[\s.]*$|[-–—(\[]?\s*(?:ไม่มี|ไม่ลับ|ไม่เป็นความลับ|ไม่ได้เป็นความลับ|ไม่ใช่ความลับ|ไม่ระบุ|ไม่จัดชั้น|ปกติ|ทั่วไป|เปิดเผย|สาธารณะ|ยกเลิก|"
    r"none|n/?a|nil|unclassified|public)(?![A-Za-z]))",
    re.I,
)
# Words of a lesson or spelling list: a marker word next to them is a word being taught.
LESSON_CUES = re.compile(
    r"คำว่า|ออกเสียง|ฝึกอ่าน|อ่านคำ|ตัวสะกด|แม่ก[กดบงนมยว]|คำศัพท์|ศัพท์|ตัวอย่างคำ|อ่านว่า|แปลว่า|คำพ้อง|คำคล้องจอง|คำที่มี|"
    r"เป็นคำที่|สะกดว่า|สะกดคำ|วรรณยุกต์|พยัญชนะ|สระ[อะาิีึืุูเแโใไำ]|แบบฝึกหัด|บทเรียน|พจนานุกรม|"
    r"ความหมายของคำ|\bvocabulary\b|\bspelling\b|\bthe word\b|\bmeans\b|"
    # teaching the secrecy classes themselves: "ชั้นความลับมี 3 ระดับ ได้แก่ ลับ ลับมาก ลับที่สุด"
    r"(?:ชั้น|ระดับ)(?:ความลับ|ของ(?:ความลับ|ข้อมูล|เอกสาร))?\s*(?:มี|แบ่ง|ได้แก่|ประกอบด้วย|หมายถึง|\d|[๐-๙])|"
    r"ได้แก่|แบ่งออกเป็น|ประกอบด้วย|ตามระเบียบ(?:สำนักนายกรัฐมนตรี|ว่าด้วยการรักษาความลับ)|"
    r"\bclassification levels?\b|\blevels?\s*:",
    re.I,
)
# Titles that begin with ลับ (a film, a song, the town ลับแล): "ลับ ลวง พราง", "ลับ แล ลึก".
TITLE_NEXT = frozenset({"ลวง", "ลวงพราง", "แล", "แลลึก", "ลึก", "ลับ", "ลี้"})
TITLE_NOUNS = re.compile(r"(?:เรื่อง|เพลง|ชื่อ|หนังสือ|ภาพยนตร์|หนัง|ละคร|นิทรรศการ|นวนิยาย|ซีรีส์|อัลบั้ม|บทกวี|ผลงาน)\s*$")
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
