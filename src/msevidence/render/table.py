"""The terminal table: the only module that imports Rich."""

from __future__ import annotations

from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from msevidence.queries.result import ResultSet

# Columns too wide for a terminal table; CSV and JSON keep them.
HIDDEN_IN_TABLE = {"source", "key"}


def render_table(rs: ResultSet, out: TextIO) -> None:
    console = Console(file=out, highlight=False, soft_wrap=False)
    columns = [c for c in rs.columns if c not in HIDDEN_IN_TABLE] or rs.columns
    keep = [rs.columns.index(c) for c in columns]
    table = Table(title=rs.title, show_lines=False, expand=False)
    for name in columns:
        table.add_column(name.replace("_", " "), overflow="fold")
    count = 0
    for row in rs.rows:
        table.add_row(*(_text(row[i]) for i in keep))
        count += 1
    if count == 0:
        console.print("No matching records.")
        return
    console.print(table)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def render_sections(sections: list[tuple[str, ResultSet]], out: TextIO) -> None:
    """Several titled tables (the `study` detail view)."""
    for title, rs in sections:
        render_table(ResultSet(rs.columns, rs.rows, title), out)
