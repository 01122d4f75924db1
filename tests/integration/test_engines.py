"""SQLite and PostgreSQL give byte-identical output; readers never see a half-loaded seed."""

from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import func, select

from msevidence.db.engine import make_engine
from msevidence.db.seed import load_seed
from msevidence.models import Result, Study

COMMANDS = [
    ("studies", "-f", "csv"),
    ("studies", "--drug", "anti-CD20", "-f", "json"),
    ("drugs", "-f", "csv"),
    ("guideline", "ectrims", "-f", "csv"),
    ("guidelines", "-f", "json"),
    ("study", "OPERA I", "-f", "json"),
    ("study", "halt-ms", "-f", "csv"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_same_output_on_both_engines(cli, seeded_sqlite, seeded_postgresql, args):
    on_sqlite = cli(*args, db=seeded_sqlite)
    on_postgres = cli(*args, db=seeded_postgresql)
    assert on_sqlite.code == on_postgres.code == 0, (on_sqlite.err, on_postgres.err)
    assert on_sqlite.out == on_postgres.out


def _reader(url: str, rounds: int, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    engine = make_engine(url)
    seen = set()
    for _ in range(rounds):
        with engine.connect() as conn:
            seen.add(
                (
                    conn.execute(select(func.count()).select_from(Study)).scalar_one(),
                    conn.execute(select(func.count()).select_from(Result)).scalar_one(),
                )
            )
    engine.dispose()
    queue.put(sorted(seen))


def test_readers_never_see_a_half_loaded_seed(fresh_seeded_engine):
    engine = fresh_seeded_engine
    url = engine.url.render_as_string(hide_password=False)
    with engine.connect() as conn:
        full = (
            conn.execute(select(func.count()).select_from(Study)).scalar_one(),
            conn.execute(select(func.count()).select_from(Result)).scalar_one(),
        )
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    readers = [ctx.Process(target=_reader, args=(url, 150, queue)) for _ in range(3)]
    for process in readers:
        process.start()
    for _ in range(4):
        load_seed(engine, force=True)
    results = [queue.get(timeout=120) for _ in readers]
    for process in readers:
        process.join(timeout=60)
        assert process.exitcode == 0
    engine.dispose()
    assert all(seen == [full] for seen in results), results
