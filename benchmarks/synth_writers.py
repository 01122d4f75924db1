"""Where synth.py writes: raw sqlite3 with loading settings, or psycopg COPY."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table

# --------------------------------------------------------------------------- writers


def _columns(table: Table) -> list[str]:
    return [c.name for c in table.columns]


class SqliteWriter:
    """A raw sqlite3 connection with the journal and fsync off while loading."""

    dialect = "sqlite"
    true, false = 1, 0

    def __init__(self, path: str, *, checks: bool = False) -> None:
        self.con = sqlite3.connect(path, isolation_level=None)
        self.checks = checks
        # The migrated file is in WAL mode; a benchmark build needs no crash safety.
        for pragma in (
            "journal_mode=OFF",
            "synchronous=OFF",
            "locking_mode=EXCLUSIVE",
            "foreign_keys=OFF",  # rows are consistent by construction
            "temp_store=MEMORY",
            "cache_size=-1048576",  # 1 GiB of page cache
            "threads=2",  # CREATE INDEX sorts on both cores
            # SQLite re-evaluates the CHECK constraints' IN lists for every row, which
            # costs a third of the load; they are verified once at the end instead.
            f"ignore_check_constraints={'OFF' if checks else 'ON'}",
        ):
            self.con.execute(f"PRAGMA {pragma}")
        self.con.execute("BEGIN")
        self._dropped: list[str] = []

    def execute(self, sql: str) -> int:
        return self.con.execute(sql).rowcount

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return self.con.execute(sql).fetchall()

    def insert(
        self, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]
    ) -> None:
        marks = ", ".join("?" * len(columns))
        self.con.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
        )

    def drop_indexes(self, tables: Iterable[str]) -> None:
        """Drop the migrations' secondary indexes; finish() re-creates them verbatim.

        Building an index once by sorting is far cheaper than keeping it up to date
        through millions of inserts. UNIQUE constraints (autoindexes) stay, so
        uniqueness is still enforced while loading.
        """
        names = list(tables)
        marks = ",".join("?" * len(names))
        rows = self.con.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
            names,
        ).fetchall()
        for name, sql in rows:
            self._dropped.append(sql)
            self.con.execute(f'DROP INDEX "{name}"')

    def finish(self, verify: bool = True) -> None:
        for sql in self._dropped:
            self.con.execute(sql)
        self.con.execute("COMMIT")
        self.con.execute("PRAGMA ignore_check_constraints=OFF")
        if verify and not self.checks:
            # quick_check verifies CHECK and NOT NULL constraints of every row.
            problems = [r[0] for r in self.con.execute("PRAGMA quick_check(20)")]
            if problems != ["ok"]:
                raise RuntimeError(
                    "synthetic rows break the schema: " + "; ".join(problems)
                )
        self.con.execute("PRAGMA locking_mode=NORMAL")
        self.con.execute("PRAGMA journal_mode=WAL")  # as msevidence leaves a database
        self.con.close()


class PostgresWriter:
    """One psycopg transaction; bulk rows go through COPY."""

    dialect = "postgresql"
    true, false = True, False

    def __init__(self, engine: Any) -> None:
        self.raw = engine.raw_connection()
        self.con = self.raw.driver_connection
        self.cur = self.con.cursor()

    def execute(self, sql: str) -> int:
        self.cur.execute(sql)
        return self.cur.rowcount

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        self.cur.execute(sql)
        return self.cur.fetchall()

    def insert(
        self, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]
    ) -> None:
        with self.cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def drop_indexes(self, tables: Iterable[str]) -> None:
        return None

    def finish(self, verify: bool = True) -> None:
        self.con.commit()
        self.con.autocommit = True
        self.cur.execute("ANALYZE")
        self.raw.close()


def insert_model(writer: Any, table: Table, rows: list[tuple[Any, ...]]) -> int:
    if rows:
        writer.insert(table.name, _columns(table), rows)
    return len(rows)
