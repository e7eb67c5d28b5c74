"""Thai words for full-text search: the same segmentation when a text is indexed and when it is searched.

Thai puts no spaces between words, so a database's full-text tokenizer (SQLite FTS5's unicode61, PostgreSQL's
parser) takes a whole run of Thai letters for one token: "ห้องประชุมคณะ" inside a body is never found. Here every
Thai run is cut into words with pythainlp's newmm (dictionary maximal matching; the dictionary is loaded once per
process, on first use), both in the text that goes into the index and in the words a user types.

newmm keeps dictionary compounds whole ("คณะวิทยาศาสตร์", "ห้องประชุม"), so a search for "คณะ" would still miss
them: the index adds each compound's parts after it (`compound_parts`), and a query word that is itself a compound
also matches a text holding all of its parts. Plain Python, no Django: the backends in this package decide how the words
reach their database.

Index text (`index_text`): every Thai word between ZERO WIDTH SPACEs (invisible; a separator for both tokenizers)
and a compound's parts between WORD JOINERs, so `display_text` gives the original back for result snippets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

#: A run of Thai script (letters, vowels, tone marks, Thai digits and signs).
THAI_RUN = re.compile(r"[\u0E00-\u0E7F]+")
WORD_CHARACTER = re.compile(r"[^\W_]")
#: Characters at the ends of a non-Thai word that mean nothing to a search: quotes, brackets, operators.
EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")

WORD_SEPARATOR = "\u200b"  # ZERO WIDTH SPACE: between the Thai words of the index text
PARTS_MARK = "\u2060"  # WORD JOINER: before and after the parts of a compound in the index text
_PARTS = re.compile(f"{PARTS_MARK}[^{PARTS_MARK}]*{PARTS_MARK}")
_MARKERS = re.compile(f"[{WORD_SEPARATOR}{PARTS_MARK}]")

#: Only words of at least this many characters are split into parts ("ประชุม" is not "ประ" + "ชุม").
MIN_COMPOUND_LENGTH = 7
#: A part is a dictionary word of at least LONG_PART_LENGTH characters, or a shorter common one: seen at least
#: PART_FREQUENCY times in the Thai Textbook Corpus (TTC, bundled with pythainlp), or PART_SHORT_FREQUENCY times
#: when it is two characters long ("ปี" in "ปีการศึกษา"; never the syllable "วิ" of "วิทยา").
LONG_PART_LENGTH = 4
PART_FREQUENCY = 20
PART_SHORT_FREQUENCY = 1_000
#: Longer queries are cut here before segmentation (a pasted page must not cost a second of newmm).
MAX_QUERY_CHARACTERS = 1_000
#: At most this many words of a query are searched.
MAX_QUERY_TERMS = 32


@cache
def _dictionary():
    """newmm's default word trie, loaded once per process (0.5–0.7 s)."""
    from pythainlp.tokenize import word_dict_trie

    return word_dict_trie()


@cache
def _part_words() -> tuple[frozenset[str], frozenset[str]]:
    """(every dictionary word, the short words common enough to be a part), loaded once per process."""
    from pythainlp.corpus import thai_words, ttc

    words = thai_words()
    common = frozenset(
        word
        for word, count in ttc.word_freqs()
        if len(word) < LONG_PART_LENGTH and word in words and count >= (PART_FREQUENCY if len(word) > 2 else PART_SHORT_FREQUENCY)
    )
    return words, common


def _is_part(piece: str) -> bool:
    words, common = _part_words()
    return piece in common or (len(piece) >= LONG_PART_LENGTH and piece in words)


def _normalise(run: str) -> str:
    from pythainlp.util import normalize

    return normalize(run)


#: Runs up to this many characters are segmented once per process (names, places, set phrases recur across an
#: archive); longer runs, mostly unique, are not kept, so the memory the cache takes stays small (~8,192 × 64).
REMEMBERED_RUN_LENGTH = 64


def thai_words(run: str) -> list[str]:
    """The words of a run of Thai text (newmm), normalised (เเ → แ), without blanks. "" → []."""
    if len(run) <= REMEMBERED_RUN_LENGTH:
        return list(_remembered_words(run))
    return _words(run)


@lru_cache(maxsize=8_192)
def _remembered_words(run: str) -> tuple[str, ...]:
    return tuple(_words(run))


def _words(run: str) -> list[str]:
    from pythainlp.tokenize.newmm import segment

    return [word for word in segment(_normalise(run), custom_dict=_dictionary()) if word.strip()]


@lru_cache(maxsize=65_536)
def compound_parts(word: str) -> tuple[str, ...]:
    """The fewest common words that spell `word`, or () when it is not a compound of them (or shorter than
    MIN_COMPOUND_LENGTH): "คณะวิทยาศาสตร์" → ("คณะ", "วิทยาศาสตร์"); "ประชุม" → (). Ties go to the split with
    the longest pieces."""
    length = len(word)
    if length < MIN_COMPOUND_LENGTH:
        return ()
    # best[i]: (pieces, -sum of squared lengths, split) for word[i:], or None when it cannot be spelt.
    best: list[tuple[int, int, tuple[str, ...]] | None] = [None] * length + [(0, 0, ())]
    for start in range(length - 2, -1, -1):
        for end in range(start + 2, length + 1):
            rest = best[end]
            piece = word[start:end]
            if rest is None or (start == 0 and end == length) or not _is_part(piece):
                continue
            candidate = (rest[0] + 1, rest[1] - len(piece) ** 2, (piece, *rest[2]))
            if best[start] is None or candidate[:2] < best[start][:2]:
                best[start] = candidate
    found = best[0]
    return found[2] if found is not None and found[0] >= 2 else ()


@lru_cache(maxsize=65_536)
def word_expansion(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the compounds inside `word`, its smallest parts in order): "คณะวิทยาศาสตร์" →
    (("วิทยาศาสตร์",), ("คณะ", "วิทยา", "ศาสตร์")). Both are empty for a word that is not a compound."""
    parts = compound_parts(word)
    if not parts:
        return (), ()
    inner: list[str] = []
    leaves: list[str] = []
    for part in parts:
        part_inner, part_leaves = word_expansion(part)
        if part_leaves:
            inner.extend((part, *part_inner))
            leaves.extend(part_leaves)
        else:
            leaves.append(part)
    return tuple(inner), tuple(leaves)


def index_text(text: str) -> str:
    """`text` as the index stores it: its Thai words apart, each compound followed by its parts.

    Non-Thai text is left as it is (the database tokenizes Latin words and numbers itself). The words' order is
    kept; a compound's parts follow it.
    """
    text = _MARKERS.sub("", text)
    pieces: list[str] = []
    position = 0
    for match in THAI_RUN.finditer(text):
        pieces.append(text[position : match.start()])
        for word in thai_words(match.group()):
            pieces.append(f"{WORD_SEPARATOR}{word}{WORD_SEPARATOR}")
            inner, leaves = word_expansion(word)
            if leaves:
                pieces.append(PARTS_MARK + WORD_SEPARATOR.join((*inner, *leaves)) + PARTS_MARK)
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces)


def display_text(indexed: str) -> str:
    """The text `index_text` was given (Thai normalised), for showing: the inverse of `index_text`."""
    return _MARKERS.sub("", _PARTS.sub("", indexed))


def thai_word_spans(text: str):
    """(start, end) of every Thai word in `text`, and of each part of a compound inside it, with the word or part:
    what the index holds for that text, located in it (for highlighting). Runs are cut as written, not normalised."""
    from pythainlp.tokenize.newmm import segment

    for match in THAI_RUN.finditer(text):
        start = match.start()
        for word in segment(match.group(), custom_dict=_dictionary()):
            yield start, start + len(word), word
            inner, leaves = word_expansion(word)
            offset = start
            for leaf in leaves:  # the smallest parts spell the word, in order
                yield offset, offset + len(leaf), leaf
                offset += len(leaf)
            for part in inner:
                at = word.find(part)
                yield start + at, start + at + len(part), part
            start += len(word)


@dataclass(frozen=True)
class Term:
    """One word of a query.

    `text` is the word as typed (Thai normalised), for highlighting; `forms` the ways the index may hold it, each a
    set of index words that must all be in the text: ("ห้องประชุม",) or ("ห้อง", "ประชุม"). The parts need not stand
    side by side: newmm may cut the same letters differently in a longer run ("ปลูก|ป่าชุมชน" against the query
    "ปลูกป่า"), and then only the parts are in both. A non-Thai word is
    one form of one word ("COVID-19"), which the database's tokenizer splits the way it split the indexed text.
    """

    text: str
    forms: tuple[tuple[str, ...], ...]
    is_thai: bool = False


def query_terms(query: str) -> list[Term]:
    """The words of a search query, in order, without repeats; at most MAX_QUERY_TERMS of them.

    Quotes, brackets and operators (`"`, `-`, `*`, `(`, `&`, `|`) are not words: a query made only of them gives [].
    Only the first MAX_QUERY_CHARACTERS characters are read.
    """
    terms: list[Term] = []
    for chunk in _MARKERS.sub("", query[:MAX_QUERY_CHARACTERS]).split():
        position = 0
        for match in THAI_RUN.finditer(chunk):
            _add_word(terms, chunk[position : match.start()])
            for word in thai_words(match.group()):
                if WORD_CHARACTER.search(word):
                    leaves = word_expansion(word)[1]
                    terms.append(Term(word, ((word,), leaves) if leaves else ((word,),), is_thai=True))
            position = match.end()
        _add_word(terms, chunk[position:])
    unique = list(dict.fromkeys(terms))
    return unique[:MAX_QUERY_TERMS]


def _add_word(terms: list[Term], piece: str) -> None:
    word = EDGE_PUNCTUATION.sub("", piece)
    if WORD_CHARACTER.search(word):
        terms.append(Term(word, ((word,),)))
