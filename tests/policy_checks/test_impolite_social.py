"""Issue 11 item 7: impolite language as real social Thai writes it — dodge spellings,
insults aimed at people, curses and threats — with literal and self-directed uses kept apart.
All examples are the team's own; the figures come from ``data/social_tune.jsonl`` (real posts,
tune set) and ``data/impolite_blind_test.jsonl`` (blind test set)."""

from __future__ import annotations

import pytest
from pythainlp.corpus import thai_words

from policy_checks import CheckContext, check_text
from policy_checks.lexicon import shipped_lexicon
from policy_checks.variants import spelling_variants

from .evaluate import DATA_DIR, evaluate, load

RULE = "impolite-language"


def impolite(text: str) -> list[str]:
    return [f.match for f in check_text(text, CheckContext()) if f.rule == RULE]


def test_spelling_variants_of_a_term():
    assert {"ชิปหาย", "ชิบหาย"} & spelling_variants("ชิบหาย") == {"ชิปหาย"}
    assert {"แมร่ง", "แม้ง", "แมง"} <= spelling_variants("แม่ง")
    assert {"ไอสัด", "อ้ายสัด"} <= spelling_variants("ไอ้สัด")
    assert {"อิเวร", "อีเวน"} <= spelling_variants("อีเวร")
    assert spelling_variants("กู") == set()
    assert spelling_variants("fuck") == set()


def test_generated_variants_are_never_dictionary_words():
    lexicon = shipped_lexicon()
    words = set(thai_words())
    assert lexicon.impolite_variants, "no variants were generated"
    assert not (lexicon.impolite_variants & words)
    # the innocent words the generator would produce are left out
    for innocent in ("แมง", "กรู", "สาด", "สัต", "ร้าน", "ถอย", "ซัส", "แมม", "ฟราย"):
        assert innocent not in lexicon.impolite_variants


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("ชิปหายแล้วงานนี้", "ชิปหาย"),
        ("ไอสัด ทำไรของมึง", "ไอสัด"),
        ("อิเวร ทำไมทำแบบนี้", "อิเวร"),
        ("แมร่งเอ้ย รอนานมาก", "แมร่ง"),
        ("มรึงอะคิดดีแล้วเหรอ", "มรึง"),
        ("คว้ย ไรเนี่ย", "คว้ย"),
        ("เหี่ยมากเลยระบบนี้", "เหี่ย"),
        ("สาสเอ๊ย ล่มอีกแล้ว", "สาส"),
        ("แม่มร้อนจัดๆ", "แม่ม"),
        ("เยดเข้ แพงชิบ", "เยด"),
        ("ค.ว.ย", "ค.ว.ย"),
        ("อ้ายเหี้ย", "อ้ายเหี้ย"),
    ],
)
def test_dodge_spellings(text, match):
    assert match in impolite(text)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("แกมันโง่จริงๆ เลย", "แกมันโง่"),
        ("แก มัน โง่", "แก มัน โง่"),
        ("ไอ้ควายเอ๊ย ทำงานไม่เสร็จ", "ไอ้ควาย"),
        ("อีชะนีนี่มันเรื่องมาก", "อีชะนี"),
        ("โง่เหมือนควายไม่มีผิด", "โง่เหมือนควาย"),
        ("พวกขี้ข้าอย่ามาออกความเห็น", "พวกขี้ข้า"),
        ("คนชั้นต่ำแบบนี้ไม่ต้องไปสน", "คนชั้นต่ำ"),
        ("หน้าหมาแบบนี้ใครจะคบ", "หน้าหมา"),
        ("นังแพศยา อย่าให้เจอนะ", "แพศยา"),
        ("ไอ้ลูกทรพี ทำกับพ่อแม่ได้", "ไอ้ลูกทรพี"),
    ],
)
def test_insults_aimed_at_people(text, match):
    assert match in impolite(text)


@pytest.mark.parametrize(
    "text",
    [
        "เกษตรกรนำควายไทยมาประกวดในงานเกษตรแฟร์",
        "คณะเกษตรจัดอบรมการเลี้ยงหมาและแมวให้ชุมชน",
        "พบตัวเหี้ยในสระน้ำหน้าอาคารเรียน",
        "ในสมัยอยุธยา ไพร่ต้องเข้าเวรรับราชการปีละหกเดือน",
        "แม่โคเป็นสัดทุก 21 วัน ควรผสมพันธุ์ในช่วงนี้",
        "โรงอาหารมีเมนูตีนไก่ทอดกระเทียม",
        "นักศึกษาสาขาสัตวศาสตร์ศึกษาพวกหอยและปลาหมึก",
        "ชะนีในสวนสัตว์ส่งเสียงร้องตอนเช้า",
        "ผมมันโง่เองที่ลืมส่งงานตรงเวลา",
        "ดีใจที่ตัวเองยังหน้าด้านยื่นต่อจนติด",
        "เราโง่เองแหละที่เชื่อโฆษณา",
        "นักฟุตบอลยิงประตูชัยในนาทีสุดท้าย",
        "ขนมสลิ่มเป็นของหวานไทย",
        "สาส์นจากอธิการบดีถึงนักศึกษาใหม่",
        "ลาล่ามูฟรายได้ดีกว่าที่คิด",
    ],
)
def test_literal_and_self_directed_uses_pass(text):
    assert impolite(text) == []


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("ขอให้มึงตายห่า", "ขอให้มึงตายห่า"),
        ("ไอ้คนทรยศ อย่าหวังว่าจะตายดี", "อย่าหวังว่าจะตายดี"),
        ("ขอให้ไม่ได้ผุดได้เกิด", "ขอให้ไม่ได้ผุดได้เกิด"),
        ("ไปลงนรกซะ", "ไปลงนรกซะ"),
        ("เดี๋ยวกระทืบมึงเลย", "เดี๋ยวกระทืบมึง"),
        ("เจอตัวเมื่อไหร่จะตบให้คว่ำ", "ตบให้คว่ำ"),
    ],
)
def test_curses_and_threats(text, match):
    found = impolite(text)
    assert match in found
    assert check_text(text, CheckContext())[0].severity.value == "error"


def test_real_social_posts_tune_set():
    """The real posts of the tune set: every labelled one found, no clean one flagged."""
    items = load(DATA_DIR / "social_tune.jsonl")
    assert len(items) > 200
    stats = evaluate(items, rules=(RULE,)).scores[RULE]
    assert stats.fn == 0 and stats.fp == 0, (stats.fn, stats.fp)
