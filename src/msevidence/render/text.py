"""CSV (RFC 4180), JSON, JSON Lines and Markdown renderers. They stream row by row."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from msevidence.queries.result import ResultSet


def _cell(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value) if abs(value) < 1e15 else value
    return value


def render_csv(rs: ResultSet, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(rs.columns)
    # csv writes None as an empty field; only floats need _cell.
    if not rs.may_have_floats:
        writer.writerows(rs.rows)
        return
    writer.writerows(
        [_cell(v) if isinstance(v, float) else v for v in row] for row in rs.rows
    )


# json.dumps(obj, ensure_ascii=False) builds this encoder for every call.
_encode = json.JSONEncoder(ensure_ascii=False).encode


def render_json(rs: ResultSet, out: TextIO) -> None:
    """A JSON array of objects, written one object at a time."""
    out.write("[")
    first = True
    columns = rs.columns
    for row in rs.rows:
        out.write("\n  " if first else ",\n  ")
        first = False
        out.write(_encode(dict(zip(columns, map(_cell, row), strict=True))))
    out.write("\n]\n" if not first else "]\n")


def render_jsonl(rs: ResultSet, out: TextIO) -> None:
    columns = rs.columns
    for row in rs.rows:
        out.write(_encode(dict(zip(columns, map(_cell, row), strict=True))))
        out.write("\n")


def _md(value: Any) -> str:
    text = "" if value is None else str(_cell(value))
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(rs: ResultSet, out: TextIO) -> None:
    out.write("| " + " | ".join(rs.columns) + " |\n")
    out.write("|" + "---|" * len(rs.columns) + "\n")
    for row in rs.rows:
        out.write("| " + " | ".join(_md(v) for v in row) + " |\n")
