"""Counting the evidence of first-person opinion voice, sentence by sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...textmap import normalise
from .lexicon import EN_PRONOUNS, OFFICIAL, P_PRONOUN, RATS, RULES, TH_PRONOUNS
from .speech import mask_reported_speech

__all__ = ["EvidenceHit", "OpinionEvidence", "opinion_voice"]


@dataclass(frozen=True)
class EvidenceHit:
    """One piece of evidence: ``kind`` is ``"first-person"``, ``"stance"``, ``"we"`` or
    ``"form"``; ``start``/``end`` are offsets into the normalised text (only the text is
    shown to people: a document-level finding has no span)."""

    kind: str
    strong: bool
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class OpinionEvidence:
    """Why a text reads as first-person opinion: the hits (at most one per sentence),
    how many sentences carry strong and weak evidence, and whether the text also looks
    like an official notice or a research abstract (which raises the bar)."""

    hits: tuple[EvidenceHit, ...]
    strong: int
    weak: int
    official: bool

    @property
    def example(self) -> str:
        """The first strong hit's text (else the first hit's), for messages."""
        for hit in self.hits:
            if hit.strong:
                return hit.text
        return self.hits[0].text if self.hits else ""


# English anchors are looked for only in text with an English phrase (or IMO) in it.
_ENGLISH = re.compile(rb"[A-Za-z][a-z']* +[A-Za-z]|IMH?O|imh?o|[Pp]ersonally,")
# What the engine's normalisation would change (textmap.py): characters outside ASCII and Thai
# (zero-width and no-break spaces, soft hyphens, ideographic spaces, look-alikes) and Thai
# typing slips (doubled marks, a tone before its vowel, เเ, ํา). Only then is it worth running.
NEEDS_NORMALISING = re.compile(
    r"[^\x00-\x7f\u0e00-\u0e7f]|([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])\1|\u0e40\u0e40|\u0e4d\u0e32"
    r"|[\u0e48-\u0e4b][\u0e31\u0e34-\u0e37\u0e38\u0e39\u0e47]"
)
# Words spaced out letter by letter or syllable by syllable ("ผ ม คิ ด ว่ า"): three or more short
# Thai pieces, each between single spaces. Joined only when nothing was found otherwise.
_SPACED = re.compile(r"(?<![\u0e01-\u0e4e])[\u0e01-\u0e4e]{1,4}(?: [\u0e01-\u0e4e]{1,4}){2,}(?![\u0e01-\u0e4e])")


def _positions(text: str, word: str) -> list[int]:
    out: list[int] = []
    i = text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def _at_line_start(text: str, pos: int) -> bool:
    ls = text.rfind("\n", 0, pos) + 1
    return not text[ls:pos].strip()


def _scan(text: str) -> tuple[list[tuple[str, bool, int, int]], bool]:
    """Evidence matches ``(kind, strong, start, end)`` in ``text``, tried at anchor words
    only, and whether any anchor word occurs at all."""
    lower: str | None = None
    found: list[tuple[str, bool, int, int]] = []
    cache: dict[tuple[bool, str], list[int]] = {}
    seen = False
    for kind, strong, pattern, anchors, in_lower, line_start in RULES:
        if in_lower:
            if lower is None:
                english = _ENGLISH.search(text.encode("ascii", "ignore"))  # fast: Thai letters dropped
                lower = text.lower() if english else ""
            haystack = lower
        else:
            haystack = text
        if not haystack:
            continue
        starts: set[int] = set()
        for word in anchors:
            key = (in_lower, word)
            if key not in cache:
                cache[key] = _positions(haystack, word)
            starts.update(cache[key])
        if not starts:
            continue
        seen = True
        for pos in sorted(starts):
            if line_start and not _at_line_start(text, pos):
                continue
            m = pattern.match(text, pos)
            if m is not None:
                found.append((kind, strong, m.start(), m.end()))
    return found, seen


def _pronoun_count(text: str, rats: bool) -> int:
    lower = text.lower()
    starts = {p for word in TH_PRONOUNS for p in _positions(text, word) if not (rats and word == "หนู")}
    starts |= {p for word in EN_PRONOUNS for p in _positions(lower, word)}
    return sum(1 for pos in starts if P_PRONOUN.match(text, pos))


def _despace(text: str) -> str:
    return _SPACED.sub(lambda m: m.group().replace(" ", ""), text)


# Polite particles of a writer addressing readers: the text is personal, หนู may be "I" in it.
_PERSONAL_PARTICLE = re.compile(r"(?:ค่ะ|คะ|ค่า|จ้ะ|จ้า|นะคะ)(?![ก-ฮ])")
_SENTENCE_END = re.compile(r"\n|[.!?。](?=\s|$)|\s{2,}")


def _sentence_of(bounds: list[int], pos: int) -> int:
    lo, hi = 0, len(bounds)
    while lo < hi:
        mid = (lo + hi) // 2
        if bounds[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def opinion_voice(text: str, *, normalised: bool = False) -> OpinionEvidence | None:
    """Evidence that ``text`` is written in a first-person opinion voice, or ``None``.

    The text is read as the engine reads it (``policy_checks.textmap``: invisible characters
    dropped, every Unicode space a space, doubled Thai marks collapsed), and words spaced out
    letter by letter are joined (``normalised=True``: the caller passes ``Document.norm``, already
    normalised). Quoted and reported speech (news quoting a named person or an
    official, interviews, an office-holder's message), official notices in the institution's
    voice (``เรา`` = the university) and research abstracts do not count; see the package
    docstring for the evidence and the thresholds.
    """
    if not text or text.isspace():
        return None
    clean = text if normalised or not NEEDS_NORMALISING.search(text) else normalise(text)
    # Masking only blanks characters out, so no evidence in the whole text means none at all.
    found = _scan(clean)[0]
    if not found:
        if not _SPACED.search(clean):
            return None
        clean = _despace(clean)
        if not _scan(clean)[0]:
            return None
    masked = mask_reported_speech(clean)
    found = _scan(masked)[0]
    if not found:
        return None
    official = bool(OFFICIAL.search(clean))
    rats = "หนู" in masked and bool(RATS.search(clean))
    personal = rats and bool(_PERSONAL_PARTICLE.search(masked))
    bounds = [m.end() for m in _SENTENCE_END.finditer(masked)]

    per_sentence: dict[int, EvidenceHit] = {}
    for kind, strong, start, end in sorted(found, key=lambda h: (h[2], not h[1])):
        if kind == "we-social":
            if official:
                continue
            kind = "we"
        elif kind == "we" and official:
            continue
        if rats and masked.startswith("หนู", start) and not (masked[start:end].endswith("ว่า") or personal):
            continue  # the animal, not "I" (unless "หนูคิดว่า…", or a polite "…ค่ะ" text)
        if masked[max(0, start - 3) : start] == "กระ" or masked[max(0, start - 2) : start] in ("ดิ", "อิ"):
            start -= 3 if masked[start - 3 : start] == "กระ" else 2  # show "ดิฉัน", "กระผม" whole
        key = _sentence_of(bounds, start)
        old = per_sentence.get(key)
        if old is None or (strong and not old.strong):
            per_sentence[key] = EvidenceHit(kind, strong, start, end, masked[start:end].strip())

    hits = tuple(sorted(per_sentence.values(), key=lambda h: h.start))
    strong_n = sum(h.strong for h in hits)
    weak_n = len(hits) - strong_n
    stance = sum(1 for h in hits if not h.strong and h.kind != "form")
    form = weak_n - stance

    if official:
        is_opinion = strong_n >= 2
    else:
        is_opinion = strong_n >= 1 or (stance >= 1 and weak_n >= 2)
        if not is_opinion and form:
            # A column/blog/byline form with the writer speaking in the first person throughout.
            pronouns = _pronoun_count(masked, rats)
            is_opinion = pronouns >= 3 or (pronouns >= 1 and stance >= 1)
    if not is_opinion:
        return None
    return OpinionEvidence(hits=hits, strong=strong_n, weak=weak_n, official=official)
