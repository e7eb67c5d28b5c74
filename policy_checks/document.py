"""A text prepared once for all rules: normalised copy, offset map, tokens."""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Lexicon
from .textmap import NormText
from .types import THAI_DIGITS, Finding, Severity

THAI_CHARS = frozenset(chr(c) for c in range(0x0E01, 0x0E5C))


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int  # offsets into Document.norm
    end: int

    @property
    def is_space(self) -> bool:
        return self.text.isspace()


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

        words = word_tokenize(text, custom_dict=self.lexicon.trie, engine="newmm", keep_whitespace=True)
        tokens: list[Token] = []
        pos = 0
        for w in words:
            if not w:
                continue
            if text.startswith(w, pos):
                start = pos
            else:  # the tokeniser dropped or altered something: resynchronise
                found = text.find(w, pos)
                if found < 0:
                    continue
                start = found
            pos = start + len(w)
            tokens.append(Token(w, start, pos))
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
