"""study_listings: the derived columns of a `studies` row, kept beside the data.

A `studies` row shows, besides columns of the studies table, text that needs a
study's children: its phenotypes, the drugs of its experimental and comparator arms,
its headline publication (first author, PMID, DOI), its headline result and its
registry ids. Computing those per row takes five correlated subqueries per study (15 s
of SQL for a million studies, visited in listing order); reading them from one row
per study is a primary-key join.

`derive` is the one definition of that text. `rebuild_listings` stores it for every
study at seed time and by `db reindex`; the listing query falls back to `derive` for
any study that has no stored row (rows added with SQL and no reindex since), so a
missing row costs time, never a wrong answer. Edits to existing studies made with SQL
need `msevidence db reindex`, as full-text search does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, case, delete, func, insert, inspect, select
from sqlalchemy.orm import aliased

from msevidence.formatting import join_sorted, result_text
from msevidence.models import (
    Arm,
    Intervention,
    Outcome,
    Publication,
    Registration,
    Result,
    Study,
    StudyListing,
    StudyPhenotype,
    StudyPublication,
)
from msevidence.vocab import COMPARATOR_ROLES, EXPERIMENTAL_ROLES

# Bump when the text derive() produces changes: the seed checksum includes it, so
# every database rebuilds its listings the next time its seed is checked.
LISTING_FORMAT = "1"
LISTING_COLUMNS = [
    "first_author",
    "phenotypes",
    "intervention",
    "comparator",
    "primary_result",
    "pmid",
    "doi",
    "registry_ids",
]
BATCH = 5000
# Both arm groups come from one scan of a study's arms: "experimental<RS>comparator".
ARM_GROUP_SEP = "\x1e"


def _arm_groups() -> Any:
    def names(roles: tuple[str, ...]) -> Any:
        return func.coalesce(
            func.aggregate_strings(case((Arm.role.in_(roles), Intervention.name)), "|"),
            "",
        )

    return (
        select(names(EXPERIMENTAL_ROLES) + ARM_GROUP_SEP + names(COMPARATOR_ROLES))
        .select_from(Arm)
        .join(Intervention, Intervention.id == Arm.intervention_id)
        .where(Arm.study_id == Study.id)
        .scalar_subquery()
    )


def _headline_publication() -> Any:
    return (
        select(Publication.id)
        .join(StudyPublication, StudyPublication.publication_id == Publication.id)
        .where(StudyPublication.study_id == Study.id)
        .order_by(
            case((StudyPublication.role == "primary", 0), else_=1),
            Publication.year,
            func.abs(Publication.id),
        )
        .limit(1)
        .scalar_subquery()
    )


def _headline_result() -> Any:
    return (
        select(Result.id)
        .where(Result.study_id == Study.id)
        .order_by(
            case((Result.is_primary, 0), else_=1),
            case(
                (Result.result_type == "effect", 0),
                (Result.result_type == "arm", 1),
                else_=2,
            ),
            func.abs(Result.id),
        )
        .limit(1)
        .scalar_subquery()
    )


def _aggregate(column: Any, study_column: Any) -> Any:
    return (
        select(func.aggregate_strings(column, "|"))
        .where(study_column == Study.id)
        .scalar_subquery()
    )


def derive_statement() -> Any:
    """Study id plus the raw material of the derived columns, one row per study."""
    pub = aliased(Publication)
    res = aliased(Result)
    out = aliased(Outcome)
    return (
        select(
            Study.id,
            pub.first_author,
            _aggregate(StudyPhenotype.phenotype, StudyPhenotype.study_id),
            _arm_groups(),
            out.code,
            res.result_type,
            res.measure,
            res.value,
            res.ci_lower,
            res.ci_upper,
            res.ci_level,
            res.p_value,
            res.p_operator,
            res.summary,
            pub.pmid,
            pub.doi,
            _aggregate(Registration.identifier, Registration.study_id),
        )
        .select_from(Study)
        .outerjoin(pub, pub.id == _headline_publication())
        .outerjoin(res, res.id == _headline_result())
        .outerjoin(out, out.id == res.outcome_id)
    )


# Phenotype and drug lists repeat across studies: memoise their sorting.
_join_sorted_cached = lru_cache(maxsize=16384)(join_sorted)


def _joined(aggregate: str | None) -> str | None:
    """join_sorted(aggregate), without the work when there is one value."""
    if not aggregate:
        return None
    if "|" not in aggregate:
        return aggregate
    return _join_sorted_cached(aggregate)


def shape(row: Any) -> tuple[Any, ...]:
    """A derive_statement() row as (study_id, *LISTING_COLUMNS)."""
    (study_id, author, phen, arms, *result, pmid, doi, reg) = row
    exp, _, comp = (arms or "").partition(ARM_GROUP_SEP)
    return (
        study_id,
        author,
        _joined(phen),
        _joined(exp),
        _joined(comp),
        result_text(*result),
        pmid,
        doi,
        _joined(reg),
    )


def derive(conn: Connection, study_ids: Iterable[int]) -> list[tuple[Any, ...]]:
    """(study_id, *LISTING_COLUMNS) for the given studies, by id."""
    stmt = derive_statement().where(Study.id.in_(list(study_ids))).order_by(Study.id)
    return [shape(row) for row in conn.execute(stmt).all()]


def rebuild_listings(conn: Connection) -> int:
    """Rewrite every study's listing row from the data; returns the row count."""
    if not inspect(conn).has_table("study_listings"):
        return 0
    conn.execute(delete(StudyListing))
    # One compiled INSERT, executemany'd straight to the driver: the rows are plain
    # tuples, and SQLAlchemy's per-row parameter processing would double the cost.
    compiled = insert(StudyListing).compile(dialect=conn.dialect)
    return sum(_write(conn, compiled, batch) for batch in _batches(conn))


def _write(conn: Connection, compiled: Any, rows: list[Any]) -> int:
    columns = ["study_id", *LISTING_COLUMNS]
    if compiled.positional and list(compiled.positiontup) == columns:
        params: Any = rows  # qmark (SQLite): the tuples as they are
    else:
        params = [dict(zip(columns, row, strict=True)) for row in rows]
    conn.exec_driver_sql(str(compiled), params)
    return len(rows)


def _batches(conn: Connection) -> Iterator[list[tuple[Any, ...]]]:
    """Every study's derived row, BATCH studies at a time in id order. Each batch is
    read whole, so no read cursor stays open while the caller writes."""
    last = None
    while True:
        stmt = derive_statement().order_by(Study.id).limit(BATCH)
        if last is not None:
            stmt = stmt.where(Study.id > last)
        rows = conn.execute(stmt).all()
        if not rows:
            return
        yield [shape(row) for row in rows]
        last = rows[-1][0]


def stale_listings(conn: Connection) -> Iterator[tuple[int, str]]:
    """(study id, 'missing' | 'out of date') for stored rows that differ from derive()."""
    columns = [StudyListing.__table__.c[name] for name in LISTING_COLUMNS]
    for batch in _batches(conn):
        first, last = batch[0][0], batch[-1][0]
        stored = {
            sid: tuple(rest)
            for sid, *rest in conn.execute(
                select(StudyListing.study_id, *columns).where(
                    StudyListing.study_id.between(first, last)
                )
            )
        }
        for sid, *derived in batch:
            if sid not in stored:
                yield sid, "missing"
            elif stored[sid] != tuple(derived):
                yield sid, "out of date"
