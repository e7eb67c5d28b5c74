"""Detect first-person opinion voice (G1): a column, blog paragraph or social post in
which the writer argues in their own name, as opposed to news reporting, quoted speech,
interviews, official announcements, office-holders' messages, forms and research abstracts.

The text is read as the engine reads it (``policy_checks.textmap.normalise``: zero-width and
no-break spaces, soft hyphens, doubled tone marks …), and words spaced out one letter or
syllable at a time are joined. The detector then works on a *masked* copy (:mod:`.speech`):
quoted speech, reported speech (a speech verb — กล่าว, เผย, เปิดใจ, ให้ข้อมูล, สะท้อน, ฝาก, เล่า,
ถ่ายทอด, บอก, ระบุ … — followed within a short span by ว่า), attributed words (``… นายธีรวัฒน์กล่าว``),
speakers' lines (``นายธีรวัฒน์: …``, ``ถาม: … / ตอบ: …``) and an office-holder's message
(``สาส์นจากนายกสภามหาวิทยาลัย``) are blanked out, so what remains is the writer's own voice.
Evidence is then counted per sentence (:mod:`.lexicon`):

- **strong**: a first-person singular pronoun (ผม, ดิฉัน, ฉัน, ข้าพเจ้า, กู, หนู, ผู้เขียน
  as self-reference; I) joined to an opinion or stance verb (คิดว่า, เห็นว่า, มองว่า, เชื่อ
  อย่างยิ่งว่า, รู้สึกว่า, (ไม่)เห็นด้วย, มองต่าง, ผิดหวัง, อยากให้, ขอวิจารณ์, ว่า in ``ผมว่า`` …;
  think, believe, feel, disagree …), or a first-person stance phrase (ในความเห็นของผม,
  ส่วนตัวผมคิดว่า, in my opinion, IMO, "Personally, …"); ``เราว่า``/``เค้าว่า``/``ชั้นว่า``
  outside official text (in social Thai they are "I"). A form's declaration (``ข้าพเจ้ายืนยันว่า
  ข้อมูล…เป็นความจริง``) is not an opinion, and หนู in a text about rats is not "I";
- **weak**: ``เรา`` with an opinion verb in official text, pronoun-less stance markers
  (ต้องบอกว่า, โดยส่วนตัว, พูดตรง ๆ), and column/blog form (คอลัมน์, บทความแสดงความคิดเห็น,
  มุมมองของผู้เขียน, a ``โดย ชื่อ`` byline on its own line, "Opinion:").

A text is opinion when it has a strong sentence, or two weak ones of which one is a
stance (not only form), or a column/blog form with three first-person pronouns. Official
notices and research abstracts (ประกาศ…เรื่อง, ขอประกาศ, แจ้ง…ทราบ, ผลการวิจัยพบว่า,
บทคัดย่อ …) need two strong sentences and ``เรา`` does not count in them. Each pattern is
tried only where one of its anchor words occurs (``str.find``), and speech is masked only
when there is evidence at all: no tokenisation, linear in the text.

:func:`disclaims_institution` (:mod:`.disclaimer`) tells whether a sentence really disclaims
the institution's view (a denied or hedged "disclaimer" is none).
"""

from __future__ import annotations

from .disclaimer import DISCLAIMER_PATTERNS, disclaims_institution
from .speech import mask_reported_speech
from .voice import EvidenceHit, OpinionEvidence, opinion_voice

__all__ = [
    "DISCLAIMER_PATTERNS",
    "EvidenceHit",
    "OpinionEvidence",
    "disclaims_institution",
    "mask_reported_speech",
    "opinion_voice",
]
