"""Machine-readable zones (MRZ, ICAO 9303) of passports and ID cards, with their check digits.

Zones are read from a view of the text of the same length: the look-alike fillers ``‹``,
``«``, ``〈`` are ``<`` and a zone typed in lower case is upper case. A zone may be wrapped at
any width (or not at all): its lines are joined and cut again at 44 (TD3) or 30 (TD1).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Machine-readable zones (ICAO 9303): TD3 passports, two lines of 44; TD1 cards, three of 30.
_MRZ_LINE = re.compile(r"(?<![A-Z0-9<])[A-Z0-9<]{28,48}(?![A-Z0-9<])")
_TD3_1 = re.compile(r"P[A-Z<][A-Z<]{3}[A-Z<]{39}")
_TD3_2 = re.compile(r"[A-Z0-9<]{9}[0-9<][A-Z<]{3}[0-9<]{6}[0-9<][MFX<][0-9<]{6}[0-9<][A-Z0-9<]{14}[0-9<][0-9<]")
_TD1_1 = re.compile(r"[ACI][A-Z<][A-Z<]{3}[A-Z0-9<]{9}[0-9<][A-Z0-9<]{15}")
_TD1_2 = re.compile(r"[0-9<]{6}[0-9<][MFX<][0-9<]{6}[0-9<][A-Z<]{3}[A-Z0-9<]{11}[0-9<]")
_TD1_3 = re.compile(r"[A-Z<]{30}")
# A pasted or mistyped zone (a filler too many or too few): the name line and the
# nationality, birth date, sex and expiry of the second line still show what it is.
_LOOSE_TD3_1 = re.compile(r"P[A-Z<][A-Z]{3}[A-Z<]*[A-Z]<<[A-Z][A-Z<]*")
_LOOSE_TD3_2 = re.compile(r"[A-Z0-9<]{8,10}[0-9<][A-Z<]{3}[0-9]{6}[0-9<][MFX<][0-9]{6}[0-9<][A-Z0-9<]*")


def mrz_check_digit(field: str) -> int:
    """ICAO 9303 check digit: weights 7, 3, 1; digits as themselves, A–Z as 10–35, ``<`` as 0."""
    total = 0
    for k, ch in enumerate(field):
        if ch.isdigit():
            v = int(ch)
        elif "A" <= ch <= "Z":
            v = ord(ch) - 55
        else:
            v = 0
        total += v * (7, 3, 1)[k % 3]
    return total % 10


def _ck(field: str, digit: str) -> bool:
    return digit.isdigit() and mrz_check_digit(field) == int(digit)


def _ck_optional(field: str, digit: str) -> bool:
    """An optional field: empty (all ``<``, check digit ``<`` or 0) or a valid check digit."""
    return _ck(field, digit) or (set(field) <= {"<"} and digit in "<0")


def _named(line1: str) -> bool:
    return re.search(r"[A-Z]{2}", line1[5:]) is not None


def td3_valid(line2: str) -> bool:
    """All check digits of a TD3 (passport) second line."""
    if len(line2) != 44:
        return False
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    return (
        _ck(line2[0:9], line2[9])
        and _ck(line2[13:19], line2[19])
        and _ck(line2[21:27], line2[27])
        and _ck_optional(line2[28:42], line2[42])
        and _ck(composite, line2[43])
        and any(ch.isdigit() for ch in line2[0:9])
    )


def td1_valid(line1: str, line2: str) -> bool:
    """All check digits of a TD1 (ID card) first and second lines."""
    if len(line1) != 30 or len(line2) != 30:
        return False
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    return (
        _ck(line1[5:14], line1[14])
        and any(ch.isdigit() for ch in line1[5:14])
        and _ck(line2[0:6], line2[6])
        and _ck(line2[8:14], line2[14])
        and _ck(composite, line2[29])
    )


_FILLERS = str.maketrans(dict.fromkeys("‹«〈⟨", "<"))
_FILLER_CHARS = re.compile(r"[<‹«〈⟨]")
_LOWER_ZONE = re.compile(r"[A-Za-z0-9]*<[A-Za-z0-9<]*")
_LOWER_LINE = re.compile(r"(?m)^[ \t]*([A-Za-z0-9]{5,})[ \t]*\r?$")
_BLOB = re.compile(r"(?<![A-Z0-9<])[A-Z0-9<]{5,}(?:[ \t]*\r?\n[ \t]*[A-Z0-9<]{5,})*(?![A-Z0-9<])")
_PIECE = re.compile(r"[A-Z0-9<]+")


def _view(text: str) -> str:
    """Same-length copy with look-alike fillers as ``<`` and zone lines in upper case: a token
    with a filler, and a line of letters and digits next to a line with one (a wrapped zone)."""
    view = text.translate(_FILLERS)
    if not any("a" <= ch <= "z" for ch in view):
        return view
    view = _LOWER_ZONE.sub(lambda m: m.group().upper(), view)
    lines = view.split("\n")
    for k, line in enumerate(lines):
        m = _LOWER_LINE.fullmatch(line)
        if m is not None and not m.group(1).isupper():
            near = lines[k - 1 : k] + lines[k + 1 : k + 2]
            if any("<" in other for other in near):
                lines[k] = line.upper()
    return "\n".join(lines)


def _zone_ok(joined: str, pieces: int) -> bool:
    """A zone joined from its (wrapped) lines: TD3 (88), TD1 (90) or a TD3 second line (44)."""
    if len(joined) == 88:
        line1, line2 = joined[:44], joined[44:]
        named = _named(line1) and "<<" in line1
        return bool(_TD3_1.fullmatch(line1) and _TD3_2.fullmatch(line2) and (named or td3_valid(line2)))
    if len(joined) == 90:
        line1, line2, line3 = joined[:30], joined[30:60], joined[60:]
        return bool(_TD1_1.fullmatch(line1) and _TD1_2.fullmatch(line2) and _TD1_3.fullmatch(line3) and td1_valid(line1, line2))
    return len(joined) == 44 and pieces > 1 and _TD3_2.fullmatch(joined) is not None and td3_valid(joined)


def _wrapped_zones(view: str) -> Iterator[tuple[int, int]]:
    """Zones whose lines, joined, have the length of a whole zone, however they are wrapped."""
    for blob in _BLOB.finditer(view):
        if "<<" not in blob.group():
            continue
        pieces = [(blob.start() + m.start(), blob.start() + m.end()) for m in _PIECE.finditer(blob.group())]
        a = 0
        while a < len(pieces):
            joined = ""
            for b in range(a, len(pieces)):
                joined += view[pieces[b][0] : pieces[b][1]]
                if len(joined) > 90:
                    break
                if len(joined) in (44, 88, 90) and _zone_ok(joined, b - a + 1):
                    yield pieces[a][0], pieces[b][1]
                    a = b
                    break
            a += 1


def mrz_zones(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of machine-readable zones, wrapped at any width (see the module docstring),
    or standing as lines of 44 or 30 with a filler too many or too few."""
    if _FILLER_CHARS.search(text) is None:
        return
    view = _view(text)
    zones = list(_wrapped_zones(view))
    for s, e in _line_zones(view):
        if not any(s < ze and zs < e for zs, ze in zones):
            zones.append((s, e))
    yield from sorted(zones)


def _line_zones(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of zones line by line: a TD3 pair (line 1 ``P<…`` with a name or a
    valid line 2), a TD3 second line whose check digits all hold, a TD1 block."""
    lines = [(m.start(), m.end(), m.group()) for m in _MRZ_LINE.finditer(text)]
    used: set[int] = set()
    for k, (s, e, ln) in enumerate(lines):
        if k in used:
            continue
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        below = nxt[2] if nxt is not None and text[e : nxt[0]].strip() == "" and text.count("\n", e, nxt[0]) <= 1 else ""
        td3_top = len(ln) == 44 and _TD3_1.fullmatch(ln) is not None
        exact_pair = td3_top and len(below) == 44 and _TD3_2.fullmatch(below) and (_named(ln) and "<<" in ln or td3_valid(below))
        loose_pair = (
            36 <= len(ln) <= 48
            and 36 <= len(below) <= 48
            and _LOOSE_TD3_1.fullmatch(ln) is not None
            and _LOOSE_TD3_2.fullmatch(below) is not None
        )
        if exact_pair or loose_pair:
            used.add(k + 1)
            yield s, lines[k + 1][1]
        elif len(ln) == 44 and _TD3_2.fullmatch(ln) and td3_valid(ln):
            yield s, e
        elif (td3_top and "<<" in ln and _named(ln)) or (36 <= len(ln) <= 48 and _LOOSE_TD3_1.fullmatch(ln) and "<<<" in ln):
            yield s, e  # the name line alone
        elif len(ln) == 30 and _TD1_1.fullmatch(ln) and len(below) == 30 and _TD1_2.fullmatch(below) and td1_valid(ln, below):
            end = lines[k + 1][1]
            used.add(k + 1)
            third = lines[k + 2] if k + 2 < len(lines) else None
            if third is not None and len(third[2]) == 30 and _TD1_3.fullmatch(third[2]) and text[end : third[0]].strip() == "":
                end = third[1]
                used.add(k + 2)
            yield s, end
