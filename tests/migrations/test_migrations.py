"""One head; base -> head -> base -> head on every engine; models agree with migrations."""

from __future__ import annotations

from sqlalchemy import inspect

from msevidence.db.engine import make_engine
from msevidence.db.migrate import alembic_config, current_revision, downgrade, upgrade
from msevidence.db.session import HEAD_REVISION


def test_single_head_matches_the_startup_constant():
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert heads == [HEAD_REVISION]


def test_base_head_base_head(empty_url):
    engine = make_engine(empty_url)
    upgrade(engine)
    assert current_revision(engine) == HEAD_REVISION
    assert "studies" in inspect(engine).get_table_names()
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert current_revision(engine) == HEAD_REVISION
    engine.dispose()


def test_models_agree_with_migrations(empty_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from msevidence.db.migrate import include_name
    from msevidence.models import Base

    engine = make_engine(empty_url)
    upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": include_name}
        )
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()
