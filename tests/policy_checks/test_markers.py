"""Issue 11 item 5: confidentiality markers as people write them, and what must pass
(unclassified declarations, marker words in spelling lists and lessons, prose)."""

from __future__ import annotations

import pytest

from policy_checks import check_text

CONF = "confidential-marker"


def marker_hits(text: str) -> list[str]:
    found = [f for f in check_text(text) if f.rule == CONF]
    for f in found:
        assert f.match == text[f.start : f.end]
    return [f.match for f in found]


# --- stamps on a line of their own anywhere in the text ------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "รายงานผลการดำเนินงานประจำปี\nลับ\nรายละเอียดตามเอกสารแนบท้าย",
        "สรุปการประชุมคณะกรรมการ\n\n— ลับมาก —\n\nผลการพิจารณาตามวาระ",
        "ภาคผนวก ก\nSECRET\nรายชื่อผู้ได้รับการพิจารณา",
        "ข้อมูลประกอบการพิจารณา\nConfidential\nตารางที่ 1 ผลการประเมิน",
        "หน้า 2/5\nลับที่สุด\nผลการสอบข้อเท็จจริง",
        "ลับ / CONFIDENTIAL\nบันทึกข้อความ",
        "ลับ: รายชื่อผู้ถูกสอบสวนทางวินัย",
        "Confidential: salary review of the faculty",
        "Ｃ Ｏ Ｎ Ｆ Ｉ Ｄ Ｅ Ｎ Ｔ Ｉ Ａ Ｌ",
        "S.E.C.R.E.T\nminutes of the board",
    ],
)
def test_stamp_lines_anywhere(text):
    assert marker_hits(text)


# --- restrictions naming a unit ------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "ใช้ภายในคณะวิทยาศาสตร์เท่านั้น",
        "เอกสารนี้ใช้ภายในคณะวิทยาศาสตร์และเทคโนโลยีเท่านั้น กรุณาเก็บรักษา",
        "ใช้ภายในสำนักวิทยบริการและเทคโนโลยีสารสนเทศเท่านั้น",
        "งบประมาณโครงการ (ใช้ภายในกองคลังเท่านั้น)",
        "รายงานนี้เฉพาะบุคลากรของคณะครุศาสตร์เท่านั้น",
        "สำหรับเฉพาะบุคลากรของมหาวิทยาลัยเท่านั้น",
        "หมายเหตุ: เผยแพร่เฉพาะภายในหน่วยงานเท่านั้น",
    ],
)
def test_unit_restrictions(text):
    assert marker_hits(text)


# --- embargoes, circulation ----------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "งดเผยแพร่จนถึงวันที่ 15 มีนาคม 2568",
        "ข่าวนี้ห้ามเผยแพร่ก่อนวันที่ 1 เมษายน เวลา 10.00 น.",
        "ห้ามเผยแพร่จนถึงวันประกาศผลอย่างเป็นทางการ",
        "EMBARGOED UNTIL 10:00 ICT, 5 June 2025",
        "Press release – embargoed until 5 June",
        "EMBARGO: 12 May 2025 09:00",
        "Draft budget – do not circulate",
        "NOT FOR CIRCULATION",
        "ห้ามเวียน",
        "เอกสารประกอบการประชุม ห้ามแจกจ่าย",
        "ห้ามแจกจ่ายแก่บุคคลภายนอก",
        "ผลการประชุมยังไม่เป็นทางการ ห้ามเผยแพร่นะครับ",
        "For official use only",
    ],
)
def test_embargoes_and_circulation(text):
    assert marker_hits(text)


# --- closed meetings, envelopes, exam papers --------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "ระเบียบวาระที่ 4.2 เรื่องการพิจารณาโทษทางวินัย (ลับ)",
        "ระเบียบวาระที่ 5 เรื่องลับ",
        "วาระลับ: การพิจารณาผลการประเมินผู้บริหาร",
        "4.3 วาระลับ",
        "การประชุมลับ",
        "The council discussed item 5 in camera.",
        "ลับเฉพาะ ส่งถึงผู้รับเท่านั้น",
        "PERSONAL & CONFIDENTIAL",
        "Personal and Confidential\nDr. Somchai",
        "เปิดซองเฉพาะผู้รับ",
        "ข้อสอบปลายภาค วิชาคณิตศาสตร์ ห้ามนำออกจากห้องสอบ",
        "แบบทดสอบ (ลับ)",
        "ข้อสอบกลางภาค ภาคเรียนที่ 1/2568 ลับ",
    ],
)
def test_meetings_envelopes_exams(text):
    assert marker_hits(text)


def test_span_is_the_marker():
    assert marker_hits("เอกสารนี้ใช้ภายในคณะวิทยาศาสตร์เท่านั้น") == ["ใช้ภายในคณะวิทยาศาสตร์เท่านั้น"]
    assert marker_hits("EMBARGOED UNTIL 10:00") == ["EMBARGOED UNTIL"]
    assert marker_hits("Personal & Confidential") == ["Personal & Confidential"]
    assert marker_hits("The council discussed item 5 in camera.") == ["in camera"]


# --- must pass ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # the document declared unclassified
        "ชั้นความลับ: ไม่มี",
        "ชั้นความลับ: ปกติ",
        "ชั้นความลับ -",
        "ชั้นความลับ: ไม่ลับ",
        "ชั้นความลับ ไม่มี\nชั้นความเร็ว ปกติ",
        "เอกสารนี้ไม่เป็นความลับ",
        "ข้อมูลนี้ไม่มีชั้นความลับ",
        "เอกสารนี้ไม่ใช่เอกสารลับ สามารถเผยแพร่ได้",
        "UNCLASSIFIED",
        "Classification: Unclassified",
        "NOT CONFIDENTIAL",
        "NON-CONFIDENTIAL",
        "This document is no longer confidential.",
        "เอกสารนี้เปิดเผยได้",
        "เผยแพร่ได้",
        "สถานะ: เผยแพร่ได้ (ไม่มีชั้นความลับ)",
        # spelling lists and lessons
        "คำที่มีตัวสะกด: ลับ กลับ สลับ",
        "ลับ กลับ สลับ เป็นคำที่มีตัวสะกดแม่กบ",
        "ตัวอย่างคำว่า 'ลับ' ในภาษาไทย",
        'คำว่า "ลับ" แปลว่า ไม่เปิดเผย',
        "คำศัพท์\n• ลับ\n• กลับ\n• สลับ\n• หลับ",
        "คำศัพท์บทที่ 3\nลับ\nกลับ\nสลับ",
        "ลับ\nกลับ\nสลับ\nหลับ",
        "1. ลับ\n2. กลับ\n3. สลับ",
        "ฝึกสะกด: ลับ (ลับ) – หลับ (หลับ) – กลับ (กฺลับ)",
        "ลับ – หลับ – กลับ – สลับ",
        # prose
        "ความลับของความสำเร็จคือความขยัน",
        "เจ้าหน้าที่ย้ำว่าห้ามเผยแพร่ข้อมูลเท็จ",
        "เคล็ดลับการเรียนให้ได้เกรดดี",
        "บัตรจอดรถใช้ภายในมหาวิทยาลัยเท่านั้น",
        "กิจกรรมนี้เปิดให้เฉพาะบุคลากรของมหาวิทยาลัยเข้าร่วม",
        "มหาวิทยาลัยจัดอบรมให้เฉพาะบุคลากรของมหาวิทยาลัยเท่านั้น",
        "ช่อง 3 งดเผยแพร่ละครเรื่องนี้",
        "ห้ามแจกจ่ายสุราแก่ผู้เยาว์",
        "หนังสืออ้างอิงห้ามนำออกนอกห้องสมุด",
        "สภาผู้แทนราษฎรประชุมลับเพื่อพิจารณางบประมาณ",
        "the trade embargo on Cuba lasted decades",
        "a phone with a built-in camera",
        "ไม่มีข้อห้ามเผยแพร่แต่อย่างใด",
    ],
)
def test_must_pass(text):
    assert marker_hits(text) == []


def test_same_marker_deep_in_a_long_text():
    filler = "มหาวิทยาลัยจัดกิจกรรมบริการวิชาการแก่ชุมชนอย่างต่อเนื่อง " * 60
    text = filler + "\nใช้ภายในคณะวิทยาศาสตร์เท่านั้น\n" + filler + "\nลับมาก\n" + filler
    assert marker_hits(text) == ["ใช้ภายในคณะวิทยาศาสตร์เท่านั้น", "ลับมาก"]
