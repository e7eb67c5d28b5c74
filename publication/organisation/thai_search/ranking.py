"""One page of ranked results from the index entries, shared by the SQLite and PostgreSQL backends.

Both backends rank at most `MAX_RANKED` matches, the most recently indexed: the query of the matching entries walks
the index newest first and stops one entry past the limit. Around it, one query numbers the entries, keeps the
newest `MAX_RANKED`, counts them and orders them by rank, and reports whether any match was left out; the objects
of the page are then read by primary key.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

#: LIMIT for "no limit", valid in SQLite and PostgreSQL alike.
NO_LIMIT = 2**62


@dataclass(frozen=True)
class RankedColumns:
    """The names of the matching entries' columns (as their query selects them): the object's key, the rank and the
    entry's id (newer entries have higher ids); `best_first` is the rank's direction (bm25: "ASC", ts_rank: "DESC")."""

    key: str
    rank: str
    entry: str
    best_first: str


def ranked_page(sql: str, params, columns: RankedColumns, limit: int | None, start: int, stop: int | None) -> tuple[list[tuple], int]:
    """([(object key, rank), …] from `start` to `stop`, best first, the number of matches found), where `sql` gives
    the matching entries newest first and at most `limit` + 1 of them (so the number found is `limit` + 1 when
    matches were left out); only the newest `limit` are ranked. Two queries only when the page is past the end."""
    quote = connection.ops.quote_name
    key, rank, entry = quote(columns.key), quote(columns.rank), quote(columns.entry)
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT {key}, {rank}, "found" FROM (SELECT *, COUNT(*) OVER () AS "found", '  # noqa: S608 - compiled SQL, our names
            f'ROW_NUMBER() OVER (ORDER BY {entry} DESC) AS "newest" FROM ({sql}) AS "matches") AS "numbered" '
            f'WHERE "newest" <= %s ORDER BY {rank} {columns.best_first}, {entry} DESC LIMIT %s OFFSET %s',
            [*params, limit or NO_LIMIT, NO_LIMIT if stop is None else max(0, stop - start), start],
        )
        rows = cursor.fetchall()
        if rows:
            return [row[:2] for row in rows], rows[0][2]
        cursor.execute(f'SELECT COUNT(*) FROM ({sql}) AS "matches"', params)  # noqa: S608 - past the end
        return [], cursor.fetchone()[0]


def objects_in_order(queryset, rows, score_field: str | None = None) -> list:
    """The objects of `queryset` for `rows` ((object key, rank) pairs), in the rows' order, with the rank as
    `score_field` when given. One query; a key whose object `queryset` no longer holds is left out."""
    to_pk = queryset.model._meta.pk.to_python
    order = {to_pk(object_id): (position, score) for position, (object_id, score) in enumerate(rows)}
    found = sorted(queryset.filter(pk__in=list(order)), key=lambda obj: order[obj.pk][0])
    if score_field is not None:
        for obj in found:
            setattr(obj, score_field, order[obj.pk][1])
    return found
