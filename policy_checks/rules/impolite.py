"""G4/G14 impolite language: a curated lexicon matched on whole tokens after
normalisation, so the letters of a vulgar word inside an innocent word (กู in
กูเกิล or เงินกู้) never match. Obfuscations handled: repeated letters and
zero-width characters (by the document's normalisation), letters separated by
spaces/dots/dashes (ค.ว.ย), spaced prefixes (ไอ้ เวร), Latin spellings."""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import Document, Token
from ..lexicon import RULE_IMPOLITE, Term, compound_heads, term_key
from ..types import CheckContext, Finding, Severity
from ..variants import PREFIX_FORMS

RULE = RULE_IMPOLITE

_UNIT = r"(?:[\u0e01-\u0e4e]{1,2}|[A-Za-z])"
_SEP = r"[\s.\-_*·•,/|+~]{1,3}"
_SPACED = re.compile(r"(?<![\u0e01-\u0e4eA-Za-z])" + _UNIT + r"(?:" + _SEP + _UNIT + r"){1,11}(?![\u0e01-\u0e4eA-Za-z])")
_UNIT_RE = re.compile(_UNIT)
# Latin words, possibly spelt out (f.u.c.k, f*ck): the only places the Latin lexicon can match.
_LATIN_RUN = re.compile(r"[A-Za-z*@#](?:[\s.\-_*@#]{0,3}[A-Za-z*@#])*")


def _is_thai(s: str) -> bool:
    return bool(s) and "\u0e01" <= s[0] <= "\u0e5b"


def _message(term: Term) -> tuple[str, str]:
    if term.kind == "threat" or term.kind == "curse":
        return (
            "พบถ้อยคำข่มขู่หรือรุนแรง ไม่เหมาะสมกับสื่อของมหาวิทยาลัย",
            "Threatening or violent wording; not acceptable in university media.",
        )
    if term.severity == Severity.ERROR:
        return (
            "พบคำหยาบคาย ต้องแก้ไขก่อนเผยแพร่",
            "Vulgar word found; it must be removed before publishing.",
        )
    return (
        "พบถ้อยคำไม่สุภาพ ควรใช้ภาษาที่สุภาพและสร้างสรรค์",
        "Impolite wording; use polite, constructive language.",
    )


@lru_cache(maxsize=1)
def _word_freq() -> dict[str, int]:
    from pythainlp.corpus import tnc

    return dict(tnc.word_freqs())


PARTICLES = frozenset(
    [
        "นะ",
        "วะ",
        "ว่ะ",
        "เว้ย",
        "เหรอ",
        "หรอ",
        "ละ",
        "ล่ะ",
        "สิ",
        "ซิ",
        "จ้า",
        "จ้ะ",
        "ค่ะ",
        "คะ",
        "ครับ",
        "ไง",
        "ดิ",
        "เลย",
        "ด้วย",
        "อะ",
        "อ่ะ",
        "เฮ้ย",
    ]
)


def _foreign_neighbour(tok: Token | None, words: frozenset[str], term: str) -> bool:
    """A glued neighbour that looks like part of a transliterated or unknown word
    (ซา|กู|ระ, ฟู|กู|ดะ, นาย|กู|เฮง): the term is then letters inside a name, not a
    word. A piece that only repeats the term's last letter (มึง + ง) is not foreign."""
    if tok is None or not _is_thai(tok.text) or tok.text in PARTICLES:
        return False
    if set(tok.text) <= set(term[-1:]) | {"ๆ"}:
        return False
    if tok.text not in words:
        return True
    freq = _word_freq().get(tok.text, 0)
    return freq < 500 or (len(tok.text) <= 2 and freq < 5000)


def _neighbour(tokens: list[Token], i: int, step: int) -> Token | None:
    j = i + step
    return tokens[j] if 0 <= j < len(tokens) else None


def check(doc: Document, context: CheckContext) -> list[Finding]:
    lex = doc.lexicon
    out: list[Finding] = []
    imp = lex.impolite
    words = lex.dict_words
    exceptions = lex.impolite_prev_exceptions
    if doc.has_thai and imp:
        tokens = doc.tokens
        n = len(tokens)
        cache: dict[str, Term | None] = {}
        # Only tokens that are lexicon terms, prefixes of spaced compounds or
        # unknown (not dictionary) words can match: find them with set operations.
        kinds = {tok.text for tok in tokens}
        interesting = (
            (kinds & imp.keys()) | (kinds & _PREFIXES) | (kinds & lex.impolite_prefixes) | {t for t in kinds - words if _is_thai(t)}
        )
        for i, tok in enumerate(tokens):
            t = tok.text
            if t not in interesting:
                continue
            term = imp.get(t)
            if term is None and _is_thai(t) and t not in words:
                if t not in cache:
                    cache[t] = imp.get(term_key(t))
                term = cache[t]
            end = tok.end
            if term is None and _is_thai(t) and t in _PREFIXES:
                # spaced or split compounds: ไอ้ เวร, ไอ้ + สัตว์
                j = i + 1
                joined = t
                while j < n and j <= i + 4:
                    nt = tokens[j].text
                    if nt.isspace():
                        if len(nt) > 2 or "\n" in nt:
                            break
                        j += 1
                        continue
                    joined += nt
                    cand = imp.get(joined)
                    if cand is not None:
                        term = cand
                        end = tokens[j].end
                        break
                    j += 1
            if term is None and _is_thai(t):
                found = _split_term(tokens, i, imp)
                if found is not None:
                    term, end = found
            if term is None:
                continue
            key = term_key(term.term)
            prev = _neighbour(tokens, i, -1)
            if prev is not None and key in exceptions:
                p = prev
                if p.text.isspace():
                    p = _neighbour(tokens, i, -2) or p
                if p.text in exceptions[key]:
                    continue
            if key in lex.impolite_next_exceptions and doc.norm.startswith(lex.impolite_next_exceptions[key], end):
                continue
            if term.kind == "insult" and not key.startswith(_ADDRESS) and _self_directed(tokens, i):
                continue
            nxt = _neighbour(tokens, i, 1) if end == tok.end else None
            if len(key) <= 2 and (_foreign_neighbour(prev, words, key) or _foreign_neighbour(nxt, words, key)):
                continue
            msg, msg_en = _message(term)
            out.append(doc.finding(RULE, term.severity, tok.start, end, msg, msg_en))
        out.extend(_spaced_letters(doc))
    if lex.ascii_regex is not None and re.search(r"[A-Za-z]", doc.norm):
        matches = (m for run in _LATIN_RUN.finditer(doc.norm) for m in lex.ascii_regex.finditer(doc.norm, run.start(), run.end()))
        for m in matches:
            term = lex.ascii_term(m.group())
            if term is None or (term.term in _NOODLE_WORDS and _NOODLE_NEXT.match(doc.norm, m.end())):
                continue
            msg, msg_en = _message(term)
            out.append(doc.finding(RULE, term.severity, m.start(), m.end(), msg, msg_en))
    return out


_PREFIXES = frozenset(
    {"ไอ้", "อี", "ไอ", "อ้าย", "พ่อ", "แม่", "ไป", "ตาย", "ฆ่า", "ขอให้", "ไม่", "ห่า", "ควาย", "โง่", "เวร"}
    | {form for forms in PREFIX_FORMS for form in forms}
    | compound_heads()
)


# "Kuay Teow", "Kuy Teav", "Kuay Jap": noodles in romanised Thai and Khmer, not the vulgar word.
_NOODLE_WORDS = frozenset({"kuay", "kuy"})
_NOODLE_NEXT = re.compile(r"[\s\-]*(?:teow|tiew|tiaw|tiao|teav|teo|jap|jab|chap|chab|ruea|reua|nam|pet|kai|kua)", re.I)
_DOUBLED = re.compile(r"(.)\1+")


def _split_term(tokens: list[Token], i: int, imp: dict[str, Term]) -> tuple[Term, int] | None:
    """A term split in two by the tokeniser or the writer: "ชิบ หาย", "ฉิบ-หาย", "แม่งง" (แม่ + งง),
    "ฉิบบหาย". Returns the term and the end offset of its second half, or None."""
    t = tokens[i].text
    j = i + 1
    if j < len(tokens):
        sep = tokens[j].text
        if sep.strip(" -._") == "" and len(sep) <= 2 and "\n" not in sep:
            j += 1
    if j >= len(tokens):
        return None
    nt = tokens[j].text
    if not _is_thai(nt):
        return None
    joined = t + nt
    term = imp.get(joined) if len(joined) >= 4 else None
    if term is None and (len(set(nt)) == 1 or _DOUBLED.search(joined)):
        term = imp.get(_DOUBLED.sub(r"\1", joined))
    return (term, tokens[j].end) if term is not None else None


# The writer speaking of themselves: "ผมมันหน้าด้านเอง", "ตัวเองยังหน้าด้านยื่นต่อ" is
# self-deprecation, not an insult at someone (an insult term only; vulgar words stay findings).
FIRST_PERSON = frozenset({"ผม", "ฉัน", "ชั้น", "เรา", "หนู", "ตัวเอง", "ข้าพเจ้า", "ดิฉัน", "กระผม", "เค้า", "กู"})
_SELF_LINKS = frozenset({"มัน", "ยัง", "ก็", "นี่", "เอง", "มันก็", "ช่าง", "คง", "เป็น", "มันช่าง", "นี่มัน", "แหละ", "ที่", "เองแหละ", "นั่นแหละ"})
# Insults that name their target (ไอ้…, อี…, พวก…, มึง…) are never self-directed.
_ADDRESS = ("ไอ้", "ไอ", "อี", "อิ", "นัง", "พวก", "มึง", "แก", "เอ็ง", "ลื้อ")


def _self_directed(tokens: list[Token], i: int) -> bool:
    """Whether the first-person words just before token ``i`` make it the writer's own."""
    seen = 0
    j = i - 1
    while j >= 0 and seen < 4:
        t = tokens[j].text
        j -= 1
        if t.isspace():  # a space ends a Thai clause: the words before it are another's
            return False
        if t in FIRST_PERSON:
            return True
        if t not in _SELF_LINKS:
            return False
        seen += 1
    return False


def _spaced_letters(doc: Document) -> list[Finding]:
    """ค ว ย, ค.ว.ย, เ-ย็-ด: single letters joined by separators."""
    imp = doc.lexicon.impolite
    out: list[Finding] = []
    text = doc.norm
    if not re.search(r"[\u0e01-\u0e4e]" + _SEP + r"[\u0e01-\u0e4e](?:" + _SEP + "|$)", text):
        return out
    maxlen = doc.lexicon.max_impolite_len
    for m in _SPACED.finditer(text):
        units = list(_UNIT_RE.finditer(m.group()))
        if len(units) < 2:
            continue
        base = m.start()
        i = 0
        while i < len(units):
            found = None
            joined = ""
            for j in range(i, len(units)):
                joined += units[j].group()
                if len(joined) > maxlen:
                    break
                if j > i and joined in imp:
                    found = (j, imp[joined])
            if found is None:
                i += 1
                continue
            j, term = found
            msg, msg_en = _message(term)
            out.append(doc.finding(RULE, term.severity, base + units[i].start(), base + units[j].end(), msg, msg_en))
            i = j + 1
    return out
