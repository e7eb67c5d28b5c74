"""Common Thai misspellings from a curated list (warning only). Each misspelling is
a dictionary entry, so it is matched as a whole token: สังเกตุ is flagged, the
correct สังเกตการณ์ is not. No per-token ``pythainlp.spell`` (seconds per
unknown word)."""

from __future__ import annotations

from ..document import Document
from ..lexicon import RULE_SPELLING
from ..types import CheckContext, Finding

RULE = RULE_SPELLING


def check(doc: Document, context: CheckContext) -> list[Finding]:
    spelling = doc.lexicon.spelling
    if not spelling or not doc.has_thai:
        return []
    out: list[Finding] = []
    for tok in doc.tokens:
        term = spelling.get(tok.text)
        if term is None:
            continue
        out.append(
            doc.finding(
                RULE,
                term.severity,
                tok.start,
                tok.end,
                f"สะกดผิด ควรเขียนว่า “{term.suggestion}”",
                f"Misspelling; the correct spelling is “{term.suggestion}”.",
                term.suggestion,
            )
        )
    return out
