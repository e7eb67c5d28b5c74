"""What "the same content" means: a fingerprint of serialised fields without bookkeeping."""

from __future__ import annotations

import hashlib
import json
import re

from django.core.serializers.json import DjangoJSONEncoder

#: Serialised fields that record *state* rather than content: they differ between a draft and its
#: published row, or between a page and its copy, without any reader seeing a different text.
BOOKKEEPING_FIELDS = frozenset(
    {
        "pk",
        "id",
        "path",
        "depth",
        "numchild",
        "url_path",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "content_type",
        "translation_key",
        "locale",
        "go_live_at",
        "expire_at",
        "expired",
        "alias_of",
        "slug",
        "comments",
        "wagtail_admin_comments",
        # Records of what happened after approval (P1.2 grant, P1.5 posting), not content.
        "granted_at",
        "granted_by",
        "revoked_at",
        "revoked_by",
        "revoke_reason",
        "posted_url",
        "posted_at",
        "posted_by",
        "checked_every_word",
        "position_shown",
        "university_matter",
        "no_secret",
        "no_person_without_consent",
        "requester",
        "created_at",
    }
)
_CHILD_BOOKKEEPING = frozenset({"pk", "id", "content_object", "page", "sort_order"})


_BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')


def _strip(value, *, top: bool = False):
    """Content without bookkeeping: StreamField JSON opened up, block ids and editor block keys gone."""
    if isinstance(value, dict):
        drop = BOOKKEEPING_FIELDS if top else _CHILD_BOOKKEEPING
        # A child relation with no items is the same content as one a revision predates (`corrections`
        # added in pages/0002): an approval given before the relation existed still covers the content.
        return {key: _strip(item) for key, item in value.items() if key not in drop and not (top and item == [])}
    if isinstance(value, list):
        return [_strip(item) for item in value]
    if isinstance(value, str):
        if value.startswith("[{") and value.endswith("}]"):
            try:
                return _strip(json.loads(value))  # a StreamField, stored as JSON text in revisions
            except ValueError:
                pass
        return _BLOCK_KEY.sub("", value)
    return value


def content_fingerprint(content: dict) -> str:
    """SHA-256 (hex, 64 chars) of serialised content (a `Revision.content` or `serializable_data()`)."""
    # As Wagtail stores revisions: DjangoJSONEncoder's forms of dates, times and decimals.
    encoded = json.loads(json.dumps(content, cls=DjangoJSONEncoder))
    canonical = json.dumps(_strip(encoded, top=True), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def object_fingerprint(obj) -> str:
    return content_fingerprint(obj.serializable_data())
