"""Text no database can store is refused where it comes in, in Thai, never as an HTTP 500 (issue 13).

Two kinds of code point reach Python strings without being text anyone can keep:

* a lone UTF-16 surrogate (U+D800–U+DFFF): UTF-8 cannot encode it, so saving it fails on SQLite and
  PostgreSQL alike, and so does any page that shows it. Form posts never carry one (Django decodes
  form data with ``errors="replace"``), JSON does, as an escape such as ``"\\ud800"``: the Draftail rich
  text and table blocks of a StreamField are JSON inside the form, and so is the admin API's body.
* NUL (U+0000): PostgreSQL refuses it in ``text`` and in ``jsonb`` (``"\\u0000"``); SQLite stores it, so
  a check left to the database would fail on one backend only. Django's ``CharField`` refuses NUL in a
  plain form field (``ProhibitNullCharactersValidator``); a value decoded from JSON passes it untouched.

`StorableTextFormMixin` refuses both in every posted value of an admin form, StreamField blocks
included, as a Thai error on the field (on the block of a StreamField), and gives the form back with
all that was typed, the refused character shown as "�". `QueryStringMiddleware` answers HTTP 400 with a
Thai page (or JSON) to a query string that is not UTF-8 or holds NUL (or a path holding NUL), for every
view at once: the search box, the news index filters, the admin's listings. The admin API's JSON fields are refused by
Django REST framework's own validators (HTTP 400, their messages translated in our catalogue).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.blocks import StreamValue
from wagtail.blocks.list_block import ListValue
from wagtail.rich_text import RichText

logger = logging.getLogger("publication.input")

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"
#: How deep `find_unstorable` follows nested values (StreamField blocks nest a few levels at most).
MAX_DEPTH = 20
#: Characters shown on each side of the refused one.
EXCERPT_RADIUS = 20


@dataclass(frozen=True)
class UnstorableText:
    """Where a value holds text no database can store.

    `kind` is "nul" or "surrogate"; `excerpt` the text around it (tags removed, the character shown as
    "�"); `block_index` and `block_type` name the top-level StreamField block holding it, or are None.
    """

    kind: str
    excerpt: str
    block_index: int | None = None
    block_type: str | None = None

    @property
    def message(self) -> str:
        """The Thai message for the editor (translated in the active language)."""
        if self.kind == "nul":
            text = _(
                "This text contains an invisible NUL control character (often left by copying from another "
                "program), which cannot be saved. It is now shown as “�”: delete it in “%(excerpt)s” and save again."
            )
        else:
            text = _(
                "This text contains a damaged character code (a lone surrogate, often left by copying from another "
                "program), which cannot be saved. It is now shown as “�”: delete it in “%(excerpt)s” and save again."
            )
        return text % {"excerpt": self.excerpt}


def _strings(value, depth: int = 0):
    """Every string inside a form value: plain, rich text source, StreamField, dict or list items."""
    if depth > MAX_DEPTH:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, RichText):
        yield value.source or ""
    elif isinstance(value, Mapping):  # dicts, StructBlock values, TableBlock data
        for key, item in value.items():
            yield from _strings(key, depth + 1)
            yield from _strings(item, depth + 1)
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _strings(child.value, depth + 1)
    elif isinstance(value, list | tuple | ListValue):
        for item in value:
            yield from _strings(item, depth + 1)


def _excerpt(text: str) -> str:
    """The words around the first refused character, tags removed, that character shown as "�"."""
    plain = strip_tags(text) if "<" in text else text
    source = plain if UNSTORABLE.search(plain) else text
    match = UNSTORABLE.search(source)
    start, end = max(0, match.start() - EXCERPT_RADIUS), match.end() + EXCERPT_RADIUS
    piece = " ".join(UNSTORABLE.sub(REPLACEMENT, source[start:end]).split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(source) else "")


def find_unstorable(value) -> UnstorableText | None:
    """The first lone surrogate or NUL in a form field's value as posted or cleaned (str, RichText,
    StreamValue, dict, list, nested), or None. Other types (model instances, dates, files) hold no typed text."""
    if isinstance(value, StreamValue):
        for index, child in enumerate(value):
            problem = find_unstorable(child.value)
            if problem is not None:
                return UnstorableText(problem.kind, problem.excerpt, block_index=index, block_type=child.block_type)
        return None
    for text in _strings(value):
        match = UNSTORABLE.search(text)
        if match:
            return UnstorableText(kind="nul" if match.group() == "\x00" else "surrogate", excerpt=_excerpt(text))
    return None


def _replace_unstorable(value):
    if isinstance(value, str):
        return UNSTORABLE.sub(REPLACEMENT, value)
    if isinstance(value, list):
        return [_replace_unstorable(item) for item in value]
    if isinstance(value, dict):
        return {_replace_unstorable(key): _replace_unstorable(item) for key, item in value.items()}
    return value


def replace_in_posted_value(raw: str) -> str:
    """A posted string with NUL and JSON-escaped lone surrogates shown as "�" (JSON stays JSON)."""
    raw = raw.replace("\x00", REPLACEMENT)
    if "\\u" not in raw and "\\U" not in raw:
        return raw
    try:
        decoded = json.loads(raw)
    except ValueError:
        return raw
    if not any(UNSTORABLE.search(text) for text in _strings(decoded)):
        return raw
    return json.dumps(_replace_unstorable(decoded), ensure_ascii=False)


class StorableTextFormMixin:
    """For Django and Wagtail admin forms (pages, snippets): a field whose value holds a lone
    surrogate or NUL as posted gets a Thai error, on the block for a StreamField, and nothing is saved.

    The form comes back with everything typed; the refused character is shown as "�" so the editor
    can find it. `unstorable_text` maps each refused field name to its `UnstorableText`. Runs with the
    field cleaning, so later steps (the policy gate's `_post_clean`) see the error and stop.

    A field whose posted JSON does not parse at all (a rich text or table block sent half-built or
    altered by hand), which Wagtail's widgets answer with an exception, gets a Thai error too and is
    shown again as last saved; `damaged_fields` holds their names.
    """

    def _widget_data_value(self, widget, html_name):
        try:
            return super()._widget_data_value(widget, html_name)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError):
            logger.warning("Unreadable posted data for %s in %s", html_name, type(self).__name__, exc_info=True)
            name = html_name.removeprefix(f"{self.prefix}-") if self.prefix else html_name
            self.__dict__.setdefault("damaged_fields", set()).add(name)
            field = self.fields.get(name)
            return self.get_initial_for_field(field, name) if field is not None else None

    def _clean_fields(self):
        # The posted values are searched before Django cleans them: its CharField would refuse NUL with a
        # message naming neither the place nor the character, and keeps quiet about surrogates.
        self.unstorable_text = {}
        for name, bound_field in self._bound_items():
            problem = None if bound_field.field.disabled else find_unstorable(bound_field.data)
            if problem is not None:
                self.unstorable_text[name] = problem
        super()._clean_fields()
        for name in sorted(getattr(self, "damaged_fields", ())):
            if name in self.fields:
                message = _(
                    "The content of this field arrived damaged and could not be read, so it was not saved. "
                    "It is shown as it was last saved: please type your changes to it again."
                )
                self.add_error(name, ValidationError(message, code="damaged"))
        for name, problem in self.unstorable_text.items():
            logger.info(
                "Refused unstorable text (%s) in %s.%s (block %s): %r",
                problem.kind,
                type(self).__name__,
                name,
                problem.block_index,
                problem.excerpt,
            )
            self._errors.pop(name, None)
            self.add_error(name, self._unstorable_error(problem))
        if self.unstorable_text:
            self._show_refused_characters()

    def _unstorable_error(self, problem: UnstorableText) -> ValidationError:
        if problem.block_index is None:
            return ValidationError(problem.message, code="unstorable")
        from wagtail.blocks import StreamBlockValidationError

        return StreamBlockValidationError(block_errors={problem.block_index: ValidationError(problem.message, code="unstorable")})

    def _show_refused_characters(self):
        # The form is rendered again from its data: show the refused characters as "�" there, so the
        # editor sees where they were and saving again does not meet the same error unseen.
        prefixes = [self.add_prefix(name) for name in self.unstorable_text]
        data = self.data.copy()  # a QueryDict's copy is mutable
        for key in list(data.keys()):
            if not any(key == prefix or key.startswith(f"{prefix}-") for prefix in prefixes):
                continue
            if hasattr(data, "setlist"):
                data.setlist(key, [replace_in_posted_value(v) if isinstance(v, str) else v for v in data.getlist(key)])
            elif isinstance(data[key], str):
                data[key] = replace_in_posted_value(data[key])
        self.data = data


# --- query strings --------------------------------------------------------------------------------


def query_string_problem(raw: str) -> str | None:
    """Why a raw query string (as in `QUERY_STRING`: bytes read as Latin-1 under WSGI) cannot be read as
    text: "not-utf8" or "nul", or None when it can."""
    try:
        raw_bytes = raw.encode("iso-8859-1")
    except UnicodeEncodeError:  # already decoded text (a server passing UTF-8 through)
        raw_bytes = raw.encode("utf-8", "surrogatepass")
    try:
        decoded = unquote_to_bytes(raw_bytes.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return "not-utf8"
    return "nul" if "\x00" in decoded else None


class QueryStringMiddleware:
    """HTTP 400 with a Thai explanation for a web address whose query string is not UTF-8 or holds NUL,
    or whose path holds NUL.

    Django reads undecodable bytes as "�" (harmless) but passes NUL on, which PostgreSQL refuses in any
    query: the search box, the news index's filters, admin listings, and the redirects looked up for a
    path that finds no page (SQLite's full-text search fails on NUL too). Browsers get the Thai page;
    the admin API and JSON callers `{"message"}`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw = request.META.get("QUERY_STRING", "")
        problem = "nul-in-path" if "\x00" in request.path_info else query_string_problem(raw) if raw else None
        if problem is None:
            # A '"' or a blank search is no longer neutralised here: the search backend quotes every word itself
            # (publication/organisation/thai_search), so what was typed reaches it, and the search box, unchanged.
            return self.get_response(request)
        logger.info("Refused web address (%s) on %s %r: %r", problem, request.method, request.path, raw[:300])
        message = _(
            "The web address contains characters that cannot be read as text (a damaged character code or an "
            "invisible control character). Please type your search words or choose the filters again."
        )
        wants_json = request.path.startswith("/admin/api/") or "application/json" in request.headers.get("Accept", "")
        if wants_json:
            return JsonResponse({"message": message}, status=400, json_dumps_params={"ensure_ascii": False})
        return render(request, "bad_query.html", {"message": message}, status=400)
