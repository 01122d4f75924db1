"""Generated `studies` filters give the same rows on every engine and reader.

The listing query differs by engine on purpose (SQLite gets likelihood() hints and,
without a limit, an ORDER BY its listing-order index cannot serve), and on SQLite it
runs either through SQLAlchemy or through the direct sqlite3 reader with SQL compiled
for an earlier call of the same shape (db/direct.py). Random filter combinations check
that the rows and their order never differ. The databases hold the seed plus the same
3,000 synthetic studies from benchmarks/synth.py.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, Engine, select

from msevidence import tables as t
from msevidence.db.direct import open_direct
from msevidence.db.engine import make_engine
from msevidence.db.prepared import Reader
from msevidence.errors import NotFoundError
from msevidence.queries.studies import StudyFilters, list_studies
from msevidence.vocab import DESIGN_GROUPS, DESIGNS, PHENOTYPES, STATUSES
from tests.conftest import create_pg_database, drop_pg_database, pg_admin_url

SYNTH_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "synth.py"
N_STUDIES = 3_000


def _build(url: str) -> None:
    spec = importlib.util.spec_from_file_location("msevidence_synth_gen", SYNTH_PATH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    module.build(url, N_STUDIES, seed=7, n_interventions=300)


@pytest.fixture(scope="module")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('gen') / 'gen.sqlite3'}"
    _build(url)
    return url


@pytest.fixture(scope="module")
def engines(sqlite_url: str) -> Iterator[tuple[Engine, Engine]]:
    pg_admin_url()  # skips without a server (fails under CI=true)
    pg_url, name = create_pg_database()
    try:
        _build(pg_url)
        sqlite, postgres = make_engine(sqlite_url), make_engine(pg_url)
        yield sqlite, postgres
        sqlite.dispose()
        postgres.dispose()
    finally:
        drop_pg_database(name)


def _drug_names(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(t.interventions.c.name).order_by(t.interventions.c.id).limit(25)
        )
        return [name for (name,) in rows]


def _listed(conn: Connection | Reader, filters: StudyFilters) -> Any:
    try:
        return [tuple(row) for row in list_studies(conn, filters).rows]
    except NotFoundError as exc:
        return ("not found", str(exc))


def _rows(engine: Engine, filters: StudyFilters) -> Any:
    with engine.connect() as conn:
        return _listed(conn, filters)


def _direct_rows(url: str, filters: StudyFilters) -> Any:
    reader = open_direct(url, embedded=False)
    assert reader is not None, "a current SQLite file is read directly"
    with reader:
        return _listed(reader, filters)


maybe = st.none().__or__
years = st.integers(min_value=1990, max_value=2027)


def _filters(data: st.DataObject, drugs: list[str]) -> StudyFilters:
    return StudyFilters(
        drug=data.draw(maybe(st.sampled_from(drugs)), label="drug"),
        design=data.draw(
            maybe(st.sampled_from([*DESIGN_GROUPS, *DESIGNS])), label="design"
        ),
        phenotype=data.draw(maybe(st.sampled_from(PHENOTYPES)), label="phenotype"),
        year_from=data.draw(maybe(years), label="year_from"),
        year_to=data.draw(maybe(years), label="year_to"),
        min_n=data.draw(maybe(st.integers(0, 1500)), label="min_n"),
        status=data.draw(maybe(st.sampled_from(STATUSES)), label="status"),
        limit=data.draw(maybe(st.integers(0, 60)), label="limit"),
    )


GENERATED = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# A drug class and a misspelling leave the indexed lookups for the vocabulary,
# which the direct reader hands to SQLAlchemy.
SPECIAL_DRUGS = ["naltrexone", "LDN", "anti-CD20", "interferon beta", "natalizumb"]


@GENERATED
@given(data=st.data())
def test_random_filters_agree_between_sqlite_readers(
    sqlite_url: str, data: st.DataObject
) -> None:
    engine = make_engine(sqlite_url)
    try:
        filters = _filters(data, [*SPECIAL_DRUGS, *_drug_names(engine)])
        assert _direct_rows(sqlite_url, filters) == _rows(engine, filters)
    finally:
        engine.dispose()


@pytest.mark.postgres
@GENERATED
@given(data=st.data())
def test_random_filters_agree_across_engines(
    engines: tuple[Engine, Engine], data: st.DataObject
) -> None:
    sqlite, postgres = engines
    filters = _filters(data, [*SPECIAL_DRUGS, *_drug_names(sqlite)])
    assert _rows(sqlite, filters) == _rows(postgres, filters)
