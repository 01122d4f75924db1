"""The study listing behind `msevidence studies`.

This module imports no SQLAlchemy: on a current SQLite file the listing runs through
the direct reader (db/direct.py), and the Core statement in queries/study_sql.py is
only built when its SQL is not cached yet, or on another engine.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from msevidence.db.prepared import Prepared, Reader, as_reader, listed
from msevidence.queries.drug_match import resolve_drug
from msevidence.queries.result import ResultSet
from msevidence.vocab import DESIGN_GROUPS, PHENOTYPE_MATCHES

if TYPE_CHECKING:
    from sqlalchemy import Connection

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


def filter_params(
    filters: StudyFilters, drug_ids: Sequence[int] | None
) -> dict[str, Any]:
    """The values the filters bind, by name; the names alone decide the SQL.

    `drug_ids` are the interventions that filters.drug resolved to.
    """
    params: dict[str, Any] = {}
    if drug_ids is not None:
        params.update(listed("drug", drug_ids))
    if filters.design:
        design = filters.design
        params.update(listed("design", DESIGN_GROUPS.get(design, (design,))))
    if filters.phenotype:
        wanted = PHENOTYPE_MATCHES.get(filters.phenotype, (filters.phenotype,))
        params.update(listed("phenotype", wanted))
    for name in ("year_from", "year_to", "min_n", "limit"):
        if getattr(filters, name) is not None:
            params[name] = getattr(filters, name)
    if filters.status:
        params["status"] = filters.status
    return params


def _statement(dialect: str) -> Any:
    def build(params: Mapping[str, Any]) -> Any:
        from msevidence.queries.study_sql import study_rows_statement

        return study_rows_statement(dialect, params)

    return build


def prepare_listing(reader: Reader, filters: StudyFilters) -> Prepared:
    """The listing statement for `filters`, with --drug resolved to its ids."""
    ids = resolve_drug(reader, filters.drug).ids if filters.drug else None
    return Prepared("studies", filter_params(filters, ids), _statement(reader.dialect))


def list_studies(conn: Connection | Reader, filters: StudyFilters) -> ResultSet:
    reader = as_reader(conn)
    return ResultSet(
        STUDY_COLUMNS,
        _rows(reader, prepare_listing(reader, filters)),
        title="Studies",
        may_have_floats=False,  # text and integer columns only
    )


def _rows(reader: Reader, prepared: Prepared) -> Iterator[tuple[Any, ...]]:
    """Rows in STUDY_COLUMNS order, then the study id and a `listed` marker; studies
    without a stored listing are derived, one query per batch rather than per study."""
    rows = reader.rows(prepared, batch=STREAM_BATCH)
    while batch := list(islice(rows, STREAM_BATCH)):
        missing = [row[-2] for row in batch if row[-1] is None]
        if not missing:
            yield from (tuple(row[:WIDTH]) for row in batch)
            continue
        from msevidence.db.listings import LISTING_COLUMNS, derive

        derived = {
            d[0]: dict(zip(LISTING_COLUMNS, d[1:], strict=True))
            for d in derive(reader.connection(), missing)
        }
        for row in batch:
            yield _with_derived(row, derived) if row[-1] is None else tuple(row[:WIDTH])


def _with_derived(row: Any, derived: dict[int, dict[str, Any]]) -> tuple[Any, ...]:
    values = derived[row[-2]]
    own = dict(zip(STUDY_COLUMNS, row[:WIDTH], strict=True))
    return tuple(
        values[name] if name in values else own[name] for name in STUDY_COLUMNS
    )
