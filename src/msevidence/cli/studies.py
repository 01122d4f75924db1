"""`studies`, `study` and `search`: finding the evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from msevidence.cli.options import (
    DesignOpt,
    DrugOpt,
    FormatOpt,
    LimitOpt,
    MinNOpt,
    OutputOpt,
    PhenotypeOpt,
    StatusOpt,
    YearFromOpt,
    YearToOpt,
    app_context,
    check_choice,
    resolve_format,
)
from msevidence.vocab import DESIGN_GROUPS, DESIGNS, PHENOTYPES, STATUSES

if TYPE_CHECKING:
    from msevidence.queries.studies import StudyFilters


def register(app: typer.Typer) -> None:
    app.command("studies")(studies)
    app.command("study")(study)
    app.command("search")(search)


def _filters(
    drug: str | None,
    design: str | None,
    phenotype: str | None,
    status: str | None,
    year_from: int | None,
    year_to: int | None,
    min_n: int | None,
    limit: int | None,
) -> StudyFilters:
    from msevidence.queries.studies import StudyFilters

    return StudyFilters(
        drug=drug,
        design=check_choice("design", design, DESIGNS + tuple(DESIGN_GROUPS)),
        phenotype=check_choice("phenotype", phenotype, PHENOTYPES),
        status=check_choice("status", status, STATUSES),
        year_from=year_from,
        year_to=year_to,
        min_n=min_n,
        limit=limit,
    )


def studies(
    ctx: typer.Context,
    drug: DrugOpt = None,
    design: DesignOpt = None,
    phenotype: PhenotypeOpt = None,
    status: StatusOpt = None,
    year_from: YearFromOpt = None,
    year_to: YearToOpt = None,
    min_n: MinNOpt = None,
    limit: LimitOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """List studies, one row each, with their primary result and identifiers.

    Example: msevidence studies --drug ocrelizumab --format csv -o ocrelizumab.csv
    """
    from msevidence.queries.studies import list_studies
    from msevidence.render import render

    fmt = resolve_format(fmt, output)
    filters = _filters(
        drug, design, phenotype, status, year_from, year_to, min_n, limit
    )
    with app_context(ctx).reader() as reader:
        render(list_studies(reader, filters), fmt, output)


def study(
    ctx: typer.Context,
    key: Annotated[
        str,
        typer.Argument(
            help="Study key, acronym or short name, PMID, DOI or registry id."
        ),
    ],
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Show one study in full: arms, results with effect estimates, and sources.

    csv and jsonl give the results, one row each; json gives the whole study.

    Example: msevidence study OPERA-I --format json
    """
    from msevidence.queries.study_detail import get_study
    from msevidence.render.documents import render_document

    fmt = resolve_format(fmt, output)
    with app_context(ctx).engine().connect() as conn:
        detail = get_study(conn, key)
    render_document(
        detail.sections(), detail.as_dict(), fmt, output, rows_section="Results"
    )


def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help='Words to find, e.g. "quality of life".')],
    drug: DrugOpt = None,
    design: DesignOpt = None,
    phenotype: PhenotypeOpt = None,
    status: StatusOpt = None,
    year_from: YearFromOpt = None,
    year_to: YearToOpt = None,
    min_n: MinNOpt = None,
    limit: LimitOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Full-text search over study titles, conclusions, outcomes and recommendations.

    Studies come ranked by relevance, with the same columns and filters as `studies`.

    Example: msevidence search "quality of life" --drug naltrexone
    """
    from msevidence.queries.search import search_studies
    from msevidence.render import render

    fmt = resolve_format(fmt, output)
    filters = _filters(
        drug, design, phenotype, status, year_from, year_to, min_n, limit
    )
    with app_context(ctx).engine().connect() as conn:
        render(search_studies(conn, text, filters), fmt, output)
