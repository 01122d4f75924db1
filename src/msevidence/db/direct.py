"""Reading a SQLite file through the sqlite3 module, with SQL compiled once per shape.

`import sqlalchemy` alone takes about 130 ms: more than a drug query, and more than
exporting 10,000 studies. So for `studies` on a SQLite database that is current
(schema at HEAD_REVISION and, for the embedded default, the current seed) the query
runs straight through sqlite3. Its SQL is what SQLAlchemy compiled from the same Core
statement on an earlier call of the same shape (see db/prepared.py), kept in a small
JSON file in the user cache directory. Every query keeps one definition: a shape not
in the cache is compiled by SQLAlchemy, then stored.

The cache file's name carries a fingerprint of this package's modules (size and time
of each), of the installed SQLAlchemy and of the SQLite library, so changed code never
runs stale SQL. Anything unusual goes the SQLAlchemy way: another engine, a URL with
options, an old schema, an embedded database whose seed needs loading, or
MSEVIDENCE_DIRECT=0 in the environment.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msevidence import __version__
from msevidence.db import SQLITE_BUSY_TIMEOUT_MS
from msevidence.db.prepared import Prepared, Reader
from msevidence.db.versions import HEAD_REVISION, seed_checksum
from msevidence.errors import DatabaseError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

CACHE_ENV = "MSEVIDENCE_CACHE_DIR"
SWITCH_ENV = "MSEVIDENCE_DIRECT"
_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")
_PACKAGE = Path(__file__).resolve().parent.parent


def sqlite_path(url: str) -> str | None:
    """The file of a plain SQLite URL; None for anything the sqlite3 module should
    not open by itself (options, escapes, memory, other engines)."""
    for prefix in _PREFIXES:
        if url.startswith(prefix):
            path = url[len(prefix) :]
            break
    else:
        return None
    if not path or path == ":memory:" or "?" in path or "%" in path:
        return None
    return path


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_path

    return user_cache_path("msevidence", appauthor=False)


def fingerprint() -> str:
    """Changes whenever the SQL compiled from this package could change."""
    digest = hashlib.sha256(f"{__version__}|{sqlite3.sqlite_version}".encode())
    files = sorted(_PACKAGE.rglob("*.py"))
    spec = importlib.util.find_spec("sqlalchemy")  # located, not imported
    if spec is not None and spec.origin:
        files.append(Path(spec.origin))
    for path in files:
        st = path.stat()
        digest.update(f"{path}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


class StatementCache:
    """Compiled SQL by statement shape, in one JSON file per fingerprint.

    A cache that cannot be read or written costs time, never an answer: it is then
    empty, and compiling goes on as without it.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / f"statements-{fingerprint()}.json"
        self._entries: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(v, str)}

    def get(self, shape: str) -> str | None:
        if self._entries is None:
            self._entries = self._load()
        return self._entries.get(shape)

    def put(self, shape: str, sql: str) -> None:
        # Other processes may have added shapes since this one read the file.
        self._entries = {**self._load(), **(self._entries or {}), shape: sql}
        tmp = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", dir=self.directory, suffix=".tmp", delete=False, encoding="utf-8"
            ) as tmp:
                json.dump(self._entries, tmp, indent=0, sort_keys=True)
            os.replace(tmp.name, self.path)
            for old in self.directory.glob("statements-*.json"):
                if old != self.path:
                    old.unlink(missing_ok=True)
        except OSError:
            if tmp is not None:
                Path(tmp.name).unlink(missing_ok=True)


def compile_sqlite(prepared: Prepared) -> str:
    """The statement's SQL for sqlite3, with :name parameters."""
    from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

    compiled = prepared.statement().compile(
        dialect=SQLiteDialect_pysqlite(paramstyle="named")
    )
    if set(compiled.params) != set(prepared.params):
        # A value written into the statement instead of bound by name would be
        # frozen into the cached SQL: refuse rather than answer wrongly later.
        raise RuntimeError(
            f"{prepared.shape} binds {sorted(compiled.params)}, not its parameters"
        )
    return str(compiled)


class SqliteReader(Reader):
    """Runs prepared statements on one sqlite3 connection, in one read transaction."""

    dialect = "sqlite"

    def __init__(self, url: str, con: sqlite3.Connection, cache: StatementCache):
        self.url = url
        self.con = con
        self.cache = cache
        self._engine: Engine | None = None
        self._conn: Connection | None = None

    def rows(
        self, prepared: Prepared, *, batch: int | None = None
    ) -> Iterator[Sequence[Any]]:
        sql = self.cache.get(prepared.shape)
        if sql is None:
            sql = compile_sqlite(prepared)
            self.cache.put(prepared.shape, sql)
        try:
            cursor = self.con.execute(sql, dict(prepared.params))
            if batch is not None:
                cursor.arraysize = batch
            yield from cursor
        except sqlite3.Error as exc:
            raise DatabaseError(f"cannot use {self.url}: {exc}") from exc

    def connection(self) -> Connection:
        """SQLAlchemy on the same file, opened the first time something needs it."""
        if self._conn is None:
            from msevidence.db.engine import make_engine

            self._engine = make_engine(self.url, must_exist=True)
            self._conn = self._engine.connect()
        return self._conn

    def close(self) -> None:
        self.con.close()
        if self._conn is not None:
            self._conn.close()
        if self._engine is not None:
            self._engine.dispose()

    def __enter__(self) -> SqliteReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_direct(url: str, *, embedded: bool) -> SqliteReader | None:
    """A direct reader on a current SQLite file; None when SQLAlchemy should open it
    (and give its errors, migrate or seed as it does)."""
    path = sqlite_path(url)
    if path is None or os.environ.get(SWITCH_ENV) == "0" or not Path(path).is_file():
        return None
    try:
        con = sqlite3.connect(
            path, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
    except sqlite3.Error:
        return None
    try:
        revision = con.execute("SELECT version_num FROM alembic_version").fetchall()
        current = revision == [(HEAD_REVISION,)]
        if current and embedded:
            seed = con.execute("SELECT checksum FROM seed_info").fetchall()
            current = seed == [(seed_checksum(),)]
        if current:
            con.execute("BEGIN")  # one snapshot for every statement of the command
            return SqliteReader(url, con, StatementCache(cache_dir()))
    except sqlite3.Error:
        pass
    con.close()
    return None
