"""The demo university built once per test process, then restored from a snapshot of its rows (`conftest.demo`).

`bootstrap_demo` makes thousands of ORM queries (a page tree, revisions, groups and their permissions): about
0.5 s a test on SQLite and 2–3 s on PostgreSQL, where every query is a round trip. The first test of a process
that asks for the demo runs the command for real and records the rows of every table it changed. Later tests
delete those tables' rows and insert the recorded ones (one statement per table on PostgreSQL), inside the test's
transaction, and move the tables' sequences past the restored keys.

A snapshot is restored only onto the database state it was recorded from: the content types, the row count of
every table and the rows of the tables it replaces must be what they were before `bootstrap_demo` ran; otherwise
(after a transactional test left other rows, say) the command runs for real again. The restored rows are the
command's rows, timestamps included (from earlier in the same run).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction


@dataclass(frozen=True)
class Table:
    """A table as the snapshot reads and writes it: `virtual` for SQLite's FTS5 tables, whose rows need `rowid`."""

    name: str
    virtual: bool = False


def tables() -> list[Table]:
    """Every table of the default database that holds rows we may restore (SQLite: FTS5 tables, not their shadow
    tables, which FTS5 keeps itself)."""
    if connection.vendor != "sqlite":
        return [Table(name) for name in connection.introspection.table_names(include_views=False)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        rows = cursor.fetchall()
    virtual = {name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")}
    shadow = {name for name, _ in rows for table in virtual if name.startswith(f"{table}_")}
    return [Table(name, name in virtual) for name, _ in sorted(rows) if name not in shadow]


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def read_rows(table: Table) -> tuple[list[str], list[tuple]]:
    """(column names, rows) of `table`, in a stable order; on PostgreSQL each row is one JSON text (its columns'
    types are PostgreSQL's to convert back), on SQLite a tuple of plain values."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT row_to_json(t)::text FROM {_quoted(table.name)} AS t")  # noqa: S608 - our table names
            return ["json"], sorted(cursor.fetchall())
        select = "rowid AS rowid, *" if table.virtual else "*"
        cursor.execute(f"SELECT {select} FROM {_quoted(table.name)}")  # noqa: S608 - our table names
        columns = [column[0] for column in cursor.description]
        return columns, sorted(cursor.fetchall(), key=repr)


def row_counts(all_tables: list[Table]) -> tuple[int, ...]:
    """The row count of each table, in one query."""
    counts = ", ".join(f"(SELECT COUNT(*) FROM {_quoted(table.name)})" for table in all_tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return tuple(cursor.fetchone())


def _digest(parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


@dataclass
class Snapshot:
    """The rows `bootstrap_demo` left in the tables it changed, and the state it started from (as digests)."""

    all_tables: list[Table]
    before: str
    rows: dict[Table, tuple[list[str], list[tuple]]]

    def state(self) -> str:
        """A digest of what the snapshot must start from: row counts, content types, the replaced tables' rows."""
        content_types = read_rows(Table("django_content_type"))
        replaced = [read_rows(table) for table in self.rows]
        return _digest((row_counts(self.all_tables), content_types, replaced))

    def restore(self) -> None:
        """Replace the changed tables' rows with the recorded ones, in one transaction; sequences follow."""
        with transaction.atomic(), connection.cursor() as cursor:
            for table, (columns, rows) in self.rows.items():
                cursor.execute(f"DELETE FROM {_quoted(table.name)}")  # noqa: S608 - our table names
                if not rows:
                    continue
                if connection.vendor == "postgresql":
                    cursor.execute(
                        f"INSERT INTO {_quoted(table.name)} SELECT * FROM "  # noqa: S608 - our table names
                        f"json_populate_recordset(NULL::{_quoted(table.name)}, %s::json)",
                        ["[" + ",".join(row[0] for row in rows) + "]"],
                    )
                else:
                    names = ", ".join(_quoted(column) for column in columns)
                    marks = ", ".join(["%s"] * len(columns))
                    cursor.executemany(f"INSERT INTO {_quoted(table.name)} ({names}) VALUES ({marks})", rows)  # noqa: S608
            restored = {table.name for table in self.rows}
            models = [model for model in apps.get_models(include_auto_created=True) if model._meta.db_table in restored]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)


_SNAPSHOTS: dict[str, Snapshot] = {}


def build_or_restore(build: Callable[[], None]) -> None:
    """Give the test database the demo: restore this process's snapshot when the database starts where it was
    recorded, else run `build` (bootstrap_demo) and record a snapshot of what it changed."""
    key = connection.settings_dict["NAME"]
    snapshot = _SNAPSHOTS.get(key)
    if snapshot is not None and snapshot.state() == snapshot.before:
        snapshot.restore()
        return
    all_tables = tables()
    before = {table: read_rows(table) for table in all_tables}
    counts = row_counts(all_tables)
    build()
    changed = {table: rows for table in all_tables if (rows := read_rows(table)) != before[table]}
    snapshot = Snapshot(all_tables=all_tables, before="", rows=changed)
    content_types = before[Table("django_content_type")]
    snapshot.before = _digest((counts, content_types, [before[table] for table in changed]))
    _SNAPSHOTS[key] = snapshot
