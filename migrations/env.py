"""Alembic environment: a connection given by msevidence, or the URL it resolves."""

from __future__ import annotations

from alembic import context

from msevidence.db.migrate import include_name
from msevidence.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    from msevidence.config import resolve_database_url

    url = config.get_main_option("sqlalchemy.url") or resolve_database_url()[0]
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from msevidence.config import resolve_database_url
        from msevidence.db.engine import make_engine

        url = config.get_main_option("sqlalchemy.url") or resolve_database_url()[0]
        with make_engine(url).connect() as conn:
            _run(conn)
            conn.commit()
    else:
        _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
