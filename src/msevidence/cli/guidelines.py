"""`guideline BODY` and `guidelines`: what the guidelines say."""

from __future__ import annotations

from typing import Annotated

import typer

from msevidence.cli.options import (
    DrugOpt,
    FormatOpt,
    OutputOpt,
    app_context,
    resolve_format,
)


def register(app: typer.Typer) -> None:
    app.command("guideline")(guideline)
    app.command("guidelines")(guidelines)


def guideline(
    ctx: typer.Context,
    body: Annotated[
        str, typer.Argument(help="Issuing body, e.g. ectrims, ebmt, aan, nice, nmss.")
    ],
    drug: DrugOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Every recommendation of one body's guidelines, with strength and citation.

    A joint guideline (ECTRIMS and EBMT, say) appears under each of its bodies.

    Example: msevidence guideline ectrims
    """
    from msevidence.queries.drug_match import resolve_drug
    from msevidence.queries.guidelines import body_recommendations
    from msevidence.render import render

    fmt = resolve_format(fmt, output)
    with app_context(ctx).engine().connect() as conn:
        ids = resolve_drug(conn, drug).ids if drug else None
        render(body_recommendations(conn, body, ids), fmt, output)


def guidelines(
    ctx: typer.Context, fmt: FormatOpt = None, output: OutputOpt = None
) -> None:
    """List the guidelines and position statements, newest first.

    Example: msevidence guidelines --format markdown
    """
    from msevidence.queries.guidelines import list_guidelines
    from msevidence.render import render

    fmt = resolve_format(fmt, output)
    with app_context(ctx).engine().connect() as conn:
        render(list_guidelines(conn), fmt, output)
