"""`summary` and `meta`: evidence briefs and pooled estimates (see issue 5)."""

from __future__ import annotations

from typing import Annotated

import typer

from msevidence.cli.options import (
    FormatOpt,
    OutputOpt,
    app_context,
    check_choice,
    note,
    resolve_format,
)

BRIEF_FORMATS = ("markdown", "json", "table")
METHODS = ("REML", "DL", "FE")


def register(app: typer.Typer) -> None:
    app.command("summary")(summary)
    app.command("meta")(meta)


def summary(
    ctx: typer.Context,
    drug: Annotated[
        str,
        typer.Option(
            "--drug",
            "-d",
            help="INN, brand, alias or class, e.g. naltrexone, LDN, AHSCT.",
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="markdown (default; table prints the same) or json.",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
) -> None:
    """Write an evidence brief on one drug: guidelines, studies, key findings, references.

    Every key finding comes from an explicit rule over the stored data and cites its
    sources; guidelines that do not address the drug say so.

    Example: msevidence summary --drug naltrexone -o ldn.md
    """
    import json

    from msevidence.queries.brief import collect_brief
    from msevidence.render import output_stream
    from msevidence.synthesis.brief import build_brief
    from msevidence.synthesis.brief_text import brief_markdown

    suffix_json = bool(output and output.lower().endswith(".json"))
    fmt = check_choice("format", fmt, BRIEF_FORMATS) or (
        "json" if suffix_json else "markdown"
    )
    with app_context(ctx).engine().connect() as conn:
        brief = build_brief(collect_brief(conn, drug))
    with output_stream(output) as out:
        if fmt == "json":
            json.dump(brief, out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            out.write(brief_markdown(brief))


def meta(
    ctx: typer.Context,
    drug: Annotated[
        str | None,
        typer.Option(
            "--drug",
            "-d",
            help="Intervention whose stored effect estimates are pooled.",
        ),
    ] = None,
    outcome: Annotated[
        str | None,
        typer.Option(
            "--outcome", help="Outcome code, e.g. ARR, CDP12W.", metavar="CODE"
        ),
    ] = None,
    comparator: Annotated[
        str | None,
        typer.Option("--comparator", help="Only estimates against this comparator."),
    ] = None,
    method: Annotated[
        str,
        typer.Option(
            "--method", help="tau^2 estimator: REML, DL or FE (fixed effect)."
        ),
    ] = "REML",
    hartung_knapp: Annotated[
        bool, typer.Option("--hartung-knapp", help="Hartung-Knapp CI (t with k-1 df).")
    ] = False,
    input_file: Annotated[
        str | None,
        typer.Option(
            "--input",
            help="CSV: label,measure,estimate,ci_lower,ci_upper[,ci_level] or label,events_treat,total_treat,events_ctrl,total_ctrl.",
            metavar="FILE",
        ),
    ] = None,
    measure: Annotated[
        str, typer.Option("--measure", help="Measure for 2x2 input: RR or OR.")
    ] = "RR",
    plot: Annotated[
        str | None,
        typer.Option(
            "--plot", help="Write a forest plot (.png, .svg or .pdf).", metavar="FILE"
        ),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Pool effect estimates by inverse variance (random effects, REML by default).

    Pools the stored estimates of --drug (vs --comparator) on --outcome, or the rows of
    an --input CSV; prints each study with its weight, the pooled estimate and
    heterogeneity (tau2, I2, Q, prediction interval).

    Example: msevidence meta --drug alemtuzumab --outcome ARR --plot care-ms.png
    """
    from msevidence.errors import UserError
    from msevidence.render.documents import render_document
    from msevidence.synthesis.forest import forest_plot
    from msevidence.synthesis.meta_report import pool_rows, report

    fmt = resolve_format(fmt, output)
    method = check_choice("method", method.upper(), METHODS) or "REML"
    measure = check_choice("measure", measure.upper(), ("RR", "OR")) or "RR"
    if input_file:
        if drug or outcome or comparator:
            raise UserError(
                "use either --input FILE or --drug/--outcome/--comparator, not both"
            )
        from msevidence.queries.meta_rows import read_effect_csv

        rows = read_effect_csv(input_file, measure)
    else:
        if not drug or not outcome:
            raise UserError("meta needs --drug and --outcome (or --input FILE)")
        from msevidence.queries.meta_rows import collect_effect_rows

        with app_context(ctx).engine().connect() as conn:
            rows = collect_effect_rows(conn, drug, outcome, comparator)
    result = pool_rows(rows, method, hartung_knapp)
    sections, document = report(result, rows)
    if plot:
        forest_plot(result, plot, document["measure_label"], title=rows.title)
        note(f"msevidence: wrote forest plot {plot}")
    if fmt in ("csv", "jsonl"):
        for line in document["notes"]:
            note(f"msevidence: note: {line}")
    render_document(sections, document, fmt, output, rows_section=sections[0][0])
