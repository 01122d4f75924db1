"""The `studies` filters use indexes, so they stay fast on a large database.

The SQL that list_studies builds for --drug, --design, --phenotype and --year-from is
compiled with literal values and run through the planner (EXPLAIN QUERY PLAN on
SQLite, EXPLAIN on PostgreSQL after ANALYZE) on a synthetic database from
benchmarks/synth.py. No timing is asserted: only that the filtered table is reached
through an index rather than scanned.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import Connection

from msevidence.db.engine import make_engine
from msevidence.queries.studies import StudyFilters, study_rows_statement
from tests.conftest import create_pg_database, drop_pg_database, pg_admin_url

SYNTH_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "synth.py"


def _synth() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "msevidence_benchmarks_synth", SYNTH_PATH
    )
    assert spec and spec.loader, SYNTH_PATH
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _sql(conn: Connection, filters: StudyFilters) -> str:
    stmt = study_rows_statement(conn, filters)
    return str(
        stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
    )


# --------------------------------------------------------------------------- SQLite


@pytest.fixture(scope="module")
def synthetic_sqlite(tmp_path_factory: pytest.TempPathFactory) -> str:
    """2,000 synthetic studies on top of the seed, CHECK constraints enforced."""
    url = f"sqlite:///{tmp_path_factory.mktemp('synth') / 'synth.sqlite3'}"
    report = _synth().build(url, 2_000, seed=42, checks=True, verify=True)
    assert report.rows["studies"] == 2_000
    return url


def sqlite_plan(url: str, filters: StudyFilters) -> list[str]:
    engine = make_engine(url, must_exist=True)
    try:
        with engine.connect() as conn:
            sql = _sql(conn, filters)
            return [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    finally:
        engine.dispose()


def _no_full_scan(plan: list[str], *tables: str) -> None:
    for table in tables:
        scans = [line for line in plan if re.match(rf"SCAN {table}\b", line)]
        assert not scans, f"{table} is scanned, not searched:\n" + "\n".join(plan)


SQLITE_CASES = {
    # filter: (filters, the plan line that shows the index doing the filtering)
    "drug": (
        StudyFilters(drug="naltrexone"),
        r"SEARCH arms USING (COVERING )?INDEX \w+ \(intervention_id=\?\)",
    ),
    "design": (
        StudyFilters(design="randomised"),
        r"SEARCH studies USING (COVERING )?INDEX \w+ \(design=\?\)",
    ),
    "phenotype": (
        StudyFilters(phenotype="RRMS"),
        r"SEARCH study_phenotypes USING (COVERING )?INDEX \w+ \(phenotype=\?\)",
    ),
    "year-from": (
        StudyFilters(year_from=2015),
        r"SEARCH studies USING (COVERING )?INDEX \w+ \(year>\?\)",
    ),
}


@pytest.mark.parametrize("case", list(SQLITE_CASES))
def test_sqlite_filters_use_indexes(synthetic_sqlite: str, case: str) -> None:
    filters, expected = SQLITE_CASES[case]
    plan = sqlite_plan(synthetic_sqlite, filters)
    assert any(re.match(expected, line) for line in plan), "\n".join(plan)
    # Neither the studies table nor the table the filter reads is read in full.
    _no_full_scan(plan, "studies", "arms", "study_phenotypes")


def test_sqlite_drug_filter_reaches_studies_by_primary_key(
    synthetic_sqlite: str,
) -> None:
    plan = sqlite_plan(synthetic_sqlite, StudyFilters(drug="naltrexone"))
    assert any(
        line.startswith("SEARCH studies USING INTEGER PRIMARY KEY") for line in plan
    ), "\n".join(plan)


# --------------------------------------------------------------------------- PostgreSQL


@pytest.fixture(scope="module")
def synthetic_postgresql() -> Iterator[str]:
    """20,000 synthetic studies in a fresh PostgreSQL database, analysed."""
    pg_admin_url()  # skips without MSEVIDENCE_TEST_PG_URL (fails under CI=true)
    url, name = create_pg_database()
    try:
        _synth().build(url, 20_000, seed=42)  # ends with ANALYZE
        yield url
    finally:
        drop_pg_database(name)


# Selective values, so that an index is the right plan for the planner too.
PG_CASES = {
    "drug": (StudyFilters(drug="naltrexone"), "ix_arms_intervention_id"),
    "design": (StudyFilters(design="rct-crossover"), "ix_studies_design"),
    "phenotype": (StudyFilters(phenotype="NMOSD"), "ix_study_phenotypes_phenotype"),
    "year-from": (StudyFilters(year_from=2025), "ix_studies_year"),
}


@pytest.mark.postgres
def test_postgresql_filter_indexes_exist(synthetic_postgresql: str) -> None:
    engine = make_engine(synthetic_postgresql)
    try:
        with engine.connect() as conn:
            names = {
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
                )
            }
    finally:
        engine.dispose()
    assert {index for _, index in PG_CASES.values()} <= names


@pytest.mark.postgres
@pytest.mark.parametrize("case", list(PG_CASES))
def test_postgresql_filters_use_indexes(synthetic_postgresql: str, case: str) -> None:
    filters, index = PG_CASES[case]
    engine = make_engine(synthetic_postgresql)
    try:
        with engine.connect() as conn:
            plan = [
                r[0] for r in conn.exec_driver_sql("EXPLAIN " + _sql(conn, filters))
            ]
    finally:
        engine.dispose()
    pattern = rf"(Bitmap Index Scan on|Index Scan( Backward)? using|Index Only Scan using) {index}\b"
    assert any(re.search(pattern, line) for line in plan), "\n".join(plan)
