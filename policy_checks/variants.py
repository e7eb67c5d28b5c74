"""Spellings people use to get an impolite word past a filter, generated from the
lexicon so that a term is listed once.

Thai social posts dodge word lists with changes that keep the word readable: a tone mark
moved, dropped or added (เหี่ย, คว้ย), a short vowel for a long one or the reverse (สาส, เยด),
a silent ร slipped in after the first consonant (แมร่ง, มรึง), a final or initial consonant
swapped for one that sounds the same (ชิปหาย, ซัส), and the prefixes ไอ้/อี typed as ไอ, อ้าย,
อิ. :func:`spelling_variants` applies one of these changes (or a prefix change plus one other);
the lexicon keeps only variants that are not words of the Thai dictionary, so an innocent word
(กรู, สาด, แมง) is never added. Which changes occur was read off real posts: the TCAS61 and
general posts of PyThaiNLP's *thai-sentiment-analysis-dataset* (CC BY 4.0) and the spellings
PyThaiNLP's *Phupha* Common Crawl word frequencies list (CC0); see ``data/SOURCES.md``.
"""

from __future__ import annotations

from collections.abc import Iterable

TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"  # ่ ้ ๊ ๋
_ABOVE_BELOW_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47"  # ั ิ ี ึ ื ุ ู ็
_VOWEL_LENGTH = {
    "\u0e31": "\u0e32",  # ั → า  (สัส → สาส)
    "\u0e34": "\u0e35",  # ิ ↔ ี
    "\u0e35": "\u0e34",
    "\u0e36": "\u0e37",  # ึ ↔ ื
    "\u0e37": "\u0e36",
    "\u0e38": "\u0e39",  # ุ ↔ ู
    "\u0e39": "\u0e38",
}
# Consonants that sound the same at the end of a syllable (the Thai final-sound classes).
_FINAL_CLASSES = ("ดตทธฒฑสศษซจช", "บปพฟภ", "กขคฆ", "นรลณญ")
# Initial consonants with the same sound, the swaps seen in posts (สัส → ซัส, ควย → ฅวย).
_INITIAL_CLASSES = ("สซศษ", "คฅฆ", "ทธฒฑ", "พภ", "ขฃ", "ชฌ")
# Prefixes of insults and the ways they are typed.
PREFIX_FORMS = (("ไอ้", "ไอ", "อ้าย", "ไอ๊"), ("อี", "อิ", "อี๋"))
_LEADING_VOWELS = "เแโใไ"


def _is_consonant(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e2e"


def _classes(groups: Iterable[str]) -> dict[str, str]:
    return {ch: group for group in groups for ch in group}


_FINAL = _classes(_FINAL_CLASSES)
_INITIAL = _classes(_INITIAL_CLASSES)


def _prefix_split(term: str) -> tuple[tuple[str, ...] | None, str, str]:
    for forms in PREFIX_FORMS:
        for form in sorted(forms, key=len, reverse=True):
            if term.startswith(form) and len(term) > len(form) + 1:
                return forms, form, term[len(form) :]
    return None, "", term


def _single_changes(word: str) -> set[str]:
    """Every spelling one change away from ``word`` (a Thai word without prefix)."""
    out: set[str] = set()
    n = len(word)
    for i, ch in enumerate(word):
        if ch in TONE_MARKS:
            out.add(word[:i] + word[i + 1 :])  # dropped
            for other in TONE_MARKS:
                if other != ch:
                    out.add(word[:i] + other + word[i + 1 :])
        elif ch in _VOWEL_LENGTH:
            out.add(word[:i] + _VOWEL_LENGTH[ch] + word[i + 1 :])
        elif ch == "\u0e47":  # ็ dropped: เย็ด → เยด
            out.add(word[:i] + word[i + 1 :])
    if not any(ch in TONE_MARKS for ch in word):
        # a tone mark added after a consonant (and its vowel above or below): ควย → คว้ย
        for i, ch in enumerate(word[:-1]):
            if _is_consonant(ch):
                j = i + 1
                while j < n and word[j] in _ABOVE_BELOW_VOWELS:
                    j += 1
                for mark in "\u0e48\u0e49":
                    out.add(word[:j] + mark + word[j:])
    # a silent ร after the first consonant: แม่ง → แมร่ง (not in three-letter words, where it
    # makes a transliterated syllable: ฟาย → ฟราย as in มูฟราย)
    first = next((i for i, ch in enumerate(word) if _is_consonant(ch)), None)
    if first is not None and n >= 4 and first + 1 < n and word[first + 1] != "ร" and word[first] != "ร":
        out.add(word[: first + 1] + "ร" + word[first + 1 :])
    # same-sounding consonants
    if first is not None and word[first] in _INITIAL:
        for other in _INITIAL[word[first]]:
            if other != word[first]:
                out.add(word[:first] + other + word[first + 1 :])
    # same-sounding final consonants: a consonant after a vowel or tone mark written above or
    # below (ชิบ, สัส, เย็ด), or the last letter: ชิบหาย → ชิปหาย, สัส → สัด
    for i in range(1, n):
        ch = word[i]
        if ch in _FINAL and (word[i - 1] in _ABOVE_BELOW_VOWELS or word[i - 1] in TONE_MARKS or i == n - 1):
            if i == n - 1 and word[i - 1] in _LEADING_VOWELS:
                continue
            for other in _FINAL[ch]:
                if other != ch:
                    out.add(word[:i] + other + word[i + 1 :])
    out.discard(word)
    return out


def spelling_variants(term: str) -> set[str]:
    """Dodge spellings of a Thai ``term`` (a lexicon key: Thai, no spaces).

    Returns a set of strings, never the term itself; empty for terms under three letters
    (their variants are other words: กู → กรู) and for terms with Latin letters. A term with
    an insult prefix (ไอ้เหี้ย) gets every prefix form crossed with every one-change spelling
    of the rest; any other term gets its one-change spellings.
    """
    if len(term) < 3 or not all("\u0e01" <= ch <= "\u0e5b" for ch in term):
        return set()
    forms, prefix, rest = _prefix_split(term)
    if forms is None:
        return _single_changes(term)
    rests = {rest} | (_single_changes(rest) if len(rest) >= 2 else set())
    out = {form + r for form in forms for r in rests}
    out.discard(term)
    return out
