"""Rendering a document (one study, one brief): titled sections, or one JSON object."""

from __future__ import annotations

import json
from typing import Any, TextIO

from msevidence.errors import UserError
from msevidence.queries.result import ResultSet
from msevidence.render import RENDERERS, output_stream
from msevidence.render.text import render_markdown


def render_document(
    sections: list[tuple[str, ResultSet]],
    document: dict[str, Any],
    fmt: str,
    output: str | None,
    rows_section: str,
) -> None:
    """json: the whole document; csv/jsonl: the rows of `rows_section`; else sections."""
    if fmt not in RENDERERS:
        raise UserError(f"unknown format {fmt!r}: use one of {', '.join(RENDERERS)}")
    with output_stream(output) as out:
        if fmt == "json":
            json.dump(document, out, ensure_ascii=False, indent=2)
            out.write("\n")
        elif fmt in ("csv", "jsonl"):
            rows = dict(sections)[rows_section]
            RENDERERS[fmt](rows, out)
        elif fmt == "markdown":
            _markdown_sections(sections, out)
        else:
            from msevidence.render.table import render_sections

            render_sections(sections, out)


def _markdown_sections(sections: list[tuple[str, ResultSet]], out: TextIO) -> None:
    for n, (title, rs) in enumerate(sections):
        out.write(("" if n == 0 else "\n") + f"## {title}\n\n")
        render_markdown(rs, out)
