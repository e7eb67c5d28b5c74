"""Issue 11: what a red-team pass found getting past (or wrongly caught by) normalisation, the secrecy
markers and the impolite lexicon, kept as regression tests. All personal data is made up."""

from __future__ import annotations

import pytest

from policy_checks import CheckContext, check_text

MEMO = "\nบันทึกข้อความ\nเรื่อง ขออนุมัติ\n"


def found(text: str, rule: str) -> list[str]:
    return [f.match for f in check_text(text, CheckContext()) if f.rule.startswith(rule)]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("ลับท\u0e48\u0e35สุด" + MEMO, "confidential-marker"),  # tone mark typed before the vowel
        ("ไอ้ข\u0e49\u0e35ข้า", "impolite-language"),
        ("ข่าวประชาสัมพันธ์\x0cลับที่สุด\x0cรายชื่อผู้ถูกสอบสวน", "confidential-marker"),  # form feed (from a PDF)
        ("ข่าวประชาสัมพันธ์\rลับที่สุด\rรายชื่อผู้ถูกสอบสวน", "confidential-marker"),
        ("ข่าวประชาสัมพันธ์\x85ลับที่สุด\x85รายชื่อผู้ถูกสอบสวน", "confidential-marker"),
        ("ᴄᴏɴꜰɪᴅᴇɴᴛɪᴀʟ", "confidential-marker"),  # small capitals
        ("C\u0332O\u0332N\u0332F\u0332I\u0332D\u0332E\u0332N\u0332T\u0332I\u0332A\u0332L\u0332", "confidential-marker"),
        ("เลขบัตรประชาชน 1\u28001017\u280000123\u280045\u28006", "personal-data.national-id"),  # braille blank
        ("เลขบัตรประชาชน " + "".join(c + "\ufe0f\u20e3" for c in "1101700123456"), "personal-data.national-id"),
    ],
)
def test_normalisation_reads_through(text, rule):
    matches = found(text, rule)
    assert matches, text
    for f in check_text(text, CheckContext()):
        assert f.match == text[f.start : f.end]


@pytest.mark.parametrize(
    "text",
    [
        "🔴 ลับที่สุด 🔴" + MEMO,
        "🔒ลับ🔒" + MEMO,
        "⚠️ ลับ ⚠️" + MEMO,
        "◆ ลับที่สุด ◆" + MEMO,
        "『ลับที่สุด』" + MEMO,
        "\nลับที่สุด 🔒\n" + MEMO,
        "เอกสารนี้ใช้ภายในคณะวิทยาศาสตร์เท่านั้น",
        "ห้ามเผยแพร่",
        "ห้ามเผยแพร่ข้อมูลนี้",
        "CONFIDENTIAL\nSalary review 2026",
    ],
)
def test_markers_dressed_in_symbols_are_found(text):
    assert found(text, "confidential-marker")


@pytest.mark.parametrize(
    "text",
    [
        "ลับ ลวง พราง ภาพยนตร์สั้นฝีมือนักศึกษาสาขานิเทศศาสตร์",
        "ลับ-ลวง-พราง\nนิทรรศการภาพถ่ายของนักศึกษา",
        "ลับ แล ลึก: ตามรอยตำนานเมืองลับแล",
        'ภาพยนตร์สั้นเรื่อง "ลับ" ของนักศึกษาได้รับรางวัลชนะเลิศ',
        "การจัดชั้นความลับของข้อมูลมี 3 ระดับ ได้แก่\nลับ\nลับมาก\nลับที่สุด",
        "ชั้นความลับ มี 3 ชั้น คือ ลับ ลับมาก ลับที่สุด",
        "ชั้นความลับ : (ไม่มี)",
        "ชั้นความลับ: ไม่ได้เป็นความลับ",
        "ชั้นความลับ: ไม่ระบุ",
        "การอบรม PDPA ข้อมูลส่วนบุคคลที่ห้ามเผยแพร่โดยไม่ได้รับความยินยอม",
        "ภาพถ่ายของบุคคลอื่นห้ามเผยแพร่ทางสื่อออนไลน์โดยไม่ได้รับอนุญาต",
        "ห้ามเผยแพร่ต่อสาธารณะหากไม่ได้รับความยินยอม",
        "คลิปดังกล่าวห้ามส่งต่อ เพราะอาจผิด พ.ร.บ.คอมพิวเตอร์",
        "สิทธิประโยชน์\n- ใช้ภายในมหาวิทยาลัยเท่านั้น\n- ส่วนลด 10%",
        "ลานจอดรถ\nใช้ภายในคณะเท่านั้น",
        "เปิดรับสมัคร (เฉพาะบุคลากรของมหาวิทยาลัยเท่านั้น)",
        "Responses will be kept strictly confidential and used for research purposes only.",
        "Data classification levels:\nPublic\nInternal\nConfidential\nRestricted",
        "ข่าวดี 🎉 มหาวิทยาลัยได้รับรางวัลมหาวิทยาลัยสีเขียว",
    ],
)
def test_titles_lessons_rules_and_promises_are_not_markings(text):
    assert found(text, "confidential-marker") == []


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("อาจารย์แม่งง สั่งงานเยอะ", "แม่งง"),
        ("ชิบ หาย ลืมส่งงาน", "ชิบ หาย"),
        ("ฉิบ-หาย ลืมส่งงาน", "ฉิบ-หาย"),
        ("ไอ้เดนนรก", "ไอ้เดนนรก"),
        ("ไอ้เด็กเวร", "ไอ้เด็กเวร"),
        ("ไอ้ลูกหมา", "ไอ้ลูกหมา"),
        ("เจ้าหน้าที่ทะเบียนนี่สมองควายจริงๆ", "สมองควาย"),
        ("อีกะเทย", "อีกะเทย"),
        ("ไอ้อ้วน", "ไอ้อ้วน"),
        ("เดี๋ยวตบปากแตก", "ตบปากแตก"),
        ("ระวังจะโดนตื้บ", "โดนตื้บ"),
        ("อยากเจ็บตัวใช่ไหม", "อยากเจ็บตัวใช่ไหม"),
        ("ถ้าเจอจะฆ่าทิ้ง", "จะฆ่าทิ้ง"),
        ("แช่งให้ตาย", "แช่งให้ตาย"),
        ("ขอให้มึงโดนรถชน", "ขอให้มึงโดนรถชน"),
        ("ไอ้เห้", "ไอ้เห้"),
        ("ชิหาย", "ชิหาย"),
        ("จังไร", "จังไร"),
        ("fuk this", "fuk"),
        ("fck this", "fck"),
    ],
)
def test_impolite_spellings_and_insults_found(text, match):
    assert match in found(text, "impolite-language")


@pytest.mark.parametrize(
    "text",
    [
        "Kuay Teow Ruea is a famous noodle dish",
        "Kuy Teav Phnom Penh",
        "AI sat on the table",
        "พบร่องรอยของหมาไนที่ตีนดอย",
        "ต้มตีนหมูใส่ผักกาดดอง",
        "ตะกวดและเหี้ยเป็นสัตว์ป่าคุ้มครอง",
        "นักศึกษาถ่ายภาพเหี้ยที่อาศัยอยู่ริมคลอง",
        "สวนสาธารณะลุมพินีมีเหี้ยจำนวนมาก",
        "แม่สุกรกลับสัดภายใน 21 วันหลังหย่านม",
        "การตรวจสัดในโคนมด้วยเครื่องวัดการเคลื่อนไหว",
        "สุกรสาวเข้าสัดครั้งแรกเมื่ออายุ 6 เดือน",
        "พิธีสะเดาะเคราะห์ ปัดเสนียด",
        "การจัดการเรียนรู้สำหรับเด็กที่มีภาวะปัญญาอ่อน",
        "ผู้ป่วยระยะท้ายขอให้ตายอย่างมีศักดิ์ศรี",
        "ผมเองแหละที่หน้าด้าน",
        "กุ้งเผาอร่อยมาก",
    ],
)
def test_literal_clinical_and_self_directed_uses_pass(text):
    assert found(text, "impolite-language") == []
