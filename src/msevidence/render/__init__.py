"""Output formats behind one registry: table, csv, json, jsonl, markdown.

Renderers receive a ResultSet (plain rows) and a text stream. Output is written to
a temporary file first when `-o FILE` is given, so a failing query never leaves half
a file behind.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from msevidence.errors import UserError
from msevidence.queries.result import ResultSet

Renderer = Callable[[ResultSet, TextIO], None]


def _csv(rs: ResultSet, out: TextIO) -> None:
    from msevidence.render.text import render_csv

    render_csv(rs, out)


def _json(rs: ResultSet, out: TextIO) -> None:
    from msevidence.render.text import render_json

    render_json(rs, out)


def _jsonl(rs: ResultSet, out: TextIO) -> None:
    from msevidence.render.text import render_jsonl

    render_jsonl(rs, out)


def _markdown(rs: ResultSet, out: TextIO) -> None:
    from msevidence.render.text import render_markdown

    render_markdown(rs, out)


def _table(rs: ResultSet, out: TextIO) -> None:
    from msevidence.render.table import render_table

    render_table(rs, out)


RENDERERS: dict[str, Renderer] = {
    "table": _table,
    "csv": _csv,
    "json": _json,
    "jsonl": _jsonl,
    "markdown": _markdown,
}


def default_format(output: str | None) -> str:
    """A table on a terminal; CSV when piped or written to a file."""
    if output:
        suffix = Path(output).suffix.lower().lstrip(".")
        return {"json": "json", "jsonl": "jsonl", "md": "markdown", "csv": "csv"}.get(
            suffix, "csv"
        )
    return "table" if sys.stdout.isatty() else "csv"


@contextmanager
def output_stream(output: str | None) -> Iterator[TextIO]:
    """stdout, or a temporary file beside OUTPUT renamed into place on success."""
    if not output or output == "-":
        yield sys.stdout
        return
    target = Path(output)
    if not target.parent.exists():
        raise UserError(
            f"cannot write {output}: directory {target.parent} does not exist"
        )
    fd, tmp = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render(rs: ResultSet, fmt: str, output: str | None = None) -> None:
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise UserError(
            f"unknown format {fmt!r}: use one of {', '.join(RENDERERS)}"
        ) from None
    rs = prefetched(rs)
    with output_stream(output) as out:
        renderer(rs, out)


def prefetched(rs: ResultSet) -> ResultSet:
    """Pull the first row before anything is written, so query errors surface first."""
    iterator = iter(rs.rows)
    try:
        first = next(iterator)
    except StopIteration:
        return replace(rs, rows=[])

    def rows() -> Iterator[Any]:
        yield first
        yield from iterator

    return replace(rs, rows=rows())
