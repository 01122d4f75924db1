"""Opening the database for a command: friendly errors, and the embedded default."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from msevidence.db.engine import make_engine
from msevidence.db.versions import HEAD_REVISION
from msevidence.errors import DatabaseError

Notify = Callable[[str], None]


def describe_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "the database URL"


def database_error(url: str, exc: BaseException) -> DatabaseError:
    first_line = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    detail = first_line[0] if first_line else type(exc).__name__
    return DatabaseError(f"cannot use {describe_url(url)}: {detail}")


def stored_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not engine.dialect.has_table(conn, "alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def open_database(url: str, *, embedded: bool, notify: Notify) -> Engine:
    """An engine on a migrated database; the embedded default is created on demand."""
    from sqlalchemy.exc import SQLAlchemyError

    if embedded:
        Path(make_url(url).database or "").parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url, must_exist=not embedded)
    try:
        if embedded:
            prepare_embedded(engine, notify)
        elif stored_revision(engine) != HEAD_REVISION:
            raise DatabaseError(
                f"{describe_url(url)} is not at the current schema: "
                "run msevidence db upgrade (then msevidence db seed)"
            )
    except SQLAlchemyError as exc:
        raise database_error(url, exc) from exc
    return engine


def prepare_embedded(engine: Engine, notify: Notify) -> None:
    """Create, migrate and seed the embedded database; refresh it after an upgrade."""
    from msevidence.db.seed import load_seed
    from msevidence.db.versions import seed_checksum

    revision = stored_revision(engine)
    if revision != HEAD_REVISION:
        from msevidence.db.migrate import upgrade

        upgrade(engine)
    with engine.connect() as conn:
        current = conn.execute(text("SELECT checksum FROM seed_info")).scalar()
    if current == seed_checksum():
        return
    report = load_seed(engine)
    path = make_url(str(engine.url)).database
    verb = "created" if revision is None else "updated"
    notify(
        f"msevidence: {verb} the evidence database at {path} ({report.studies} studies)"
    )
