"""Red-team findings on the personal-data rules (made-up data only): separators, keycaps,
glued labels, spelt-out and mixed phone numbers, written-out e-mail addresses, passport and
MRZ variants, bank-account labels, and the government codes and document numbers that must
pass. Each case asserts the rule and the exact match."""

from __future__ import annotations

import pytest

from policy_checks import CheckContext, check_text

ID = "1101700123456"  # valid check digit
ID_RULE = "personal-data.national-id"
MOBILE = "personal-data.phone.mobile"
LANDLINE = "personal-data.phone.landline"
EMAIL = "personal-data.email"
BANK = "personal-data.bank-account"
PASSPORT = "personal-data.passport"
TH = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def personal(text: str) -> list[tuple[str, str]]:
    findings = check_text(text, CheckContext())
    for f in findings:
        assert text[f.start : f.end] == f.match
    return [(f.rule, f.match) for f in findings if f.rule.startswith("personal-data")]


def grouped(digits: str, sizes: list[int], sep: str) -> str:
    out, pos = [], 0
    for n in sizes:
        out.append(digits[pos : pos + n])
        pos += n
    return sep.join(out)


def keycaps(digits: str) -> str:
    return "".join(d + "\ufe0f\u20e3" for d in digits)


# --- national IDs --------------------------------------------------------------------------
ID_SEPS = ["•", "_", "*", ",", "|", ":", "~", "·", "・", "⁃", "ー", "─", "--", "...", "    ", "\u2800", "∙", "‧", "/ "]
ID_FORMS = [grouped(ID, [1, 4, 5, 2, 1], sep) for sep in ID_SEPS] + [
    "1-1017 00123-45-6",
    "1 1017-00123 45-6",
    "1.1017 00123.45.6",
    "1 1 0 1 7 0 0 1 2 3 4 56",
    "11 0 1 7 0 0 1 2 3 4 5 6",
    keycaps(ID),
    keycaps(ID[:7]) + " " + keycaps(ID[7:]),
    grouped(ID, [1, 4, 5, 2, 1], "•").translate(TH),
]


@pytest.mark.parametrize("form", ID_FORMS)
def test_national_id_with_other_separators(form):
    assert personal(f"เลขบัตรประชาชน {form} ค่ะ") == [(ID_RULE, form)]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("ID1101700123456", ID),
        ("ID=1101700123456", ID),
        ("#1101700123456", ID),
        ("ผู้สมัคร ID:1101700123456 ค่ะ", ID),
        ("No.1101700123456", ID),
        ("PID1101700123456 ค่ะ", ID),
        ("เลข ID" + keycaps(ID), keycaps(ID)),
        # an enumerator after the number ("2)") is not part of it
        ("ได้แก่ 1) นายเอ เลขประจำตัวประชาชน 478 883 304 2371 2) นางสาวบี", "478 883 304 2371"),
    ],
)
def test_national_id_glued_to_a_short_label(text, match):
    assert personal(text) == [(ID_RULE, match)]


@pytest.mark.parametrize(
    "text",
    [
        "ID1101700123457",  # wrong check digit
        "https://example.com/?id=1101700123456",
        "ABCDEF1101700123456",  # a long code, not a label
        "ยอดรวม 1,101,700,123,456 บาท",
        "1,101,700,123,456",
        "เวลา 10:30:45 น. ห้อง 1|2|3",
        "ISBN:1101700123456",
        "ลำดับ 1 2 3 4 5 6 7 8 9 10 11 12 13",
    ],
)
def test_not_national_ids(text):
    assert [r for r, _ in personal(text) if r == ID_RULE] == []


# --- phones --------------------------------------------------------------------------------
PHONE_FORMS = [
    "081 234-5678",
    "081-234 5678",
    "081.234 5678",
    "081*234*5678",
    "081_234_5678",
    "081,234,5678",
    "081•234•5678",
    "081·234·5678",
    "081|234|5678",
    "0 8 1 - 2 3 4 - 5 6 7 8",
    "08 1 2 3 4 5 6 7 8",
    "081 2 3 4 5 6 7 8",
    "66812345678",
    "66-81-234-5678",
    "66 81 234 5678",
    "(66) 81 234 5678",
    keycaps("0812345678"),
    "081--234--5678",
    "081...234...5678",
]


@pytest.mark.parametrize("form", PHONE_FORMS)
def test_mobile_with_other_separators(form):
    assert personal(f"โทร {form} ครับ") == [(MOBILE, form)]


@pytest.mark.parametrize("form", ["02 123-4567", "056-717 101", "66-2-123-4567", "02*123*4567"])
def test_landline_with_other_separators(form):
    assert personal(f"โทร {form} ครับ") == [(LANDLINE, form)]


WORD_PHONES = [
    "ศูนย์แปดนึง สองสามสี่ ห้าหกเจ็ดแปด",
    "08 หนึ่ง สองสามสี่ ห้าหกเจ็ดแปด",
    "๐ แปด หนึ่ง ๒๓๔ ๕๖๗๘",
    "ศูนย์แปดหนึ่ง\nสองสามสี่\nห้าหกเจ็ดแปด",
    "ศูนย์/แปด/หนึ่ง/สอง/สาม/สี่/ห้า/หก/เจ็ด/แปด",
    "สูนย์แปดหนึ่ง สองสามสี่ ห้าหกเจ็ดแปด",
    "ศูนย์ 8 หนึ่ง 234 ห้า หก เจ็ด แปด",
    "0 แปด 1 สอง 3 สี่ 5 หก 7 แปด",
    "ศูนย์แปดหนึ่ง-234-ห้าหกเจ็ดแปด",
]


@pytest.mark.parametrize("words", WORD_PHONES)
def test_mobile_in_words_mixed_with_digits(words):
    assert personal(f"โทร {words} นะคะ") == [(MOBILE, words)]


@pytest.mark.parametrize(
    "text",
    [
        "ครึ่งนึง สองสามวัน หกโมงเช้า",
        "ปี 2567 หนึ่ง สอง สาม",
        "ศูนย์ 1 2 3 4 5 6 7",  # not a phone prefix, too short
        "ห้อง 08 หนึ่งห้อง",
        "ชั้น 0 ห้อง 8",
        "ตีสาม 08.30 น. ถึง 16.30 น.",
        "วันที่ 02-06-2567 9 โมง",
        "ระหว่าง 01-06-2567 - 15-06-2567",
        "คะแนน 08 12 34 56 78",
        "เวลา 08:30 - 09:30",
        "จำนวน 12,345,678 บาท",
    ],
)
def test_not_phones(text):
    assert [r for r, _ in personal(text) if r in (MOBILE, LANDLINE)] == []


# --- e-mail --------------------------------------------------------------------------------
EMAIL_FORMS = [
    ("somchai.j @gmail.com", "somchai.j @gmail.com"),
    ("somchai.j แอท จีเมล ดอท คอม", "somchai.j แอท จีเมล ดอท คอม"),
    ("somchai.j แอท ฮอตเมล ดอท คอม", "somchai.j แอท ฮอตเมล ดอท คอม"),
    ("somchai.j แอท ยาฮู ดอท คอม", "somchai.j แอท ยาฮู ดอท คอม"),
    ("somchai.j แอท gmail ดอท เน็ต", "somchai.j แอท gmail ดอท เน็ต"),
    ("somchai.j@gmail", "somchai.j@gmail"),
    ("somchai.j at gmail", "somchai.j at gmail"),
    ("somchai.j แอท gmail", "somchai.j แอท gmail"),
    ("somchai แอท hotmail", "somchai แอท hotmail"),
    ("somchai.j แอ็ท gmail ด็อท com", "somchai.j แอ็ท gmail ด็อท com"),
    ("somchai.j【at】gmail【dot】com", "somchai.j【at】gmail【dot】com"),
    ("somchai.j 【at】 gmail 【dot】 com", "somchai.j 【at】 gmail 【dot】 com"),
    ("somchai.j@gmail,com", "somchai.j@gmail,com"),
    ("somchai dot j at gmail dot com", "somchai dot j at gmail dot com"),
    ("somchai [dot] j [at] gmail [dot] com", "somchai [dot] j [at] gmail [dot] com"),
    ("somchai ดอท j แอท gmail ดอท com", "somchai ดอท j แอท gmail ดอท com"),
    ("somchai.jแอทจีเมลดอทคอม", "somchai.jแอทจีเมลดอทคอม"),
]


@pytest.mark.parametrize(("written", "match"), EMAIL_FORMS)
def test_written_out_personal_email(written, match):
    assert personal(f"ส่งมาที่ {written} ได้เลย") == [(EMAIL, match)]


def test_thai_tld_word_before_a_polite_particle():
    assert personal("อีเมล somchai.j แอท จีเมล ดอท คอมค่ะ") == [(EMAIL, "somchai.j แอท จีเมล ดอท คอม")]


@pytest.mark.parametrize(
    "text",
    [
        "He works at Yahoo now",
        "I'm at gmail headquarters",
        "ติดตาม IG @pcru.official",
        "ทีม Starbucks @central.co.th",
        "Party @ Siam.Paragon",
        "meet me at the library dot",
        "ส่งที่ arit แอท pcru ดอท ac ดอท th",
        "ซื้อคอมพิวเตอร์ ดอท คอมพิวเตอร์",
        "งานแสดงสินค้า แอท ไบเทค",
        "ใช้ gmail และ hotmail ได้",
        "ดูรายละเอียดที่ pcru ดอท คอมพิวเตอร์",
    ],
)
def test_not_personal_emails(text):
    assert [r for r, _ in personal(text) if r == EMAIL] == []


# --- passports -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("passport: aa1234567", "aa1234567"),
        ("Passport no. ab1234567", "ab1234567"),
        ("พาสปอร์ต АА1234567", "АА1234567"),  # Cyrillic А
        ("พาสปอร์ต ΑΒ1234567", "ΑΒ1234567"),  # Greek Α, Β
        ("หนังสือเดินทาง A A 1 2 3 4 5 6 7", "A A 1 2 3 4 5 6 7"),
        ("passport A B 1 2 3 4 5 6 7 ค่ะ", "A B 1 2 3 4 5 6 7"),
        ("passport AA-1234567", "AA-1234567"),
    ],
)
def test_passport_number_variants(text, match):
    assert personal(text) == [(PASSPORT, match)]


@pytest.mark.parametrize(
    "text",
    [
        "passport ทำงาน aa bb",
        "พาสปอร์ต ราคา 1 2 3 บาท",
        "รุ่นสินค้า aa1234567",
        "passport holders on flight tg 628",
    ],
)
def test_not_passport_numbers(text):
    assert [r for r, _ in personal(text) if r == PASSPORT] == []


def check_digit(field: str) -> str:
    values = {**{str(d): d for d in range(10)}, **{chr(65 + k): 10 + k for k in range(26)}, "<": 0}
    return str(sum(values[ch] * (7, 3, 1)[k % 3] for k, ch in enumerate(field)) % 10)


def td3(number: str, nat: str, dob: str, sex: str, expiry: str, name: str) -> tuple[str, str]:
    personal_no = "<" * 14
    line2 = number + check_digit(number) + nat + dob + check_digit(dob) + sex + expiry + check_digit(expiry)
    line2 += personal_no + "<"
    line2 += check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    line1 = ("P<" + nat + name + "<" * 44)[:44]
    return line1, line2


L1, L2 = td3("AB1234567", "THA", "900115", "M", "300114", "JAIDEE<<SOMCHAI")
ZONE = L1 + L2


def wrap(zone: str, width: int) -> str:
    return "\n".join(zone[k : k + width] for k in range(0, len(zone), width))


MRZ_FORMS = [
    f"{L1.lower()}\n{L2.lower()}",
    f"{L1}\n{L2.lower()}",
    wrap(ZONE, 30),
    wrap(ZONE, 40),
    wrap(ZONE, 22),
    ZONE,
    f"{L1.replace('<', '‹')}\n{L2.replace('<', '‹')}",
    f"{L1.replace('<', '«')}\n{L2.replace('<', '«')}",
    wrap(ZONE.lower().replace("<", "«"), 36),
]


@pytest.mark.parametrize("zone", MRZ_FORMS)
def test_mrz_variants(zone):
    assert personal(f"แนบหน้าหนังสือ\n{zone}\nขอบคุณค่ะ") == [(PASSPORT, zone)]


def test_mrz_second_line_alone_in_lower_case_or_other_filler():
    assert personal(f"MRZ {L2.lower()} end") == [(PASSPORT, L2.lower())]
    assert personal(f"MRZ {L2.replace('<', '‹')} end") == [(PASSPORT, L2.replace("<", "‹"))]


@pytest.mark.parametrize(
    "text",
    [
        "«ข่าว» «กิจกรรม» «ประกาศ»",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr\nabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr",
        "p<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
        wrap("<" * 88, 30),
    ],
)
def test_not_mrz(text):
    assert personal(text) == []


# --- bank accounts -------------------------------------------------------------------------
BANK_LABELS = [
    "บ/ช",
    "บ.ช.",
    "เลขบช",
    "เลขบันชี",
    "แบงก์",
    "แบงค์",
    "เคแบงก์",
    "K PLUS",
    "kplus",
    "TMB",
    "LINE BK",
    "MyMo",
    "เป๋าตัง",
    "acc no.",
    "Acc. No:",
    "โอนได้ที่",
    "โอนมาที่",
    "ร่วมบริจาคได้ที่",
]


@pytest.mark.parametrize("label", BANK_LABELS)
def test_bank_account_labels(label):
    text = f"{label} 123-4-56789-0 นายเอ"
    assert personal(text) == [(BANK, "123-4-56789-0")]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("เลขบัญชี 123 4 56789-0", "123 4 56789-0"),
        ("เลขบัญชี 123_4_56789_0", "123_4_56789_0"),
        ("เลขบัญชี 123*4*56789*0", "123*4*56789*0"),
        ("เลขบัญชี 123-4 56789-0 ชื่อนายเอ", "123-4 56789-0"),
        ("บ/ช 1234567890", "1234567890"),
        ("สนใจสั่งซื้อ 987-6-54321-0 ชื่อบัญชี นายเอ", "987-6-54321-0"),
        ("ขอบคุณที่ร่วมทำบุญ 123-4-56789-0 นายเอ", "123-4-56789-0"),
    ],
)
def test_bank_account_shapes(text, match):
    assert personal(text) == [(BANK, match)]


# --- false positives: government codes, letter numbers, document numbers --------------------
CLEAN = [
    "กองคลังแจ้งรหัสศูนย์ต้นทุน 0600400000 สำหรับการเบิกจ่ายงบประมาณ",
    "รหัสหน่วยงาน 06004 มหาวิทยาลัยราชภัฏเพชรบูรณ์",
    "รหัสหน่วยเบิกจ่าย 0600400000",
    "รหัสหน่วยเบิกจ่าย 0600400000 รหัสศูนย์ต้นทุน 0600400001 รหัสแหล่งของเงิน 6811000",
    "ตามหนังสือมหาวิทยาลัย ที่ อว 0622/12345 ลงวันที่ 5 มีนาคม 2568",
    "ที่ อว 0622(3)/12345",
    "ที่ อว 0622(3)/1234",
    "ที่ ศธ 0549/12345",
    "ที่ อว 0622.3/12345 ลงวันที่ 1 ก.พ. 2568",
    "ที่ มท 0808.2/ว 1234",
    "อ้างถึง หนังสือกรมบัญชีกลาง ด่วนที่สุด ที่ กค 0405.2/ว 12345",
    "ตามหนังสือที่ อว. 0622/12345",
    "สำนักงานคณะกรรมการ โอนเงินเข้าบัญชีผู้มีสิทธิ์แล้ว ตามฎีกาเลขที่ 6800012345 ลงวันที่ 3 มี.ค. 2568",
    "ธนาคารกรุงไทยสนับสนุนโครงการ ใบสั่งซื้อเลขที่ 6800123456",
    "ได้โอนเงินเข้าบัญชีแล้ว เลขที่ขอเบิก 3100012345",
    "รหัสงบประมาณ 6900400004\nการเบิกจ่ายจะโอนเงินเข้าบัญชีเงินฝากธนาคารของผู้มีสิทธิ์",
    "ธนาคารออมสินมอบทุน เลขที่เอกสาร 6812345678",
    "โอนเงินเข้าบัญชีผู้ขาย ตาม PO 4500012345",
    "ชำระผ่านธนาคาร invoice 2025001234",
    "โอนเงินผ่านธนาคาร ตามใบสำคัญจ่ายเลขที่ 6800012345",
    "ธนาคารกรุงไทย สัญญาเลขที่ 6812345678",
    "มหาวิทยาลัยโอนย้ายครุภัณฑ์ หมายเลข 123-4-56789-0",
    "รหัสโครงการ 6801234567 ได้รับการโอนเงินงบประมาณ",
    "ที่ ศธ 04321/1234",
    "ตามหนังสือที่ อว 0622(4)/ว 1234 ลงวันที่ 12 ก.พ. 2568",
    "ที่ อว 0622/ว 12345",
    "ที่ นร 0505/ว 123",
    "เอกสารหมายเลข 123-4-56789-0 แนบท้าย",
    "SKU1101700123456",
    "ธนาคารออมสิน เลขที่ใบสำคัญ 6801234567",
    "รหัสงบประมาณ 2000406001000000 แหล่งของเงิน 6811000",
]

# Numbers in clean news that the new separators and groupings must not turn into personal data.
CLEAN_NUMBERS = [
    "ประชุมวันที่ 02-06-2567 9 โมงเช้า ณ ห้อง 301",
    "ตารางเวลา 08:30 - 09:30 น. และ 10:00-12:00 น.",
    "งบประมาณ 1,234,567,890 บาท ค่าใช้จ่าย 12,345,678.90 บาท",
    "ผลสอบ 12/15, 13/15, 14/15, 15/15",
    "สัดส่วน 1:2:3:4 ของกลุ่มตัวอย่าง 100:200:300",
    "คำสั่งมหาวิทยาลัยที่ 1234/2568 ประกาศ ณ วันที่ 5 มีนาคม พ.ศ. 2568",
    "สถิติผู้เข้าร่วม 1 2 3 4 5 6 7 8 9 10 11 12 13 คน",
    "ลำดับที่ 1) นาย ก 2) นาย ข 3) นาย ค",
    "จำนวน 1_000_000 ครั้ง คะแนน 08 12 34 56 78 90",
    "เบอร์โทรสำนักงาน 056-717-100 ต่อ 1234",
    "ช่วงเวลา 06.00~22.00 น. ผลการแข่งขัน 3-1 , 2-2 , 0-1",
    "บทที่ 1 • 2 • 3 • 4 • 5 • 6 • 7 • 8 • 9 • 10",
    "รายงานประจำปี 2566 | 2567 | 2568",
    "เวลา 0:00:00 ถึง 23:59:59 ช่อง 3 ช่อง 5 ช่อง 7 ช่อง 9",
    "มหาวิทยาลัยโอนเงินงบประมาณ 2,500,000 บาท เข้าบัญชีโครงการ",
    "พิกัด 16.4194, 101.1547 ราคา 1,299.- 2,599.-",
    "เวลาทำการ 08:30–16:30 จันทร์–ศุกร์",
    "66 คน 81 คน 234 คน รุ่นที่ 66 81 คน",
    "ปี 66 จำนวน 812 คน 345 คน 678 คน",
    "ค่าเฉลี่ย 0.81, 0.23, 0.45, 0.67, 0.8",
    "ตามระเบียบ ข้อ 12 (3) และข้อ 13 (4)",
    "รหัสโครงการ 68-01-00123-4 ได้รับงบประมาณ รหัสวิชา 4121101 ถึง 4121105",
    "ยอดบริจาครวม 123,456 บาท ผ่านบัญชีมูลนิธิ",
]


@pytest.mark.parametrize("text", CLEAN + CLEAN_NUMBERS)
def test_codes_and_document_numbers_are_not_personal_data(text):
    assert personal(text) == []


def test_a_phone_after_a_code_is_still_a_phone():
    text = "รหัสหน่วยงาน 06004 ติดต่อ 081-234-5678"
    assert personal(text) == [(MOBILE, "081-234-5678")]
    assert personal("รหัสนักศึกษา 651234 โทร 0812345678") == [(MOBILE, "0812345678")]
    assert personal("ส่งรหัสนักศึกษามาที่ 0812345678") == [(MOBILE, "0812345678")]


def test_an_account_after_a_document_number_is_still_an_account():
    text = "ฎีกาเลขที่ 6800012345 โอนเข้าบัญชี 123-4-56789-0 นายเอ"
    assert personal(text) == [(BANK, "123-4-56789-0")]


def test_a_code_label_before_another_number_does_not_hide_the_account():
    text = "ธนาคารกรุงไทย สาขาเพชรบูรณ์ รหัสสาขา 0123 เลขที่ 123-4-56789-0"
    assert personal(text) == [(BANK, "123-4-56789-0")]
    assert personal("ธนาคารกรุงไทย รหัสสาขา 0123 เลขที่บัญชี 1234567890") == [(BANK, "1234567890")]


def test_a_phone_in_words_next_to_the_same_phone_in_digits_is_reported_once():
    text = "โทร 081-234-5678 (ศูนย์แปดหนึ่ง สองสามสี่ ห้าหกเจ็ดแปด)"
    assert personal(text) == [(MOBILE, "081-234-5678"), (MOBILE, "ศูนย์แปดหนึ่ง สองสามสี่ ห้าหกเจ็ดแปด")]
    assert personal("โทร ศูนย์ 081 234 5678") == [(MOBILE, "081 234 5678")]
