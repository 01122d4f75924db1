"""Shared fixtures: one parametrized engine fixture runs tests on SQLite and PostgreSQL.

PostgreSQL tests need MSEVIDENCE_TEST_PG_URL, an admin URL such as
postgresql+psycopg://postgres@127.0.0.1:54329/postgres (.ci/run starts such a server).
Without it they skip with the reason shown, except under CI=true, where a missing
server fails the run so the engine can never silently drop out.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_ENV = "MSEVIDENCE_TEST_PG_URL"
ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the user's real data folder or inherits a database URL."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg")))
    # Each test starts with no compiled statements (db/direct.py), so both the
    # compiling and the cached path of the direct reader run.
    monkeypatch.setenv("MSEVIDENCE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("MSEVIDENCE_DIRECT", raising=False)
    monkeypatch.delenv("MSEVIDENCE_DATABASE_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "200")


def pg_admin_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_ENV} is not set: CI must run the PostgreSQL tests")
        # Local runs without a server skip; CI (CI=true) never reaches this line.
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (see README, Testing)")
    return url


def create_pg_database() -> tuple[str, str]:
    """A fresh, empty PostgreSQL database; returns (url, name)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = pg_admin_url()
    name = f"mse_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(admin).set(database=name).render_as_string(
        hide_password=False
    ), name


def drop_pg_database(name: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_admin_url(), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(params=ENGINES)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to a fresh, empty database on each engine."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    url, name = create_pg_database()
    yield url
    drop_pg_database(name)


def _seeded(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from msevidence.db.engine import make_engine
    from msevidence.db.migrate import upgrade
    from msevidence.db.seed import load_seed

    name = None
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'seeded.sqlite3'}"
    else:
        url, name = create_pg_database()
    engine = make_engine(url)
    upgrade(engine)
    load_seed(engine)
    engine.dispose()
    yield url
    if name:
        drop_pg_database(name)


@pytest.fixture(scope="session")
def seeded_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _seeded("sqlite", tmp_path_factory)


@pytest.fixture(scope="session")
def seeded_postgresql(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pg_admin_url()
    yield from _seeded("postgresql", tmp_path_factory)


@pytest.fixture(params=ENGINES)
def seeded_url(request: pytest.FixtureRequest) -> str:
    """A migrated and seeded database on each engine (shared; do not modify it)."""
    return str(request.getfixturevalue(f"seeded_{request.param}"))


@dataclass
class Outcome:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run the real CLI entry point in-process: cli("studies", "--drug", "LDN", db=url)."""
    from msevidence.cli import run

    def invoke(*args: str, db: str | None = None) -> Outcome:
        capsys.readouterr()
        argv = (["--db", db] if db else []) + list(args)
        code = run(argv)
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def fresh_seeded_engine(empty_url: str):  # type: ignore[no-untyped-def]
    """A migrated and seeded database of its own on each engine, for tests that write."""
    from msevidence.db.engine import make_engine
    from msevidence.db.migrate import upgrade
    from msevidence.db.seed import load_seed

    engine = make_engine(empty_url)
    upgrade(engine)
    load_seed(engine)
    yield engine
    engine.dispose()
