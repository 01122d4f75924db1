"""Generated `studies` filters give the same rows on SQLite and PostgreSQL.

The listing query differs by engine on purpose (SQLite gets likelihood() hints and,
without a limit, an ORDER BY its listing-order index cannot serve), so random filter
combinations check that the rows and their order never differ. Both databases hold the
seed plus the same 3,000 synthetic studies from benchmarks/synth.py.
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
from sqlalchemy import Engine, select

from msevidence import tables as t
from msevidence.db.engine import make_engine
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
def engines(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Engine, Engine]]:
    pg_admin_url()  # skips without a server (fails under CI=true)
    sqlite_url = f"sqlite:///{tmp_path_factory.mktemp('gen') / 'gen.sqlite3'}"
    pg_url, name = create_pg_database()
    try:
        _build(sqlite_url)
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


def _rows(engine: Engine, filters: StudyFilters) -> Any:
    with engine.connect() as conn:
        try:
            return list(list_studies(conn, filters).rows)
        except NotFoundError as exc:
            return ("not found", str(exc))


maybe = st.none().__or__
years = st.integers(min_value=1990, max_value=2027)


@pytest.mark.postgres
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_random_filters_agree_across_engines(
    engines: tuple[Engine, Engine], data: st.DataObject
) -> None:
    sqlite, postgres = engines
    drugs = ["naltrexone", "anti-CD20", "interferon beta", *_drug_names(sqlite)]
    filters = StudyFilters(
        drug=data.draw(maybe(st.sampled_from(drugs)), label="drug"),
        design=data.draw(
            maybe(st.sampled_from([*DESIGN_GROUPS, *DESIGNS])), label="design"
        ),
        phenotype=data.draw(maybe(st.sampled_from(PHENOTYPES)), label="phenotype"),
        year_from=data.draw(maybe(years), label="year_from"),
        year_to=data.draw(maybe(years), label="year_to"),
        min_n=data.draw(maybe(st.integers(0, 1500)), label="min_n"),
        status=data.draw(maybe(st.sampled_from(STATUSES)), label="status"),
        limit=data.draw(maybe(st.integers(1, 60)), label="limit"),
    )
    assert _rows(sqlite, filters) == _rows(postgres, filters)
