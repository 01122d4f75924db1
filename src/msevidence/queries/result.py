"""The contract between queries and renderers: column names and an iterator of rows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

Row = tuple[Any, ...]


@dataclass
class ResultSet:
    columns: list[str]
    rows: Iterable[Row]
    title: str | None = None
    # The columns a terminal table shows (all when None); files keep every column.
    table_columns: list[str] | None = None
    # False when no value is a float: renderers then skip the per-cell check that
    # writes 2.0 as 2 (a fifth of a million-row CSV export).
    may_have_floats: bool = True

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def dicts(self) -> Iterator[dict[str, Any]]:
        for row in self.rows:
            yield dict(zip(self.columns, row, strict=True))
