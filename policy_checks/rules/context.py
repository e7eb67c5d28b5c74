"""Rules that look at the whole content and its context: the personal-opinion
disclaimer (G1) and the publisher's attribution (G8)."""

from __future__ import annotations

import re

from ..types import CheckContext, ContentKind, Finding, Severity

RULE_DISCLAIMER = "disclaimer-missing"
RULE_ATTRIBUTION = "attribution-missing"

_VIEW = r"(?:ความ(?:คิด)?เห็น|ข้อคิดเห็น|ทัศนะ|ทัศนคติ|มุมมอง|แนวคิด|ข้อเขียน|บทความ|โพสต์|ข้อความ|เนื้อหา|เรื่องราว|คำพูด)"
_ORG = (
    r"(?:หน่วยงาน|มหาวิทยาลัย|มรภ\.?|ม\.ร\.ภ\.?|องค์กร|ต้นสังกัด|สังกัด|คณะ|สำนัก|ศูนย์|สถาบัน|กอง|"
    r"ทางราชการ|ที่ทำงาน|นายจ้าง|ผู้บริหาร)"
)
_NEG = r"(?:มิใช่|ไม่ใช่|มิได้|ไม่ได้|ไม่จำเป็นต้อง|ไม่เกี่ยว(?:ข้อง)?(?:กับ)?|ไม่มีส่วนเกี่ยวข้อง|ไม่ผูกพัน|ไม่ได้เป็น|ไม่สะท้อน|ไม่ใช่|ไม่)"
_PERSONAL = (
    r"(?:ส่วนตัว|ส่วนบุคคล|ของผู้เขียน(?:เอง)?(?:แต่)?(?:เพียงผู้เดียว|เท่านั้น)?|ของข้าพเจ้า(?:เอง)?|ของผม(?:เอง)?|ของดิฉัน(?:เอง)?)"
)

DISCLAIMER_PATTERNS = [
    # "... ไม่ใช่/มิใช่ ความเห็นของหน่วยงาน", "ไม่เกี่ยวข้องกับต้นสังกัด"
    re.compile(_NEG + r".{0,25}?" + _ORG),
    # "ความคิดเห็นนี้เป็นความเห็นส่วนตัว", "บทความนี้สะท้อนทัศนะส่วนตัวของผู้เขียน"
    re.compile(_VIEW + r".{0,30}?(?:เป็น|คือ|สะท้อน|แสดง|ถือเป็น|เป็นเพียง)(?:เพียง)?.{0,20}?" + _PERSONAL),
    # "ความเห็นส่วนตัว" on a line of its own, as a tag or in brackets: "*ความเห็นส่วนตัว*", "#ความเห็นส่วนตัว"
    re.compile(
        r"(?:^|\n)[ \t*#(\[（「\-–—]*"
        + r"(?:เป็น)?(?:ความ(?:คิด)?เห็น|ทัศนะ)"
        + _PERSONAL
        + r"\s*(?:นะ)?(?:ครับ|ค่ะ|คะ|จ้ะ|จ้า)?[ \t*)\]）」.!]*(?:\n|$)"
    ),
    re.compile(r"#(?:ความ(?:คิด)?เห็น|ทัศนะ)" + _PERSONAL),
    # "ทั้งนี้เป็นความคิดเห็นส่วนบุคคลเท่านั้น", "เป็นเพียงมุมมองส่วนตัว"
    re.compile(r"(?:เป็น|คือ)(?:เพียง)?\s*(?:ความ(?:คิด)?เห็น|ข้อคิดเห็น|ทัศนะ|มุมมอง)\s*(?:ส่วนตัว|ส่วนบุคคล)"),
    re.compile(r"[(\[（]\s*(?:ความ(?:คิด)?เห็น|ทัศนะ)" + _PERSONAL + r"[^)\]）]{0,40}[)\]）]"),
    # English
    re.compile(
        r"(?:personal (?:opinion|view)s?|"
        r"views? (?:expressed )?(?:here |in this (?:post|article) )?are (?:my|the author'?s?) own|"
        r"opinions? (?:expressed )?(?:here )?(?:are|is) (?:my|the author'?s?) own|"
        r"do(?:es)? not (?:necessarily )?(?:represent|reflect) (?:the )?(?:views?|position|opinions?))",
        re.I,
    ),
]


def has_disclaimer(text: str) -> bool:
    return any(p.search(text) for p in DISCLAIMER_PATTERNS)


def needs_disclaimer(context: CheckContext) -> bool:
    return context.kind == ContentKind.OPINION or context.speaks_for_university is False


def disclaimer_finding(text: str, context: CheckContext) -> Finding | None:
    if not needs_disclaimer(context) or has_disclaimer(text):
        return None
    return Finding(
        rule=RULE_DISCLAIMER,
        severity=Severity.ERROR,
        start=0,
        end=0,
        match="",
        message="ความคิดเห็นส่วนบุคคลต้องมีข้อความระบุว่าเป็นความเห็นส่วนตัว มิใช่ความเห็นของหน่วยงาน",
        message_en="Personal opinion without a disclaimer that it is personal, not the unit's view.",
        suggestion="ความคิดเห็นนี้เป็นความเห็นส่วนตัว มิใช่ความเห็นของหน่วยงาน",
    )


def attribution_finding(context: CheckContext) -> Finding | None:
    if context.speaks_for_university is not True:
        return None
    missing = [
        label for label, value in (("ตำแหน่ง", context.author_position), ("หน่วยงาน", context.author_unit)) if not value
    ]
    if not missing:
        return None
    missing_en = [
        en for en, value in (("position", context.author_position), ("unit", context.author_unit)) if not value
    ]
    return Finding(
        rule=RULE_ATTRIBUTION,
        severity=Severity.ERROR,
        start=0,
        end=0,
        match="",
        message="การเผยแพร่ในนามมหาวิทยาลัยต้องระบุ" + "และ".join(missing) + "ของผู้เผยแพร่",
        message_en="Publishing on the university's behalf must name the publisher's " + " and ".join(missing_en) + ".",
    )
