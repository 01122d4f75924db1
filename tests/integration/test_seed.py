"""The seed: loads into a fresh database, is idempotent, keeps users' rows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, insert, select, text

from msevidence.db.engine import make_engine
from msevidence.db.migrate import upgrade
from msevidence.db.seed import load_seed, split_statements
from msevidence.models import Arm, Intervention, Study
from msevidence.resources import seed_path

ROOT = Path(__file__).resolve().parents[2]


def count(engine, model) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def test_seed_sql_is_generated_from_the_curated_data():
    result = subprocess.run(
        [sys.executable, "tools/build_seed.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_seed_loads_and_is_idempotent(empty_url):
    engine = make_engine(empty_url)
    upgrade(engine)
    first = load_seed(engine)
    studies = count(engine, Study)
    assert first.changed and studies == first.studies >= 45
    again = load_seed(engine)
    assert not again.changed and count(engine, Study) == studies
    forced = load_seed(engine, force=True)
    assert forced.changed and count(engine, Study) == studies
    engine.dispose()


def test_user_rows_survive_a_reseed_and_get_fresh_ids(fresh_seeded_engine):
    engine = fresh_seeded_engine
    with engine.begin() as conn:
        naltrexone = conn.execute(
            select(Intervention.id).where(Intervention.key == "naltrexone")
        ).scalar_one()
        sid = conn.execute(
            insert(Study)
            .values(
                key="my-ldn-audit",
                short_name="My LDN audit",
                design="cohort",
                status="completed",
                source="local audit 2026",
                verification="verified",
            )
            .returning(Study.id)
        ).scalar_one()
        conn.execute(
            insert(Arm).values(
                study_id=sid,
                key="ldn",
                label="LDN",
                intervention_id=naltrexone,
                role="single-arm",
            )
        )
    # The engine picks the id (SQLite: max+1, so 0 after the seed), clear of the
    # negative ids that the seed owns.
    assert sid >= 0
    load_seed(engine, force=True)
    with engine.connect() as conn:
        arm = conn.execute(
            select(Arm.intervention_id).where(Arm.study_id == sid)
        ).scalar_one()
        assert arm == naltrexone
        assert (
            conn.execute(
                select(Intervention.key).where(Intervention.id == arm)
            ).scalar_one()
            == "naltrexone"
        )
    engine.dispose()


def test_seed_statements_are_portable_inserts():
    statements = split_statements(seed_path().read_text(encoding="utf-8"))
    assert statements and all(s.startswith("INSERT INTO ") for s in statements)


def test_seed_refuses_an_unmigrated_database(tmp_path):
    import pytest

    from msevidence.errors import DatabaseError

    engine = make_engine(f"sqlite:///{tmp_path / 'blank.sqlite3'}")
    with pytest.raises(DatabaseError, match="db upgrade"):
        load_seed(engine)
    with engine.connect() as conn:
        assert (
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one() == 0
        )
