"""Wagtail's PostgreSQL full-text search backend (django-modelsearch) with Thai words (`text.py`).

What differs from `modelsearch.backends.database.postgres`:
- The title, body and autocomplete tsvectors are built from segmented text (`text.index_text`); the plain
  `title_text`/`body_text` copies stay as written (result snippets read them). PostgreSQL's parser keeps a Thai word
  with its vowel and tone marks as one token, so nothing else is mapped.
- Query words become a raw tsquery of quoted lexemes ("'" doubled): each parsed by PostgreSQL the way the indexed
  text was, a compound's forms ORed (the word itself, or all of its parts).
- A result with a word of the query in its title comes before one matched in its body only (TITLE_TIER); the
  title norm (a boost for short titles, recomputed over the whole index on every save upstream) is not used.
Use `SEARCH_CONFIG: "simple"` (settings): no English stemming or stop words to mangle Thai and Latin words.
"""

from __future__ import annotations

import operator
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchVectorExact
from django.db.models import Case, Count, F, FloatField, Q, Value, When, Window
from django.db.models.functions import Cast
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import And, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from publication.organisation.thai_search.ranking import RankedColumns, objects_in_order, ranked_page
from publication.organisation.thai_search.text import Term, index_text, query_terms

#: Added to the rank (higher is better) of a result whose title alone matches the query.
TITLE_TIER = 10_000.0
#: The columns of `ThaiPostgresCompilerMixin.ranked_entries`'s query, for `ranking.ranked_page`.
TS_RANK_COLUMNS = RankedColumns(key="object_pk", rank="_rank", entry="id", best_first="DESC")


def tsquery_text(terms: list[Term] | tuple[Term, ...], operator_name: str = "and", *, prefix: bool = False) -> str:
    """A raw tsquery for `terms` (to_tsquery's syntax): "" when there is no term."""
    joiner = " | " if operator_name == "or" else " & "
    parts = []
    for number, term in enumerate(terms):
        last = prefix and number == len(terms) - 1
        forms = []
        for form in term.forms:
            lexemes = ["'{}'".format(word.replace("\\", "\\\\").replace("'", "''")) for word in form]
            if last:
                lexemes[-1] += ":*"
            forms.append(lexemes[0] if len(lexemes) == 1 else "(" + " & ".join(lexemes) + ")")
        parts.append("(" + " | ".join(forms) + ")")
    return joiner.join(parts)


def _children(query) -> list:
    """The direct subqueries of a modelsearch query node (And/Or's `subqueries`, Not/Boost's `subquery`)."""
    children = getattr(query, "subqueries", None) or [getattr(query, "subquery", None)]
    return [child for child in children if child is not None]


def _query_texts(query) -> list[str]:
    """The texts typed into `query` (a modelsearch query tree): every PlainText's and Phrase's string."""
    if isinstance(query, (PlainText, Phrase)):
        return [query.query_string]
    return [text for child in _children(query) for text in _query_texts(child)]


def _negates(query) -> bool:
    """Whether a NOT is anywhere in `query`."""
    return isinstance(query, Not) or any(_negates(child) for child in _children(query))


class ThaiPostgresObjectIndexer(ObjectIndexer):
    def as_vector(self, texts, for_autocomplete=False):
        """Wagtail's vector, from segmented text."""
        return super().as_vector([(index_text(text), weight) for text, weight in texts], for_autocomplete=for_autocomplete)


class ThaiPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        """modelsearch's `PostgresIndex.add_items`, with `ThaiPostgresObjectIndexer` (upstream names its indexer
        class inside the method, so the method is repeated here)."""
        if not model.get_search_fields():
            return
        indexers = [ThaiPostgresObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        rows, params = [], []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(IndexEntry._meta.get_field(name), getattr(indexer, name))
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                params.extend(value_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {IndexEntry._meta.db_table}
                    (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                (VALUES {", ".join(rows)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body, title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
                """,  # noqa: S608 - the table name is the model's; every value is a parameter
                params,
            )

    def _refresh_title_norms(self, full=False):
        """Nothing: our rank gives every title the same norm (see `get_index_vectors`); upstream recomputes it
        over the whole index (an average over every entry) on each save."""


class ThaiPostgresCompilerMixin:
    """Thai query words for modelsearch's PostgreSQL query compilers; the title tier in the rank."""

    TITLE_FIRST = True
    #: The path from the searched model to the index entries' vectors ("" while ranking the entries themselves).
    entry_path = "index_entries__"

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, (PlainText, Phrase)):
            # A quoted phrase is searched as all of its words: Thai marks no word boundaries to keep a phrase by.
            operator_name = query.operator if isinstance(query, PlainText) else "and"
            text = tsquery_text(query_terms(query.query_string), operator_name, prefix=self.LAST_TERM_IS_PREFIX)
            return SearchQuery(text, search_type="raw", config=config, invert=invert) if text else None
        if isinstance(query, (And, Or)):
            built = [self.build_tsquery_content(sub, config=config, invert=invert) for sub in query.subqueries]
            built = [part for part in built if part is not None]
            if not built:
                return None
            # De Morgan, as upstream: an inverted AND is an OR of inverted parts.
            return reduce(operator.and_ if isinstance(query, And) != invert else operator.or_, built)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def get_index_vectors(self, search_query):
        if self.TITLE_FIRST:  # not autocomplete, which ranks its own column
            return [(F(f"{self.entry_path}title"), 1.0), (F(f"{self.entry_path}body"), 1.0)]
        upstream = super().get_index_vectors(search_query)
        return [(F(self.entry_path + vector.name.removeprefix("index_entries__")), boost) for vector, boost in upstream]

    def _build_rank_expression(self, vectors, config):
        rank = super()._build_rank_expression(vectors, config)
        if not self.TITLE_FIRST or self.fields is not None or isinstance(self.query, Not):
            return rank
        if isinstance(self.query, (PlainText, Phrase)):  # any of its words in the title
            words = tsquery_text(query_terms(self.query.query_string), "or")
            title_query = SearchQuery(words, search_type="raw", config=config)
        else:
            title_query = self.build_tsquery(self.query, config=config)
        title_matches = SearchVectorExact(F(f"{self.entry_path}title"), title_query)
        return rank + Case(When(title_matches, then=Value(TITLE_TIER)), default=Value(0.0), output_field=FloatField())

    def search(self, config, start, stop, score_field=None, backend=None):
        query = self.query.subquery if isinstance(self.query, Not) else self.query
        if not isinstance(query, (MatchAll, Fuzzy)) and self.build_tsquery_content(query, config=config) is None:
            # No word left (the query was quotes or operators): nothing matches, and its negation everything.
            return self.queryset[start:stop] if query is not self.query else self.queryset.none()
        limit = getattr(backend, "max_ranked", None)
        newest = self.newest_matches(config) if limit else None
        if newest is None:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        searched = self.queryset
        # Rank only the newest matches: the GIN index finds them all, but ts_rank reads at most `limit` of them.
        self.queryset = searched.filter(pk__in=newest[:limit])
        try:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        finally:
            self.queryset = searched

    def newest_matches(self, config):
        """The ids of the searched objects this query matches, the most recently indexed first (a subquery of
        ``object_pk``); None when the search is not by relevance (nothing is ranked then)."""
        entries = self.newest_entries(config)
        return None if entries is None else entries.values("object_pk")

    def newest_entries(self, config):
        """The index entries of the searched objects this query matches, the most recently indexed first, each
        annotated with its object's key (``object_pk``); None when the search is not by relevance.

        Read from the index entries by their own key, newest first, each kept if its object is among the searched
        ones (a semi-join on the object's key): when most entries match, the scan stops after `max_ranked` of them,
        whatever the size of the archive. Joining the page table to the entries instead (upstream's relation,
        ``page.id::varchar = object_id``) made PostgreSQL loop over every page for every entry: seconds at
        100,000 pages.
        """
        if not self.order_by_relevance or isinstance(self.query, (MatchAll, Not, Fuzzy)):
            return None
        search_query = self.build_tsquery(self.query, config=config)
        key_field = self.queryset.model._meta.pk
        key = key_field.target_field if key_field.is_relation else key_field
        columns = ("title", "body") if self.TITLE_FIRST else ("autocomplete",)
        document = reduce(lambda left, right: left._combine(right, "||", False), [F(column) for column in columns])
        # Whether an entry matches is decided on its columns together (`title || body`: the words of an AND may sit in
        # both, and a NOT must hold for both). That has no index, so first each column's GIN index is asked for the
        # entries holding any word of the query, which every match does: PostgreSQL reads a rare word's few entries
        # from the indexes, and a word found everywhere by walking the entries' key backwards until it has
        # `max_ranked` of them.
        any_word = self.any_word_tsquery(config)
        candidates = reduce(operator.or_, [Q(**{column: any_word}) for column in columns]) if any_word is not None else Q()
        matches = Q(_document=search_query)
        texts = _query_texts(self.query)
        if not _negates(self.query) and len(texts) == 1 and len(query_terms(texts[0])) == 1:
            # One word (with its forms): the candidates are the matches; its parts are not sought across columns.
            matches = Q()
        elif not _negates(self.query):  # then a column that matches alone is a match, asked first: no concatenation
            matches = reduce(operator.or_, [*(Q(**{column: search_query}) for column in columns), matches])
        return (
            IndexEntry.objects.filter(content_type_id__in=get_descendants_content_types_pks(self.queryset.model))
            .filter(candidates)
            .annotate(_document=document)
            .filter(matches)
            .annotate(object_pk=Cast("object_id", output_field=key.__class__()))
            .filter(object_pk__in=self.queryset.values("pk"))
            .order_by("-id")
        )

    def any_word_tsquery(self, config):
        """A tsquery matching any word of this query (each text's last word as a prefix when the query's is), which
        every entry matching the query holds; None when the query has no text (nothing to ask the indexes)."""
        texts = [
            tsquery_text(query_terms(text), "or", prefix=self.LAST_TERM_IS_PREFIX) for text in _query_texts(self.query)
        ]
        texts = [text for text in texts if text]
        return SearchQuery(" | ".join(texts), search_type="raw", config=config) if texts else None

    def ranked_entries(self, config, limit: int):
        """(SQL, parameters) of the newest `limit` + 1 matching entries with their rank: columns ``object_pk``,
        ``_rank`` (higher is better) and ``id``; None when the search is not ranked from the entries (not by
        relevance, or on named fields, whose vectors are not in the index)."""
        entries = self.newest_entries(config) if self.fields is None else None
        if entries is None:
            return None
        self.entry_path = ""  # the same rank upstream gives, on the entries' own columns
        try:
            rank = self._build_rank_expression(self.get_index_vectors(None), config)
        finally:
            del self.entry_path
        return entries.annotate(_rank=rank).values_list("object_pk", "_rank", "id")[: limit + 1].query.sql_with_params()


class ThaiPostgresSearchQueryCompiler(ThaiPostgresCompilerMixin, PostgresSearchQueryCompiler):
    pass


class ThaiPostgresAutocompleteQueryCompiler(ThaiPostgresCompilerMixin, PostgresAutocompleteQueryCompiler):
    TITLE_FIRST = False


class ThaiPostgresSearchResults(PostgresSearchResults):
    """Ranked pages of results in one query (rows, their total and whether matches were left out), ranked from the
    index entries of at most the backend's `max_ranked` newest matches."""

    #: Whether the last `page_with_total` found matches beyond the `max_ranked` newest (None: not asked yet).
    _left_out: bool | None = None

    def page_with_total(self, start: int, stop: int) -> tuple[list, int]:
        """(the results from `start` to `stop`, the number of all results): one full-text query, not two.

        With `max_ranked`, the rank is computed on the newest matching entries alone and the page's objects are
        read by key afterwards: upstream's query joins every searched object back to its entry and matches the
        text again (``title || body``), which cost as much as the ranking itself.
        """
        compiler, limit = self.query_compiler, self.backend.max_ranked
        config = compiler.get_config(self.backend)
        ranked = compiler.ranked_entries(config, limit) if limit else None
        if ranked is not None:
            rows, found = ranked_page(*ranked, TS_RANK_COLUMNS, limit, start, stop)
            self._left_out = found > limit
            return objects_in_order(compiler.queryset, rows, self._score_field), min(found, limit)
        queryset = compiler.search(config, None, None, score_field=self._score_field, backend=self.backend)
        rows = list(queryset.annotate(_search_total=Window(Count("*")))[start:stop])
        return (rows, rows[0]._search_total) if rows else ([], self.count())

    def more_than_ranked(self) -> bool:
        """Whether matches beyond the `max_ranked` newest were left out: known from `page_with_total` when it ran,
        else one query."""
        if self._left_out is not None:
            return self._left_out
        limit, compiler = self.backend.max_ranked, self.query_compiler
        newest = compiler.newest_matches(compiler.get_config(self.backend)) if limit else None
        return newest is not None and newest[limit : limit + 1].exists()


class ThaiPostgresSearchBackend(PostgresSearchBackend):
    """PostgreSQL full-text search that finds Thai words inside unbroken Thai text."""

    query_compiler_class = ThaiPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = ThaiPostgresAutocompleteQueryCompiler
    index_class = ThaiPostgresIndex
    results_class = ThaiPostgresSearchResults

    def __init__(self, params):
        super().__init__(params)
        #: Rank at most this many matches, the newest (MAX_RANKED in the settings; None: all).
        self.max_ranked = params.get("MAX_RANKED")
