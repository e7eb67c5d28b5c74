"""Phone numbers spelt in Thai digit words, alone or mixed with digits:
``ศูนย์แปดหนึ่ง สองสามสี่ ห้าหกเจ็ดแปด``, ``ศูนย์แปดนึง …``, ``08 หนึ่ง สองสามสี่ …``,
``๐ แปด หนึ่ง ๒๓๔ ๕๖๗๘``; words may be split by spaces, dashes, dots, slashes or a line break."""

from __future__ import annotations

import re
from collections.abc import Iterator

_DIGIT_WORDS = {
    "ศูนย์": "0",
    "สูนย์": "0",  # misspelt
    "ศูนย": "0",
    "หนึ่ง": "1",
    "นึ่ง": "1",
    "หนึง": "1",
    "นึง": "1",  # colloquial
    "เอ็ด": "1",
    "สอง": "2",
    "โท": "2",
    "สาม": "3",
    "สี่": "4",
    "ห้า": "5",
    "หก": "6",
    "เจ็ด": "7",
    "แปด": "8",
    "เก้า": "9",
}
# A word must not be the start of a longer word (สาม in สามารถ, โท in โทร).
_WORD = "(?:" + "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True)) + r")(?![\u0e30-\u0e3a\u0e47-\u0e4eร])"
_UNIT = r"(?:" + _WORD + r"|(?<![0-9])[0-9]{1,4}(?![0-9]))"
_GAP = r"[ \t\-.,/_*|~\u2010-\u2015\u2212]{0,3}"
_SEP = _GAP + r"(?:\r?\n" + _GAP + r")?"
# A run starts with a zero (a phone number does): ศูนย์, or digits starting with 0.
_ZERO = r"(?:(?:ศูนย์|สูนย์|ศูนย)(?![\u0e30-\u0e3a\u0e47-\u0e4eร])|(?<![0-9])0[0-9]{0,3}(?![0-9]))"
_RUN = re.compile(_ZERO + r"(?:" + _SEP + _UNIT + r"){2,}")
_ONE = re.compile(r"(?P<w>" + _WORD + r")|(?P<d>[0-9]{1,4})")


def _phone_kind(nat: str) -> str:
    if len(nat) == 10 and nat[0] == "0" and nat[1] in "689":
        return "mobile"
    if len(nat) == 9 and nat[0] == "0" and nat[1] in "234567":
        return "landline"
    return ""


def word_phones(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, national number, kind) of phone numbers written with at least one Thai
    digit word (``text`` is the canonical text: Thai digits already read as digits)."""
    for m in _RUN.finditer(text):
        if not re.search(_WORD, m.group()):
            continue
        units = []
        for u in _ONE.finditer(text, m.start(), m.end()):
            digits = _DIGIT_WORDS[u.group("w")] if u.group("w") else u.group("d")
            units.append((u.start(), u.end(), digits, u.group("w") is not None))
        k = 0
        while k < len(units):
            found = _phone_at(units, k)
            if found is None:
                k += 1
                continue
            last, nat, kind = found
            yield units[k][0], units[last][1], nat, kind
            k = last + 1


def _phone_at(units: list[tuple[int, int, str, bool]], k: int) -> tuple[int, str, str] | None:
    if not units[k][2].startswith("0"):
        return None
    digits = ""
    words = False
    for last in range(k, len(units)):
        digits += units[last][2]
        words = words or units[last][3]
        if len(digits) > 10:
            return None
        kind = _phone_kind(digits)
        if kind and words:
            if kind == "landline" and last + 1 < len(units) and _phone_kind(digits + units[last + 1][2]) == "mobile":
                continue
            return last, digits, kind
    return None
