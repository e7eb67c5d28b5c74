"""Pure engine tests: no database, no Wagtail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from policy_checks import CheckContext, check_fields, check_text
from policy_checks.rules.personal_data import thai_id_checksum_ok
from policy_checks.types import Severity

ROOT = Path(__file__).resolve().parents[2]


def rules(text: str, **ctx) -> set[str]:
    return {f.rule for f in check_text(text, CheckContext(**ctx))}


def test_engine_imports_without_django():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import sys; from policy_checks import check_text; "
        "f = check_text('ลับ\\nโทร 081-234-5678'); "
        "assert {x.rule for x in f} == {'confidential-marker', 'personal-data.phone.mobile'}, f; "
        "assert 'django' not in sys.modules, 'engine imported django'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)  # noqa: S603


def test_offsets_point_into_original_text():
    text = "เเจ้ง ค\u200bว\u200bย และ มึงงงง โทร ๐๘๑-๒๓๔-๕๖๗๘"
    findings = check_text(text)
    assert findings
    for f in findings:
        assert f.match == text[f.start : f.end]
    assert any(f.match == "ค\u200bว\u200bย" for f in findings)
    assert any(f.match == "๐๘๑-๒๓๔-๕๖๗๘" for f in findings)


@pytest.mark.parametrize(
    "text",
    [
        "ลับ\nที่ อว 0617/123",
        "[ลับมาก] รายงาน",
        "ชั้นความลับ: ลับที่สุด",
        "เอกสารนี้ใช้ภายในเท่านั้น",
        "ห้ามเผยแพร่",
        "CONFIDENTIAL",
        "For internal use only",
    ],
)
def test_confidential_markings(text):
    assert "confidential-marker" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "นักศึกษากลับบ้าน สลับเวรกัน",
        "เคล็ดลับการเรียน",
        "เมืองลับแล",
        "การรักษาความลับของทางราชการ",
        "เขาพูดลับหลังเพื่อน",
        "ลับมีดให้คม",
        "เจ้าหน้าที่ย้ำว่าห้ามเผยแพร่ข้อมูลเท็จ",
    ],
)
def test_words_containing_lab_are_not_markings(text):
    assert "confidential-marker" not in rules(text)


def test_national_id_forms_and_checksum():
    assert thai_id_checksum_ok("1101700203450")
    assert not thai_id_checksum_ok("1101700203451")
    for form in ["1101700203450", "1-1017-00203-45-0", "1 1017 00203 45 0", "๑๑๐๑๗๐๐๒๐๓๔๕๐", "1101700\n203450"]:
        assert rules(f"เลขบัตร {form} ค่ะ") == {"personal-data.national-id"}, form
    for bad in ["1101700203451", "ISBN 9786161234567", "11017002034501", "https://x.th/a/1101700203450"]:
        assert "personal-data.national-id" not in rules(bad), bad


@pytest.mark.parametrize(
    "form", ["081-234-5678", "08 1234 5678", "+66 81 234 5678", "(081) 234-5678", "๐๘๑-๒๓๔-๕๖๗๘", "0812345678"]
)
def test_mobile_forms(form):
    findings = check_text(f"ติดต่อ {form} ครับ")
    assert [(f.rule, f.severity) for f in findings] == [("personal-data.phone.mobile", Severity.ERROR)]


def test_landline_hotlines_and_allowlist():
    assert rules("โทร 02-123-4567") == {"personal-data.phone.landline"}
    assert check_text("โทร 02-123-4567")[0].severity == Severity.WARNING
    assert rules("สายด่วน 1669 หรือ 1111") == set()
    assert rules("ติดต่อมหาวิทยาลัย 056-717-100") == set()
    ctx = {"allowlist": {"phones": ["02-123-4567"], "emails": ["somchai@gmail.com"]}}
    assert rules("โทร 02 123 4567 หรือ somchai@gmail.com", **ctx) == set()


def test_email_personal_vs_unit_mailbox():
    assert rules("ส่งที่ somchai.j@gmail.com") == {"personal-data.email"}
    assert rules("ส่งที่ somchai.j@pcru.ac.th") == {"personal-data.email"}
    assert rules("ส่งที่ arit@pcru.ac.th หรือ webmaster_pcru@pcru.ac.th") == set()


def test_bank_account_and_passport():
    assert rules("โอนเข้าบัญชีกสิกรไทย 123-4-56789-0") == {"personal-data.bank-account"}
    assert rules("มีผู้ชม 1234567890 ครั้ง") == set()
    assert rules("หนังสือเดินทางเลขที่ AA1234567") == {"personal-data.passport"}
    assert rules("รุ่นสินค้า AA1234567") == set()


@pytest.mark.parametrize("text", ["มึงอย่ามายุ่ง", "ไอ้เหี้ย", "ควยยยย", "ค.ว.ย", "ค ว ย", "f*ck", "แม่งเอ๊ย", "ไอ้ เวร", "kuay"])
def test_impolite_language(text):
    assert rules(text) == {"impolite-language"}


@pytest.mark.parametrize(
    "text",
    [
        "ค้นหาด้วยกูเกิล",
        "เงินกู้ดอกเบี้ยต่ำ",
        "หน่วยกู้ภัย",
        "ตระกูลเก่าแก่",
        "การตายของนักวิทยาศาสตร์",
        "โรคพิษสุนัขบ้า",
        "อยู่เวรกลางคืน",
        "ควายไทย",
        "แกงกะหรี่ไก่",
        "สัดส่วนร้อยละ 20",
        "อำเภอสัตหีบ",
        "ผู้ร้ายโหดเหี้ยม",
        "ต้นซากูระบาน",
        "ทีมฟุตบอลโยโกฮามา ฟูกูดะ",
    ],
)
def test_false_friends_are_clean(text):
    assert "impolite-language" not in rules(text)


def test_vulgar_is_error_pronoun_is_warning():
    assert check_text("ไอ้เหี้ย")[0].severity == Severity.ERROR
    assert check_text("มึงอย่ามายุ่ง")[0].severity == Severity.WARNING


def test_spelling():
    findings = check_text("ผู้บริหารสังเกตุ ขออนุญาติ เป็นโอกาศดี")
    assert [(f.match, f.suggestion) for f in findings] == [
        ("สังเกตุ", "สังเกต"),
        ("อนุญาติ", "อนุญาต"),
        ("โอกาศ", "โอกาส"),
    ]
    assert all(f.severity == Severity.WARNING for f in findings)
    assert rules("สังเกตการณ์ อนุญาต โอกาส ผลิตภัณฑ์") == set()


def test_disclaimer_rule():
    opinion = "ผมคิดว่าการเรียนออนไลน์ควรเป็นทางเลือก"
    assert rules(opinion, kind="opinion") == {"disclaimer-missing"}
    assert rules(opinion, speaks_for_university=False) == {"disclaimer-missing"}
    # Issue 11 (G1): first-person opinion needs the disclaimer without being told (a warning by default).
    assert rules(opinion) == {"disclaimer-missing"}
    for disclaimer in [
        "ความคิดเห็นนี้เป็นความเห็นส่วนตัว มิใช่ความเห็นของหน่วยงาน",
        "*ความเห็นส่วนตัว ไม่เกี่ยวข้องกับต้นสังกัด*",
        "บทความนี้เป็นทัศนะส่วนตัวของผู้เขียน",
        "Views expressed here are my own.",
    ]:
        assert rules(f"{opinion}\n{disclaimer}", kind="opinion") == set(), disclaimer
    assert rules("ส่วนตัวผมคิดว่าควรลดภาษี", kind="opinion") == {"disclaimer-missing"}


def test_attribution_rule():
    assert rules("ข่าว", speaks_for_university=True) == {"attribution-missing"}
    assert rules("ข่าว", speaks_for_university=True, author_position="นักประชาสัมพันธ์", author_unit="กองกลาง") == set()
    finding = check_text("ข่าว", CheckContext(speaks_for_university=True, author_unit="กองกลาง"))[0]
    assert (finding.start, finding.end, finding.match) == (0, 0, "")


def test_check_fields_reports_the_field():
    findings = check_fields(
        {"title": "ประกาศ", "body[0].paragraph": "ติดต่อ 081-234-5678", "summary": "ไม่มี"},
        CheckContext(kind="news"),
    )
    assert [(f.field, f.rule, f.match) for f in findings] == [
        ("body[0].paragraph", "personal-data.phone.mobile", "081-234-5678")
    ]
    ctx = CheckContext(kind="opinion")
    assert check_fields({"title": "ความเห็น", "footer": "#ความเห็นส่วนตัว"}, ctx) == []
    assert [f.field for f in check_fields({"title": "ความเห็น"}, ctx)] == [None]


def test_context_accepts_strings_and_rejects_unknown_kind():
    assert CheckContext(kind="unit-page").kind == "unit_page"
    with pytest.raises(ValueError):
        CheckContext(kind="blog")


def test_empty_and_whitespace_are_clean():
    assert check_text("") == []
    assert check_text("   \n\t") == []
