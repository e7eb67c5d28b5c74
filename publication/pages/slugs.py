"""Slugs that keep Thai words whole (issue 12, item 3).

Django's `slugify` and Wagtail's slug helpers (the `w-slug` Stimulus controller, `Page` slug generation)
keep only Unicode letters and numbers. Thai writes most of its vowels and every tone mark as combining
marks (Unicode category Mn), so "ค่ายวิทยาศาสตร์สัญจร" came out as `คายวทยาศาสตรสญจร`; and punctuation
was deleted rather than turned into a separator, so "2/2569" became `22569`.

One rule, written twice because it runs on both sides and must agree character for character:

- here, `slugify_thai()`: pages saved without a slug (`ThaiSlugPageMixin`), the admin's page forms when
  the slug is left empty (`publication.pages.forms`), the demo's news;
- `static/pages/js/thai-slug.js`: the admin's title → slug sync and slug clean-up, the same rule as a
  subclass of Wagtail's own slug controller, registered under its name `w-slug`.

`tests/pages/test_slugs.py` runs the JavaScript with node on the same cases and compares.

Validation and routing follow: Django's unicode slug validator (`^[-\\w]+\\Z`) and Wagtail's page URL
pattern (`[\\w\\-]+`) use Python's `\\w`, which has no combining marks. `accept_thai_words_in_unicode_slugs()`
(run in `PagesConfig.ready`) lets the validator accept Thai marks, and `publication.pages.urls` serves
pages under a pattern that does.
"""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings
from django.core import validators
from wagtail.models import Page

#: Thai combining marks, as a regular-expression character-class fragment: MAI HAN-AKAT, the vowels
#: above and below (SARA I … PHINTHU), MAITAIKHU, the four tone marks, THANTHAKHAT, NIKHAHIT, YAMAKKAN.
THAI_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"

#: Longest slug made from a title, in characters (code points). Wagtail's own limit is 255, but every
#: Thai character is nine characters once percent-encoded in a shared link; 80 keeps a typical news
#: title whole.
SLUG_MAX_LENGTH = 80

#: Django's pattern for unicode slugs, plus Thai combining marks after a letter, digit or another mark.
UNICODE_SLUG_PATTERN = rf"^(?:[-\w]|(?<=[^\W_])[{THAI_MARKS}]|(?<=[{THAI_MARKS}])[{THAI_MARKS}])+\Z"

_THAI_MARK = re.compile(f"[{THAI_MARKS}]")
_PREPOSED_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # เ แ โ ใ ไ are written before their consonant
_APOSTROPHES = frozenset("'\u2019\u02bc")  # dropped, not separators: "Director's" → "directors"
_DROPPED_CATEGORIES = frozenset({"Mn", "Mc", "Me", "Cf"})  # other scripts' loose marks, zero-width characters
_DIGIT = "0-9\u0e50-\u0e59"
_THOUSANDS_COMMA = re.compile(f"(?<=[{_DIGIT}]),(?=[{_DIGIT}]{{3}})")  # "2,000" → "2000"
_SARA_AM = re.compile("([\u0e48-\u0e4b]?)\u0e4d([\u0e48-\u0e4b]?)\u0e32")  # ํ + า typed for ำ
_REPEATED_SEPARATOR = re.compile("-{2,}")


def slugify_thai(value: object, max_length: int = SLUG_MAX_LENGTH) -> str:
    """The slug of `value` (a title): Thai words whole, with their vowels and tone marks.

    "ค่ายวิทยาศาสตร์สัญจร" → "ค่ายวิทยาศาสตร์สัญจร"; "ค่าย 2/2569" → "ค่าย-2-2569";
    "Open House PCRU 2569" → "open-house-pcru-2569"; "" or "!!!" → "".

    Letters and digits of any script, "_", and Thai combining marks that follow a letter, digit or mark
    are kept (Latin lower-cased); apostrophes, zero-width characters and other scripts' stray combining
    marks are dropped; anything else (spaces, punctuation, symbols) separates words with one "-". A
    comma between thousands is dropped, and the Thai spellings ํ + า (for ำ) and เเ (for แ) are written
    the usual way. The text is first put in NFC, not NFKC, which would split ำ into two characters.

    A slug longer than `max_length` code points is cut without separating a vowel or tone mark from
    its consonant (nor a leading vowel เ แ โ ใ ไ from the consonant after it), at the last "-" if one
    falls in the second half. Raises `ValueError` when `max_length` is below 1.

    The same rule is `slugifyThai()` in `static/pages/js/thai-slug.js`: change both together.
    """
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    text = unicodedata.normalize("NFC", str(value))
    text = _SARA_AM.sub("\\1\\2\u0e33", text.replace("\u0e40\u0e40", "\u0e41"))
    text = _THOUSANDS_COMMA.sub("", text).lower()
    kept = []
    follows_letter = False  # a Thai mark belongs to the letter (or digit, or mark) before it
    for char in text:
        category = unicodedata.category(char)
        if _THAI_MARK.match(char):
            if follows_letter:
                kept.append(char)
            continue
        if category[0] in "LN" or char == "_":
            kept.append(char)
        elif category not in _DROPPED_CATEGORIES and char not in _APOSTROPHES:
            kept.append("-")
        else:
            continue
        follows_letter = category[0] in "LN"
    slug = _REPEATED_SEPARATOR.sub("-", "".join(kept)).strip("-_")
    return _shorten(slug, max_length)


def _shorten(slug: str, max_length: int) -> str:
    chars = list(slug)
    if len(chars) <= max_length:
        return slug
    cut = max_length
    while cut > 0 and _THAI_MARK.match(chars[cut]):
        cut -= 1
    while cut > 0 and chars[cut - 1] in _PREPOSED_VOWELS:
        cut -= 1
    head = chars[:cut]
    if chars[cut] != "-" and "-" in head:
        last_separator = len(head) - 1 - head[::-1].index("-")
        if last_separator >= max_length // 2:
            head = head[:last_separator]
    return "".join(head).strip("-_")


def accept_thai_words_in_unicode_slugs() -> None:
    """Let Django's `validate_unicode_slug` accept Thai combining marks (idempotent; `PagesConfig.ready`).

    Django's rule, `^[-\\w]+\\Z`, means "Unicode letters, numbers, underscores, or hyphens", but Python's
    `\\w` leaves out combining marks, so no Thai word with a vowel above or below its consonant, or a
    tone mark, could be a slug anywhere: not Wagtail's `Page.slug` (model and admin form), not the copy
    form, not a snippet's `SlugField(allow_unicode=True)`. Every one of them holds this one validator
    object, so widening its pattern here, by exactly Thai's marks, is the one change that keeps them all
    in step with the admin's slug controller. Nothing else it rejected becomes valid.
    """
    validators.validate_unicode_slug.regex = re.compile(UNICODE_SLUG_PATTERN)


def unique_slug(title: str, parent, page=None) -> str:
    """`slugify_thai(title)`, numbered as Wagtail numbers its own ("-2", "-3", …) until no other child of
    `parent` (a `Page`) has it; `page`, if given, is the page the slug is for and does not count.

    Returns "" when the title has nothing to make a slug of (Wagtail then asks for one).
    """
    base_slug = slugify_thai(title)
    if not base_slug:
        return ""
    candidate, suffix = base_slug, 1
    while not Page._slug_is_available(candidate, parent, page):
        suffix += 1
        candidate = f"{base_slug}-{suffix}"
    return candidate


class ThaiSlugPageMixin:
    """For page types: a page saved without a slug gets `slugify_thai(title)`, unique among its siblings.

    Put it before `Page` in the bases. Wagtail fills an empty slug in `Page._set_core_field_defaults()`
    (run by `full_clean()`, `minimal_clean()` and so `save()`, once the parent is known) with Django's
    `slugify`, which drops Thai vowels and tone marks; this fills it first, and leaves the rest (draft
    title, locale) to Wagtail. With `WAGTAIL_ALLOW_UNICODE_SLUGS = False` Wagtail's ASCII slugs are kept.
    """

    def _set_core_field_defaults(self):
        parent_is_known = bool(self.path or getattr(self, "_cached_parent_obj", None))
        if not self.slug and self.title and parent_is_known and getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True):
            self.slug = unique_slug(self.title, self.get_parent(), self)
        super()._set_core_field_defaults()
