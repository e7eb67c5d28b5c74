"""Term lists (shipped data files plus webmaster-added terms) and the tokeniser
dictionary built from them. Plain Python: Django feeds extra terms in through
:func:`build_lexicon`'s ``extra_terms``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pythainlp.util import normalize as thai_normalize

from .types import Severity
from .variants import spelling_variants

DATA_DIR = Path(__file__).resolve().parent / "data"

RULE_CONFIDENTIAL = "confidential-marker"
RULE_IMPOLITE = "impolite-language"
RULE_SPELLING = "spelling"
TERM_RULES = (RULE_CONFIDENTIAL, RULE_IMPOLITE, RULE_SPELLING)

_SPACES = re.compile(r"\s+")


def term_key(term: str) -> str:
    """Lookup key of a term or token: NFC, pythainlp normalisation, lower case,
    Thai without spaces, Latin with single spaces."""
    s = unicodedata.normalize("NFC", term)
    if not s.isascii():
        s = thai_normalize(s)
    s = s.strip().lower()
    if re.search(r"[\u0e00-\u0e7f]", s):
        return _SPACES.sub("", s)
    return _SPACES.sub(" ", s)


@dataclass(frozen=True)
class Term:
    """One entry of a term list. ``kind`` is the confidential-marker kind
    (stamp/restriction/label) or the impolite category; ``suggestion`` is the
    correct spelling for spelling terms."""

    term: str
    rule: str
    severity: Severity
    kind: str = ""
    suggestion: str = ""
    note: str = ""


def _rows(name: str) -> Iterable[list[str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield line.split("\t")


# First words of the shipped compound insults (ไอ้, มึง, ขอให้ …), filled by shipped_terms():
# the impolite rule joins the tokens after one of them ("แก มัน โง่") to find a compound.
_COMPOUND_HEADS: set[str] = set()


def compound_heads() -> frozenset[str]:
    """First words of the compound insults in ``impolite_compounds.tsv`` (Thai strings)."""
    shipped_terms()
    return frozenset(_COMPOUND_HEADS)


@lru_cache(maxsize=1)
def shipped_terms() -> tuple[Term, ...]:
    terms: list[Term] = []
    for row in _rows("confidential.tsv"):
        terms.append(Term(row[0], RULE_CONFIDENTIAL, Severity(row[2]), kind=row[1]))
    for row in _rows("impolite.tsv"):
        terms.append(Term(row[0], RULE_IMPOLITE, Severity(row[1]), kind=row[2]))
    for row in _rows("impolite_compounds.tsv"):
        heads = [h.strip() for h in row[0].split(",")]
        _COMPOUND_HEADS.update(h for h in heads if h != "-")
        for head in heads:
            for tail in row[1].split(","):
                text = tail.strip() if head == "-" else head + tail.strip()
                terms.append(Term(text, RULE_IMPOLITE, Severity(row[2]), kind=row[3]))
    for row in _rows("spelling.tsv"):
        terms.append(Term(row[0], RULE_SPELLING, Severity.WARNING, suggestion=row[1]))
    return tuple(terms)


@lru_cache(maxsize=1)
def _safe_words() -> frozenset[str]:
    return frozenset(row[0] for row in _rows("safe_words.txt"))


@lru_cache(maxsize=1)
def _impolite_exceptions() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    """(term key → neutral previous tokens, term key → neutral starts of the following text)."""
    prev: dict[str, frozenset[str]] = {}
    nxt: dict[str, tuple[str, ...]] = {}
    for row in _rows("impolite_exceptions.tsv"):
        key = term_key(row[0])
        prev[key] = frozenset(x.strip() for x in row[1].split(",") if x.strip())
        if len(row) > 2:
            nxt[key] = tuple(x.strip() for x in row[2].split(",") if x.strip())
    return prev, nxt


@lru_cache(maxsize=1)
def _thai_words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Words that are real words elsewhere: Thai National Corpus entries used 20 times or
    more and Thai Wikipedia titles (both shipped with pythainlp)."""
    from pythainlp.corpus import get_corpus, tnc

    frequent = {w for w, f in tnc.word_freqs() if f >= 20}
    return frozenset(frequent | set(get_corpus("wikipedia_titles_th.txt")))


def _ascii_pattern(term: str) -> str:
    """Regex for a Latin term that tolerates separators between letters (f.u.c.k)
    and repeated letters (fuuuck); ``*`` in a term stands for one masked letter."""
    parts: list[str] = []
    for ch in term:
        if ch == " ":
            parts.append(r"[\s._\-]*")
        elif ch == "*":
            parts.append(r"[*@#x]")
        else:
            parts.append(re.escape(ch) + "+")
    return r"[\s.\-_*]?".join(parts)


class Lexicon:
    """Everything the token rules need, built once per process (or again when the
    webmaster changes a term)."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.confidential: dict[str, Term] = {}
        self.impolite: dict[str, Term] = {}
        self.spelling: dict[str, Term] = {}
        ascii_impolite: dict[str, Term] = {}
        for t in terms:
            key = term_key(t.term)
            if not key:
                continue
            if t.rule == RULE_CONFIDENTIAL:
                self.confidential[key] = t
            elif t.rule == RULE_IMPOLITE:
                if key.isascii():
                    ascii_impolite[key] = t
                else:
                    self.impolite[key] = t
            elif t.rule == RULE_SPELLING and t.suggestion and term_key(t.suggestion) != key:
                self.spelling[key] = t
        self._add_spelling_variants()
        self.impolite_ascii = ascii_impolite
        self.impolite_prev_exceptions, self.impolite_next_exceptions = _impolite_exceptions()
        self.safe_words = _safe_words()
        own = {k for k in (*self.confidential, *self.impolite, *self.spelling) if not k.isascii()}
        self.dict_words: frozenset[str] = _thai_words() | self.safe_words | own
        # Longest terms first so "motherfucker" wins over "fuck".
        if ascii_impolite:
            alts = sorted(ascii_impolite, key=len, reverse=True)
            self.ascii_regex: re.Pattern[str] | None = re.compile(
                r"(?<![A-Za-z0-9])(?:" + "|".join(_ascii_pattern(a) for a in alts) + r")(?![A-Za-z0-9])",
                re.IGNORECASE,
            )
        else:
            self.ascii_regex = None
        self._ascii_lookup = {re.sub(r"[^a-z*]", "", k): v for k, v in ascii_impolite.items()}
        self.max_impolite_len = max((len(k) for k in self.impolite), default=0)
        self._trie: Any = None
        self._impolite_prefixes: frozenset[str] | None = None

    def _add_spelling_variants(self) -> None:
        """Add the dodge spellings of every Thai impolite term (see :mod:`.variants`) that
        are not words in their own right: not in the tokeniser dictionary or the safe words,
        not used 20 times or more in the Thai National Corpus (ซัส, ติน, แมม), not the title
        of a Thai Wikipedia article. Three-letter terms that are only warnings (ตีน, แดก) get
        no variants: theirs are mostly other syllables. A listed term always wins over a
        variant of another term."""
        words = _thai_words() | _safe_words()
        common = _common_words()
        taken = set(self.confidential) | set(self.spelling) | set(self.impolite)
        added: dict[str, Term] = {}
        for key, term in self.impolite.items():
            if len(key) <= 3 and term.severity != Severity.ERROR:
                continue
            for variant in spelling_variants(key):
                if variant in taken or variant in words or variant in common or variant in added:
                    continue
                added[variant] = term
        self.impolite_variants = frozenset(added)
        self.impolite.update(added)

    @property
    def impolite_prefixes(self) -> frozenset[str]:
        """Every proper prefix of a Thai impolite term (ชิบ of ชิบหาย, แม่ of แม่ง): a token that
        is one may be the first half of a term split by a space, a dash or a doubled letter."""
        if self._impolite_prefixes is None:
            self._impolite_prefixes = frozenset(key[:n] for key in self.impolite if not key.isascii() for n in range(1, len(key)))
        return self._impolite_prefixes

    @property
    def trie(self) -> Any:
        if self._trie is None:
            from pythainlp.util import dict_trie

            self._trie = dict_trie(set(self.dict_words))
        return self._trie

    def ascii_term(self, matched: str) -> Term | None:
        """The lexicon entry an obfuscated Latin match stands for."""
        letters = re.sub(r"[^a-z*@#]", "", matched.lower())
        letters = re.sub(r"(.)\1+", r"\1", letters)
        for key, term in self._ascii_lookup.items():
            k = re.sub(r"(.)\1+", r"\1", key)
            if letters == k or letters == k.replace("*", ""):
                return term
            if "*" in k and len(letters) == len(k) and all(a == b or b == "*" for a, b in zip(letters, k, strict=True)):
                return term
        # Masked letters ("f*ck" typed as "f@ck") – find the pattern that matched.
        for key, term in self._ascii_lookup.items():
            if re.fullmatch(_ascii_pattern(key), matched, re.IGNORECASE):
                return term
        return None


def build_lexicon(extra_terms: Iterable[Term] = ()) -> Lexicon:
    """A lexicon from the shipped data files plus ``extra_terms`` (which win on a
    clash, so the webmaster can change a shipped term's severity)."""
    return Lexicon([*shipped_terms(), *extra_terms])


@lru_cache(maxsize=1)
def shipped_lexicon() -> Lexicon:
    return build_lexicon()
