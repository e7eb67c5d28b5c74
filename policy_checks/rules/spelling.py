"""Common Thai misspellings from a curated list (warning only). Each misspelling is
a dictionary entry, so it is matched as a whole token: สังเกตุ is flagged, the
correct สังเกตการณ์ is not. No per-token ``pythainlp.spell`` (seconds per
unknown word)."""

from __future__ import annotations

from bisect import bisect_left

from ..document import Document
from ..lexicon import RULE_SPELLING, Term
from ..types import CheckContext, Finding

RULE = RULE_SPELLING


def check(doc: Document, context: CheckContext) -> list[Finding]:
    spelling = doc.lexicon.spelling
    if not spelling or not doc.has_thai:
        return []
    out: list[Finding] = []
    tokens = doc.tokens
    starts = [t.start for t in tokens]
    text = doc.norm
    for key, term in spelling.items():
        pos = text.find(key)
        while pos >= 0:
            end = pos + len(key)
            i = bisect_left(starts, pos)
            # Must begin a token and either be that token or run over into the next
            # one (newmm may split "มาตราการ" as มาตรา|การ…); a misspelling that is
            # only a prefix of a longer word (ผลิตภัณ in ผลิตภัณฑ์) does not count.
            if i < len(tokens) and starts[i] == pos and tokens[i].end != end and tokens[i].end > end:
                pos = text.find(key, pos + 1)
                continue
            if i < len(tokens) and starts[i] == pos:
                out.append(_finding(doc, term, pos, end))
            pos = text.find(key, end)
    return out


def _finding(doc: Document, term: Term, start: int, end: int) -> Finding:
    return doc.finding(
        RULE,
        term.severity,
        start,
        end,
        f"สะกดผิด ควรเขียนว่า “{term.suggestion}”",
        f"Misspelling; the correct spelling is “{term.suggestion}”.",
        term.suggestion,
    )
