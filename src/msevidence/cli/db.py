"""`db upgrade | downgrade | current | seed`: the schema and the shipped data."""

from __future__ import annotations

from typing import Annotated

import typer

from msevidence.cli.options import app_context, note

app = typer.Typer(
    help="Manage the database schema and seed data.", no_args_is_help=True
)


def _engine(ctx: typer.Context):  # type: ignore[no-untyped-def]
    from msevidence.config import resolve_database_url
    from msevidence.db.engine import make_engine

    url, embedded = resolve_database_url(app_context(ctx).db)
    if embedded:
        from pathlib import Path

        from sqlalchemy.engine import make_url

        Path(make_url(url).database or "").parent.mkdir(parents=True, exist_ok=True)
    return make_engine(url)


@app.command()
def upgrade(
    ctx: typer.Context,
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Migrate the schema up to REVISION (default: head).

    Example: msevidence --db postgresql+psycopg://user@host/ms db upgrade
    """
    from msevidence.db.migrate import current_revision
    from msevidence.db.migrate import upgrade as do_upgrade

    engine = _engine(ctx)
    do_upgrade(engine, revision)
    note(f"msevidence: schema at revision {current_revision(engine)}")


@app.command()
def downgrade(
    ctx: typer.Context,
    revision: Annotated[str, typer.Argument(help="Target revision, e.g. base or -1.")],
) -> None:
    """Migrate the schema down to REVISION ('base' removes every table).

    Example: msevidence db downgrade base
    """
    from msevidence.db.migrate import current_revision
    from msevidence.db.migrate import downgrade as do_downgrade

    engine = _engine(ctx)
    do_downgrade(engine, revision)
    note(f"msevidence: schema at revision {current_revision(engine) or 'base'}")


@app.command()
def current(ctx: typer.Context) -> None:
    """Print the schema revision of the database ('base' when empty).

    Example: msevidence db current
    """
    from msevidence.db.migrate import current_revision

    print(current_revision(_engine(ctx)) or "base")


@app.command()
def seed(
    ctx: typer.Context,
    force: Annotated[
        bool, typer.Option("--force", help="Reload even if the seed is current.")
    ] = False,
) -> None:
    """Load the shipped evidence; idempotent, and keeps rows you added.

    Example: msevidence db seed
    """
    from msevidence.db.seed import load_seed

    report = load_seed(_engine(ctx), force=force)
    state = "loaded" if report.changed else "already current, nothing changed"
    note(f"msevidence: seed {state} ({report.studies} studies)")


@app.command()
def reindex(ctx: typer.Context) -> None:
    """Rebuild the search index and study listings (after adding rows with SQL).

    Also refreshes the query planner's statistics. Example: msevidence db reindex
    """
    from msevidence.db.seed import refresh_derived

    with _engine(ctx).begin() as conn:
        refresh_derived(conn)
    note("msevidence: search index, study listings and statistics rebuilt")
