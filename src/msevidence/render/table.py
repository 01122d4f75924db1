"""The terminal table: the only module that imports Rich."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from msevidence.queries.result import ResultSet

# Columns too wide for a terminal table; CSV and JSON keep them.
HIDDEN_IN_TABLE = {"source", "key", "first_author"}
# Identifier columns shown stacked in one cell, so the prose keeps its width.
MERGED = {"ids": ("pmid", "doi", "registry_ids")}
NO_WRAP = {"year", "n", "code", "value", "ci_lower", "ci_upper", "ci_level", "p_value"}
PROSE = {
    "primary_result",
    "text",
    "recommendation",
    "population",
    "summary",
    "criteria",
    "aliases",
    "label",
    "regimen",
    "title",
}


def _layout(columns: list[str], shown: list[str] | None) -> list[tuple[str, list[int]]]:
    """(shown name, source column indexes) for each column of the terminal table."""
    layout: list[tuple[str, list[int]]] = []
    merged_into = {c: name for name, parts in MERGED.items() for c in parts}
    for i, column in enumerate(columns):
        if shown is not None and column not in shown:
            continue
        if shown is None and column in HIDDEN_IN_TABLE and len(columns) > 2:
            continue
        target = merged_into.get(column)
        if target and all(p in columns for p in MERGED[target]):
            if not any(name == target for name, _ in layout):
                layout.append((target, [columns.index(p) for p in MERGED[target]]))
            continue
        layout.append((column, [i]))
    return layout


def render_table(rs: ResultSet, out: TextIO) -> None:
    console = Console(file=out, highlight=False, soft_wrap=False)
    layout = _layout(rs.columns, rs.table_columns)
    table = Table(title=rs.title, show_lines=True)
    for name, _ in layout:
        table.add_column(
            name.replace("_", " "),
            overflow="fold",
            no_wrap=name in NO_WRAP,
            # Cap the short columns so the prose ones get the width that is left.
            max_width=None if name in PROSE else 22,
        )
    count = 0
    for row in rs.rows:
        table.add_row(*(_cell(row, indexes) for _, indexes in layout))
        count += 1
    if count == 0:
        console.print("No matching records.")
        return
    console.print(table)


def _cell(row: Any, indexes: list[int]) -> str:
    return "\n".join(text for text in _texts(row, indexes) if text)


def _texts(row: Any, indexes: list[int]) -> Iterator[str]:
    for i in indexes:
        value = row[i]
        if value is None:
            yield ""
        elif isinstance(value, float) and value.is_integer():
            yield str(int(value))
        else:
            yield str(value)


def render_sections(sections: list[tuple[str, ResultSet]], out: TextIO) -> None:
    """Several titled tables (the `study` detail view)."""
    for title, rs in sections:
        render_table(ResultSet(rs.columns, rs.rows, title, rs.table_columns), out)
