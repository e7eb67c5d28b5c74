"""Thai dates in the Buddhist era, via pythainlp's thai_strftime (no hand-written month table)."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from pythainlp.util import thai_strftime

register = template.Library()

FORMATS = {
    "long": "%-d %B %Y",
    "short": "%-d %b %y",
    "datetime": "%-d %B %Y เวลา %H:%M น.",
    "weekday": "%Aที่ %-d %B %Y",
}


def _as_datetime(value) -> datetime.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    return None


@register.filter
def thai_date(value, style: str = "long") -> str:
    """`{{ page.date|thai_date }}` → "25 พฤศจิกายน 2569"; styles: long, short, datetime, weekday."""
    moment = _as_datetime(value)
    if moment is None:
        return ""
    return thai_strftime(moment, FORMATS.get(style, style))
