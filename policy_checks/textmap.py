"""Normalisation that remembers where every character came from.

The engine matches on a normalised copy of the text (zero-width characters
removed, ``เเ`` → ``แ``, ``ํา`` → ``ำ``, runs of three or more identical letters
and doubled Thai marks collapsed) and maps every match back to offsets in the
caller's text, so ``text[start:end]`` is always what was matched.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_EDITS = re.compile(
    r"(?P<zw>[\u200b\u200c\u200d\u2060\ufeff\u00ad]+)"
    r"|(?P<ee>\u0e40\u0e40)"
    r"|(?P<am>\u0e4d\u0e32)"
    r"|(?P<run>([^\W\d_\u0e2d])\5{2,}|(\u0e2d)\6{3,})"
    r"|(?P<mark>([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])\8+)"
)


class NormText:
    """A normalised copy of ``original`` plus an offset map back to it."""

    __slots__ = ("original", "text", "_n_starts", "_o_starts", "_n_lens", "_o_lens", "_ident")

    def __init__(self, original: str) -> None:
        self.original = original
        src = original
        pieces_n: list[str] = []
        n_starts: list[int] = []
        o_starts: list[int] = []
        n_lens: list[int] = []
        o_lens: list[int] = []
        ident: list[bool] = []
        n_pos = 0
        o_pos = 0
        for m in _EDITS.finditer(src):
            if m.start() > o_pos:
                seg = src[o_pos : m.start()]
                pieces_n.append(seg)
                n_starts.append(n_pos)
                o_starts.append(o_pos)
                n_lens.append(len(seg))
                o_lens.append(len(seg))
                ident.append(True)
                n_pos += len(seg)
            kind = m.lastgroup
            if kind == "zw":
                rep = ""
            elif kind == "ee":
                rep = "\u0e41"
            elif kind == "am":
                rep = "\u0e33"
            elif kind == "run":
                rep = m.group(5) or m.group(6)
            else:
                rep = m.group(8)
            pieces_n.append(rep)
            n_starts.append(n_pos)
            o_starts.append(m.start())
            n_lens.append(len(rep))
            o_lens.append(m.end() - m.start())
            ident.append(False)
            n_pos += len(rep)
            o_pos = m.end()
        if o_pos < len(src) or not n_starts:
            seg = src[o_pos:]
            pieces_n.append(seg)
            n_starts.append(n_pos)
            o_starts.append(o_pos)
            n_lens.append(len(seg))
            o_lens.append(len(seg))
            ident.append(True)
        self.text = "".join(pieces_n) if len(pieces_n) > 1 else src
        self._n_starts = n_starts
        self._o_starts = o_starts
        self._n_lens = n_lens
        self._o_lens = o_lens
        self._ident = ident

    @property
    def identity(self) -> bool:
        return len(self._ident) == 1 and self._ident[0]

    def start(self, n: int) -> int:
        """Original offset for a normalised start offset."""
        if self.identity:
            return n
        i = bisect_right(self._n_starts, n) - 1
        if i < 0:
            return 0
        if self._ident[i]:
            return self._o_starts[i] + min(n - self._n_starts[i], self._n_lens[i])
        if n == self._n_starts[i]:
            return self._o_starts[i]
        return self._o_starts[i] + self._o_lens[i]

    def end(self, n: int) -> int:
        """Original offset for a normalised end offset."""
        if self.identity:
            return n
        if n <= 0:
            return 0
        i = bisect_left(self._n_starts, n) - 1
        if i < 0:
            return 0
        if self._ident[i]:
            return self._o_starts[i] + min(n - self._n_starts[i], self._n_lens[i])
        return self._o_starts[i] + self._o_lens[i]

    def span(self, n_start: int, n_end: int) -> tuple[int, int]:
        s = self.start(n_start)
        e = self.end(n_end)
        if e < s:
            e = s
        return s, e
