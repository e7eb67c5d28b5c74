"""Official letters (P1.4) are private by Wagtail's own mechanisms, and never reach public content.

The letters collection ("หนังสือราชการ (ลับเฉพาะ)", with any collection under it) is *sealed*:

- Wagtail's permission policies for documents and images leave it out of every listing, chooser,
  upload form, edit, delete and bulk action, for every user (superusers and webmasters included:
  Wagtail inherits root-collection grants downwards, a sealed collection does not). Registered with
  `wagtail.permissions.register_permission_policy` (see `register_sealed_policies`); letter files
  enter only through the letter's own form (`external.attach_letter_file`) and are read through the
  letter's step page.
- The document model refuses, whatever the path: changing a letter's file, moving a document out of
  or into the collection, and a new letter file that is not a PDF, JPEG or PNG by its content
  (`guard_letter_document`, connected to `pre_save` in `publication.letters.models`).
- `letter_findings(page)` gives policy-gate errors for every link from page content to a letter.

What else keeps letters private (provisioning, the serve hook, the API and snippet chooser filters)
lives in `provisioning.provision_letters_collection` and `wagtail_hooks`.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

RULE_LETTER_LINK = "official-letter-link"


def _letters_collection_name() -> str:
    from publication.letters.models import LETTERS_COLLECTION

    return LETTERS_COLLECTION


def letters_collection_ids() -> frozenset[int]:
    """Primary keys of the letters collection and every collection under it (usually one query)."""
    from wagtail.models import Collection

    roots = list(Collection.objects.filter(name=_letters_collection_name()).values_list("pk", "path", "numchild"))
    ids = {pk for pk, _path, _numchild in roots}
    parents = [path for _pk, path, numchild in roots if numchild]
    if parents:
        query = models.Q()
        for path in parents:
            query |= models.Q(path__startswith=path)
        ids |= set(Collection.objects.filter(query).values_list("pk", flat=True))
    return frozenset(ids)


def is_letter_document(document) -> bool:
    """A document (or image) kept in the letters collection."""
    return document is not None and document.collection_id in letters_collection_ids()


def exclude_letters(queryset):
    """A document or image queryset without anything in the letters collection."""
    return queryset.exclude(collection_id__in=letters_collection_ids())


# --- Wagtail's permission policies: the letters collection is out of reach ------------------------------


class SealedLettersPolicyMixin:
    """Collection permission lookups that never reach the letters collection.

    Grants *on* a sealed collection are ignored, grants on an ancestor (the root, for webmasters)
    stop at it, and superusers are no exception: nobody lists, chooses, uploads into, edits or
    deletes a letter file through Wagtail's document or image admin.
    """

    def _get_user_permission_objects_for_actions(self, user, actions):
        sealed = letters_collection_ids()
        return {grant for grant in super()._get_user_permission_objects_for_actions(user, actions) if grant.collection_id not in sealed}

    def _check_perm(self, user, actions, collection=None):
        if collection is not None and collection.pk in letters_collection_ids():
            return False
        return super()._check_perm(user, actions, collection=collection)

    def _collections_with_perm(self, user, actions):
        return super()._collections_with_perm(user, actions).exclude(pk__in=letters_collection_ids())

    def collections_user_has_any_permission_for(self, user, actions):
        return super().collections_user_has_any_permission_for(user, actions).exclude(pk__in=letters_collection_ids())

    def instances_user_has_any_permission_for(self, user, actions):
        return exclude_letters(super().instances_user_has_any_permission_for(user, actions))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if is_letter_document(instance):
            return False
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def users_with_any_permission_for_instance(self, actions, instance):
        if is_letter_document(instance):
            from django.contrib.auth import get_user_model

            return get_user_model().objects.none()
        return super().users_with_any_permission_for_instance(actions, instance)


class SealedDocumentPermissionPolicy(SealedLettersPolicyMixin, CollectionOwnershipPermissionPolicy):
    """Wagtail's document policy (`wagtail.documents.get_permission_policy`) with the letters sealed."""


class SealedImagePermissionPolicy(SealedLettersPolicyMixin, CollectionOwnershipPermissionPolicy):
    """Wagtail's image policy (`wagtail.images.get_permission_policy`) with the letters sealed."""


def register_sealed_policies() -> None:
    """Replace Wagtail's document and image permission policies (idempotent).

    Called when `publication.letters.wagtail_hooks` is loaded, as Wagtail's docs
    advise. That happens inside `wagtail.snippets`' ready(), *before* `wagtail.documents` and
    `wagtail.images` register their own policies in theirs, so ours are registered for the exact
    model class, which the registry consults first (`PolicyRegistry.get_by_type`). Every admin
    view looks its policy up per request.
    """
    from wagtail.documents import get_document_model, get_document_model_string
    from wagtail.images import get_image_model, get_image_model_string
    from wagtail.permissions import policy_registry, register_permission_policy

    if not isinstance(policy_registry.get_by_type(get_document_model(), fallback=False), SealedLettersPolicyMixin):
        register_permission_policy(
            get_document_model(),
            SealedDocumentPermissionPolicy(
                get_document_model_string(), auth_model="wagtaildocs.Document", owner_field_name="uploaded_by_user"
            ),
            exact_class=True,
        )
    if not isinstance(policy_registry.get_by_type(get_image_model(), fallback=False), SealedLettersPolicyMixin):
        register_permission_policy(
            get_image_model(),
            SealedImagePermissionPolicy(get_image_model_string(), auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"),
            exact_class=True,
        )


# --- The document model: a letter's file never changes ---------------------------------------------------


class LetterDocumentLocked(PermissionDenied):
    """A change to a letter's document that the system refuses (the message says why, in Thai)."""


def guard_letter_document(document) -> None:
    """Refuse, before the row is written, what would change a letter's evidence or bypass its checks.

    - a letter's file and collection never change once saved (a new file is a new attachment,
      added through the letter's form, with history);
    - no existing document moves into the letters collection;
    - a new document in the letters collection must be a PDF, JPEG or PNG by content and size,
      the same check as the letter's form (`letters.forms.sniff_letter_file`).
    """
    sealed = letters_collection_ids()
    if not sealed:
        return
    entering = document.collection_id in sealed
    old = None
    if document.pk is not None:
        old = type(document)._default_manager.filter(pk=document.pk).values("file", "collection_id").first()
    if old is None:
        if entering:
            _check_new_letter_file(document)
        return
    if old["collection_id"] in sealed:
        if document.collection_id != old["collection_id"]:
            raise LetterDocumentLocked(
                _("Official letter files must always stay in the confidential archive and cannot be moved to another collection")
            )
        if document.file.name != old["file"]:
            raise LetterDocumentLocked(
                _(
                    "A registered official letter file cannot be edited or replaced. Attach any further file as a new "
                    "file in that letter's form (the system keeps the history)"
                )
            )
    elif entering:
        raise LetterDocumentLocked(
            _(
                "Documents cannot be moved into the official letters archive. Letter files enter the archive only "
                "through the letter registration form"
            )
        )


def _check_new_letter_file(document) -> None:
    from django import forms

    from publication.letters.forms import sniff_letter_file

    field_file = document.file
    if not field_file:
        raise LetterDocumentLocked(_("Official letter file not found"))
    name = os.path.basename(field_file.name or "")
    committed = getattr(field_file, "_committed", True)
    field_file.open("rb")
    try:
        data = field_file.read()
    finally:
        if committed:
            field_file.close()
        else:
            field_file.seek(0)  # the upload is written to storage after this check
    try:
        sniff_letter_file(data, name)
    except forms.ValidationError as error:
        raise LetterDocumentLocked(" ".join(error.messages)) from error


# --- Public content never links to a letter ----------------------------------------------------------


_DOCUMENT_URL = re.compile(r"/documents/(\d+)/")


class _RichTextLinks(HTMLParser):
    """Document links, document URLs and image embeds of a rich-text source, with the link texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, list[str]]] = []  # (kind, id, text parts)
        self._open: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a":
            target = None
            if attributes.get("linktype") == "document" and attributes.get("id"):
                target = attributes["id"]
            elif (match := _DOCUMENT_URL.search(attributes.get("href") or "")) is not None:
                target = match.group(1)
            if target is not None:
                self._open = []
                self.found.append(("document", target, self._open))
        elif tag == "embed" and attributes.get("embedtype") == "image" and attributes.get("id"):
            self.found.append(("image", attributes["id"], []))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "a":
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)


def _finding(field: str, match: str = "", start: int = 0, end: int = 0) -> dict[str, Any]:
    return {
        "rule": RULE_LETTER_LINK,
        "severity": "error",
        "start": start,
        "end": end,
        "match": match,
        "message": _(
            "This link or file points to an official letter in the confidential archive (a letter from an "
            "external agency), which must never be made public"
        ),
        "message_en": "This links to an official letter in the private letters collection, which is never published.",
        "suggestion": _(
            "Remove this link or file. To publish what the letter says, type the text the executives approved "
            "into the page, or upload a public version of the document to your unit's collection"
        ),
        "field": field,
    }


def _is_media_model(model) -> str | None:
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage

    if isinstance(model, type) and issubclass(model, AbstractDocument):
        return "document"
    if isinstance(model, type) and issubclass(model, AbstractImage):
        return "image"
    return None


def letter_findings(obj) -> list[dict[str, Any]]:
    """Policy-gate errors for every document or image of `obj` (a page, or a revision's object) in the
    letters collection: image/document foreign keys (e.g. `cover_image`), StreamField blocks
    (`body[1].document`, `body[3].image`, also nested) and rich-text links (`<a linktype="document">`,
    a pasted `/documents/<id>/…` URL, `<embed embedtype="image">`), keyed like `publishing.page_texts`.

    Each finding has the shape of `policy_checks.Finding.as_dict()` with severity "error". For a
    rich-text link, `match` is the link's text and `start`/`end` its place in the paragraph's plain
    text; for a document block, `match` is the block's link text. A finding never repeats the
    letter's own title or number (editors and heads see findings).
    """
    sealed = letters_collection_ids()
    if not sealed:
        return []
    from wagtail.blocks import RichTextBlock
    from wagtail.fields import StreamField

    # (field, kind, object id, match, start, end) for every reference, letter or not.
    references: list[tuple[str, str, str, str, int, int]] = []
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and (kind := _is_media_model(field.related_model)):
            value = getattr(obj, field.attname, None)
            if value is not None:
                references.append((field.name, kind, str(value), "", 0, 0))
    for field in obj._meta.concrete_fields:
        if not isinstance(field, StreamField):
            continue
        for index, child in enumerate(getattr(obj, field.name, None) or []):
            key = f"{field.name}[{index}].{child.block_type}"
            if isinstance(child.block, RichTextBlock):
                references += _rich_text_references(key, child.value)
                continue
            link_text = ""
            if child.block_type == "document" and hasattr(child.value, "get"):
                link_text = child.value.get("title") or ""
            for model, object_id, _model_path, _content_path in child.block.extract_references(child.value):
                if kind := _is_media_model(model):
                    match = link_text if kind == "document" else ""
                    references.append((key, kind, str(object_id), match, 0, len(match)))

    letters = _letter_ids(references, sealed)
    return [_finding(field, match, start, end) for field, kind, object_id, match, start, end in references if (kind, object_id) in letters]


def _rich_text_references(key: str, value) -> list[tuple[str, str, str, str, int, int]]:
    from publication.moderation.checks import rich_text_to_plain

    source = value.source if hasattr(value, "source") else str(value or "")
    parser = _RichTextLinks()
    parser.feed(source)
    parser.close()
    plain = rich_text_to_plain(source)
    references, cursor = [], 0
    for kind, object_id, parts in parser.found:
        text = " ".join("".join(parts).split())
        start = plain.find(text, cursor) if text else -1
        if start < 0:
            references.append((key, kind, object_id, "", 0, 0))
            continue
        cursor = start + len(text)
        references.append((key, kind, object_id, text, start, cursor))
    return references


def _letter_ids(references, sealed) -> set[tuple[str, str]]:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    wanted = {"document": set(), "image": set()}
    for _field, kind, object_id, *_rest in references:
        if object_id.isdigit():
            wanted[kind].add(int(object_id))
    found: set[tuple[str, str]] = set()
    for kind, model in (("document", get_document_model()), ("image", get_image_model())):
        if wanted[kind]:
            ids = model.objects.filter(pk__in=wanted[kind], collection_id__in=sealed).values_list("pk", flat=True)
            found |= {(kind, str(pk)) for pk in ids}
    return found
