"""Alembic driven from code, so the installed package migrates without alembic.ini."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from msevidence.errors import NotFoundError
from msevidence.resources import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config


# Engine-specific search and ordering objects (migrations 0002, 0003): created with
# per-dialect DDL, so they are not in the models and not compared with them.
DIALECT_SPECIFIC_INDEXES = frozenset(
    {"ix_search_documents_tsv", "ix_studies_listing_order"}
)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's object filter: leave the engine-specific objects out of comparisons."""
    if type_ == "table" and name and name.startswith("search_fts"):
        return False
    return not (type_ == "index" and name in DIALECT_SPECIFIC_INDEXES)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command
    from alembic.util.exc import CommandError

    with engine.begin() as conn:
        try:
            command.downgrade(alembic_config(conn), revision)
        except CommandError as exc:
            raise NotFoundError(f"cannot downgrade to {revision!r}: {exc}") from exc


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migration history has no head"
    return head
