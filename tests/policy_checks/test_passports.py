"""Issue 11 item 6: passport numbers in national formats and machine-readable zones
(MRZ, ICAO 9303 TD3 and TD1) with their check digits. Made-up data only."""

from __future__ import annotations

import pytest

from policy_checks import check_text

PASSPORT = "personal-data.passport"


def passport_hits(text: str) -> list[str]:
    found = [f for f in check_text(text) if f.rule == PASSPORT]
    for f in found:
        assert f.match == text[f.start : f.end]
    return [f.match for f in found]


# --- check digits, computed here independently of the engine -------------------------
def check_digit(field: str) -> str:
    values = {**{str(d): d for d in range(10)}, **{chr(65 + k): 10 + k for k in range(26)}, "<": 0}
    return str(sum(values[ch] * (7, 3, 1)[k % 3] for k, ch in enumerate(field)) % 10)


def test_check_digit_matches_the_icao_specimen():
    # ICAO Doc 9303 specimen values
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("120415") == "9"


def td3(number: str, nat: str, dob: str, sex: str, expiry: str, personal: str, name: str) -> tuple[str, str]:
    personal = (personal + "<" * 14)[:14]
    line2 = number + check_digit(number) + nat + dob + check_digit(dob) + sex + expiry + check_digit(expiry)
    line2 += personal + (check_digit(personal) if personal.strip("<") else "<")
    line2 += check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    line1 = ("P<" + nat + name + "<" * 44)[:44]
    assert len(line1) == len(line2) == 44
    return line1, line2


def td1(number: str, nat: str, dob: str, sex: str, expiry: str, name: str) -> tuple[str, str, str]:
    line1 = ("I<" + nat + number + check_digit(number) + "<" * 30)[:30]
    line2 = dob + check_digit(dob) + sex + expiry + check_digit(expiry) + nat + "<" * 11
    line2 += check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    line3 = (name + "<" * 30)[:30]
    assert len(line1) == len(line2) == len(line3) == 30
    return line1, line2, line3


THAI = td3("AB1234567", "THA", "900115", "M", "300114", "3100600123457", "JAIDEE<<SOMCHAI")
UTO = td3("X98765432", "UTO", "851231", "F", "290630", "", "ERIKSSON<<ANNA<MARIA")
CARD = td1("D23145890", "UTO", "740812", "F", "320415", "ERIKSSON<<ANNA<MARIA")


@pytest.mark.parametrize("zone", [THAI, UTO])
def test_td3_pair_in_text(zone):
    line1, line2 = zone
    text = f"ผู้สมัครแนบหน้าข้อมูลดังนี้\n{line1}\n{line2}\nขอบคุณค่ะ"
    assert passport_hits(text) == [f"{line1}\n{line2}"]


def test_td3_without_any_passport_word_and_with_crlf():
    line1, line2 = UTO
    assert passport_hits(f"scan:\r\n{line1}\r\n{line2}\r\n") == [f"{line1}\r\n{line2}"]


def test_td3_second_line_alone_is_reported_when_its_check_digits_hold():
    _, line2 = THAI
    assert passport_hits(f"MRZ {line2} end") == [line2]
    broken = line2[:9] + str((int(line2[9]) + 1) % 10) + line2[10:]
    assert passport_hits(f"MRZ {broken} end") == []


def test_a_mistyped_zone_is_still_a_zone():
    line1, line2 = THAI
    text = f"MRZ: {line1[:-3]}\n{line2[:30]}<{line2[30:]}"  # fillers lost and added, check digits off
    assert passport_hits(text) == [f"{line1[:-3]}\n{line2[:30]}<{line2[30:]}"]


def test_td1_block():
    text = "บัตรของผู้เข้าร่วม\n" + "\n".join(CARD)
    assert passport_hits(text) == ["\n".join(CARD)]
    bad = CARD[1][:-1] + str((int(CARD[1][-1]) + 1) % 10)
    assert passport_hits(f"{CARD[0]}\n{bad}\n{CARD[2]}") == []


# --- national formats next to a passport word -------------------------------------------
@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("หนังสือเดินทางเลขที่ AA1234567", "AA1234567"),
        ("เลขหนังสือเดินทาง: A1234567 หมดอายุ 2570", "A1234567"),
        ("พาสปอร์ต AB 7654321", "AB 7654321"),
        ("เลข ZZ7654321 ตามหนังสือเดินทาง", "ZZ7654321"),
        ("US passport no. 123456789", "123456789"),
        ("UK passport number 987654321", "987654321"),
        ("หนังสือเดินทางจีน E12345678", "E12345678"),
        ("Chinese passport G87654321", "G87654321"),
        ("Japanese passport TK1234567", "TK1234567"),
        ("หนังสือเดินทางเมียนมา MB123456", "MB123456"),
        ("Lao passport P1234567", "P1234567"),
        ("หนังสือเดินทางกัมพูชา N01234567", "N01234567"),
        ("Philippine passport P1234567A", "P1234567A"),
        ("passport ๑๒๓๔๕๖๗๘๙", "๑๒๓๔๕๖๗๘๙"),
    ],
)
def test_national_formats(text, number):
    assert passport_hits(text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "รุ่นสินค้า AA1234567",
        "รหัสสินค้า AB1234567 ราคา 250 บาท",
        "เที่ยวบิน TG 123 ต้องแสดงหนังสือเดินทาง",
        "passport holders on flight TG 628 to Tokyo",
        "ยื่นหนังสือเดินทางที่ไปรษณีย์ 10400",
        "ISBN 978-616-123-456-7 คู่มือหนังสือเดินทาง",
        "ISBN 9786161234567",
        "หนังสือเดินทางหมดอายุ 20300115",
        "Activity Passport รหัสนักศึกษา 641234567",
        "ค่าธรรมเนียมหนังสือเดินทาง 1000 บาท",
        "P<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
        "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQR",
    ],
)
def test_not_passports(text):
    assert passport_hits(text) == []
