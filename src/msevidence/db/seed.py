"""Load data/seed.sql: one transaction, idempotent, keeping rows that users added.

Seed rows have negative ids (see tools/build_seed.py). Loading deletes the seed rows
and inserts the new ones inside one transaction with foreign-key checks deferred to
commit, so rows with positive ids that users added survive, readers never see a
half-loaded database, and running it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, insert, inspect, select

from msevidence import __version__
from msevidence import tables as t
from msevidence.db.versions import seed_checksum
from msevidence.resources import seed_path

# Association tables have no id of their own: their seed rows are those whose parent
# is a seed row.
_PARENT_COLUMN = {
    "study_phenotypes": "study_id",
    "study_publications": "study_id",
    "study_listings": "study_id",
    "guideline_bodies": "guideline_id",
    "recommendation_interventions": "recommendation_id",
}


@dataclass(frozen=True)
class SeedReport:
    changed: bool
    checksum: str
    studies: int


def split_statements(sql: str) -> list[str]:
    """Statements of a generated seed file: each ends with ';' at the end of a line."""
    statements: list[str] = []
    current: list[str] = []
    for line in sql.splitlines():
        if not current and (not line.strip() or line.startswith("--")):
            continue
        current.append(line)
        if line.endswith(";"):
            statements.append("\n".join(current))
            current = []
    if current:
        raise ValueError("seed file ends inside a statement")
    return statements


def loaded_checksum(conn: Connection) -> str | None:
    return conn.execute(select(t.seed_info.c.checksum)).scalar()


def _defer_foreign_keys(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    else:
        conn.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED")


def _delete_seed_rows(conn: Connection) -> None:
    # The models know the foreign keys, hence the order (loading is the slow path).
    from msevidence.models import Base

    for table in reversed(Base.metadata.sorted_tables):
        if table.name == "seed_info":
            continue
        column = _PARENT_COLUMN.get(table.name, "id")
        conn.execute(delete(table).where(table.c[column] < 0))


def load_seed(
    engine: Engine, path: Path | None = None, *, force: bool = False
) -> SeedReport:
    """Bring the seed rows to the shipped version; a no-op when already current."""
    path = path or seed_path()
    checksum = seed_checksum(path)
    statements = split_statements(path.read_text(encoding="utf-8"))
    with engine.begin() as conn:
        if not inspect(conn).has_table("seed_info"):
            from msevidence.errors import DatabaseError

            raise DatabaseError(
                "the database is not migrated: run msevidence db upgrade"
            )
        if loaded_checksum(conn) == checksum and not force:
            return SeedReport(False, checksum, _count_seed_studies(conn))
        _defer_foreign_keys(conn)
        _delete_seed_rows(conn)
        # Drivers with format-style placeholders (psycopg) read '%' even without
        # parameters, so a literal '%' in the data must be doubled for them.
        escape = conn.dialect.paramstyle in ("format", "pyformat")
        for statement in statements:
            conn.exec_driver_sql(statement.replace("%", "%%") if escape else statement)
        after_seed(conn)
        conn.execute(delete(t.seed_info))
        conn.execute(
            insert(t.seed_info).values(
                checksum=checksum,
                package_version=__version__,
                loaded_at=datetime.now(UTC).isoformat(timespec="seconds"),
            )
        )
        return SeedReport(True, checksum, _count_seed_studies(conn))


def after_seed(conn: Connection) -> None:
    """Upkeep after the seed rows changed: the derived tables."""
    from msevidence.db.fulltext import rebuild_index
    from msevidence.db.listings import rebuild_listings

    rebuild_index(conn)
    rebuild_listings(conn)


def refresh_derived(conn: Connection) -> None:
    """`db reindex`: rebuild the derived tables, then refresh planner statistics.

    The statistics tell the planner how unselective a design or phenotype is, so
    `--design X --limit 20` walks the listing-order index instead of sorting every
    match. They are not taken at seed time: statistics of a seed-sized database
    would mislead the planner once rows are bulk-loaded, which is when users run
    this command.
    """
    after_seed(conn)
    analyze(conn)


def analyze(conn: Connection) -> None:
    # A full ANALYZE, not a sampled one: SQLite's analysis_limit sampling reads the
    # first rows of each index and takes a design shared by a tenth of all studies
    # for a rare one.
    conn.exec_driver_sql("ANALYZE")


def _count_seed_studies(conn: Connection) -> int:
    from sqlalchemy import func

    return conn.execute(select(func.count()).where(t.studies.c.id < 0)).scalar_one()
