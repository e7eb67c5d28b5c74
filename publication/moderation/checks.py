"""The policy checks of our content: what text a page carries, its stored check result.

The gate that uses them on every publish path is `publication.moderation.gate`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from html import unescape

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from wagtail.models import Revision

from publication.moderation.gate import PublishBlocked

logger = logging.getLogger("publication.publishing")

# Plain text fields of our pages that reach the public (StreamField blocks are walked separately).
PAGE_TEXT_FIELDS = (
    "title",
    "seo_title",
    "slug",
    "summary",
    "intro",
    "hero_title",
    "hero_text",
    "hero_image_alt",
    "search_description",
    "cover_image_alt",
    "publisher_name",
    "publisher_position",
)
FIELD_LABELS = {
    "title": pgettext_lazy("content", "Title"),
    "seo_title": gettext_lazy("Title for search engines"),
    "slug": gettext_lazy("Name in the link (slug)"),
    "tags": gettext_lazy("Page tags"),
    "hero_title": gettext_lazy("Welcome text"),
    "hero_text": gettext_lazy("Introductory text"),
    "hero_image_alt": gettext_lazy("Main image description"),
    "media_links": gettext_lazy("Media links"),
    "poster_position": gettext_lazy("Poster's position"),
    "summary": gettext_lazy("News summary"),
    "intro": gettext_lazy("Introduction"),
    "search_description": gettext_lazy("Description for search"),
    "cover_image_alt": gettext_lazy("Cover image description"),
    "publisher_name": gettext_lazy("Publisher's name"),
    "publisher_position": gettext_lazy("Publisher's position"),
}
BLOCK_LABELS = {
    "paragraph": gettext_lazy("Paragraph"),
    "heading": gettext_lazy("Heading"),
    "image": gettext_lazy("Image"),
    "document": gettext_lazy("Attached document"),
    "embed": gettext_lazy("Embedded media"),
    "quote": gettext_lazy("Quotation"),
    "table": gettext_lazy("Table"),
}


def field_label(name: str, model=None) -> str:
    """A Thai label for a field key such as `body[2].paragraph` → "เนื้อหา ลำดับที่ 3 (ย่อหน้า)".

    Keys that are not page fields (a snippet's `post_text`) take the `model` field's verbose name;
    an empty key (a finding about the whole content, such as a missing disclaimer) is "ทั้งเนื้อหา".
    """
    if not name:
        return _("Whole content")
    if name.startswith("body["):
        index, _sep, rest = name[5:].partition("]")
        block, _dot, part = rest.lstrip(".").partition(".")
        label = _("Content item %(number)d (%(block)s)") % {"number": int(index) + 1, "block": BLOCK_LABELS.get(block, block)}
        if part == "alt_text":
            label += " " + pgettext("part of a content block", "image description")
        elif part in ("caption", "credit", "attribution", "title", "file_name"):
            label += (
                " "
                + {
                    "caption": pgettext("part of a content block", "caption"),
                    "credit": pgettext("part of a content block", "image credit"),
                    "attribution": pgettext("part of a content block", "speaker"),
                    "title": pgettext("part of a content block", "link text"),
                    "file_name": pgettext("part of a content block", "file name"),
                }[part]
            )
        return label
    if name in FIELD_LABELS:
        return str(FIELD_LABELS[name])
    for _provider, labeler in TEXT_PROVIDERS:
        if labeler is not None and (label := labeler(name)):
            return str(label)
    if model is not None:
        try:
            return capfirst(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:  # a key that is not a field name
            return name
    return name


_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(p|h[1-6]|li|div|blockquote|tr)>")


def rich_text_to_plain(html: str) -> str:
    """Rich text as the reader sees it: block ends become line breaks, so a stamp stays on its own line."""
    return unescape(strip_tags(_BLOCK_END.sub(lambda m: m.group(0) + "\n", html))).strip()


def _block_texts(prefix: str, stream) -> Iterable[tuple[str, str]]:
    for index, block in enumerate(stream or []):
        key = f"{prefix}[{index}].{block.block_type}"
        value = block.value
        if block.block_type == "paragraph":
            yield key, rich_text_to_plain(value.source if hasattr(value, "source") else str(value))
        elif block.block_type == "heading":
            yield key, value.get("text", "")
        elif block.block_type == "image":
            image_value = value.get("image")
            alt = getattr(image_value, "contextual_alt_text", "") or ""
            yield f"{key}.alt_text", alt
            yield f"{key}.caption", value.get("caption", "")
            yield f"{key}.credit", value.get("credit", "")
        elif block.block_type == "document":
            # The public link shows the block's own text (never the document's title, which its
            # uploader can change after approval) and the file name in the URL.
            document = value.get("document")
            yield f"{key}.title", value.get("title") or ""
            yield f"{key}.file_name", document.filename if document else ""
        elif block.block_type == "quote":
            yield key, value.get("quote", "")
            yield f"{key}.attribution", value.get("attribution", "")
        elif block.block_type == "embed":
            yield f"{key}.caption", value.get("caption", "")
        elif block.block_type == "table":
            rows = (value or {}).get("data") or []
            yield key, "\n".join(" | ".join(str(cell or "") for cell in row) for row in rows)
            yield f"{key}.caption", (value or {}).get("table_caption") or ""


def page_texts(page) -> dict[str, str]:
    """Every text field of a page that reaches the public, keyed by a stable field name.

    Models that are not pages (social posts, requests) say which texts they carry with
    `policy_texts()`.
    """
    if hasattr(page, "policy_texts"):
        return {name: text for name, text in page.policy_texts().items() if text and text.strip()}
    texts: dict[str, str] = {}
    for name in PAGE_TEXT_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, str) and value.strip():
            texts[name] = value
    tags = getattr(page, "tags", None)
    if tags is not None and hasattr(tags, "all"):
        try:
            names = [tag.name for tag in tags.all()]
        except ValueError:  # an unsaved page without a cluster yet
            names = []
        if names:
            texts["tags"] = "\n".join(names)
    body = getattr(page, "body", None)
    for key, text in _block_texts("body", body):
        if text and text.strip():
            texts[key] = text
    for provider, _labeler in TEXT_PROVIDERS:  # e.g. G6: the page's correction notices
        for key, text in provider(page):
            if text and text.strip():
                texts[key] = text
    return texts


#: Texts that reach the public with a page from its related items (G6: the page's correction notices),
#: each `(provider, labeler)`: `provider(page) -> Iterable[(key, text)]` for a page, a revision's object
#: or a bound form's instance, and `labeler(key) -> str | None` naming the provider's keys in Thai.
#: Apps above this one add theirs in `AppConfig.ready()` through `register_text_provider`.
TEXT_PROVIDERS: list = []


def register_text_provider(provider, labeler=None) -> None:
    """Also check the texts `provider(page)` yields for every page, labelled by `labeler` (idempotent)."""
    if all(existing is not provider for existing, _labeler in TEXT_PROVIDERS):
        TEXT_PROVIDERS.append((provider, labeler))


def organisation_allowlist() -> dict[str, list[str]]:
    """Unit phone numbers and mailboxes, plus the university's own from settings: not personal data."""
    from publication.organisation.models import Unit

    configured = getattr(settings, "POLICY_CHECKS_ALLOWLIST", {})
    phones = list(configured.get("phones", []))
    emails = list(configured.get("emails", []))
    for phone, email in Unit.objects.values_list("phone", "contact_email"):
        if phone:
            phones.append(phone.split("ต่อ")[0].strip())
        if email:
            emails.append(email)
    return {"phones": phones, "emails": emails}


def check_context_for(page):
    from policy_checks import CheckContext

    if hasattr(page, "policy_context"):
        return CheckContext(**page.policy_context(), allowlist=organisation_allowlist())
    kind = "news" if page.__class__.__name__ == "NewsPage" else "unit_page"
    unit = getattr(page, "publisher_unit", None) or getattr(page, "owner_unit", None)
    return CheckContext(
        kind=kind,
        speaks_for_university=True if kind == "news" else None,
        author_name=getattr(page, "publisher_name", "") or "",
        author_position=getattr(page, "publisher_position", "") or ("-" if kind != "news" else ""),
        author_unit=unit.name_th if unit else "",
        allowlist=organisation_allowlist(),
    )


def run_checks(page) -> list[dict]:
    """Findings for a page object (a revision's object or a bound form's instance), as dicts."""
    from policy_checks import check_fields

    findings = [finding.as_dict() for finding in check_fields(page_texts(page), context=check_context_for(page))]
    for provider in FINDINGS_PROVIDERS:  # e.g. P1.4: a letter is never linked from public content
        findings += provider(page)
    return findings


#: Further checks on public content, each `provider(obj) -> list[finding dict]` (the shape of
#: `Finding.as_dict()` plus `field`). Apps above this one add theirs in `AppConfig.ready()` through
#: `register_findings_provider`; `moderation` itself names no procedure.
FINDINGS_PROVIDERS: list = []


def register_findings_provider(provider) -> None:
    """Add `provider(obj) -> list[dict]` to every policy check (idempotent)."""
    if provider not in FINDINGS_PROVIDERS:
        FINDINGS_PROVIDERS.append(provider)


def store_check(revision: Revision):
    """Check a revision's content and store the result on it (replacing an older result)."""
    from publication.moderation.models import ContentCheck

    findings = run_checks(revision.as_object())
    errors = sum(1 for f in findings if f["severity"] == "error")
    warnings = sum(1 for f in findings if f["severity"] == "warning")
    check, created = ContentCheck.objects.get_or_create(
        revision=revision, defaults={"findings": findings, "error_count": errors, "warning_count": warnings}
    )
    if not created and (check.findings != findings):
        check.findings, check.error_count, check.warning_count = findings, errors, warnings
        check.acknowledged_by = None
        check.acknowledged_at = None
        check.save()
    return check


def latest_check_for(obj):
    """The check of the revision under moderation (or the latest one) of a page."""
    from publication.moderation.models import ContentCheck

    state = getattr(obj, "current_workflow_state", None)
    revision = state.current_task_state.revision if state and state.current_task_state else obj.latest_revision
    if revision is None:
        return None
    return ContentCheck.objects.filter(revision=revision).first() or store_check(revision)


def is_checked_page(page) -> bool:
    """Pages owned by a unit, and snippets that declare their public texts, pass the gate."""
    from .gate import UnitOwnedPageMixin

    return isinstance(page, UnitOwnedPageMixin) or hasattr(page, "policy_texts")


@dataclass
class PolicyGate:
    """The decision on one revision: its errors block, its warnings need an acknowledgement."""

    revision: Revision

    @classmethod
    def for_revision(cls, revision: Revision) -> PolicyGate:
        return cls(revision)

    @cached_property
    def check(self):
        return store_check(self.revision)

    @property
    def errors(self) -> list[dict]:
        return self.check.errors

    def rejection_comment(self) -> str:
        # Stored as the task's comment and e-mailed to the editor: written in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            lines = [_("The publishing policy checks found errors that must be corrected before publishing:")]
            lines += [describe_finding(f) for f in self.errors]
        return "\n".join(lines)


def show_invisible(text: str) -> str:
    """`text` with invisible and look-alike space characters written out (ลับ[U+200B]ที่สุด), so an
    editor can see what hides a word from the eye: zero-width characters, no-break spaces, marks."""
    import unicodedata

    out = []
    for ch in text:
        if ch not in " \n\t" and (unicodedata.category(ch) in ("Cf", "Zs", "Zl", "Zp", "Cc") or 0xFE00 <= ord(ch) <= 0xFE0F):
            out.append(f"[U+{ord(ch):04X}]")
        else:
            out.append(ch)
    return "".join(out)


def describe_finding(finding: dict, model=None, *, bullet: bool = True) -> str:
    """One finding as a line of Thai text: "• field: message — «match» (suggestion …)".

    `bullet=False` leaves out the "• " for places that list the lines themselves (form errors).
    """
    where = field_label(finding.get("field") or "", model)
    match = Truncator(show_invisible(finding.get("match") or "")).chars(80)
    text = f"{'• ' if bullet else ''}{where}: {finding['message']}"
    if match:
        text += f" — «{match}»"
    if finding.get("suggestion"):
        text += " " + _("(suggestion: %(suggestion)s)") % {"suggestion": finding["suggestion"]}
    return text


def object_ids_owned_by(units) -> list[str]:
    """Primary keys (as strings, like WorkflowState.object_id) of the pages the units own."""
    from .gate import UnitOwnedPageMixin

    ids: list[str] = []
    for model in _concrete_subclasses(UnitOwnedPageMixin):
        ids += [str(pk) for pk in model.objects.filter(owner_unit__in=units).values_list("pk", flat=True)]
    return ids


def workflow_states_owned_by(units):
    """A Q over WorkflowState (prefixed for TaskState lookups) matching pages and unit snippets of `units`."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q
    from wagtail.models import Page

    from .snippets import unit_snippet_models

    query = Q(
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id__in=object_ids_owned_by(units),
    )
    for model in unit_snippet_models():
        ids = [str(pk) for pk in model.objects.filter(unit__in=units).values_list("pk", flat=True)]
        query |= Q(workflow_state__base_content_type=ContentType.objects.get_for_model(model), workflow_state__object_id__in=ids)
    return query


def _concrete_subclasses(model) -> list[type]:
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, model) and not m._meta.abstract]


def cancel_blocked_schedule(page, revision: Revision, blocked: PublishBlocked) -> None:
    """A scheduled go-live that fails the checks is unscheduled and its editor and webmasters told."""
    from publication.organisation.provisioning import WEBMASTERS
    from publication.outbox.notifications import queue_notification

    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
    from django.contrib.auth import get_user_model

    webmasters = get_user_model().objects.filter(groups__name=WEBMASTERS, is_active=True)
    recipients = [revision.user, *webmasters] if revision.user else list(webmasters)
    queue_notification(
        recipients,
        "moderation/emails/publish_blocked",
        {"page": page, "page_title": page.title, "findings": blocked.lines()},
        related=page,
        kind="publish_blocked",
    )
