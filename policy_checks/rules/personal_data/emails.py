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
_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
_AT_TOKEN = (
    rf"(?P<atb>{_SP}*{_OPEN}{_SP}*(?:at|@|แอท){_SP}*{_CLOSE}{_SP}*)"
    rf"|(?P<att>{_SP}*แอท{_SP}*)"
    rf"|(?P<ats>{_SP}+@{_SP}+|@{_SP}+)"
    rf"|(?P<atw>{_SP}+at{_SP}+)"
    r"|(?P<atp>@)"
)
_DOT_OBF = rf"{_SP}*{_OPEN}{_SP}*(?:dot|\.|ดอท|จุด){_SP}*{_CLOSE}{_SP}*|{_SP}*(?:ดอท|จุด){_SP}*|{_SP}+dot{_SP}+"
_DOT_TOKEN = rf"(?:{_DOT_OBF}|{_SP}?\.{_SP}?)"
_DOMAIN_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_OBF_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+\-])(?P<local>[A-Za-z0-9](?:[A-Za-z0-9._%+\-]*[A-Za-z0-9])?)"
    rf"(?:{_AT_TOKEN})"
    rf"(?P<domain>{_DOMAIN_LABEL}(?:{_DOT_TOKEN}{_DOMAIN_LABEL}){{1,5}})",
    re.I,
)
_LABEL_AT = re.compile(_DOMAIN_LABEL)
_DOT_SPLIT = re.compile(rf"(?P<obf>{_DOT_OBF})|{_SP}?\.{_SP}?", re.I)
_TLDS = frozenset(["com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "me", "co", "app", "dev", "mail"])
_PLAIN_TLDS = frozenset(["com", "net", "org", "edu", "gov", "info", "io"])
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


def obfuscated_emails(doc: Document, text: str | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, address) of written-out addresses: ``name [at] gmail [dot] com``, ``name @ gmail . com``."""
    text = canonical(doc.norm) if text is None else text
    for m in _OBF_EMAIL_RE.finditer(text):
        at = next(g for g in ("atb", "att", "ats", "atw", "atp") if m.group(g) is not None)
        local = m.group("local")
        dstart = m.start("domain")
        dom = m.group("domain")
        labels: list[tuple[int, int]] = []
        obf_dot = False
        best: tuple[int, str, bool] | None = None
        pos = 0
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
            labels.append((dstart + lm.start(), dstart + lm.end()))
            if len(labels) < 2:
                continue
            tld = text[labels[-1][0] : labels[-1][1]].lower()
            if tld in _TLDS or (len(tld) == 2 and tld.isalpha()):
                best = (dstart + pos, ".".join(text[a:b] for a, b in labels).lower(), obf_dot)
        if best is None:
            continue
        end, domain, obf_dot = best
        if at == "atp" and not obf_dot:
            continue  # a plain address: _EMAIL_RE has it
        if local.lower() in _NOT_LOCAL:
            continue
        if at == "atw" and not obf_dot and domain not in FREE_MAIL:
            continue  # "contact us at pcru.ac.th" is a web site
        if (
            at in ("ats", "atw")
            and not obf_dot
            and not (domain in FREE_MAIL or domain.rsplit(".", 1)[-1] in _PLAIN_TLDS or domain.endswith(".th"))
        ):
            continue
        yield m.start("local"), end, f"{local}@{domain}"
