"""`drugs` and `validate`: the vocabulary and the data's own checks."""

from __future__ import annotations

import typer

from msevidence.cli.options import (
    FormatOpt,
    OutputOpt,
    app_context,
    note,
    resolve_format,
)


def register(app: typer.Typer) -> None:
    app.command("drugs")(drugs)
    app.command("validate")(validate)


def drugs(ctx: typer.Context, fmt: FormatOpt = None, output: OutputOpt = None) -> None:
    """List interventions with class, ATC code, aliases, approval and study count.

    Example: msevidence drugs --format csv
    """
    from msevidence.queries.interventions import list_drugs
    from msevidence.render import render

    fmt = resolve_format(fmt, output)
    with app_context(ctx).engine().connect() as conn:
        render(list_drugs(conn), fmt, output)


def validate(ctx: typer.Context) -> None:
    """Check the data: CIs, p-values, arm sizes, identifiers, sources, aliases.

    Prints one line per problem and exits non-zero if there is any.

    Example: msevidence validate
    """
    from msevidence.errors import ValidationFailed
    from msevidence.queries.validate import validate_database

    with app_context(ctx).engine().connect() as conn:
        problems = list(validate_database(conn))
    for problem in problems:
        print(problem)
    if problems:
        raise ValidationFailed(f"{len(problems)} problem(s) found")
    note("msevidence: validate: no problems found")
