"""E-mail addresses, plain and obfuscated ([at], (dot), แอท/ดอท, spaces around @), and whether one is personal."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...document import Document
from ...types import CheckContext
from .digits import canonical

# --- e-mail -------------------------------------------------------------------------
_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+\-])([A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,})"
)
FREE_MAIL = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.co.th",
        "outlook.com",
        "outlook.co.th",
        "live.com",
        "msn.com",
        "yahoo.com",
        "yahoo.co.th",
        "ymail.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.net",
        "aol.com",
        "mail.com",
        "zoho.com",
        "yandex.com",
        "qq.com",
        "163.com",
        "windowslive.com",
    ]
)
ROLE_WORDS = (
    "info",
    "contact",
    "admin",
    "webmaster",
    "web",
    "support",
    "help",
    "service",
    "noreply",
    "no-reply",
    "office",
    "saraban",
    "news",
    "pr",
    "hr",
    "registrar",
    "reg",
    "library",
    "lib",
    "arit",
    "academic",
    "acad",
    "research",
    "rdi",
    "plan",
    "finance",
    "personnel",
    "student",
    "admission",
    "faculty",
    "center",
    "centre",
    "dept",
    "unit",
    "secretary",
    "sales",
    "enquiry",
    "inquiry",
    "media",
    "press",
    "it",
    "staff",
    "account",
    "billing",
    "mail",
    "postmaster",
    "abuse",
    "team",
    "club",
    "alumni",
    "grad",
    "edu",
    "sci",
    "agri",
    "manage",
    "human",
    "tech",
    "eng",
    "law",
    "nurse",
    "ite",
    "complaint",
    "report",
    "dpo",
    "privacy",
    "pdpa",
)
_ROLE_RE = re.compile(r"(?:^|[._\-0-9])(?:" + "|".join(re.escape(w) for w in ROLE_WORDS) + r")(?:$|[._\-0-9])")


def email_is_personal(address: str, context: CheckContext) -> bool:
    addr = address.lower()
    if context.allowlist.has_email(addr):
        return False
    local, _, domain = addr.rpartition("@")
    if domain in FREE_MAIL:
        return True
    if _ROLE_RE.search(local) or local in ROLE_WORDS:
        return False
    letters_only = re.sub(r"[^a-z]", "", local)
    if re.search(r"[._\-]", local) and len(letters_only) >= 3:
        return True  # firstname.lastname, wanida_k
    if sum(ch.isdigit() for ch in local) >= 3:
        return True  # student numbers
    # Short acronyms (arit@, sci@) are unit mailboxes; longer plain names are people.
    return len(local) >= 7


def emails(doc: Document, text: str | None = None) -> Iterator[tuple[int, int, str]]:
    text = canonical(doc.norm) if text is None else text
    for m in _EMAIL_RE.finditer(text):
        yield m.start(1), m.end(1), m.group(1).rstrip(".")


_SP = r"[^\S\n]"
_OPEN, _CLOSE = r"[\[({<【〔「『《〈]", r"[\])}>】〕」』》〉]"
_AT_WORD = r"(?:แอ[็๊]?ท)"
_DOT_WORD = r"(?:ด[็๊]?อท|จุด)"
_AT_TOKEN = (
    rf"(?P<atb>{_SP}*{_OPEN}{_SP}*(?:at|@|{_AT_WORD}){_SP}*{_CLOSE}{_SP}*)"
    rf"|(?P<att>{_SP}*{_AT_WORD}{_SP}*)"
    rf"|(?P<ats>{_SP}+@{_SP}+|@{_SP}+)"
    rf"|(?P<atl>{_SP}+@)"
    rf"|(?P<atw>{_SP}+at{_SP}+)"
    r"|(?P<atp>@)"
)
_WORD_DOT = rf"{_SP}*{_OPEN}{_SP}*(?:dot|{_DOT_WORD}){_SP}*{_CLOSE}{_SP}*|{_SP}*{_DOT_WORD}{_SP}*|{_SP}+dot{_SP}+"
_DOT_OBF = rf"{_SP}*{_OPEN}{_SP}*\.{_SP}*{_CLOSE}{_SP}*|{_WORD_DOT}|,"  # gmail,com
_DOT_TOKEN = rf"(?:{_DOT_OBF}|{_SP}?\.{_SP}?)"
# Domain names written in Thai: somchai แอท จีเมล ดอท คอม.
_THAI_LABELS = {
    "จีเมล": "gmail",
    "จีเมลล์": "gmail",
    "ฮอตเมล": "hotmail",
    "ฮอตเมลล์": "hotmail",
    "ฮอทเมล": "hotmail",
    "ฮอทเมลล์": "hotmail",
    "ยาฮู": "yahoo",
    "เอาท์ลุค": "outlook",
    "เอาต์ลุก": "outlook",
    "ไอคลาวด์": "icloud",
    "คอม": "com",
    "เน็ต": "net",
    "เน็ท": "net",
    "ออร์ก": "org",
    "โค": "co",
    "ทีเอช": "th",
}
_THAI_LABEL = (
    "(?:"
    + "|".join(sorted(_THAI_LABELS, key=len, reverse=True))
    + rf")(?=ค่ะ|คะ|ครับ|คับ|นะ|จ้า|จ้ะ|ค่า|ฮะ|{_DOT_WORD}|{_AT_WORD}|[^\u0e01-\u0e4e]|$)"
)
_DOMAIN_LABEL = rf"(?:{_THAI_LABEL}|[A-Za-z0-9](?:[A-Za-z0-9\-]{{0,61}}[A-Za-z0-9])?)"
_LOCAL_PART = r"[A-Za-z0-9](?:[A-Za-z0-9._%+\-]*[A-Za-z0-9])?"
_OBF_EMAIL_RE = re.compile(
    rf"(?<![A-Za-z0-9._%+\-])(?P<local>{_LOCAL_PART}(?:(?:{_WORD_DOT}){_LOCAL_PART}){{0,3}})"
    rf"(?:{_AT_TOKEN})"
    rf"(?P<domain>{_DOMAIN_LABEL}(?:{_DOT_TOKEN}{_DOMAIN_LABEL}){{0,5}})",
    re.I,
)
_LOCAL_DOT = re.compile(_WORD_DOT, re.I)
_AT_HINT = re.compile(r"@|แอ|at", re.I)
_LABEL_AT = re.compile(_DOMAIN_LABEL, re.I)
_DOT_SPLIT = re.compile(rf"(?P<obf>{_DOT_OBF})|{_SP}?\.{_SP}?", re.I)
_TLDS = frozenset(["com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "me", "co", "app", "dev", "mail"])
_PLAIN_TLDS = frozenset(["com", "net", "org", "edu", "gov", "info", "io"])
# Well-known free-mail names, reported even without ".com" (somchai.j@gmail, … at gmail).
_FREE_NAMES = frozenset(["gmail", "hotmail", "yahoo", "outlook", "icloud", "ymail", "googlemail", "protonmail"])
_NOT_LOCAL = frozenset(
    [
        "us",
        "me",
        "you",
        "him",
        "her",
        "them",
        "it",
        "home",
        "work",
        "school",
        "least",
        "all",
        "once",
        "first",
        "last",
        "www",
        "line",
        "id",
        "ig",
        "fb",
        "facebook",
        "twitter",
        "x",
        "tiktok",
        "instagram",
        "youtube",
        "official",
        "page",
    ]
)


def _domain(text: str, dstart: int, dom: str) -> tuple[int, str, bool, str] | None:
    """(end, domain, written-out dot, first label) of the longest domain with a known TLD."""
    labels: list[str] = []
    obf_dot = False
    best: tuple[int, str, bool, str] | None = None
    pos = 0
    first_end = 0
    while True:
        if labels:
            dm = _DOT_SPLIT.match(dom, pos)
            if dm is None:
                break
            obf_dot = obf_dot or dm.group("obf") is not None
            pos = dm.end()
        lm = _LABEL_AT.match(dom, pos)
        if lm is None:
            break
        pos = lm.end()
        label = lm.group().lower()
        labels.append(_THAI_LABELS.get(label, label))
        obf_dot = obf_dot or label in _THAI_LABELS
        if len(labels) == 1:
            first_end = dstart + pos
            continue
        if labels[-1] in _TLDS or (len(labels[-1]) == 2 and labels[-1].isalpha()):
            best = (dstart + pos, ".".join(labels), obf_dot, labels[0])
    if best is None and labels and labels[0] in _FREE_NAMES:
        return first_end, "", True, labels[0]
    return best


def obfuscated_emails(doc: Document, text: str | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, address) of written-out addresses: ``name [at] gmail [dot] com``, ``name @ gmail . com``,
    ``somchai dot j at gmail dot com``, ``name แอท จีเมล ดอท คอม``, ``name@gmail`` (a free-mail name alone)."""
    text = canonical(doc.norm) if text is None else text
    if _AT_HINT.search(text) is None:
        return
    for m in _OBF_EMAIL_RE.finditer(text):
        at = next(g for g in ("atb", "att", "ats", "atl", "atw", "atp") if m.group(g) is not None)
        raw_local = m.group("local")
        local = _LOCAL_DOT.sub(".", raw_local)
        found = _domain(text, m.start("domain"), m.group("domain"))
        if found is None or local.lower() in _NOT_LOCAL:
            continue
        end, domain, obf_dot, first = found
        # an address-like local part: somchai.j, wanida_k, s6512345, somchai dot j
        address_like = local != raw_local or re.search(r"[._\-0-9]", local) is not None
        if not domain:  # a free-mail name without its ending: somchai.j@gmail, … แอท gmail
            if at in ("ats", "atl", "atw") and not address_like:
                continue  # "works at Yahoo"
            yield m.start("local"), end, f"{local}@{first}.com"
            continue
        if at == "atp" and not obf_dot:
            continue  # a plain address: _EMAIL_RE has it
        if at in ("atw", "atl") and not obf_dot and domain not in FREE_MAIL and not (at == "atl" and address_like):
            continue  # "contact us at pcru.ac.th" is a web site, "Starbucks @central.co.th" a place
        if (
            at in ("ats", "atl", "atw")
            and not obf_dot
            and not (domain in FREE_MAIL or domain.rsplit(".", 1)[-1] in _PLAIN_TLDS or domain.endswith(".th"))
        ):
            continue
        yield m.start("local"), end, f"{local}@{domain}"
