"""The evidence patterns of first-person opinion voice: pronouns, opinion/stance verbs,
stance phrases and column/blog form, each tried only at one of its anchor words.

In the Thai patterns ``_`` stands for an optional space or tab (``คิด_ว่า`` also matches
``คิด ว่า``), so a writer who spaces out the words of "ผม คิด ว่า" is still read.
"""

from __future__ import annotations

import re


def _sp(pattern: str) -> str:
    """``_`` in a Thai pattern: an optional space or tab between the parts of a phrase."""
    return pattern.replace("_", r"[ \t]?")


# First-person singular pronouns, with guards against words that contain them
# (ทรงผม/เส้นผม hair, ฉันทามติ, ตระกูล/กูเกิล/สกู๊ป, หนูนา…). หนู is also "rat": the caller drops
# หนู-evidence in a text about rats (:data:`RATS`).
I_TH = (
    r"(?:กระ)?(?<!ทรง)(?<!เส้น)(?<!ตัด)(?<!สระ)(?<!ย้อม)(?<!ไร)(?<!หวี)ผม(?!ร่วง|หงอก|ยาว|สั้น|เผ้า)"
    r"|(?:ดิ|อิ)?ฉัน(?!ท)|ข้าพเจ้า|กู(?![่-๋ลร]|เกิ)|หนู(?![่-๋]|นา|ตะเภา|ทดลอง)"
    r"|ผู้เขียน(?:เอง)?"
)
I_SELF = r"(?:กระ)?ผม(?!ร่วง|หงอก|ยาว|สั้น|เผ้า)|(?:ดิ|อิ)?ฉัน(?!ท)|ข้าพเจ้า|กู(?![่-๋ลร]|เกิ)|หนู(?![่-๋]|นา|ตะเภา|ทดลอง)"
_WE_TH = r"เรา(?!เตอร์)"
# Slang "I" of social Thai: ชั้น (for ฉัน; not ชั้นปี/ชั้นเรียน, which take no opinion verb) and
# เค้า (for เรา/ตัวเอง), at the start of a word only.
_I_SLANG = r"(?<![ก-ฮะ-ฺเ-ๅ])(?:ชั้น|เค้า)(?!โครง|ลาง|หน้า|เดิม)"
# Words that may stand between the pronoun and its verb.
_FILL = _sp(
    r"(?:_(?:ก็|เอง|ยัง|จึง|เลย|กลับ|ค่อนข้าง(?:จะ)?|จะ|ส่วนตัว(?:แล้ว)?|คง|มัก|ไม่(?:ค่อย)?|ขอ|ต้อง|ได้|ยิ่ง|แอบ|"
    r"นะ|ละ|ล่ะ|จริง_ๆ|เคย|อยาก|ดัน|แล้ว|คือ|เอ?ง|ยังคง|ถึงกับ|อดไม่ได้ที่จะ|ค่อนข้าง|เริ่ม|พอจะ|กลับมา|เอง_ก็))*"
)
# Adverbs between an opinion verb and its ว่า: "เชื่ออย่างยิ่งว่า", "คิดเหมือนกันว่า", "เห็นมาตลอดว่า".
_ADV = _sp(
    r"(?:_(?:อย่าง(?:ยิ่ง|แรง(?:กล้า)?|จริงจัง|มาก|สนิทใจ|เต็มที่|แน่วแน่)|เหมือน(?:_ๆ)?(?:_กัน)?|เช่นกัน|"
    r"มา(?:โดย)?ตลอด|มานาน(?:แล้ว)?|มาก่อน|เสมอ(?:มา)?|จริง_ๆ|แน่_ๆ|แน่นอน|มาก|ด้วย(?:ซ้ำ)?|อยู่(?:แล้ว|เสมอ)?|"
    r"เอง|ลึก_ๆ|ตลอด|ขึ้นมา|ต่าง|ไป)){0,2}"
)
# "ว่า" as "think" (ผมว่า …), not ว่าง, ว่ายน้ำ, ว่าจ้าง, ว่าที่ร้อยตรี, ว่านหางจระเข้.
_WA = _sp(r"ว่า(?![่-๋]|ง|ย|จ้าง|จะ|ราชการ|นหาง|ที่_(?:ร้อย|พัน|นาย|เรือ|ร\.))")
# What a form declaration states ("ข้าพเจ้ายืนยันว่าข้อมูลที่กรอกเป็นความจริง"): a fact, not an opinion.
_DECLARED = _sp(
    r"_(?:ได้(?:_ทำการ)?(?:อ่าน|รับ|ทราบ|ตรวจสอบ|ศึกษา|แนบ|กรอก|ยื่น|ชำระ)|ข้อมูล|ข้อความ|เอกสาร|หลักฐาน|รายละเอียด|"
    r"จะ(?:ปฏิบัติ|ดำเนินการ|ชดใช้|ไม่|รับผิดชอบ|ยินยอม|ส่ง|คืน|ชำระ)|ยินยอม|เป็นความจริง|ถูกต้อง|มีคุณสมบัติ|"
    r"ไม่(?:เคย|มี|ได้เป็น|ได้รับ)|ตน(?:เอง)?|เงื่อนไข|ข้าพเจ้า|ตามที่|การ(?:สมัคร|กรอก)|หาก|ถ้า|กรณี)"
)
OPINION_VERB_TH = _sp(
    r"(?:(?:คิด|เห็น|มอง(?:_เห็น)?|เชื่อ(?:_มั่น)?|รู้สึก|มั่นใจ)" + _ADV + r"_ว่า|คิด_เห็น|เห็น_ด้วย|"
    r"รู้สึก(?:ผิดหวัง|ไม่พอใจ|เสียดาย|แปลก|ไม่โอเค|แย่|ไม่ยุติธรรม|ไม่เห็นด้วย)|(?:เห็น|มอง|คิด)_ต่าง|วิจารณ์|"
    r"ผิดหวัง|ไม่พอใจ|สนับสนุน|คัดค้าน|ค้าน|ไม่ชอบ|เบื่อ|รำคาญ|เสียดาย|กังวล_ว่า|สงสัย|"
    r"อยาก(?:ให้|เสนอ|ถาม)|ขอ(?:เสนอ|เรียกร้อง|แสดงความ(?:คิด)?เห็น|ตั้งคำถาม|บอก)|เรียกร้อง|"
    r"เข้าใจ_ว่า(?!" + _DECLARED + r")|ไม่เข้าใจ|ไม่แน่ใจ|ยอมรับ(?:_ว่า(?!" + _DECLARED + r")|ไม่ได้)|รับไม่ได้|ตั้งคำถาม|"
    r"(?:ต้อง|ขอ)?บอก_ว่า|" + _WA + r"|"
    r"มีความ(?:คิด)?เห็น|มีมุมมอง|ยืนยัน_ว่า(?!" + _DECLARED + r"))"
)
_I_EN = r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d)\b"
_OPINION_VERB_EN = (
    r"(?:think|thought|believe|feel|felt|reckon|guess|suppose|doubt|disagree|agree|argue|would argue|"
    r"am (?:convinced|disappointed|not convinced)|(?:'|’)m (?:convinced|disappointed|not convinced)|"
    r"want (?:the|our|to see)|am against|support|oppose|love|hate|prefer)"
)

P_FIRST_PERSON = re.compile(r"(?:" + I_TH + r")" + _FILL + r"[ \t]?" + OPINION_VERB_TH)
P_STANCE = re.compile(
    r"(?:ความ(?:คิด)?เห็น|มุมมอง|ทัศนะ|สายตา|ความรู้สึก)(?:ส่วนตัว)?(?:ของ)?[ \t]?(?:" + I_SELF + r")"
    r"|(?<!ข้อมูล)(?<!ชีวิต)(?<!เรื่อง)(?<!รถ)(?<!ความเป็น)ส่วนตัว(?:แล้ว)?[ \t]?(?:(?:"
    + I_TH
    + r")"
    + _FILL
    + r"[ \t]?"
    + OPINION_VERB_TH
    + r"|"
    + _FILL
    + r"(?:คิด|เห็น|มอง|เชื่อ|รู้สึก))"
    + r"|(?<=โดย)ส่วนตัวแล้ว|สำหรับ(?:ผม|ดิฉัน|ฉัน|ข้าพเจ้า|กู)(?:แล้ว|นะ)?\s|ขอวิจารณ์"
)
P_ENGLISH = re.compile(
    _I_EN + r"(?:\s+(?:really|honestly|personally|strongly|do not|don't|don’t|do|still|genuinely|simply|"
    r"just|also|cannot|can't|can’t|am|must|would|have|always|never|firmly|truly)){0,3}\s+"
    + _OPINION_VERB_EN
    + r"|\bin my (?:humble |honest |personal |own )?(?:opinion|view)\b|\bIMH?O\b|\bpersonally,? I\b"
    # "Personally, the new policy is a disaster." — the adverb opening a sentence.
    + r"|(?<![\w,;] )(?<![\w,;])personally,\s|\bif you ask me\b"
    + r"|\bmy (?:personal |own |honest )?(?:view|opinion|take) (?:is|on)\b",
    re.I,
)
# "เราว่า", "เราคิดว่า", "เรารู้สึก": in social Thai เรา is "I"; outside official text it is strong evidence.
_SOCIAL_VERB = _sp(
    r"(?:" + _WA + r"|(?:คิด|เชื่อ|รู้สึก|มอง|เห็น)" + _ADV + r"_ว่า|ไม่เห็น_ด้วย|เบื่อ|รำคาญ|ผิดหวัง|"
    r"ไม่ชอบ|งง|ไม่เข้าใจ|ไม่แน่ใจ|(?:มอง|คิด)_ต่าง)"
)
P_WE_SOCIAL = re.compile(r"(?:" + _WE_TH + r"|" + _I_SLANG + r")" + _FILL + r"[ \t]?" + _SOCIAL_VERB)
P_WE = re.compile(_WE_TH + _FILL + r"[ \t]?" + OPINION_VERB_TH)
P_WEAK_STANCE = re.compile(
    r"โดยส่วนตัว|ต้องบอกว่า|ขอบอกว่า|พูดตรง[ \t]?ๆ|บอกตรง[ \t]?ๆ|ขอแสดงความ(?:คิด)?เห็น"
    r"|จากประสบการณ์(?:ของ)?(?:ผม|ดิฉัน|ฉัน|ตัวเอง)"
)
P_FORM = re.compile(r"คอลัมน์(?!ที่|[ \t]?\d)|บทความแสดงความ(?:คิด)?เห็น|มุมมองของผู้เขียน|ทัศนะของผู้เขียน|บล็อก(?!เชน)|บทบรรณาธิการ")
# At a line start only (checked by the caller): a byline "โดย ชื่อ สกุล" or an "Opinion:" heading.
P_BYLINE = re.compile(r"โดย[ \t]?(?!งาน|ฝ่าย|กอง|สำนัก|คณะ|ศูนย์|มหาวิทยาลัย|ทีม|กลุ่ม|หน่วย)\S{2,40}(?:[ \t]\S{2,30})?[ \t]*(?:\n|$)")
P_FORM_EN = re.compile(r"(?:opinion|op-ed|column|commentary|blog)\s*[:|–—-]", re.I)
# First-person pronoun anywhere (not only with a verb), counted only together with form.
P_PRONOUN = re.compile(r"(?:" + I_TH + r")|" + _I_EN)

TH_PRONOUNS = ("ผม", "ฉัน", "ข้าพเจ้า", "กู", "หนู", "ผู้เขียน")
EN_PRONOUNS = ("i ", "i'", "i’", "i,")
Rule = tuple[str, bool, re.Pattern[str], tuple[str, ...], bool, bool]
# (kind, strong, pattern, anchors, anchors are searched in the lower-cased text, only at a line start)
RULES: tuple[Rule, ...] = (
    ("first-person", True, P_FIRST_PERSON, TH_PRONOUNS, False, False),
    (
        "stance",
        True,
        P_STANCE,
        ("ความเห็น", "ความคิดเห็น", "มุมมอง", "ทัศนะ", "สายตา", "ความรู้สึก", "ส่วนตัว", "สำหรับ", "ขอวิจารณ์"),
        False,
        False,
    ),
    (
        "first-person",
        True,
        P_ENGLISH,
        (*EN_PRONOUNS, "imo", "imho", "in my", "my ", "personally", "if you ask"),
        True,
        False,
    ),
    ("we-social", True, P_WE_SOCIAL, ("เรา", "ชั้น", "เค้า"), False, False),
    ("we", False, P_WE, ("เรา",), False, False),
    (
        "stance",
        False,
        P_WEAK_STANCE,
        ("โดยส่วนตัว", "ต้องบอก", "ขอบอก", "พูดตรง", "บอกตรง", "ขอแสดงความ", "จากประสบการณ์"),
        False,
        False,
    ),
    (
        "form",
        False,
        P_FORM,
        ("คอลัมน์", "บทความแสดงความ", "มุมมองของผู้เขียน", "ทัศนะของผู้เขียน", "บล็อก", "บทบรรณาธิการ"),
        False,
        False,
    ),
    ("form", False, P_BYLINE, ("โดย",), False, True),
    ("form", False, P_FORM_EN, ("opinion", "op-ed", "column", "commentary", "blog"), True, True),
)

# หนู the animal: a species or a rat word next to it, or what is done to rats. In such a text
# หนู is never read as "I" ("หนูนาและหนูพุกระบาด … เพราะหนูไม่ชอบกลิ่นฉุน").
RATS = re.compile(
    r"หนู(?:นา|พุก|บ้าน|ท่อ|ป่า|ขาว|แรท|ตะเภา|ทดลอง|หริ่ง|จี๊ด|ผี|แฮมสเตอร์|ไมซ์|สิงคโปร์|ระบาด|กัด|แทะ|ชุก|จำนวน|หลายตัว|ตัวนี้|ตัวนั้น)"
    r"|(?:กำจัด|จับ|ดัก|ไล่|เบื่อ|กับดัก|ฝูง|ฉี่|มูล|รัง|กรง|ซาก|แมว|งู)[ \t]?หนู|โรคฉี่หนู|\b(?:rats?|mice|rodents?)\b",
    re.I,
)
# An office-holder's message ("สารจากอธิการบดี") is masked whole (speech.py), not counted here.
OFFICIAL = re.compile(
    r"(?:^|\n)\s*ประกาศ|ขอประกาศ|จึงประกาศ|ประกาศ\s?ณ\s?วันที่|ประกาศ[^\n]{0,60}เรื่อง|แจ้ง[^\n]{0,40}ทราบ"
    r"|จึงเรียนมา|ขอแจ้ง|ในนามของ?มหาวิทยาลัย"
    r"|งานวิจัย(?:นี้|ครั้งนี้)|การวิจัย(?:นี้|ครั้งนี้)|ผลการวิจัยพบว่า|วัตถุประสงค์ของการวิจัย"
    r"|กลุ่มตัวอย่าง|ผู้วิจัย|บทคัดย่อ|\babstract\b|\bthis (?:study|research|paper)\b"
    r"|ทั้งนี้ตั้งแต่บัดนี้|ระเบียบ[^\n]{0,30}ว่าด้วย|คำสั่ง[^\n]{0,40}ที่\s?\d",
    re.I,
)
