"""Normalisation evasions (issue 11, item 1) and position independence (item 3).

Personal data here is made up; national IDs get a valid mod-11 check digit from ``_id``.
"""

from __future__ import annotations

import pytest

from policy_checks import CheckContext, check_text
from policy_checks.document import CHUNK
from policy_checks.textmap import NormText, normalise

CONF = "confidential-marker"
NID = "personal-data.national-id"
IMP = "impolite-language"


def _id(first12: str) -> str:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return first12 + str((11 - total % 11) % 10)


ID = _id("310090123456")  # made up
GROUPS = (ID[0], ID[1:5], ID[5:10], ID[10:12], ID[12])


def findings(text: str):
    out = check_text(text, CheckContext())
    for f in out:
        assert f.match == text[f.start : f.end]
    return out


def rules(text: str) -> set[str]:
    return {f.rule for f in findings(text)}


# --- the two real cases that reached the public site -------------------------------------


def test_real_case_id_with_no_break_spaces():
    text = f"ผู้ติดต่อ เลขประจำตัวประชาชน {GROUPS[0]}\u00a0{GROUPS[1]}\u202f{GROUPS[2]}\u00a0{GROUPS[3]}\u00a0{GROUPS[4]} ค่ะ"
    hits = [f for f in findings(text) if f.rule == NID]
    assert len(hits) == 1
    assert hits[0].match.replace("\u00a0", "").replace("\u202f", "") == ID


def test_real_case_lrm_inside_top_secret():
    text = "ลับ\u200eที่สุด\nที่ อว 0617/2568 เรื่อง ผลการสอบสวน"
    hits = [f for f in findings(text) if f.rule == CONF]
    assert hits and hits[0].match == "ลับ\u200eที่สุด"


# --- invisible characters: every Cf, CGJ, variation selectors, soft hyphen -----------------

INVISIBLE = [
    "\u200b",  # zero width space
    "\u200c",  # ZWNJ
    "\u200d",  # ZWJ
    "\u2060",  # word joiner
    "\ufeff",  # BOM
    "\u00ad",  # soft hyphen
    "\u200e",  # LRM
    "\u200f",  # RLM
    "\u202a",  # LRE
    "\u202e",  # RLO
    "\u2066",  # LRI
    "\u2069",  # PDI
    "\u2063",  # invisible separator
    "\u061c",  # Arabic letter mark
    "\u180e",  # Mongolian vowel separator
    "\U000e0041",  # tag letter A
    "\u034f",  # combining grapheme joiner
    "\ufe0f",  # variation selector-16
    "\ufe00",  # variation selector-1
    "\U000e0101",  # variation selector-18
]


@pytest.mark.parametrize("ch", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_characters_are_read_through(ch):
    assert CONF in rules(f"[ลับ{ch}ที่สุด] รายงานผล")
    assert CONF in rules(f"ลั{ch}บ\nที่ อว 0617/2568")
    assert IMP in rules(f"พูดว่า ค{ch}ว{ch}ย นะ")
    assert NID in rules(f"เลขบัตร {ID[:4]}{ch}{ID[4:9]}{ch}{ID[9:]} ค่ะ")
    assert CONF in rules(f"C{ch}ONFIDENTIAL")


def test_trailing_invisible_character_is_not_part_of_the_match():
    hits = [f for f in findings("[ลับ\u200e] แจ้ง") if f.rule == CONF]
    assert hits[0].match == "ลับ"


# --- every Unicode space and dash is a separator ----------------------------------------------

SPACES = ["\u00a0", "\u202f", "\u2007", "\u2009", "\u200a", "\u2002", "\u2003", "\u205f", "\u3000", "\u1680"]
DASHES = ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\uff0d", "\ufe63", "\u2e3a"]


@pytest.mark.parametrize("sp", SPACES, ids=lambda c: f"U+{ord(c):04X}")
def test_unicode_spaces_separate(sp):
    assert normalise(f"a{sp}b") == "a b"
    assert NID in rules(f"เลขบัตร {sp.join(GROUPS)} ค่ะ")
    assert CONF in rules(f"{sp}ลับ{sp}\nเรื่อง แจ้ง")
    assert IMP in rules(f"ไอ้{sp}เวร")


@pytest.mark.parametrize("dash", DASHES, ids=lambda c: f"U+{ord(c):04X}")
def test_unicode_dashes_separate(dash):
    assert normalise(f"1{dash}2") == "1-2"
    assert NID in rules(f"เลขบัตร {dash.join(GROUPS)} ค่ะ")
    assert IMP in rules(f"ค{dash}ว{dash}ย")
    assert CONF in rules(f"{dash * 3} CONFIDENTIAL {dash * 3}")


# --- NFKC: fullwidth and compatibility forms ---------------------------------------------------


def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def test_fullwidth_forms():
    assert normalise(_fullwidth("CONFIDENTIAL 0812")) == "CONFIDENTIAL 0812"
    assert CONF in rules(_fullwidth("CONFIDENTIAL"))
    assert CONF in rules(_fullwidth("[TOP SECRET]") + " รายงาน")
    assert CONF in rules("［ลับมาก］ รายงาน")
    assert NID in rules(f"เลขบัตร {_fullwidth(ID)} ค่ะ")
    assert NID in rules(f"เลขบัตร {_fullwidth('-'.join(GROUPS))} ค่ะ")


def test_compatibility_letters():
    bold = "".join(chr(0x1D400 + ord(c) - ord("A")) for c in "CONFIDENTIAL")  # mathematical bold
    assert normalise(bold) == "CONFIDENTIAL"
    assert normalise("①②③ ﬁle") == "123 file"


# --- look-alike letters inside Latin words ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "C\u041eNFID\u0415NTI\u0410L",  # Cyrillic О, Е, А
        "CONFIDENT\u0399AL",  # Greek Iota
        "\u039fONFIDENTIAL".replace("\u039f", "C").replace("N", "\u039d", 1),  # Greek Nu
        "c\u043enfid\u0435ntial",  # lower-case Cyrillic о, е
        "S\u0415CR\u0415T",  # Cyrillic Е
        "T\u041eP S\u0395CRET",  # Cyrillic О, Greek Epsilon
        "\u03a4\u039f\u03a1 SECRET",  # whole word in Greek look-alikes next to a Latin word
    ],
)
def test_lookalike_letters_fold_to_latin(text):
    assert normalise(text).upper() in {"CONFIDENTIAL", "SECRET", "TOP SECRET"}
    hits = [f for f in findings(text + "\nเรื่อง แจ้งผล") if f.rule == CONF]
    assert hits and hits[0].match in text


def test_genuine_russian_and_greek_words_untouched():
    for text in ["Москва", "СОК и ТОР", "Это секретно", "Η ΑΘΗΝΑ", "ΤΟ ΚΑΙ"]:
        assert normalise(text) == text
    assert CONF not in rules("Секрет\nСОВЕРШЕННО СЕКРЕТНО")


def test_thai_text_unaffected():
    text = "มหาวิทยาลัยราชภัฏเพชรบูรณ์ จัดโครงการอบรม “การใช้ภาษาไทย” วันที่ ๑๒ มีนาคม ๒๕๖๘ ณ ห้องประชุม 1-2"
    assert normalise(text) == text
    assert NormText(text).identity or normalise(text) == text


# --- doubled letters inside marker words ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["ลับบ", "ลลับ", "ลัับ", "ลับมากก", "ลับที่สุดด", "CONFIDDENTIAL", "SEECRET", "TOP SECRETT", "[ลับบ] รายงาน"],
)
def test_doubled_letters_in_marker_words(text):
    hits = [f for f in findings(text + "\nที่ อว 0617/2568") if f.rule == CONF]
    assert hits


@pytest.mark.parametrize(
    "text",
    ["นักศึกษากลับบ้าน", "กลับ", "กลับบ", "ทางลับบ้านนี้ไม่มีใครรู้", "สลับบทบาทกัน", "ผลลับแลไม่ทราบ", "ตั้งใจเรียน"],
)
def test_doubling_makes_no_false_markers(text):
    assert CONF not in rules(text)


# --- position independence ---------------------------------------------------------------------

FILL = "มหาวิทยาลัยราชภัฏเพชรบูรณ์จัดโครงการอบรมเชิงปฏิบัติการให้กับนักศึกษาและบุคลากรเพื่อพัฒนาทักษะการทำงาน"


def _pad(n: int) -> str:
    """Exactly n (>= 2) characters of short whole words, no spaces."""
    threes, rest = divmod(n, 3)
    if rest == 1:
        threes, twos = threes - 1, 2
    else:
        twos = rest // 2
    return "และ" * threes + "ก็" * twos


@pytest.mark.parametrize("word", ["[ลับมาก]", "ไอ้ควาย", "เหี้ย", "มึง", ID])
def test_same_finding_wherever_the_word_stands(word):
    """The word slides across the tokeniser's piece boundary of a long unbroken line."""
    head = FILL * (CHUNK // len(FILL) - 1)
    lead = "เขาพูดว่า"
    seen = set()
    first = len(head) + 2 + len(lead)
    for shift in [*range(CHUNK - len(word) - 12 - first, CHUNK + 4 - first), 40, 400, 700]:
        pre = head + _pad(shift + 2) + lead
        text = pre + word + "แล้วก็เดินไป" + FILL * 12
        at = len(pre)
        got = tuple((f.rule, f.start - at, f.match) for f in findings(text) if at - 3 <= f.start <= at + len(word))
        seen.add(got)
    assert len(seen) == 1, seen
    assert next(iter(seen)), "the word was never found"
