"""Thai policy checks for PCRU Publish (policy G1, G2, G4, G8, G14).

The engine is plain Python: ``from policy_checks import check_text, CheckContext``
works without Django. Attributes are loaded lazily so that importing the Django app
does not load the Thai dictionary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine import check_fields, check_text
    from .types import Allowlist, CheckContext, ContentKind, FieldFinding, Finding, Severity

__all__ = [
    "Allowlist",
    "CheckContext",
    "ContentKind",
    "FieldFinding",
    "Finding",
    "Severity",
    "check_fields",
    "check_text",
]


def __getattr__(name: str) -> Any:
    if name in ("check_text", "check_fields"):
        from . import engine

        return getattr(engine, name)
    if name in __all__:
        from . import types

        return getattr(types, name)
    raise AttributeError(name)
