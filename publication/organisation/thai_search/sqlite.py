"""Wagtail's SQLite FTS5 search backend (django-modelsearch) with Thai words (`text.py`), ranked on our terms.

What differs from `modelsearch.backends.database.sqlite`:
- Index text is segmented (`text.index_text`). FTS5's unicode61 tokenizer also splits Thai at every vowel and tone
  mark ("ห้อง" → "ห", "อง"), and Wagtail's migration fixes the tokenizer of `wagtailsearch_indexentry_fts`: inside
  the index the marks are stored as private-use characters (`to_fts`), which unicode61 keeps inside a word, so each
  Thai word is one token. Queries are mapped the same way; `from_fts` maps stored text back.
- Query words are quoted FTS5 strings ('"' doubled), so no typed character is FTS5 syntax (wagtail/wagtail#13227).
- Ranked searches (`matching_entries`) start from the full-text index and look each match up in the searched queryset
  by primary key, instead of a correlated score subquery per row of the queryset; the rank is bm25 with the title
  weighted, and a page with a word of the query in its title always comes before one matched in its body only
  (TITLE_TIER). With `MAX_RANKED` only that many matches, the most recently indexed, are ranked; a query matching
  more than that is ordered by the title tier and then newest first, without bm25 (whose word statistics read every
  entry holding the word), so a word on every page costs the same at any archive size (`ThaiSQLiteSearchResults`).
"""

from __future__ import annotations

import operator
import unicodedata
from functools import reduce

from django.db.models import CharField, Exists, Expression, F, FloatField, IntegerField, OuterRef
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite.query import (
    AndNot,
    MatchExpression,
    SearchQueryCombinable,
    SearchQueryField,
    normalize,
)
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from publication.organisation.thai_search.ranking import RankedColumns, objects_in_order, ranked_page
from publication.organisation.thai_search.text import Term, index_text, query_terms

_PRIVATE_USE = 0xE000
_THAI_MARKS = [chr(code) for code in range(0x0E00, 0x0E80) if unicodedata.category(chr(code)).startswith("M")]
# Thai marks → U+E031…U+E04E; those private-use characters, should a text already hold them, are dropped.
_FTS_MARKS = {mark: chr(_PRIVATE_USE + ord(mark) - 0x0E00) for mark in _THAI_MARKS}
_TO_FTS = str.maketrans({**dict.fromkeys(_FTS_MARKS.values()), **_FTS_MARKS})
_FROM_FTS = str.maketrans({stored: mark for mark, stored in _FTS_MARKS.items()})

FTS_TABLE = SQLiteFTSIndexEntry._meta.db_table
#: bm25() weights of the FTS table's columns, in its order (autocomplete, body, title).
SEARCH_WEIGHTS = (0.0, 1.0, 2.0)
AUTOCOMPLETE_WEIGHTS = (1.0, 0.0, 0.0)
#: Subtracted from the bm25 score (lower is better) of an entry with a word of the query in its title.
TITLE_TIER = 10_000.0
#: The columns of `ThaiSQLiteSearchResults._ranked`'s query, for `ranking.ranked_page`.
BM25_COLUMNS = RankedColumns(key="index_entry__object_id", rank="_score", entry="_entry", best_first="ASC")


def to_fts(text: str) -> str:
    """`text` as stored in the FTS5 table: Thai words apart, Thai marks as private-use characters."""
    return index_text(text).translate(_TO_FTS)


def from_fts(stored: str) -> str:
    """The inverse of `to_fts` but for the word separators (see `text.display_text`)."""
    return stored.translate(_FROM_FTS)


def fts_query(terms: list[Term] | tuple[Term, ...], operator_name: str = "and", *, prefix: bool = False) -> str:
    """An FTS5 query for `terms`: each word a quoted string, a form's words ANDed, a term's forms ORed, the terms
    joined by AND or OR; with `prefix`, the last term's last words match as prefixes. "" when there is no term."""
    joiner = " OR " if operator_name == "or" else " AND "
    parts = []
    for number, term in enumerate(terms):
        star = " *" if prefix and number == len(terms) - 1 else ""
        forms = []
        for form in term.forms:
            words = ['"{}"'.format(word.translate(_TO_FTS).replace('"', '""')) for word in form]
            words[-1] += star
            forms.append(words[0] if len(words) == 1 else "(" + " AND ".join(words) + ")")
        parts.append(forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")")
    return joiner.join(parts)


class FTSQuery(SearchQueryCombinable, Expression):
    """A finished FTS5 query string, combinable like modelsearch's SQLite query expressions."""

    def __init__(self, text: str):
        super().__init__(output_field=SearchQueryField())
        self.text = text

    def as_sql(self, compiler, connection):
        return "%s", [self.text]


class ColumnWiseMatch(MatchExpression):
    """A MATCH that holds where one column alone matches (``{title} : (q) OR {body} : (q)``): the parts of one Thai
    word are not put together from the title and the body, as PostgreSQL's backend matches one word."""

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.query)
        text = sql % tuple(params)
        return self.template, [" OR ".join(f"{{{column}}} : ({text})" for column in self.columns)]


class WeightedBM25(Expression):
    """bm25() of the FTS table with column weights (lower is better); with `title_first`, minus TITLE_TIER where a
    word of the query is in the title (bm25 over the title column alone is below 0 exactly then)."""

    output_field = FloatField()

    def __init__(self, weights: tuple[float, float, float], title_first: bool = False):
        super().__init__()
        self.weights = weights
        self.title_first = title_first

    def as_sql(self, compiler, connection):
        sql = f"bm25({FTS_TABLE}, {', '.join(repr(float(weight)) for weight in self.weights)})"
        if self.title_first:
            sql = f"({sql} - {TITLE_TIER!r} * (bm25({FTS_TABLE}, 0.0, 0.0, 1.0) < 0))"
        return sql, []


class ThaiSQLiteObjectIndexer(ObjectIndexer):
    """Wagtail's values for the title, body and autocomplete columns, stored the FTS way (`to_fts`)."""

    @cached_property
    def title(self):
        return to_fts(ObjectIndexer.title.func(self))

    @cached_property
    def body(self):
        return to_fts(ObjectIndexer.body.func(self))

    @cached_property
    def autocomplete(self):
        return to_fts(ObjectIndexer.autocomplete.func(self))


class ThaiSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        """modelsearch's `SQLiteIndex.add_items`, with `ThaiSQLiteObjectIndexer` (upstream names its indexer
        class inside the method, so the method is repeated here)."""
        if not model.get_search_fields():
            return
        indexers = [ThaiSQLiteObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        values = {indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers}
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = frozenset(entries.filter(object_id__in=values.keys()).values_list("object_id", flat=True))
        for object_id in indexed:
            title, autocomplete, body = values[object_id]
            entries.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
        self.entries.bulk_create(
            IndexEntry(content_type_id=content_type_pk, object_id=object_id, title=title, autocomplete=autocomplete, body=body)
            for object_id, (title, autocomplete, body) in values.items()
            if object_id not in indexed
        )

    def _refresh_title_norms(self, full=False):
        """Nothing: our rank does not use the title norm, which upstream recomputes over the whole index (an
        average over every entry) on each save."""


class ThaiSQLiteCompilerMixin:
    """Thai query words for modelsearch's SQLite query compilers, and the ranked search from the index."""

    WEIGHTS = SEARCH_WEIGHTS

    def build_search_query_content(self, query, config=None):
        if isinstance(query, (PlainText, Phrase)):
            # A quoted phrase is searched as all of its words: Thai marks no word boundaries to keep a phrase by.
            operator_name = query.operator if isinstance(query, PlainText) else "and"
            text = fts_query(query_terms(query.query_string), operator_name, prefix=self.LAST_TERM_IS_PREFIX)
            return FTSQuery(text) if text else None
        if isinstance(query, (And, Or)):
            built = [part for part in (self.build_search_query_content(sub, config) for sub in query.subqueries) if part is not None]
            return reduce(operator.and_ if isinstance(query, And) else operator.or_, built) if built else None
        if isinstance(query, AndNot):
            kept = self.build_search_query_content(query.subquery_a, config)
            dropped = self.build_search_query_content(query.subquery_b, config)
            return kept if kept is None or dropped is None else kept._combine(dropped, "NOT")
        return super().build_search_query_content(query, config)

    def search(self, config, start, stop, score_field=None):
        normalized = normalize(self.query)
        positive = normalized.subquery if isinstance(normalized, Not) else normalized
        if not isinstance(positive, MatchAll) and self.build_search_query_content(positive, config) is None:
            # No word left (the query was quotes or operators): nothing matches, and its negation everything.
            return self.queryset[start:stop] if positive is not normalized else self.queryset.none()
        return super().search(config, start, stop, score_field=score_field)

    def matching_entries(self, *, scored: bool = True):
        """The FTS entries matching this query within the searched queryset, annotated `_entry` (the entry's id:
        newer entries have higher ids) and, when `scored`, `_score` (bm25, lower is better), unordered; None when
        the search is not by relevance or has no word (modelsearch's own `search` then runs)."""
        normalized = normalize(self.query)
        if not self.order_by_relevance or isinstance(normalized, (MatchAll, Not)):
            return None
        expression = self.build_search_query(normalized)
        if expression is None:
            return None
        columns = self.fields or self.FTS_TABLE_FIELDS
        # Each match is looked up in the searched queryset by primary key (live, public…), rather than listing the
        # whole queryset's ids first: the cost follows the matches read, not the size of the archive.
        pk = self.queryset.model._meta.pk
        pk = pk.target_field if pk.is_relation else pk
        integer_pk = pk.get_internal_type() in {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}
        entry_pk = Cast(OuterRef("index_entry__object_id"), IntegerField() if integer_pk else CharField())
        one_word = isinstance(normalized, PlainText) and len(query_terms(normalized.query_string)) == 1
        return (
            SQLiteFTSIndexEntry.objects.filter((ColumnWiseMatch if one_word else MatchExpression)(columns, expression))
            .filter(
                Exists(self.queryset.order_by().filter(pk=entry_pk)),
                index_entry__content_type_id__in=get_descendants_content_types_pks(self.queryset.model),
            )
            .annotate(
                _entry=F("index_entry_id"),
                **({"_score": WeightedBM25(self.WEIGHTS, title_first=self.has_title_tier)} if scored else {}),
            )
            .order_by()
        )

    @property
    def has_title_tier(self) -> bool:
        """Whether a match in the title comes first (a search of every column; not autocomplete)."""
        return self.WEIGHTS is SEARCH_WEIGHTS and "title" in (self.fields or self.FTS_TABLE_FIELDS)

    def entries_with_title_match(self, entries: list[int]) -> set[int]:
        """Those of `entries` (ids of matching entries) with a word of this query in their title (the title tier
        without bm25); empty without a title tier."""
        normalized = normalize(self.query)
        if not self.has_title_tier or isinstance(normalized, (MatchAll, Not)):
            return set()
        if isinstance(normalized, (PlainText, Phrase)):  # any of its words, as `WeightedBM25` takes it
            text = fts_query(query_terms(normalized.query_string), "or")
            expression = FTSQuery(text) if text else None
        else:
            expression = self.build_search_query(normalized)
        if expression is None or not entries:
            return set()
        # A range of rowids, not `IN (entries)`: FTS5 runs the MATCH once for each value of an IN list (0.18 s for
        # 1,000 entries at 100,000 pages), but seeks a range in its lists of entries (0.3 ms).
        titled = SQLiteFTSIndexEntry.objects.filter(MatchExpression(["title"], expression), index_entry_id__gte=min(entries))
        return set(titled.values_list("index_entry_id", flat=True)).intersection(entries)

class ThaiSQLiteSearchQueryCompiler(ThaiSQLiteCompilerMixin, SQLiteSearchQueryCompiler):
    pass


class ThaiSQLiteAutocompleteQueryCompiler(ThaiSQLiteCompilerMixin, SQLiteAutocompleteQueryCompiler):
    WEIGHTS = AUTOCOMPLETE_WEIGHTS


class ThaiSQLiteSearchResults(SQLiteSearchResults):
    """Ranked results in one query (rows, their total and whether matches were left out), from at most the
    backend's `max_ranked` newest matches.

    bm25() costs more than its rows: on its first row it counts the entries holding each word of the query (FTS5's
    inverse document frequency), reading the whole list of those entries; for a word on every page, 14 ms at
    100,000 pages, and growing with the archive. So a query that matches more than `max_ranked` entries (which
    `max_ranked` exists for) is not ranked by bm25: its newest `max_ranked` matches come with the word in their
    title first, each tier newest first. A word that common says little about any one page; the page says more
    matched and asks for another word.
    """

    #: Whether the last `page_with_total` found matches beyond the `max_ranked` newest (None: not asked yet).
    _left_out: bool | None = None

    def _ranked(self, extra: int = 0):
        """(the SQL and parameters of the matching entries to rank, newest first, at most `max_ranked` + `extra`),
        or None."""
        matching = self.query_compiler.matching_entries()
        if matching is None:
            return None
        rows = matching.values_list("index_entry__object_id", "_score", "_entry")
        if self.backend.max_ranked:
            # FTS5 walks its matches newest first and stops here.
            rows = rows.order_by("-index_entry_id")[: self.backend.max_ranked + extra]
        return rows.query.sql_with_params()

    def _newest(self, count: int) -> list[tuple[str, int]] | None:
        """(object id, entry id) of the newest `count` matches, newest first, without bm25; None when not ranked."""
        walk = self.query_compiler.matching_entries(scored=False)
        if walk is None:
            return None
        return list(walk.values_list("index_entry__object_id", "_entry").order_by("-index_entry_id")[:count])

    def _rows_with_total(self, start: int, stop: int | None) -> tuple[list, int] | None:
        """(the objects from `start` to `stop`, the number of ranked matches), or None when not ranked here."""
        limit = self.backend.max_ranked
        if limit:
            newest = self._newest(limit + 1)
            if newest is None:
                return None
            if len(newest) > limit:
                return self._common_rows(newest[:limit], start, stop)
        ranked = self._ranked(extra=1)
        if ranked is None:
            return None
        # bm25() works only in the query that has the MATCH, so the ranking and the window counts run around it.
        rows, found = ranked_page(*ranked, BM25_COLUMNS, limit, start, stop)
        self._left_out = bool(limit) and found > limit
        total = min(found, limit) if limit else found
        return objects_in_order(self.query_compiler.queryset, rows, self._score_field), total

    def _common_rows(self, newest: list[tuple[str, int]], start: int, stop: int | None) -> tuple[list, int]:
        """The page from `start` to `stop` of the `newest` matches (more matched): title matches first, each tier
        newest first; the score is -TITLE_TIER for a title match, else 0 (bm25's scale: lower is better)."""
        self._left_out = True
        titled = self.query_compiler.entries_with_title_match([entry for _, entry in newest])
        ordered = sorted(newest, key=lambda row: row[1] not in titled)  # stable: newest first within each tier
        rows = [(object_id, -TITLE_TIER if entry in titled else 0.0) for object_id, entry in ordered[start:stop]]
        return objects_in_order(self.query_compiler.queryset, rows, self._score_field), len(newest)

    def _do_search(self):
        found = self._rows_with_total(self.start, self.stop)
        return super()._do_search() if found is None else found[0]

    def _do_count(self):
        limit = self.backend.max_ranked
        matching = self.query_compiler.matching_entries(scored=False)
        if matching is None:
            return super()._do_count()
        return matching.order_by("-index_entry_id")[:limit].count() if limit else matching.count()

    def page_with_total(self, start: int, stop: int) -> tuple[list, int]:
        """(the results from `start` to `stop`, the number of all results): one full-text query, not two."""
        found = self._rows_with_total(start, stop)
        return (list(self[start:stop]), self.count()) if found is None else found

    def more_than_ranked(self) -> bool:
        """Whether matches beyond the `max_ranked` newest were left out: known from `page_with_total` when it ran,
        else one query."""
        if self._left_out is not None:
            return self._left_out
        limit = self.backend.max_ranked
        newest = self._newest(limit + 1) if limit else None
        return newest is not None and len(newest) > limit


class ThaiSQLiteSearchBackend(SQLiteSearchBackend):
    """SQLite FTS5 full-text search that finds Thai words inside unbroken Thai text."""

    query_compiler_class = ThaiSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = ThaiSQLiteAutocompleteQueryCompiler
    index_class = ThaiSQLiteIndex
    results_class = ThaiSQLiteSearchResults

    def __init__(self, params):
        super().__init__(params)
        #: Rank at most this many matches, the most recently indexed (MAX_RANKED in the settings; None: all).
        self.max_ranked = params.get("MAX_RANKED")
