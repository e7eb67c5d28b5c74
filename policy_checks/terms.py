"""Django side of the term lists: merges ``PolicyTerm`` rows with the shipped data
files, caches the built lexicon per process and rebuilds it when a term changes.

A version number in Django's cache tells every process (not only the one that
saved) that its lexicon is stale; with the local-memory cache that is per process.
"""

from __future__ import annotations

import logging
import threading
import uuid

from django.core.cache import cache
from django.db import DatabaseError

from .lexicon import Lexicon, Term, build_lexicon, shipped_lexicon

logger = logging.getLogger("policy_checks")

VERSION_KEY = "policy_checks:terms_version"
_lock = threading.Lock()
_state: dict[str, object] = {"version": None, "lexicon": None}


def db_terms() -> list[Term]:
    from .models import PolicyTerm

    try:
        return [t.to_term() for t in PolicyTerm.objects.filter(active=True)]
    except DatabaseError:  # table not migrated yet (first deploy, makemigrations --check)
        logger.warning("policy_checks: PolicyTerm table unavailable; using shipped terms only")
        return []


def _strictly(operation: str):
    """The cache's `operation` that raises when the cache does not answer (a resilient backend's `strict_*`)."""
    return getattr(cache, f"strict_{operation}", None) or getattr(cache, operation)


def _version() -> str:
    """The terms' version shared by every process; while the cache does not answer, the one this process has."""
    try:
        version = _strictly("get")(VERSION_KEY)
        if version is None:
            version = uuid.uuid4().hex
            _strictly("add")(VERSION_KEY, version, timeout=None)
            version = _strictly("get")(VERSION_KEY) or version
    except Exception:  # noqa: BLE001 - no cache: keep the lexicon built, do not rebuild it on every check
        logger.warning("policy_checks: the cache did not answer; keeping this process's terms", exc_info=True)
        return str(_state["version"] or "unavailable")
    return str(version)


def get_lexicon() -> Lexicon:
    """The shipped terms plus the webmaster's, rebuilt only when a term changed."""
    version = _version()
    lexicon = _state["lexicon"]
    if lexicon is not None and _state["version"] == version:
        return lexicon  # type: ignore[return-value]
    with _lock:
        if _state["lexicon"] is not None and _state["version"] == version:
            return _state["lexicon"]  # type: ignore[return-value]
        extra = db_terms()
        built = build_lexicon(extra) if extra else shipped_lexicon()
        _state["lexicon"] = built
        _state["version"] = version
        return built


def invalidate(**_kwargs: object) -> None:
    """Signal receiver: a PolicyTerm was saved or deleted. Raises when the cache does not answer, so the change is
    refused rather than left unseen by the other processes."""
    _strictly("set")(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    _state["lexicon"] = None
