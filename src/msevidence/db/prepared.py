"""Statements named by their shape, and the two readers that run them.

A `Prepared` statement is a name, its parameters, and a function that builds the Core
statement with one `bindparam` per parameter. The statement may depend on which
parameters there are (which filters are set, how many values a list holds), never on
their values, so SQL compiled for one call serves every later call of the same shape.

`AlchemyReader` runs the built statement on a SQLAlchemy connection, on any engine.
`db.direct.SqliteReader` runs SQL compiled on an earlier call straight through the
sqlite3 module, so a command on the read path need not import SQLAlchemy at all.

This module imports no SQLAlchemy, so the direct reader can use it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Connection


@dataclass(frozen=True)
class Prepared:
    name: str
    params: Mapping[str, Any]
    # Builds the Core statement from the parameters: bindparam(name, params[name]).
    build: Callable[[Mapping[str, Any]], Any]

    @property
    def shape(self) -> str:
        """Names the SQL: the same shape always compiles to the same text."""
        return f"{self.name}({','.join(sorted(self.params))})"

    def statement(self) -> Any:
        return self.build(self.params)


def listed(prefix: str, values: Sequence[Any]) -> dict[str, Any]:
    """Parameters prefix_0..prefix_k for an IN list of len(values) bound values."""
    return {f"{prefix}_{i}": value for i, value in enumerate(values)}


def listed_names(prefix: str, params: Mapping[str, Any]) -> list[str]:
    """The names listed(prefix, ...) made, in order."""
    names: list[str] = []
    while f"{prefix}_{len(names)}" in params:
        names.append(f"{prefix}_{len(names)}")
    return names


class Reader(ABC):
    """Runs prepared statements; `connection()` gives SQLAlchemy for anything else."""

    dialect: str

    @abstractmethod
    def rows(
        self, prepared: Prepared, *, batch: int | None = None
    ) -> Iterator[Sequence[Any]]:
        """The statement's rows as tuples; with `batch`, fetched that many at a time."""

    @abstractmethod
    def connection(self) -> Connection:
        """A SQLAlchemy connection to the same database."""


class AlchemyReader(Reader):
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect.name

    def rows(
        self, prepared: Prepared, *, batch: int | None = None
    ) -> Iterator[Sequence[Any]]:
        conn = self.conn
        if batch is not None:  # a server-side cursor where the driver has one
            conn = conn.execution_options(stream_results=True, yield_per=batch)
        yield from conn.execute(prepared.statement())

    def connection(self) -> Connection:
        return self.conn


def as_reader(conn: Connection | Reader) -> Reader:
    return conn if isinstance(conn, Reader) else AlchemyReader(conn)
