"""Builds real_tune.jsonl and real_test.jsonl: a NEW labelled Thai set, not used to tune the rules
before it was written, split into a tune part (~60 %) and a test part (~40 %).

Run: python tests/policy_checks/data/build_real.py  (deterministic; re-run after editing).

The texts live in real_texts_clean.py and real_texts_flagged.py (written for this set: social
posts and tweet-like lines, news sentences, whole news pages, announcements, opinion posts with and
without a disclaimer, quoted speech, abstracts, ledger/curriculum/asset numbers, unclassified lines,
spelling lessons). Personal data is made up by real_helpers.py (valid mod-11 national IDs, random
phones/accounts/passports) and written in rotating forms (no-break spaces, zero-width characters,
Thai/fullwidth digits, digit-by-digit, Thai number words, obfuscated e-mails ...).

Labels follow what the policy means (docs/policy_checks.md, ../shared/spec/POLICY.md), not what
the engine reports; they were written without running the engine. Each item:
{"id", "category", "text", "context", "labels"}; phones are labelled by sub-code; an empty
context is the CLI's default context.

The split is by a stable hash of the id (sha256), so it never depends on Python's hash seed or
on the order of the items. The test part is for the final, once-only measurement: do not tune on
it and do not assert on it in tests (tests/policy_checks/test_real_tune.py uses the tune part).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import real_helpers as h  # noqa: E402
import real_texts_clean as clean  # noqa: E402
import real_texts_flagged as flagged  # noqa: E402

TUNE = HERE / "real_tune.jsonl"
TEST = HERE / "real_test.jsonl"
TUNE_PERCENT = 60

MARKER = "confidential-marker"
NID = "personal-data.national-id"
MOBILE = "personal-data.phone.mobile"
LANDLINE = "personal-data.phone.landline"
EMAIL = "personal-data.email"
BANK = "personal-data.bank-account"
PASSPORT = "personal-data.passport"
IMPOLITE = "impolite-language"
DISCLAIMER = "disclaimer-missing"
ATTRIBUTION = "attribution-missing"

PLACEHOLDER_LABELS = {"ID": NID, "MOB": MOBILE, "LAND": LANDLINE, "MAIL": EMAIL, "ACC": BANK, "ACC12": BANK, "PP": PASSPORT}
_counters: dict[str, int] = {}


def _next(kind: str) -> int:
    _counters[kind] = _counters.get(kind, -1) + 1
    return _counters[kind]


def _value(kind: str) -> str:
    k = _next(kind)
    if kind == "ID":
        return h.id_forms(h.national_id(), k)
    if kind == "BADID":
        return h.id_forms(h.bad_id(), k)
    if kind == "MOB":
        return h.mobile_forms(h.mobile(), k)
    if kind == "LAND":
        return h.landline_forms(h.landline(), k)
    if kind == "MAIL":
        return h.email_forms(k)
    if kind == "ACC":
        return h.account_forms(h.account(10), k)
    if kind == "ACC12":
        return h.account_forms(h.account(12), k)
    if kind == "PP":
        return h.passport_th()
    raise KeyError(kind)


def fill(template: str) -> tuple[str, set[str]]:
    labels: set[str] = set()

    def sub(m: re.Match) -> str:
        kind = m.group(1)
        if kind in PLACEHOLDER_LABELS:
            labels.add(PLACEHOLDER_LABELS[kind])
        return _value(kind)

    return re.sub(r"\{(ID|BADID|MOB|LAND|MAIL|ACC12|ACC|PP)\}", sub, template), labels


def lines(block: str) -> list[str]:
    return [line for line in block.splitlines() if line.strip()]


items: list[dict] = []


def add(category: str, template: str, labels: set[str] | frozenset[str] = frozenset(), context: dict | None = None) -> None:
    text, found = fill(template)
    n = sum(i["category"] == category for i in items)
    items.append(
        {
            "id": f"real-{category}-{n:04d}",
            "category": category,
            "text": text,
            "context": context or {},
            "labels": sorted(set(labels) | found),
        }
    )


def build() -> list[dict]:
    items.clear()
    _counters.clear()
    h.rng.seed(20250611)
    rng = random.Random(7)

    # clean sentences of every form
    for t in lines(clean.NEWS_SENTENCES):
        add("news-sentence", t)
    for t in lines(clean.NEWS_NUMBERS):
        add("news-numbers", t)
    for t in lines(clean.TWEETS):
        add("tweet", t)
    for t in lines(clean.SOCIAL_POSTS):
        add("social-post", t)
    for t in lines(clean.ANNOUNCEMENTS):
        add("announcement", t)
    for t in lines(clean.QUOTED_SPEECH):
        add("quoted-speech", t)
    for t in lines(clean.ABSTRACTS):
        add("abstract", t)
    for t in lines(clean.LEDGER):
        add("ledger", t)
    for t in lines(clean.UNCLASSIFIED):
        add("unclassified", t)
    for t in lines(clean.SPELLING_LESSONS):
        add("spelling-lesson", t)
    add("spelling-lesson", "คำที่นักเรียนมักสะกดผิด\nลับ\nกลับ\nสลับ\nหลับ")
    add("spelling-lesson", "แบบฝึกอ่าน: จับคู่คำกับความหมาย\n1. ลับ  ก. ย้อนคืน\n2. กลับ  ข. ไม่เปิดเผย\n3. สลับ  ค. เปลี่ยนที่กัน")
    add("unclassified", "บันทึกข้อความ\nชั้นความลับ: -\nที่ อว 0618.05/ว 77\nเรื่อง ขอเชิญร่วมงานวันสถาปนามหาวิทยาลัย")
    for t in lines(clean.FIRST_PERSON_NOT_OPINION):
        add("first-person-plain", t)
    for t in flagged.OFFICIAL_STATEMENTS:
        add("official-statement", t)

    # look-alikes per rule (clean unless a placeholder says otherwise)
    for t in flagged.CONFIDENTIAL_CLEAN:
        add("marker-lookalike", t)
    for t in flagged.NATIONAL_ID_CLEAN:
        add("id-lookalike", t)
    for t in flagged.MOBILE_CLEAN + flagged.LANDLINE_CLEAN:
        add("phone-lookalike", t)
    for t in flagged.EMAIL_CLEAN:
        add("email-lookalike", t)
    for t in flagged.BANK_CLEAN:
        add("bank-lookalike", t)
    for t in flagged.PASSPORT_CLEAN:
        add("passport-lookalike", t)
    for t in flagged.IMPOLITE_CLEAN:
        add("impolite-lookalike", t)

    # positives
    for t in flagged.CONFIDENTIAL:
        add("marker", t, {MARKER})
    for t in flagged.NATIONAL_ID:
        add("national-id", t)
    for t in flagged.MOBILE:
        add("phone-mobile", t)
    for t in flagged.LANDLINE:
        add("phone-landline", t)
    for t in flagged.EMAIL:
        add("email", t)
    for t in flagged.BANK:
        add("bank-account", t)
    for t in flagged.PASSPORT:
        add("passport", t, {PASSPORT})
    for t in flagged.IMPOLITE:
        add("impolite", t, {IMPOLITE})
    for t in flagged.OPINION_NO_DISCLAIMER:
        add("opinion", t, {DISCLAIMER})
    for t in flagged.OPINION_WITH_DISCLAIMER:
        add("opinion-disclaimed", t)

    # the caller says what the content is (the CLI's --kind / --personal)
    ctx_texts, explicit = lines(clean.CONTEXT_TEXTS), lines(clean.EXPLICIT_OPINION_TEXTS)
    for t in explicit:
        add("explicit-kind", t, {DISCLAIMER}, {"kind": "opinion"})
        add("explicit-kind", t + " (ความเห็นส่วนตัว ไม่ใช่ความเห็นของมหาวิทยาลัย)", set(), {"kind": "opinion"})
    for i, t in enumerate(ctx_texts[:8]):
        if i % 2:
            add("explicit-kind", t, set(), {"kind": "social_post"})
        else:
            add("explicit-kind", t, {DISCLAIMER}, {"speaks_for_university": False})

    # content on the university's behalf: position and unit must be named (G8)
    authors = [
        ({"author_name": "นางสาวกนกวรรณ ศรีสุข", "author_position": "นักประชาสัมพันธ์", "author_unit": "สำนักงานอธิการบดี"}, False),
        ({"author_name": "นายธนวัฒน์ บุญมี", "author_position": "", "author_unit": "คณะครุศาสตร์"}, True),
        ({"author_name": "นายอนุชา ทองดี", "author_position": "นักวิชาการคอมพิวเตอร์", "author_unit": ""}, True),
        ({"author_name": "", "author_position": "", "author_unit": ""}, True),
        ({"author_name": "ผศ.ดร.ศิริพร พรหมมา", "author_position": "รองคณบดีฝ่ายวิชาการ", "author_unit": "คณะวิทยาการจัดการ"}, False),
        ({"author_name": "นางวิภาวี มีทรัพย์", "author_position": "เจ้าหน้าที่บริหารงานทั่วไป", "author_unit": "กองพัฒนานักศึกษา"}, False),
    ]
    for i in range(36):
        ctx, missing = authors[i % len(authors)]
        text = ctx_texts[i % len(ctx_texts)]
        add("attribution", text, {ATTRIBUTION} if missing else set(), {"speaks_for_university": True, **ctx})

    # whole news pages: a headline and 3-6 paragraphs; some carry one problem somewhere inside
    heads, paras = lines(clean.PAGE_HEADLINES), lines(clean.PAGE_PARAGRAPHS)
    injections = [
        ("ผู้สนใจสอบถามรายละเอียดได้ที่ อาจารย์ธนกร ใจงาม (ผู้ประสานงาน) โทร {MOB}", set()),
        ("ผู้ประสานงานโครงการ นางสาวพิมพ์ชนก แก้วมณี อีเมล {MAIL}", set()),
        ("ผู้ได้รับรางวัล ได้แก่ 1) นายจิรายุ รุ่งเรือง เลขประจำตัวประชาชน {ID} 2) นางสาวชนิดา สุขใจ", set()),
        ("ผู้มีจิตศรัทธาร่วมสมทบทุนได้ที่ ธนาคารกรุงไทย บัญชีเลขที่ {ACC} ชื่อบัญชี นายวีรชัย มีทรัพย์", set()),
        ("ลับ", {MARKER}),
        ("งดเผยแพร่จนถึงวันที่ 20 มีนาคม 2568", {MARKER}),
        ("ติดต่อร้านอาหารที่รับจัดเลี้ยงในงานได้ที่ คุณศรีสุดา โทร {LAND}", set()),
        ("อาจารย์ผู้ควบคุมทีมต่างประเทศ หนังสือเดินทางเลขที่ {PP}", set()),
    ]
    for i in range(64):
        n = 3 + rng.randrange(4)
        body = rng.sample(paras, n)
        if i % 8 in (1, 4) and i < 64:  # about a quarter of the pages carry one problem
            line, labels = injections[(i // 4) % len(injections)]
            body.insert(rng.randrange(1, n), line)
        else:
            labels = set()
        add("news-page", heads[i % len(heads)] + "\n\n" + "\n\n".join(body), labels)
    # opinion columns (whole pages) with and without the disclaimer
    for i in range(8):
        body = rng.sample(paras, 2)
        op = flagged.OPINION_NO_DISCLAIMER[i * 5]
        page = "คอลัมน์ มุมมองจากรั้วมหาวิทยาลัย\n\n" + op + "\n\n" + "\n\n".join(body)
        if i % 2:
            add("opinion-page", page + "\n\n(บทความนี้เป็นความเห็นส่วนตัวของผู้เขียน ไม่ใช่ความเห็นของมหาวิทยาลัย)")
        else:
            add("opinion-page", page, {DISCLAIMER})
    return items


def split(item_id: str) -> str:
    bucket = int(hashlib.sha256(item_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "tune" if bucket < TUNE_PERCENT else "test"


def write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> int:
    rows = build()
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    texts = [(r["text"], json.dumps(r["context"], sort_keys=True)) for r in rows]
    assert len(texts) == len(set(texts)), "duplicate items"
    tune = [r for r in rows if split(r["id"]) == "tune"]
    test = [r for r in rows if split(r["id"]) == "test"]
    write(TUNE, tune)
    write(TEST, test)
    print(f"{len(rows)} items: {len(tune)} tune -> {TUNE.name}, {len(test)} test -> {TEST.name}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
