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

from msevidence import tables as t
from msevidence.formatting import join_sorted, result_text
from msevidence.vocab import COMPARATOR_ROLES, EXPERIMENTAL_ROLES

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
            func.aggregate_strings(
                case((t.arms.c.role.in_(roles), t.interventions.c.name)), "|"
            ),
            "",
        )

    return (
        select(names(EXPERIMENTAL_ROLES) + ARM_GROUP_SEP + names(COMPARATOR_ROLES))
        .select_from(t.arms)
        .join(t.interventions, t.interventions.c.id == t.arms.c.intervention_id)
        .where(t.arms.c.study_id == t.studies.c.id)
        .scalar_subquery()
    )


def _headline_publication() -> Any:
    return (
        select(t.publications.c.id)
        .join(
            t.study_publications,
            t.study_publications.c.publication_id == t.publications.c.id,
        )
        .where(t.study_publications.c.study_id == t.studies.c.id)
        .order_by(
            case((t.study_publications.c.role == "primary", 0), else_=1),
            t.publications.c.year,
            func.abs(t.publications.c.id),
        )
        .limit(1)
        .scalar_subquery()
    )


def _headline_result() -> Any:
    return (
        select(t.results.c.id)
        .where(t.results.c.study_id == t.studies.c.id)
        .order_by(
            case((t.results.c.is_primary, 0), else_=1),
            case(
                (t.results.c.result_type == "effect", 0),
                (t.results.c.result_type == "arm", 1),
                else_=2,
            ),
            func.abs(t.results.c.id),
        )
        .limit(1)
        .scalar_subquery()
    )


def _aggregate(column: Any, study_column: Any) -> Any:
    return (
        select(func.aggregate_strings(column, "|"))
        .where(study_column == t.studies.c.id)
        .scalar_subquery()
    )


def derive_statement() -> Any:
    """The study id plus the raw material of the derived columns, one row per study."""
    pub = t.publications.alias()
    res = t.results.alias()
    out = t.outcomes.alias()
    return (
        select(
            t.studies.c.id,
            pub.c.first_author,
            _aggregate(t.study_phenotypes.c.phenotype, t.study_phenotypes.c.study_id),
            _arm_groups(),
            out.c.code,
            res.c.result_type,
            res.c.measure,
            res.c.value,
            res.c.ci_lower,
            res.c.ci_upper,
            res.c.ci_level,
            res.c.p_value,
            res.c.p_operator,
            res.c.summary,
            pub.c.pmid,
            pub.c.doi,
            _aggregate(t.registrations.c.identifier, t.registrations.c.study_id),
        )
        .select_from(t.studies)
        .outerjoin(pub, pub.c.id == _headline_publication())
        .outerjoin(res, res.c.id == _headline_result())
        .outerjoin(out, out.c.id == res.c.outcome_id)
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
    stmt = (
        derive_statement()
        .where(t.studies.c.id.in_(list(study_ids)))
        .order_by(t.studies.c.id)
    )
    return [shape(row) for row in conn.execute(stmt).all()]


def rebuild_listings(conn: Connection) -> int:
    """Rewrite every study's listing row from the data; returns the row count."""
    if not inspect(conn).has_table("study_listings"):
        return 0
    conn.execute(delete(t.study_listings))
    # One compiled INSERT, executemany'd straight to the driver: the rows are plain
    # tuples, and SQLAlchemy's per-row parameter processing would double the cost.
    compiled = insert(t.study_listings).compile(dialect=conn.dialect)
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
        stmt = derive_statement().order_by(t.studies.c.id).limit(BATCH)
        if last is not None:
            stmt = stmt.where(t.studies.c.id > last)
        rows = conn.execute(stmt).all()
        if not rows:
            return
        yield [shape(row) for row in rows]
        last = rows[-1][0]


def stale_listings(conn: Connection) -> Iterator[tuple[int, str]]:
    """(study id, 'missing' | 'out of date') for stored rows that differ from derive()."""
    columns = [t.study_listings.c[name] for name in LISTING_COLUMNS]
    for batch in _batches(conn):
        first, last = batch[0][0], batch[-1][0]
        stored = {
            sid: tuple(rest)
            for sid, *rest in conn.execute(
                select(t.study_listings.c.study_id, *columns).where(
                    t.study_listings.c.study_id.between(first, last)
                )
            )
        }
        for sid, *derived in batch:
            if sid not in stored:
                yield sid, "missing"
            elif stored[sid] != tuple(derived):
                yield sid, "out of date"
