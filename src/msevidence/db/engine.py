"""Engine creation with per-dialect settings, and friendly connection errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from msevidence.db import SQLITE_BUSY_TIMEOUT_MS
from msevidence.errors import DatabaseError


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Foreign keys are off by default in SQLite; WAL lets readers run while a seed or
    # an upgrade writes, and the busy timeout makes writers wait instead of failing.
    dbapi_conn.isolation_level = None  # BEGIN is issued by the "begin" listener
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


def make_engine(url: str, *, must_exist: bool = False) -> Engine:
    """Create an engine; with `must_exist`, refuse a SQLite path that is not there.

    No connection pool: a command opens a handful of connections and exits, and
    pooled connections left for the garbage collector would outlive the command.
    """
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy.exc.ArgumentError and friends
        raise DatabaseError(f"invalid database URL {url!r}: {exc}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            path = Path(database)
            if must_exist and not path.exists():
                raise DatabaseError(f"database file {path} does not exist")
            if not path.parent.exists():
                raise DatabaseError(f"directory {path.parent} does not exist")
        engine = create_engine(parsed, poolclass=NullPool)
        event.listen(engine, "connect", _sqlite_on_connect)
        # pysqlite's own transaction handling defers BEGIN; issue it ourselves so a
        # seed runs as one atomic transaction (SQLAlchemy docs, "Serializable isolation").
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        return engine
    if backend == "postgresql":
        try:
            return create_engine(parsed, poolclass=NullPool)
        except ModuleNotFoundError as exc:
            raise DatabaseError(
                "PostgreSQL needs the driver: pip install 'msevidence[postgres]'"
            ) from exc
    raise DatabaseError(f"unsupported database {backend!r}: use sqlite or postgresql")
