"""Personal-data numbers in every form (issue 11, items 2 and 6). Made-up data only:
the national IDs below are built here with a valid check digit."""

from __future__ import annotations

import pytest

from policy_checks import CheckContext, check_text
from policy_checks.rules.personal_data import thai_id_checksum_ok


def thai_id(prefix12: str) -> str:
    total = sum(int(d) * (13 - i) for i, d in enumerate(prefix12))
    return prefix12 + str((11 - total % 11) % 10)


ID = thai_id("312345678901")  # 3123456789011
ID2 = thai_id("512340098765")
TH = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
FW = str.maketrans("0123456789", "０１２３４５６７８９")


def personal(text: str, **ctx) -> list[tuple[str, str]]:
    findings = check_text(text, CheckContext(**ctx))
    for f in findings:
        assert text[f.start : f.end] == f.match
    return [(f.rule, f.match) for f in findings if f.rule.startswith("personal-data")]


def group(digits: str, sizes: list[int], sep: str) -> str:
    out, pos = [], 0
    for n in sizes:
        out.append(digits[pos : pos + n])
        pos += n
    assert pos == len(digits)
    return sep.join(out)


def test_made_up_ids_are_valid():
    assert thai_id_checksum_ok(ID) and thai_id_checksum_ok(ID2)
    assert not thai_id_checksum_ok(ID[:12] + str((int(ID[12]) + 1) % 10))


ID_FORMS = (
    [
        group(ID, [1, 4, 5, 2, 1], sep)
        for sep in ["\u00a0", "\u202f", "\u2009", "\u2013", "\u2014", "\u2212", "\uff0d", "\u2010", ".", "/", " - "]
    ]
    + [
        group(ID, [1, 4, 5, 3], " "),  # 1 2345 67890 121
        group(ID, [2, 4, 4, 3], "-"),  # 12-3456-7890-121
        group(ID, [4, 4, 5], " "),
        " ".join(ID),  # digit by digit
        ".".join(ID),
        "-".join(ID),
        ID.translate(TH),
        ID.translate(FW),
        group(ID[:7].translate(TH) + ID[7:].translate(FW), [1, 4, 5, 2, 1], "\u00a0"),  # mixed digits
        group(ID, [1, 4, 5, 2, 1], "-").translate(FW).replace("-", "\uff0d"),
        ID[:6] + "\u200b" + ID[6:],
        group(ID[:5], [1, 4], "-") + "-\n" + group(ID[5:], [5, 2, 1], "-"),  # line-broken after a dash
        ID[:7] + "\n" + ID[7:],
    ]
)


@pytest.mark.parametrize("form", ID_FORMS)
def test_national_id_in_any_grouping_and_separator(form):
    text = f"ผู้สมัคร เลขประจำตัวประชาชน {form} ค่ะ"
    assert personal(text) == [("personal-data.national-id", form)]


@pytest.mark.parametrize("form", [group(ID, [1, 4, 5, 2, 1], " "), ID, " ".join(ID)])
def test_invalid_checksum_or_longer_number_is_not_an_id(form):
    bad = form[:-1] + str((int(form[-1]) + 3) % 10)
    assert personal(f"เลขที่ {bad} ค่ะ") == []
    assert "personal-data.national-id" not in {r for r, _ in personal(f"เลขที่ {ID}7 ค่ะ")}


MOBILE = "0812345678"
MOBILE_FORMS = (
    [group(MOBILE, [3, 3, 4], sep) for sep in ["\u00a0", "\u202f", "\u2009", "\u2013", "\u2212", "\uff0d", ".", "/"]]
    + [
        " ".join(MOBILE),  # 0 8 1 2 3 4 5 6 7 8
        ".".join(MOBILE),  # 0.8.1.2.3.4.5.6.7.8
        group(MOBILE, [4, 3, 3], "-"),
        group(MOBILE, [2, 4, 4], " "),
        MOBILE.translate(TH),
        MOBILE.translate(FW),
        group(MOBILE[:5].translate(FW) + MOBILE[5:].translate(TH), [3, 3, 4], "-"),
        "+66\u00a081\u00a0234\u00a05678",
        "+66 (0) 81 234 5678",
    ]
)


@pytest.mark.parametrize("form", MOBILE_FORMS)
def test_mobile_in_any_form(form):
    assert personal(f"ติดต่อคุณเอ โทร {form} ครับ") == [("personal-data.phone.mobile", form)]


@pytest.mark.parametrize("form", ["02\u00a0123\u00a04567", "0 2 1 2 3 4 5 6 7", "๐๕๕–๒๑๒–๓๔๕", "053.123.456", "０２－１２３－４５６７"])
def test_landline_in_any_form(form):
    assert personal(f"บ้านพักโทร {form} ค่ะ") == [("personal-data.phone.landline", form)]


def test_two_phones_in_a_row_and_allowlist_in_any_form():
    text = "โทร 081-234-5678/089-111-2233 หรือ 081 234 5678 089 111 2233"
    assert [m for _, m in personal(text)] == ["081-234-5678", "089-111-2233", "081 234 5678", "089 111 2233"]
    assert personal("ติดต่อมหาวิทยาลัย ๐๕๖\u00a0๗๑๗\u00a0๑๐๐ หรือ 0 5 6 7 1 7 1 0 0") == []


@pytest.mark.parametrize(
    "words",
    [
        "ศูนย์แปดหนึ่ง สองสามสี่ ห้าหกเจ็ดแปด",
        "ศูนย์แปดหนึ่งสองสามสี่ห้าหกเจ็ดแปด",
        "ศูนย์ เก้า หนึ่ง-โท-สาม-สี่ ห้า หก เจ็ด แปด",
        "ศูนย์หกเอ็ดสองสามสี่ห้าหกเจ็ดแปด",
    ],
)
def test_phone_in_thai_number_words(words):
    assert personal(f"โทร{words}นะคะ") == [("personal-data.phone.mobile", words)]


def test_landline_in_words_and_words_that_are_not_phones():
    assert personal("เบอร์บ้าน ศูนย์สองหนึ่งสองสามสี่ห้าหกเจ็ด ค่ะ") == [("personal-data.phone.landline", "ศูนย์สองหนึ่งสองสามสี่ห้าหกเจ็ด")]
    assert personal("ห้องหนึ่งมีนักศึกษาสามสิบสองคน สองสามวันก่อนหกโมง") == []
    assert personal("ปริญญาโท หนึ่ง สอง สาม สี่ ห้า หก เจ็ด แปด เก้า") == []  # not a phone prefix
    assert personal("โทรศูนย์ห้าหกเจ็ดหนึ่งเจ็ดหนึ่งศูนย์ศูนย์") == []  # the switchboard, allow-listed


@pytest.mark.parametrize(
    "form",
    [
        "123\u00a04\u00a056789\u00a00",
        "123–4–56789–0",
        "123 4 56789 0",
        "1 2 3 4 5 6 7 8 9 0",
        "１２３－４－５６７８９－０",
        "๑๒๓-๔-๕๖๗๘๙-๐",
        "123.4.56789.0",
    ],
)
def test_bank_account_in_any_form(form):
    for text in [f"โอนเข้าบัญชีกสิกรไทย {form} นายเอ", f"ธ.กรุงไทย {form}", f"โอนมาที่ SCB {form} ได้เลย"]:
        assert personal(text) == [("personal-data.bank-account", form)], text


def test_bank_name_without_the_word_account():
    assert personal("ร่วมทำบุญได้ที่ กรุงศรี 123-1-23456-7 ชื่อนายบี") == [("personal-data.bank-account", "123-1-23456-7")]


@pytest.mark.parametrize("form", [ID, group(ID, [1, 4, 5, 2, 1], "-"), group(ID, [1, 4, 5, 2, 1], "\u00a0")])
def test_promptpay_keyed_by_national_id_reports_the_id(form):
    assert personal(f"โอนผ่านพร้อมเพย์ {form} ได้เลย") == [("personal-data.national-id", form)]
    assert personal(f"PromptPay: {form}") == [("personal-data.national-id", form)]


def test_promptpay_keyed_by_a_phone_is_a_phone():
    assert personal("พร้อมเพย์ 081-234-5678") == [("personal-data.phone.mobile", "081-234-5678")]


@pytest.mark.parametrize(
    "written",
    [
        "somchai.j [at] gmail [dot] com",
        "somchai.j(at)gmail(dot)com",
        "somchai.j {AT} gmail {DOT} com",
        "somchai.j @ gmail . com",
        "somchai.j@ gmail.com",
        "somchai.j at gmail dot com",
        "somchai.j แอท gmail ดอท com",
        "somchai.jแอทgmailดอทcom",
        "somchai.j@gmail[dot]com",
        "somchai.j＠gmail．com",
        "wanida.k [at] pcru [dot] ac [dot] th",
    ],
)
def test_obfuscated_personal_email(written):
    assert personal(f"ส่งใบสมัครมาที่ {written} ภายในวันศุกร์") == [("personal-data.email", written)]


@pytest.mark.parametrize(
    "text",
    [
        "ส่งที่ arit [at] pcru [dot] ac [dot] th",
        "ส่งที่ registrar(at)pcru(dot)ac(dot)th",
        "ส่งที่ webmaster_pcru แอท pcru ดอท ac ดอท th",
        "contact us at pcru.ac.th",
        "meet me at the library dot",
        "ติดตามเราได้ที่ Twitter @pcru.official หรือ IG @pcru.th",
        "บัญชี Facebook: pcru.official",
        "LINE ID: @pcru2566",
        "Party @ Siam.Paragon",
    ],
)
def test_role_mailboxes_and_non_addresses_pass(text):
    assert personal(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # ledger codes
        "รหัสบัญชี 1101010101 เงินสดในมือ",
        "ผังบัญชี 5101-0101-01 ค่าใช้จ่ายบุคลากร",
        "บัญชี 1101010101 เงินสด",
        "บัญชีแยกประเภท 1102-0102-0001",
        # curriculum and course codes
        "หลักสูตรบัญชีบัณฑิต รหัสหลักสูตร 25500121100123",
        "รหัสหลักสูตร " + thai_id("254901211001") + " สาขาวิชาการบัญชี",
        "รายวิชา 2500-1234-5678 การบัญชีเบื้องต้น",
        "สาขาวิชาการบัญชี เปิดสอนรายวิชา 2563101 และ 2563102",
        # asset numbers
        "ครุภัณฑ์ เลขที่ 7440-001-0001/2566",
        "บัญชีครุภัณฑ์ 7440-001-0001-2566 เครื่องคอมพิวเตอร์",
        "หมายเลขครุภัณฑ์ " + thai_id("744000100012"),
        # book numbers
        "หนังสือที่ อว 0617.10/1234 ลงวันที่ 5 มิ.ย. 2567",
        "ISBN 978-616-123-456-7",
        "ISBN 0-8123-4567-8",
        "ISBN\u00a0" + thai_id("974123456789"),
        "ISSN 1234-5678",
        # dates, times, money, lists
        "วันที่ 12/06/2567 ถึง 15/06/2567",
        "ระหว่าง 01-06-2567 - 15-06-2567",
        "เวลา 08.30 - 16.30 น.",
        "ยอดเงินในบัญชี 12,345,678.90 บาท",
        "โอนเงินสนับสนุน 1500000000 บาท",
        "ธนาคารมอบเงิน ฿ 1234567890",
        "คะแนน 08 12 34 56 78",
        "ลำดับ 1 2 3 4 5 6 7 8 9 10 11 12",
        # phone-like numbers inside URLs
        "ดูที่ https://www.pcru.ac.th/news/0812345678",
        "ดูที่ https://line.me/ti/p/0812345678",
        "facebook.com/profile.php?id=100012345678901",
        "ข่าว https://x.th/a/" + ID,
        # social-media "accounts"
        "บัญชี Facebook: pcru.official",
        "บัญชี LINE Official: @pcru",
        "บัญชีผู้ใช้ 6512345678 ของนักศึกษา",
        "บัญชี TikTok 7012345678901 ของคณะ",
    ],
)
def test_false_positives_do_not_grow(text):
    assert personal(text) == []


def test_mixed_text_offsets_are_exact():
    text = (
        f"นายเอ เลขบัตร {group(ID, [1, 4, 5, 2, 1], chr(0xA0))} โทร ๐๘๑\u2013๒๓๔\u2013๕๖๗๘ "
        f"หรือ ศูนย์เก้าหนึ่งสองสามสี่ห้าหกเจ็ดแปด อีเมล somchai [at] gmail [dot] com "
        f"บัญชีกสิกร １２３－４－５６７８９－０ เลข {ID2}"
    )
    rules = [r for r, _ in personal(text)]
    assert rules == [
        "personal-data.national-id",
        "personal-data.phone.mobile",
        "personal-data.phone.mobile",
        "personal-data.email",
        "personal-data.bank-account",
        "personal-data.national-id",
    ]


def test_an_id_in_a_slug_after_a_word_and_dash_is_found():
    """A slug like pid-<ID> is public text (issue 9): a checksummed ID after "word-" is still an ID."""
    from policy_checks import check_text

    found = [(f.rule, f.match) for f in check_text("pid-1103700000003")]
    assert ("personal-data.national-id", "1103700000003") in found


def test_an_id_in_a_file_name_is_found_but_not_in_a_url():
    """Document file names are public text: "pid-<ID>.pdf" carries the ID; a URL's path does not count."""
    from policy_checks import check_text

    assert ("personal-data.national-id", "1103700000003") in [(f.rule, f.match) for f in check_text("pid-1103700000003.pdf")]
    assert check_text("https://www.pcru.ac.th/news/1103700000003.html") == []
