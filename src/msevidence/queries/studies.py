"""The study listing behind `msevidence studies` (and `search`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Select, exists, func, literal_column, or_, select

from msevidence import tables as t
from msevidence.db.listings import LISTING_COLUMNS, derive
from msevidence.queries.interventions import resolve_drug
from msevidence.queries.result import ResultSet
from msevidence.vocab import DESIGN_GROUPS, PHENOTYPE_MATCHES

STUDY_COLUMNS = [
    "key",
    "study",
    "first_author",
    "year",
    "design",
    "phenotypes",
    "n",
    "intervention",
    "comparator",
    "primary_result",
    "pmid",
    "doi",
    "registry_ids",
]
STREAM_BATCH = 1000
WIDTH = len(STUDY_COLUMNS)


@dataclass(frozen=True)
class StudyFilters:
    drug: str | None = None
    design: str | None = None
    phenotype: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    min_n: int | None = None
    status: str | None = None
    limit: int | None = None


# Newest first; name and id make the order total, so a limit is reproducible.
STUDY_ORDER = (
    t.studies.c.year.desc().nulls_last(),
    t.studies.c.short_name,
    t.studies.c.id,
)


def study_size() -> Any:
    """The n shown and filtered on: randomised when known, else enrolled."""
    return func.coalesce(t.studies.c.n_randomised, t.studies.c.n_enrolled)


def _as_is(condition: Any) -> Any:
    return condition


def _likely(condition: Any) -> Any:
    return func.likelihood(condition, literal_column("0.9"))


def _unlikely(condition: Any) -> Any:
    return func.likelihood(condition, literal_column("0.0625"))


def apply_filters(
    conn: Connection, stmt: Select[Any], filters: StudyFilters
) -> Select[Any]:
    # SQLite's planner has no per-value statistics (no STAT4 in Python's build) and
    # does not weigh a LIMIT, so without --drug (whose few studies lead the plan)
    # it gets told the one thing known here. With --limit, the listing-order index
    # walk stops after `limit` matches: likelihood(0.9) marks the filter as passing
    # most rows, and the planner walks instead of reading and sorting every match
    # (1.4x slower at 1M studies than at seed size). Without a limit every match is
    # read anyway: likelihood(1/16) keeps the filter's own index in use instead of
    # a walk through every study.
    walk = filters.limit is not None and not filters.drug
    hint = _as_is
    if conn.dialect.name == "sqlite" and not filters.drug:
        hint = _likely if walk else _unlikely
    studies = t.studies.c
    if filters.drug:
        ids = resolve_drug(conn, filters.drug).ids
        arms = select(t.arms.c.study_id).where(t.arms.c.intervention_id.in_(ids))
        stmt = stmt.where(studies.id.in_(arms))
    if filters.design:
        designs = DESIGN_GROUPS.get(filters.design, (filters.design,))
        stmt = stmt.where(hint(studies.design.in_(designs)))
    if filters.phenotype:
        # With a drug (few studies) or a walk up to the limit, check each candidate
        # rather than list every study of a common phenotype.
        per_study = bool(filters.drug) or walk
        stmt = stmt.where(_phenotype_condition(filters.phenotype, per_study))
    if filters.year_from is not None:
        stmt = stmt.where(studies.year >= filters.year_from)
    if filters.year_to is not None:
        stmt = stmt.where(studies.year <= filters.year_to)
    if filters.min_n is not None:
        stmt = stmt.where(_size_condition(filters.min_n))
    if filters.status:
        stmt = stmt.where(hint(studies.status == filters.status))
    if filters.limit is not None:
        stmt = stmt.limit(filters.limit)
    return stmt


def _phenotype_condition(phenotype: str, per_study: bool) -> Any:
    wanted = PHENOTYPE_MATCHES.get(phenotype, (phenotype,))
    phenotypes = t.study_phenotypes.c
    if per_study:
        return exists().where(
            phenotypes.study_id == t.studies.c.id, phenotypes.phenotype.in_(wanted)
        )
    matching = select(phenotypes.study_id).where(phenotypes.phenotype.in_(wanted))
    return t.studies.c.id.in_(matching)


def _size_condition(min_n: int) -> Any:
    """study_size() >= min_n, written so the n_randomised/n_enrolled indexes apply."""
    studies = t.studies.c
    return or_(
        studies.n_randomised >= min_n,
        studies.n_randomised.is_(None) & (studies.n_enrolled >= min_n),
    )


# SQLite walks ix_studies_listing_order for any ORDER BY it matches, reading every
# study row in year order, i.e. at random: 5.4 s for a million studies where a scan
# and a sort take 2.8 s. The walk pays only when a LIMIT stops it early; otherwise
# SQLite is given the same order as an expression the index cannot serve.
SORTED_ORDER = (
    (-t.studies.c.year).asc().nulls_last(),
    t.studies.c.short_name,
    t.studies.c.id,
)


def _study_columns() -> dict[str, Any]:
    """The STUDY_COLUMNS that come from the studies table; the rest are stored text."""
    studies = t.studies.c
    return {
        "key": studies.key,
        "study": studies.short_name,
        "year": studies.year,
        "design": studies.design,
        "n": study_size(),
    }


def study_rows_statement(conn: Connection, filters: StudyFilters) -> Select[Any]:
    """The listing rows (STUDY_COLUMNS), then the study id and a `listed` marker.

    The outer join keeps a study that has no listing row yet (added with SQL since
    the last reindex); its `listed` column is NULL and list_studies derives it.
    """
    own = _study_columns()
    listing = t.study_listings.c
    sort = filters.limit is None and conn.dialect.name == "sqlite"
    stmt = (
        select(
            *(own[name] if name in own else listing[name] for name in STUDY_COLUMNS),
            t.studies.c.id,
            listing.study_id.label("listed"),
        )
        .select_from(t.studies)
        .outerjoin(t.study_listings, listing.study_id == t.studies.c.id)
        .order_by(*(SORTED_ORDER if sort else STUDY_ORDER))
    )
    return apply_filters(conn, stmt, filters)


def _rows(conn: Connection, stmt: Select[Any]) -> Iterator[tuple[Any, ...]]:
    """Rows in STUDY_COLUMNS order; studies without a stored listing are derived,
    one query per batch of rows rather than one per study."""
    rows = stream(conn, stmt)
    while batch := list(islice(rows, STREAM_BATCH)):
        missing = [row[-2] for row in batch if row[-1] is None]
        derived = {d[0]: d[1:] for d in derive(conn, missing)} if missing else {}
        for row in batch:
            yield _with_derived(row, derived) if row[-1] is None else row[:WIDTH]


def _with_derived(row: Any, derived: dict[int, tuple[Any, ...]]) -> tuple[Any, ...]:
    values = dict(zip(LISTING_COLUMNS, derived[row[-2]], strict=True))
    own = dict(zip(STUDY_COLUMNS, row[:WIDTH], strict=True))
    return tuple(values[name] if name in values else own[name] for name in STUDY_COLUMNS)


def stream(conn: Connection, stmt: Select[Any]) -> Iterator[Any]:
    """Rows in batches through a server-side cursor where the driver has one."""
    result = conn.execution_options(
        stream_results=True, yield_per=STREAM_BATCH
    ).execute(stmt)
    yield from result


def list_studies(conn: Connection, filters: StudyFilters) -> ResultSet:
    stmt = study_rows_statement(conn, filters)
    return ResultSet(
        STUDY_COLUMNS,
        _rows(conn, stmt),
        title="Studies",
        may_have_floats=False,  # text and integer columns only
    )
