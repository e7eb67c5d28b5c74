"""Normalisation that remembers where every character came from.

The engine matches on a normalised copy of the text and maps every match back to
offsets in the caller's text, so ``text[start:end]`` is always what was matched.
Normalisation, in three layers (each keeps an exact offset map; maps compose):

1. **Per character** (every character outside ASCII and the Thai block):
   invisible characters are dropped — every format character (Unicode category
   ``Cf``: zero-width spaces and joiners, soft hyphen, left-to-right/right-to-left
   marks and embeddings, word joiner, BOM, tag characters …) and the other
   default-ignorable code points (combining grapheme joiner U+034F, variation
   selectors U+FE00–FE0F/U+E0100–E01EF, Hangul fillers, Mongolian variation
   selectors); every Unicode space (category ``Zs``: no-break U+00A0, narrow
   no-break U+202F, ideographic, thin, em/en spaces …) becomes an ASCII space and a
   line/paragraph separator (``Zl``/``Zp``) a line break; every dash (category
   ``Pd``: hyphen, non-breaking hyphen, en/em dashes, fullwidth hyphen-minus …)
   and the minus sign U+2212 becomes an ASCII hyphen-minus ``-``; anything else
   goes through NFKC (fullwidth digits and letters, ligatures, circled and
   mathematical letters …); small capitals (``ᴄᴏɴꜰɪᴅᴇɴᴛɪᴀʟ``) become the letter their
   Unicode name gives; enclosing marks (keycaps ``1️⃣``) and combining marks outside Thai
   (underlines, accents) are dropped; the braille blank is a space. Each character is normalised on its own (and to a
   fixed point), so every normalised character maps to exactly one original one.
   ASCII (tabs, line breaks included) and Thai are left as they are here.
2. **Look-alike letters** inside words that are mostly Latin (Cyrillic ``С``/``Е``
   or Greek ``Ι``/``Ν`` in "CONFIDENTIAL") become the Latin letter they imitate,
   from Unicode's confusables data (package ``confusable-homoglyphs``). Words
   mostly in another script (Russian, Greek) and Thai are untouched.
3. **Thai, lines and runs**: a tone mark typed before its vowel is put after it
   (``ท่ี`` → ``ที่``, which looks the same), form feed, vertical tab, a lone CR and
   NEL become line breaks, ``เเ`` → ``แ``, ``ํา`` → ``ำ``, runs of three or more
   identical letters (four for ``อ``) and doubled Thai marks collapsed; repeated
   until nothing changes, so normalising the normalised text changes nothing.

Thai digits stay Thai here (``Document.digits`` reads them as ASCII digits).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Any

_EDITS = re.compile(
    r"(?P<ee>\u0e40\u0e40)"
    r"|(?P<am>\u0e4d\u0e32)"
    r"|(?P<run>([^\W\d_\u0e2d])\4{2,}|(\u0e2d)\5{3,})"
    r"|(?P<mark>([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])\7+)"
    r"|(?P<order>[\u0e48-\u0e4b][\u0e31\u0e34-\u0e37\u0e38\u0e39\u0e47])"
    r"|(?P<nl>\r(?!\n)|[\x0b\x0c\x1c-\x1e])"
)
# Characters layer 1 may change: everything outside ASCII and the Thai block.
_FOREIGN = re.compile(r"[^\x00-\x7f\u0e00-\u0e7f]+")
# A letter that is neither ASCII nor Thai: only then can layer 2 have work.
_FOREIGN_LETTER = re.compile(r"[^\W\d_\x00-\x7f\u0e00-\u0e7f]")
# A word for layer 2: letters outside the Thai block.
_WORD = re.compile(r"[^\W\d_\u0e00-\u0e7f]+")

# Default-ignorable code points that are not in category Cf (DerivedCoreProperties.txt).
_IGNORABLE_RANGES = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul choseong/jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian free variation selectors
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical format controls
    (0xE0000, 0xE0FFF),  # tags, variation selectors supplement
)
_MINUS_SIGNS = frozenset("\u2212\uff0d\u2796\ufe63")


def is_ignorable(ch: str) -> bool:
    """An invisible character the engine reads through (dropped from the normalised text)."""
    if unicodedata.category(ch) == "Cf":
        return True
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _IGNORABLE_RANGES)


def _step(ch: str) -> str:
    if ch.isascii() or "\u0e00" <= ch <= "\u0e7f":
        return ch
    if is_ignorable(ch):
        return ""
    cat = unicodedata.category(ch)
    if cat == "Zs" or ch == "\u2800":  # (the braille blank shows as a space)
        return " "
    if cat in ("Me", "Mn"):  # enclosing keycaps and circles, combining underlines and accents
        return ""
    if ch == "\x85":  # next line (NEL)
        return "\n"
    if cat in ("Zl", "Zp"):
        return "\n"
    if cat == "Pd" or ch in _MINUS_SIGNS:
        return "-"
    small = _small_capital(ch)
    if small:
        return small
    return unicodedata.normalize("NFKC", ch)


def _small_capital(ch: str) -> str:
    """The Latin letter a small capital stands for (ᴄᴏɴꜰɪᴅᴇɴᴛɪᴀʟ), read off its Unicode name."""
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN LETTER SMALL CAPITAL "):
        letter = name.removeprefix("LATIN LETTER SMALL CAPITAL ")
        if len(letter) == 1:
            return letter.lower()
    return ""


@lru_cache(maxsize=16384)
def normalise_char(ch: str) -> str:
    """Layer 1 for one character, applied until it no longer changes (so it is idempotent)."""
    out = ch
    for _ in range(6):
        new = "".join(_step(c) for c in out)
        if new == out:
            break
        out = new
    return out


@lru_cache(maxsize=1)
def _confusables() -> tuple[dict[str, Any], Any]:
    from confusable_homoglyphs import categories, confusables

    return confusables.confusables_data, categories.alias


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    return str(_confusables()[1](ch))


@lru_cache(maxsize=4096)
def latin_lookalike(ch: str) -> str | None:
    """The ASCII letter a non-Latin letter imitates (Cyrillic ``С`` → ``C``, Greek
    ``Ι`` → ``I``), from Unicode's confusables data; ``None`` if there is none."""
    if ch.isascii() or not ch.isalpha() or _script(ch) in ("LATIN", "COMMON", "INHERITED"):
        return None
    data = _confusables()[0]
    cands = [h["c"] for h in data.get(ch, ()) if len(h["c"]) == 1 and h["c"].isascii() and h["c"].isalpha()]
    if not cands:
        return None
    upper = ch.isupper()
    if not (ch.isupper() or ch.islower()):
        return cands[0]
    for c in cands:
        if c.isupper() == upper:
            return c
    # The confusables skeleton can be the other case (Greek capital iota → "l"):
    # take the ASCII letter of the right case that is itself confusable with it.
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if upper else "abcdefghijklmnopqrstuvwxyz"
    for x in letters:
        if any(h["c"] == cands[0] for h in data.get(x, ())):
            return x
    return None


def _fold_word(word: str) -> str | None:
    """The word with look-alike letters made Latin, if it is mostly Latin; else None.
    Letters are counted with runs of one letter counted once, so collapsing runs
    (layer 3) never changes the decision."""
    latin = other = 0
    prev = ""
    for ch in word:
        if ch == prev:
            continue
        prev = ch
        if ch.isascii() or _script(ch) == "LATIN":
            latin += 1
        else:
            other += 1
    if other == 0 or latin <= other:
        return None
    out = [latin_lookalike(ch) or ch if not ch.isascii() else ch for ch in word]
    folded = "".join(out)
    return folded if folded != word else None


class _Layer:
    """Offset map from one text (``n``) to the text it was made from (``o``):
    segments that are copies (identity) or replacements."""

    __slots__ = ("n_starts", "o_starts", "n_lens", "o_lens", "ident")

    def __init__(self) -> None:
        self.n_starts: list[int] = []
        self.o_starts: list[int] = []
        self.n_lens: list[int] = []
        self.o_lens: list[int] = []
        self.ident: list[bool] = []

    def add(self, n_start: int, o_start: int, n_len: int, o_len: int, ident: bool) -> None:
        if (
            ident
            and self.ident
            and self.ident[-1]
            and self.n_starts[-1] + self.n_lens[-1] == n_start
            and self.o_starts[-1] + self.o_lens[-1] == o_start
        ):
            self.n_lens[-1] += n_len
            self.o_lens[-1] += o_len
            return
        self.n_starts.append(n_start)
        self.o_starts.append(o_start)
        self.n_lens.append(n_len)
        self.o_lens.append(o_len)
        self.ident.append(ident)

    def start(self, n: int) -> int:
        i = bisect_right(self.n_starts, n) - 1
        if i < 0:
            return 0
        if self.ident[i]:
            return self.o_starts[i] + min(n - self.n_starts[i], self.n_lens[i])
        if n < self.n_starts[i] + self.n_lens[i]:
            return self.o_starts[i]  # inside a replacement: take the whole original character(s)
        return self.o_starts[i] + self.o_lens[i]

    def end(self, n: int) -> int:
        if n <= 0:
            return 0
        i = bisect_left(self.n_starts, n) - 1
        if i < 0:
            return 0
        if self.ident[i]:
            return self.o_starts[i] + min(n - self.n_starts[i], self.n_lens[i])
        return self.o_starts[i] + self.o_lens[i]


def _rebuild(src: str, edits: list[tuple[int, int, str]]) -> tuple[str, _Layer]:
    """Apply sorted, non-overlapping ``(start, end, replacement)`` edits to ``src``."""
    layer = _Layer()
    pieces: list[str] = []
    n_pos = o_pos = 0
    for s, e, rep in edits:
        if s > o_pos:
            pieces.append(src[o_pos:s])
            layer.add(n_pos, o_pos, s - o_pos, s - o_pos, True)
            n_pos += s - o_pos
        pieces.append(rep)
        layer.add(n_pos, s, len(rep), e - s, False)
        n_pos += len(rep)
        o_pos = e
    if o_pos < len(src):
        pieces.append(src[o_pos:])
        layer.add(n_pos, o_pos, len(src) - o_pos, len(src) - o_pos, True)
    return "".join(pieces), layer


def _layer1(src: str) -> tuple[str, _Layer | None]:
    edits: list[tuple[int, int, str]] = []
    for m in _FOREIGN.finditer(src):
        for i, ch in enumerate(m.group(), m.start()):
            rep = normalise_char(ch)
            if rep != ch:
                edits.append((i, i + 1, rep))
    if not edits:
        return src, None
    return _rebuild(src, edits)


def _layer2(src: str) -> str:
    """Length-preserving: one letter for one letter, so no offset map is needed.
    A word that is mostly Latin gets its look-alikes folded; a word made only of
    look-alikes (Greek ``ΤΟΡ``) is folded when the word next to it on the line is
    Latin (``ΤΟΡ SECRET``), repeated until nothing changes."""
    if not _FOREIGN_LETTER.search(src):
        return src
    words = [[m.start(), m.end(), m.group()] for m in _WORD.finditer(src)]
    changed = False
    for w in words:
        if not w[2].isascii():
            folded = _fold_word(w[2])
            if folded is not None:
                w[2] = folded
                changed = True
    while True:
        more = False
        for k, w in enumerate(words):
            text = w[2]
            if text.isascii() or any(latin_lookalike(ch) is None for ch in text):
                continue
            for j in (k - 1, k + 1):
                if 0 <= j < len(words):
                    v = words[j]
                    gap = src[min(w[1], v[1]) : max(w[0], v[0])]
                    if v[2].isascii() and len(gap) <= 3 and gap.strip(" \t-") == "":
                        w[2] = "".join(latin_lookalike(ch) or ch for ch in text)
                        more = changed = True
                        break
        if not more:
            break
    if not changed:
        return src
    out: list[str] = []
    pos = 0
    for s, e, text in words:
        out.append(src[pos:s])
        out.append(text)
        pos = e
    out.append(src[pos:])
    return "".join(out)


def _layer3(src: str) -> tuple[str, _Layer | None]:
    edits: list[tuple[int, int, str]] = []
    for m in _EDITS.finditer(src):
        kind = m.lastgroup
        if kind == "order":  # a tone mark typed before its vowel: ท่ี → ที่ (looks the same)
            rep = m.group()[::-1]
        elif kind == "nl":  # form feed, vertical tab, a lone CR: line breaks
            rep = "\n"
        elif kind == "ee":
            rep = "\u0e41"
        elif kind == "am":
            rep = "\u0e33"
        elif kind == "run":
            rep = m.group(4) or m.group(5)
        else:
            rep = m.group(7)
        edits.append((m.start(), m.end(), rep))
    if not edits:
        return src, None
    return _rebuild(src, edits)


def normalise(text: str) -> str:
    """The normalised text alone (what :class:`NormText` matches on)."""
    return NormText(text).text


class NormText:
    """A normalised copy of ``original`` plus an offset map back to it."""

    __slots__ = ("original", "text", "_layers")

    def __init__(self, original: str) -> None:
        self.original = original
        layers: list[_Layer] = []
        text, layer = _layer1(original)
        if layer is not None:
            layers.append(layer)
        text = _layer2(text)
        for _ in range(8):  # layer 3 until nothing changes (ํ + ํา → ํา → ำ)
            text, layer = _layer3(text)
            if layer is None:
                break
            layers.append(layer)
        self.text = text
        layers.reverse()  # from the normalised text back to the original
        self._layers = layers

    @property
    def identity(self) -> bool:
        return not self._layers

    def start(self, n: int) -> int:
        """Original offset for a normalised start offset."""
        for layer in self._layers:
            n = layer.start(n)
        return n

    def end(self, n: int) -> int:
        """Original offset for a normalised end offset."""
        for layer in self._layers:
            n = layer.end(n)
        return n

    def span(self, n_start: int, n_end: int) -> tuple[int, int]:
        s = self.start(n_start)
        e = self.end(n_end)
        if e < s:
            e = s
        return s, e
