"""The `msevidence` command line. Commands are thin: parse, query, render.

Heavy libraries (SQLAlchemy, Alembic, Rich) are imported inside commands, so
`msevidence --help` and shell completion start fast.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from msevidence import __version__
from msevidence.cli import db as db_commands
from msevidence.cli import evidence, guidelines, studies, synthesis
from msevidence.cli.options import AppContext

app = typer.Typer(
    name="msevidence",
    help=(
        "A citable evidence database of multiple-sclerosis treatments.\n\n"
        "Example: msevidence studies --drug naltrexone"
    ),
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"msevidence {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="MSEVIDENCE_DATABASE_URL",
            help="Database URL or SQLite file (default: the embedded database in your data folder).",
            metavar="URL",
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks for errors.")
    ] = False,
    version: Annotated[
        bool | None,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = None,
) -> None:
    ctx.obj = AppContext(db=db, debug=debug)


studies.register(app)
guidelines.register(app)
evidence.register(app)
synthesis.register(app)
app.add_typer(db_commands.app, name="db")


def _cli_exceptions() -> tuple[type[Exception], type[Exception], type[Exception]]:
    """(Exit, Abort, usage-error base) of the Click that this Typer uses.

    Newer Typer vendors Click as typer._click; older Typer uses click itself.
    """
    base = getattr(typer, "TyperException", None)
    if base is None:  # pragma: no cover - Typer before the vendored Click
        import click

        base = click.ClickException
    return typer.Exit, typer.Abort, base


def run(argv: list[str]) -> int:
    """Run the CLI on `argv`; user errors become one line on stderr and an exit code."""
    from msevidence.errors import MsEvidenceError

    exit_error, abort_error, usage_error = _cli_exceptions()
    debug = "--debug" in argv or bool(os.environ.get("MSEVIDENCE_DEBUG"))
    try:
        result = app(args=argv, prog_name="msevidence", standalone_mode=False)
    except exit_error as exc:
        return int(getattr(exc, "exit_code", 0))
    except abort_error:
        print("msevidence: aborted", file=sys.stderr)
        return 130
    except usage_error as exc:
        if debug:
            raise
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        print(f"msevidence: error: {message}", file=sys.stderr)
        return int(getattr(exc, "exit_code", 2))
    except MsEvidenceError as exc:
        if debug:
            raise
        print(f"msevidence: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # `msevidence studies | head`: the reader left; that is not an error.
        sys.stderr.close()
        return 0
    except Exception as exc:
        if debug or not _is_database_error(exc):
            raise
        from msevidence.db.session import database_error

        print(
            f"msevidence: error: {database_error('the database', exc)}", file=sys.stderr
        )
        return 4
    return result if isinstance(result, int) else 0


def _is_database_error(exc: Exception) -> bool:
    """Errors from the database server or file (not programming errors)."""
    from sqlalchemy.exc import DBAPIError

    return isinstance(exc, DBAPIError) and not isinstance(
        exc.orig, _programming_errors()
    )


def _programming_errors() -> tuple[type[BaseException], ...]:
    import sqlite3

    return (sqlite3.ProgrammingError,)


def main() -> None:
    sys.exit(run(sys.argv[1:]))
