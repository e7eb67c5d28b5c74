"""Entry points of the policy-check engine (plain Python; no Django needed)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from .document import Document
from .lexicon import Lexicon, shipped_lexicon
from .rules import confidential, impolite, personal_data, spelling
from .rules.context import attribution_finding, disclaimer_finding
from .types import SEVERITY_RANK, CheckContext, Finding

TextRule = Callable[[Document, CheckContext], list[Finding]]
TEXT_RULES: tuple[TextRule, ...] = (
    confidential.check,
    personal_data.check,
    impolite.check,
    spelling.check,
)

_lexicon_provider: Callable[[], Lexicon] | None = None


def set_lexicon_provider(provider: Callable[[], Lexicon] | None) -> None:
    """Let an adapter (the Django app) supply the lexicon, e.g. shipped terms merged
    with the webmaster's. ``None`` restores the shipped lexicon."""
    global _lexicon_provider
    _lexicon_provider = provider


def current_lexicon() -> Lexicon:
    return _lexicon_provider() if _lexicon_provider is not None else shipped_lexicon()


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    ordered = sorted(findings, key=lambda f: (f.start, -(f.end - f.start), SEVERITY_RANK[f.severity]))
    out: list[Finding] = []
    for f in ordered:
        # Drop a finding inside another of the same rule family (a spaced-letter hit
        # inside a token hit, a shorter phone inside a longer one).
        family = f.rule.split(".")[0]
        if any(
            g.rule.split(".")[0] == family and g.start <= f.start and f.end <= g.end and g.end > g.start
            for g in out[-8:]
        ):
            continue
        out.append(f)
    return out


def _check_body(text: str, context: CheckContext, lexicon: Lexicon) -> list[Finding]:
    if not text or text.isspace():
        return []
    doc = Document(text, lexicon)
    found: list[Finding] = []
    for rule in TEXT_RULES:
        found.extend(rule(doc, context))
    return _dedupe(found)


def check_text(text: str, context: CheckContext | None = None, *, lexicon: Lexicon | None = None) -> list[Finding]:
    """Check one text. Findings are sorted by position; document-level findings
    (missing disclaimer/attribution) come first with ``start == end == 0``."""
    context = context or CheckContext()
    lexicon = lexicon or current_lexicon()
    out: list[Finding] = []
    for f in (attribution_finding(context), disclaimer_finding(text, context)):
        if f is not None:
            out.append(f)
    out.extend(_check_body(text, context, lexicon))
    return out


def check_fields(
    fields: Mapping[str, str] | Iterable[tuple[str, str]],
    context: CheckContext | None = None,
    *,
    lexicon: Lexicon | None = None,
) -> list[Finding]:
    """Check named fields (title, summary, each rich-text/StreamField block). Each
    finding carries ``field`` and offsets into that field's text; the disclaimer
    may be in any field, and document-level findings have ``field=None``."""
    context = context or CheckContext()
    lexicon = lexicon or current_lexicon()
    items = list(fields.items()) if isinstance(fields, Mapping) else list(fields)
    out: list[Finding] = []
    joined = "\n".join(text for _, text in items if text)
    for f in (attribution_finding(context), disclaimer_finding(joined, context)):
        if f is not None:
            out.append(f)
    for name, text in items:
        for f in _check_body(text or "", context, lexicon):
            out.append(
                Finding(
                    rule=f.rule,
                    severity=f.severity,
                    start=f.start,
                    end=f.end,
                    match=f.match,
                    message=f.message,
                    message_en=f.message_en,
                    suggestion=f.suggestion,
                    field=name,
                )
            )
    return out


def warm_up() -> None:
    """Load the dictionary and tokeniser now (once per process), not on the first request."""
    check_text("ทดสอบระบบ ลับ กู 0812345678", lexicon=current_lexicon())
