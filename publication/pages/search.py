"""The public search page's results: live public pages ranked by the search backend, each with its match shown.

`search_public_pages` asks Wagtail's default search backend (`publication.organisation.thai_search`: Thai words
are found inside unbroken Thai text; title matches rank first) for one page of results, then reads the indexed
text of just those pages for the snippets: a constant number of queries whatever the number of matches.
Snippets and titles are escaped, with each match wrapped in <mark> (no inline style: the public CSP forbids it).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from publication.organisation.thai_search import display_texts, more_than_ranked, page_with_total
from publication.organisation.thai_search.text import Term, query_terms, thai_word_spans

SEARCH_PAGE_SIZE = 10
#: Characters of a query that are searched; the rest is kept in the search box and the user is told.
MAX_QUERY_LENGTH = 200
#: A larger page number typed in the address is read as this (then as the last page).
MAX_PAGE_NUMBER = 100_000
#: About this many characters of text around the first match.
SNIPPET_LENGTH = 240
# Characters on each side of a written Thai query word that are segmented to see whether it is a word there.
_CONTEXT = 20
# A Latin word or number is highlighted whole: not when a non-Thai letter or digit touches it.
_NOT_INSIDE = r"[^\W\u0E00-\u0E7F]"


@dataclass
class SearchHit:
    """One result: the page, its URL, and its title and snippet as escaped HTML with <mark>ed matches."""

    page: Page
    url: str
    title: SafeString
    snippet: SafeString


@dataclass
class SearchOutcome:
    """What the search page shows for a query: `results` (a paginator page of SearchHit) and any `notices`."""

    query: str
    results: PaginatorPage | None = None
    notices: list[str] = field(default_factory=list)
    #: More pages matched than the search backend ranks (MAX_RANKED): the newest of them are shown.
    more: bool = False


class Highlighter:
    """Finds the words of a query in a text the way the index matched them.

    A Thai word is marked where the text's own segmentation (newmm, with compounds' parts) holds it, so "สอบ" is
    marked in "ตารางสอบ" but not in "ประสบการณ์"; a compound wherever it is written (the text may be cut
    "ปลูก|ป่าชุมชน" where the query was "ปลูกป่า"); a Latin word or number whole, in any case.
    """

    def __init__(self, terms: list[Term] | tuple[Term, ...]):
        self.thai = {term.text for term in terms if term.is_thai}
        thai = [re.escape(word) for word in sorted(self.thai, key=len, reverse=True)]
        self.thai_written = re.compile("|".join(thai)) if thai else None
        compounds = [re.escape(term.text) for term in terms if term.is_thai and len(term.forms) > 1]
        self.compounds = re.compile("|".join(compounds)) if compounds else None
        latin = sorted({term.text for term in terms if not term.is_thai}, key=len, reverse=True)
        alternatives = [f"(?<!{_NOT_INSIDE}){re.escape(word)}(?!{_NOT_INSIDE})" for word in latin]
        self.latin = re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None
        # Where a query word is written at all: cheap, to place a snippet before segmenting only that much text.
        written = thai + alternatives
        self.written = re.compile("|".join(written), re.IGNORECASE) if written else None

    def _windows(self, text: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
        """(start, end, the matches inside) of the stretches of `text` to segment: _CONTEXT characters either side
        of each written Thai match, overlapping stretches joined."""
        windows: list[tuple[int, int, list[tuple[int, int]]]] = []
        for match in self.thai_written.finditer(text) if self.thai_written else ():
            around, until = max(0, match.start() - _CONTEXT), match.end() + _CONTEXT
            if windows and around <= windows[-1][1]:
                windows[-1] = (windows[-1][0], until, [*windows[-1][2], match.span()])
            else:
                windows.append((around, until, [match.span()]))
        return windows

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) of the matches in `text`, in order; touching matches joined."""
        found = []
        # Is each written match a word (or a compound's part) there? Segment only the letters around the matches,
        # once for matches close together: newmm is the cost here.
        for around, until, matches in self._windows(text):
            found.extend(
                (around + start, around + end)
                for start, end, word in thai_word_spans(text[around:until])
                if word in self.thai and any(around + start >= first and around + end <= last for first, last in matches)
            )
        if self.compounds is not None:
            found.extend(match.span() for match in self.compounds.finditer(text))
        if self.latin is not None:
            found.extend(match.span() for match in self.latin.finditer(text) if match.end() > match.start())
        joined: list[tuple[int, int]] = []
        for start, end in sorted(found):
            if joined and start <= joined[-1][1]:  # "ห้องประชุม" + "คณะ" side by side: one mark
                joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
            else:
                joined.append((start, end))
        return joined

    def highlight(self, text: str) -> SafeString:
        """`text` escaped, with every match in <mark>."""
        pieces, position = [], 0
        for start, end in self.spans(text):
            pieces.append(f"{escape(text[position:start])}<mark>{escape(text[start:end])}</mark>")
            position = end
        pieces.append(escape(text[position:]))
        return mark_safe("".join(pieces))  # noqa: S308 - every piece of the text is escaped above

    def snippet(self, text: str, length: int = SNIPPET_LENGTH) -> SafeString:
        """About `length` characters of `text` around its first match (its start when nothing matches),
        highlighted; "…" where text was cut. Never starts on a Thai vowel or tone mark cut from its letter."""
        text = " ".join(text.split())
        found = self.written.search(text) if self.written else None
        first = found.span() if found else None
        start = max(0, first[0] - length // 3) if first else 0
        if first and start:
            space = text.find(" ", start, min(first[0], start + 30))
            start = space + 1 if space != -1 else start
            while start < len(text) and unicodedata.category(text[start]).startswith("M"):
                start += 1
        end = min(len(text), start + length)
        if end < len(text):
            space = text.rfind(" ", max(start + length * 2 // 3, first[1] if first else 0), end)
            end = space if space != -1 else end
            while end < len(text) and unicodedata.category(text[end]).startswith("M"):
                end += 1
        return mark_safe(("…" if start else "") + self.highlight(text[start:end]) + ("…" if end < len(text) else ""))  # noqa: S308


def search_public_pages(query: str, page_number, request=None, page_size: int = SEARCH_PAGE_SIZE) -> SearchOutcome:
    """Live pages without a view restriction, of the site serving `request` (the default site without one), that
    match `query`, best first, as one paginator page.

    `page_number` may be anything a user can type (a page past the end gives the last page, a word the first).
    A query longer than MAX_QUERY_LENGTH is cut (a notice says so); a query with no word in it (quotes,
    operators alone) searches nothing and says so. Raises nothing for any text.
    """
    outcome = SearchOutcome(query=query)
    searched = query[:MAX_QUERY_LENGTH]
    if len(query) > MAX_QUERY_LENGTH:
        outcome.notices.append(
            _("Your search was longer than %(limit)s characters: only the first %(limit)s were searched.") % {"limit": MAX_QUERY_LENGTH}
        )
    terms = query_terms(searched)
    if not terms:
        outcome.notices.append(_("Please type the words you are looking for."))
        return outcome
    site = Site.find_for_request(request) if request is not None else Site.objects.filter(is_default_site=True).first()
    public = Page.objects.live().public()
    # Another site's pages, and pages no site serves (the tree's root, a page moved out of every site), have no
    # link here: they are not results.
    found = (public.in_site(site) if site is not None else public.filter(pk__in=[])).search(searched)
    try:
        number = min(max(1, int(page_number or 1)), MAX_PAGE_NUMBER)
    except (TypeError, ValueError):
        number = 1
    pages, total = page_with_total(found, (number - 1) * page_size, number * page_size)
    if not pages and number > 1:  # past the last page: show the last page
        number = max(1, math.ceil(total / page_size))
        if total:
            pages, total = page_with_total(found, (number - 1) * page_size, number * page_size)
    outcome.more = more_than_ranked(found, total)
    paginator = Paginator(found, page_size)
    paginator.count = total  # known already; the paginator would count again
    texts = display_texts(Page, [page.pk for page in pages]) if pages else {}
    highlighter = Highlighter(terms)
    hits = [
        SearchHit(
            page=page,
            url=page.get_url(request) or "",
            title=highlighter.highlight(page.title),
            snippet=highlighter.snippet(texts.get(str(page.pk), ("", ""))[1] or page.search_description),
        )
        for page in pages
    ]
    outcome.results = PaginatorPage(hits, number, paginator)
    return outcome
