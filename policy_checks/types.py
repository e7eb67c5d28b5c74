"""Value types of the policy-check engine: plain Python, no Django."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.StrEnum):
    """How serious a finding is: ``error`` blocks publishing, ``warning`` needs an
    approver's acknowledgement, ``info`` is advice."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_RANK: dict[Severity, int] = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class ContentKind(enum.StrEnum):
    NEWS = "news"
    UNIT_PAGE = "unit_page"
    SOCIAL_POST = "social_post"
    EXTERNAL_NOTICE = "external_notice"
    OPINION = "opinion"

    @classmethod
    def coerce(cls, value: ContentKind | str | None) -> ContentKind:
        """Accept ``"unit-page"``, ``"Unit page"`` and the like as well as the enum."""
        if value is None or value == "":
            return cls.NEWS
        if isinstance(value, ContentKind):
            return value
        key = re.sub(r"[\s\-]+", "_", str(value).strip().lower())
        try:
            return cls(key)
        except ValueError:
            raise ValueError(f"unknown content kind: {value!r}") from None


def normalise_phone(value: str) -> str:
    """Digits of a Thai phone number in national form (``056717100``)."""
    digits = "".join(ch for ch in value.translate(THAI_DIGITS) if ch.isascii() and ch.isdigit())
    if digits.startswith("66") and len(digits) in (10, 11):
        digits = "0" + digits[2:]
    return digits


THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass(frozen=True)
class Allowlist:
    """Organisation contact details that are not personal data (switchboard, unit
    phones and mailboxes, official bank accounts)."""

    phones: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    accounts: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls,
        phones: Iterable[str] = (),
        emails: Iterable[str] = (),
        accounts: Iterable[str] = (),
    ) -> Allowlist:
        return cls(
            phones=frozenset(p for p in (normalise_phone(x) for x in phones) if p),
            emails=frozenset(e.strip().lower() for e in emails if e and e.strip()),
            accounts=frozenset(a for a in (normalise_phone(x) for x in accounts) if a),
        )

    @classmethod
    def coerce(cls, value: Allowlist | Mapping[str, Any] | None) -> Allowlist:
        if value is None:
            return cls()
        if isinstance(value, Allowlist):
            return value
        return cls.build(value.get("phones", ()), value.get("emails", ()), value.get("accounts", ()))

    def merge(self, other: Allowlist) -> Allowlist:
        return Allowlist(
            self.phones | other.phones,
            self.emails | other.emails,
            self.accounts | other.accounts,
        )

    def has_phone(self, raw: str) -> bool:
        return normalise_phone(raw) in self.phones

    def has_email(self, raw: str) -> bool:
        return raw.strip().lower() in self.emails


UNIVERSITY_PHONES: tuple[str, ...] = ("056-717-100",)
"""The university switchboard (PCRU, 83 Moo 11, Saraburi–Lom Sak Rd, Phetchabun)."""
UNIVERSITY_EMAILS: tuple[str, ...] = ("webmaster_pcru@pcru.ac.th",)


def university_allowlist() -> Allowlist:
    """Contacts that are always organisational; merged into every context's allow-list."""
    return Allowlist.build(UNIVERSITY_PHONES, UNIVERSITY_EMAILS)


@dataclass(frozen=True)
class CheckContext:
    """What the engine needs to know about the content besides its text.

    ``speaks_for_university`` is ``None`` when unknown: then neither the
    attribution nor the disclaimer rule is triggered by it (opinion content
    still needs a disclaimer).
    """

    kind: ContentKind = ContentKind.NEWS
    speaks_for_university: bool | None = None
    author_name: str = ""
    author_position: str = ""
    author_unit: str = ""
    allowlist: Allowlist = field(default_factory=Allowlist)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", ContentKind.coerce(self.kind))
        allowlist = Allowlist.coerce(self.allowlist).merge(university_allowlist())
        object.__setattr__(self, "allowlist", allowlist)
        for name in ("author_name", "author_position", "author_unit"):
            object.__setattr__(self, name, (getattr(self, name) or "").strip())


@dataclass(frozen=True)
class Finding:
    """One problem in a text. ``start``/``end`` are code-point offsets into the
    text the caller passed and ``match == text[start:end]``; document-level
    findings (a missing disclaimer) have ``start == end == 0`` and an empty match.
    ``field`` names the field when the finding comes from :func:`check_fields`."""

    rule: str
    severity: Severity
    start: int
    end: int
    match: str
    message: str
    message_en: str
    suggestion: str | None = None
    field: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "severity": str(self.severity),
            "start": self.start,
            "end": self.end,
            "match": self.match,
            "message": self.message,
            "message_en": self.message_en,
        }
        if self.suggestion is not None:
            data["suggestion"] = self.suggestion
        if self.field is not None:
            data["field"] = self.field
        return data


FieldFinding = Finding
"""Alias: a finding from :func:`check_fields` is a :class:`Finding` with ``field`` set."""
