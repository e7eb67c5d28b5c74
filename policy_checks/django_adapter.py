"""Helpers that turn Django settings into engine inputs (plain engine otherwise)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from .types import Allowlist

logger = logging.getLogger("policy_checks")


def _as_allowlist(value: Any) -> Allowlist:
    if value is None:
        return Allowlist()
    if isinstance(value, Allowlist):
        return value
    if isinstance(value, Mapping):
        return Allowlist.coerce(value)
    if isinstance(value, Iterable) and not isinstance(value, str):
        items = [str(v) for v in value]
        return Allowlist.build(phones=[v for v in items if "@" not in v], emails=[v for v in items if "@" in v])
    raise TypeError(f"cannot use {value!r} as an allow-list")


def settings_allowlist(*, use_provider: bool = True) -> Allowlist:
    """``POLICY_CHECKS_ALLOWLIST`` (``{"phones": [...], "emails": [...]}`` or a flat
    list) merged with what ``POLICY_CHECKS_ALLOWLIST_PROVIDER`` (dotted path to a
    callable, e.g. the Unit model's phones and mailboxes) returns."""
    allowlist = _as_allowlist(getattr(settings, "POLICY_CHECKS_ALLOWLIST", None))
    provider_path = getattr(settings, "POLICY_CHECKS_ALLOWLIST_PROVIDER", "") if use_provider else ""
    if provider_path:
        try:
            provider = import_string(provider_path)
            allowlist = allowlist.merge(_as_allowlist(provider()))
        except Exception as exc:  # noqa: BLE001 - a broken provider must not stop the checks
            logger.warning("policy_checks: allow-list provider %s failed: %s", provider_path, exc)
    return allowlist
