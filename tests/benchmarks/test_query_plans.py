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
from msevidence.db.prepared import AlchemyReader
from msevidence.queries.studies import StudyFilters, prepare_listing
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
    stmt = prepare_listing(AlchemyReader(conn), filters).statement()
    return str(
        stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
    )


# --------------------------------------------------------------------------- SQLite


@pytest.fixture(scope="module")
def synthetic_sqlite(tmp_path_factory: pytest.TempPathFactory) -> str:
    """20,000 synthetic studies on top of the seed, CHECK constraints enforced,
    analysed (synth ends as `db reindex` does)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('synth') / 'synth.sqlite3'}"
    report = _synth().build(url, 20_000, seed=42, checks=True, verify=True)
    assert report.rows["studies"] == 20_000
    return url


def sqlite_plan(url: str, filters: StudyFilters) -> list[str]:
    engine = make_engine(url, must_exist=True)
    try:
        with engine.connect() as conn:
            sql = _sql(conn, filters)
            return [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    finally:
        engine.dispose()


ORDER_WALK = r"(SCAN|SEARCH) studies USING (COVERING )?INDEX ix_studies_listing_order\b"


def _no_full_scan(plan: list[str], *tables: str) -> None:
    for table in tables:
        scans = [
            line
            for line in plan
            if re.match(rf"SCAN {table}\b", line) and not re.match(ORDER_WALK, line)
        ]
        assert not scans, f"{table} is scanned, not searched:\n" + "\n".join(plan)


SQLITE_CASES = {
    # filter: (filters, plan lines that must all appear)
    "drug": (
        StudyFilters(drug="naltrexone"),
        [
            r"SEARCH arms USING (COVERING )?INDEX \w+ \(intervention_id=\?\)",
            r"SEARCH studies USING INTEGER PRIMARY KEY",
        ],
    ),
    # As benchmarked: a first page of an unselective filter walks the studies in
    # listing order and stops at the limit; nothing is sorted.
    "design --limit": (
        StudyFilters(design="randomised", limit=20),
        [ORDER_WALK],
    ),
    "phenotype --limit": (
        StudyFilters(phenotype="PPMS", limit=20),
        [
            ORDER_WALK,
            r"SEARCH study_phenotypes USING (COVERING )?INDEX \w+ \(study_id=\? AND phenotype=\?\)",
        ],
    ),
    "year-from --limit": (
        StudyFilters(year_from=2020, limit=20),
        [
            r"SEARCH studies USING (COVERING )?INDEX ix_studies_listing_order \(year>\?\)"
        ],
    ),
    "status --limit": (
        StudyFilters(status="withdrawn", limit=20),
        [ORDER_WALK],
    ),
    # Without a limit every match is read: a selective value goes through its index.
    "design": (
        StudyFilters(design="rct-crossover"),
        [r"SEARCH studies USING (COVERING )?INDEX ix_studies_design \(design=\?\)"],
    ),
}


@pytest.mark.parametrize("case", list(SQLITE_CASES))
def test_sqlite_filters_use_indexes(synthetic_sqlite: str, case: str) -> None:
    filters, expected = SQLITE_CASES[case]
    plan = sqlite_plan(synthetic_sqlite, filters)
    for pattern in expected:
        assert any(re.match(pattern, line) for line in plan), "\n".join(plan)
    # No table is read in full, except the listing-order walk a limit stops early.
    _no_full_scan(plan, "studies", "arms", "study_phenotypes", "study_listings")
    if filters.limit is not None:
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan, "\n".join(plan)


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
    # Either the filter's own index, or the listing-order index (year leads it).
    indexes = f"({index}|ix_studies_listing_order)" if case == "year-from" else index
    pattern = rf"(Bitmap Index Scan on|Index Scan( Backward)? using|Index Only Scan using) {indexes}\b"
    assert any(re.search(pattern, line) for line in plan), "\n".join(plan)


PG_FIRST_PAGES = {
    "design --limit": StudyFilters(design="randomised", limit=20),
    "phenotype --limit": StudyFilters(phenotype="PPMS", limit=20),
    "year-from --limit": StudyFilters(year_from=2020, limit=20),
}


@pytest.mark.postgres
@pytest.mark.parametrize("case", list(PG_FIRST_PAGES))
def test_postgresql_first_page_walks_listing_order(
    synthetic_postgresql: str, case: str
) -> None:
    """A --limit page reads studies in listing order and stops: no sort of all matches."""
    engine = make_engine(synthetic_postgresql)
    try:
        with engine.connect() as conn:
            sql = _sql(conn, PG_FIRST_PAGES[case])
            plan = [r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql)]
    finally:
        engine.dispose()
    text_plan = "\n".join(plan)
    assert plan[0].startswith("Limit"), text_plan
    assert "Index Scan using ix_studies_listing_order on studies" in text_plan
    assert not any(line.strip().startswith("Sort") for line in plan), text_plan
    assert "Seq Scan" not in text_plan, text_plan
