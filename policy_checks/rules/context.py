"""Rules that look at the whole content and its context: the personal-opinion
disclaimer (G1, with first-person opinion voice detected in :mod:`.opinion`) and the
publisher's attribution (G8)."""

from __future__ import annotations

import re

from ..types import CheckContext, ContentKind, Finding, Severity
from .opinion import OpinionEvidence, disclaims_institution, opinion_voice

RULE_DISCLAIMER = "disclaimer-missing"
RULE_ATTRIBUTION = "attribution-missing"

__all__ = [
    "RULE_ATTRIBUTION",
    "RULE_DISCLAIMER",
    "OpinionEvidence",
    "attribution_finding",
    "disclaimer_finding",
    "has_disclaimer",
    "needs_disclaimer",
    "opinion_voice",
]

_INVISIBLE = re.compile("[\u00ad\u034f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def has_disclaimer(text: str) -> bool:
    """Whether some sentence anywhere in ``text`` (first, last or middle line) says the
    views are personal, not the institution's: "…เป็นความเห็นส่วนตัว", "ไม่ได้เป็นตัวแทนของ
    มหาวิทยาลัย", "ไม่ใช่จุดยืนของคณะ", "ในนามส่วนตัว", "views are my own", "does not represent
    the university" … "ส่วนตัวผมคิดว่า…" is an opinion, not a disclaimer; a denied disclaimer ("นี่ไม่ใช่
    ความเห็นส่วนตัว แต่เป็นจุดยืนของคณะ") or one that claims the institution too is none
    (:func:`policy_checks.rules.opinion.disclaims_institution`)."""
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    return disclaims_institution(text)


def needs_disclaimer(context: CheckContext) -> bool:
    """Whether the caller declared the content personal (``kind == opinion`` or
    ``speaks_for_university is False``); then the disclaimer is required whatever the voice."""
    return context.kind == ContentKind.OPINION or context.speaks_for_university is False


def disclaimer_finding(text: str, context: CheckContext) -> Finding | None:
    """``disclaimer-missing`` for content without a disclaimer that the views are personal.

    Required (severity ``error``, as before) when the caller declares the content personal
    (:func:`needs_disclaimer`), and otherwise (severity ``warning``) when the text itself is
    written in a first-person opinion voice (:func:`~policy_checks.rules.opinion.opinion_voice`)
    — in every context, including ``speaks_for_university=True``: a personal column on an
    official page is exactly what G1 says could be read as the unit's position, and the
    approver acknowledges the warning when it truly is the unit's view.
    """
    declared = needs_disclaimer(context)
    evidence = None if declared else opinion_voice(text)
    if not declared and evidence is None:
        return None
    if has_disclaimer(text):
        return None
    message = "ความคิดเห็นส่วนบุคคลต้องมีข้อความระบุว่าเป็นความเห็นส่วนตัว มิใช่ความเห็นของหน่วยงาน"
    message_en = "Personal opinion without a disclaimer that it is personal, not the unit's view."
    if evidence is not None:
        example = evidence.example[:40]
        message = f"ข้อความเขียนแสดงความคิดเห็นของผู้เขียน (เช่น “{example}”) จึง" + message
        message_en = f"Written as a first-person opinion (e.g. “{example}”): " + message_en[0].lower() + message_en[1:]
    return Finding(
        rule=RULE_DISCLAIMER,
        severity=Severity.ERROR if declared else Severity.WARNING,
        start=0,
        end=0,
        match="",
        message=message,
        message_en=message_en,
        suggestion="ความคิดเห็นนี้เป็นความเห็นส่วนตัว มิใช่ความเห็นของหน่วยงาน",
    )


def attribution_finding(context: CheckContext) -> Finding | None:
    if context.speaks_for_university is not True:
        return None
    missing = [label for label, value in (("ตำแหน่ง", context.author_position), ("หน่วยงาน", context.author_unit)) if not value]
    if not missing:
        return None
    missing_en = [en for en, value in (("position", context.author_position), ("unit", context.author_unit)) if not value]
    return Finding(
        rule=RULE_ATTRIBUTION,
        severity=Severity.ERROR,
        start=0,
        end=0,
        match="",
        message="การเผยแพร่ในนามมหาวิทยาลัยต้องระบุ" + "และ".join(missing) + "ของผู้เผยแพร่",
        message_en="Publishing on the university's behalf must name the publisher's " + " and ".join(missing_en) + ".",
    )
