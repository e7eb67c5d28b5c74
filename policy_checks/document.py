"""A text prepared once for all rules: normalised copy, offset map, tokens."""

from __future__ import annotations

from typing import NamedTuple

from .lexicon import Lexicon
from .textmap import NormText
from .types import THAI_DIGITS, Finding, Severity

THAI_CHARS = frozenset(chr(c) for c in range(0x0E01, 0x0E5C))


class Token(NamedTuple):
    text: str
    start: int  # offsets into Document.norm
    end: int

    @property
    def is_space(self) -> bool:
        return self.text.isspace()


CHUNK = 1000
# Where a long line has no break to cut at, the tokens in the last MARGIN characters
# of a piece are dropped and tokenised again at the head of the next piece, so a
# piece boundary never splits a word (newmm settles a word long before this).
MARGIN = 80


def _cut(text: str, start: int) -> tuple[int, bool]:
    """End of the piece starting at ``start``: after a line break or, failing that, a
    space in the second half of the next CHUNK characters (no word spans either),
    else a hard cut (``True``) that the tokeniser then moves back to a word boundary."""
    n = len(text)
    end = start + CHUNK
    if end >= n:
        return n, False
    cut = text.rfind("\n", start + CHUNK // 2, end)
    if cut < 0:
        cut = text.rfind(" ", start + CHUNK // 2, end)
    if cut >= 0:
        return cut + 1, False
    return end, True


class Document:
    """Shared state of one check: rules read ``norm`` / ``digits`` / ``tokens`` and
    report spans in normalised offsets through :meth:`finding`."""

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.original = text
        self.lexicon = lexicon
        self.map = NormText(text)
        self.norm = self.map.text
        # Thai digits become ASCII digits; same length, so offsets are unchanged.
        self.digits = self.norm.translate(THAI_DIGITS)
        self._tokens: list[Token] | None = None

    @property
    def has_thai(self) -> bool:
        return any("\u0e01" <= ch <= "\u0e5b" for ch in self.norm)

    @property
    def tokens(self) -> list[Token]:
        """newmm tokens (with our dictionary) of the normalised text, computed once."""
        if self._tokens is None:
            self._tokens = self._tokenise()
        return self._tokens

    def _tokenise(self) -> list[Token]:
        text = self.norm
        if not text:
            return []
        from pythainlp.tokenize import word_tokenize

        trie = self.lexicon.trie
        tokens: list[Token] = []
        base = 0
        n = len(text)
        while base < n:
            end, hard = _cut(text, base)
            chunk = text[base:end]
            piece: list[Token] = []
            pos = 0
            for w in word_tokenize(chunk, custom_dict=trie, engine="newmm", keep_whitespace=True):
                if not w:
                    continue
                if chunk.startswith(w, pos):
                    start = pos
                else:  # the tokeniser dropped or altered something: resynchronise
                    found = chunk.find(w, pos)
                    if found < 0:
                        continue
                    start = found
                pos = start + len(w)
                piece.append(Token(w, base + start, base + pos))
            if hard:
                limit = end - MARGIN
                kept = [t for t in piece if t.end <= limit]
                if kept:
                    piece = kept
                    end = kept[-1].end
            tokens.extend(piece)
            base = end
        return tokens

    def finding(
        self,
        rule: str,
        severity: Severity,
        n_start: int,
        n_end: int,
        message: str,
        message_en: str,
        suggestion: str | None = None,
    ) -> Finding:
        start, end = self.map.span(n_start, n_end)
        return Finding(
            rule=rule,
            severity=severity,
            start=start,
            end=end,
            match=self.original[start:end],
            message=message,
            message_en=message_en,
            suggestion=suggestion,
        )
