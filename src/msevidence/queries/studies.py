"""The study listing behind `msevidence studies` (and `search`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select, case, exists, func, or_, select
from sqlalchemy.orm import aliased

from msevidence.models import (
    Arm,
    Intervention,
    Outcome,
    Publication,
    Registration,
    Result,
    Study,
    StudyPhenotype,
    StudyPublication,
)
from msevidence.queries.formatting import join_sorted, result_text
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
EXPERIMENTAL_ROLES = ("experimental", "single-arm")
COMPARATOR_ROLES = ("placebo", "active-comparator", "no-intervention")
STREAM_BATCH = 1000


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
STUDY_ORDER = (Study.year.desc().nulls_last(), Study.short_name, Study.id)


def study_size() -> Any:
    """The n shown and filtered on: randomised when known, else enrolled."""
    return func.coalesce(Study.n_randomised, Study.n_enrolled)


def _arm_names(roles: tuple[str, ...]) -> Any:
    return (
        select(func.aggregate_strings(Intervention.name, "|"))
        .select_from(Arm)
        .join(Intervention, Intervention.id == Arm.intervention_id)
        .where(Arm.study_id == Study.id, Arm.role.in_(roles))
        .scalar_subquery()
    )


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


def apply_filters(
    conn: Connection, stmt: Select[Any], filters: StudyFilters
) -> Select[Any]:
    if filters.drug:
        match = resolve_drug(conn, filters.drug)
        stmt = stmt.where(
            Study.id.in_(select(Arm.study_id).where(Arm.intervention_id.in_(match.ids)))
        )
    if filters.design:
        designs = DESIGN_GROUPS.get(filters.design, (filters.design,))
        stmt = stmt.where(Study.design.in_(designs))
    if filters.phenotype:
        wanted = PHENOTYPE_MATCHES.get(filters.phenotype, (filters.phenotype,))
        if filters.drug:
            # The drug's few studies lead: check their phenotypes one by one rather
            # than listing every study of a common phenotype.
            stmt = stmt.where(
                exists().where(
                    StudyPhenotype.study_id == Study.id,
                    StudyPhenotype.phenotype.in_(wanted),
                )
            )
        else:
            stmt = stmt.where(
                Study.id.in_(
                    select(StudyPhenotype.study_id).where(
                        StudyPhenotype.phenotype.in_(wanted)
                    )
                )
            )
    if filters.year_from is not None:
        stmt = stmt.where(Study.year >= filters.year_from)
    if filters.year_to is not None:
        stmt = stmt.where(Study.year <= filters.year_to)
    if filters.min_n is not None:
        stmt = stmt.where(
            or_(
                Study.n_randomised >= filters.min_n,
                (Study.n_randomised.is_(None)) & (Study.n_enrolled >= filters.min_n),
            )
        )
    if filters.status:
        stmt = stmt.where(Study.status == filters.status)
    if filters.limit is not None:
        stmt = stmt.limit(filters.limit)
    return stmt


def study_rows_statement(conn: Connection, filters: StudyFilters) -> Select[Any]:
    pub = aliased(Publication)
    res = aliased(Result)
    out = aliased(Outcome)
    phenotypes = (
        select(func.aggregate_strings(StudyPhenotype.phenotype, "|"))
        .where(StudyPhenotype.study_id == Study.id)
        .scalar_subquery()
    )
    registry = (
        select(func.aggregate_strings(Registration.identifier, "|"))
        .where(Registration.study_id == Study.id)
        .scalar_subquery()
    )
    stmt = (
        select(
            Study.key,
            Study.short_name,
            pub.first_author,
            Study.year,
            Study.design,
            phenotypes,
            study_size(),
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
            registry,
        )
        .select_from(Study)
        .outerjoin(pub, pub.id == _headline_publication())
        .outerjoin(res, res.id == _headline_result())
        .outerjoin(out, out.id == res.outcome_id)
        .order_by(*STUDY_ORDER)
    )
    if filters.limit is None:
        return apply_filters(conn, stmt, filters)
    # With --limit, pick the studies first: a database sorts every matching row,
    # with all its columns, before it stops at the limit, and the columns here are
    # subqueries. Sorting bare ids keeps `--design X --limit 20` cheap.
    first = apply_filters(conn, select(Study.id).order_by(*STUDY_ORDER), filters)
    return stmt.where(Study.id.in_(first))


# Phenotype and drug lists repeat across studies: memoise their sorting.
_join_sorted_cached = lru_cache(maxsize=16384)(join_sorted)


def _joined(aggregate: str | None) -> str | None:
    """join_sorted(aggregate), without the work when there is one value."""
    if not aggregate:
        return None
    if "|" not in aggregate:
        return aggregate
    return _join_sorted_cached(aggregate)


def _shape(row: Any) -> tuple[Any, ...]:
    (key, name, author, year, design, phen, n, arms, *result, pmid, doi, reg) = row
    exp, _, comp = (arms or "").partition(ARM_GROUP_SEP)
    return (
        key,
        name,
        author,
        year,
        design,
        _joined(phen),
        n,
        _joined(exp),
        _joined(comp),
        result_text(*result),
        pmid,
        doi,
        _joined(reg),
    )


def stream(conn: Connection, stmt: Select[Any]) -> Iterator[Any]:
    """Rows in batches through a server-side cursor where the driver has one."""
    result = conn.execution_options(
        stream_results=True, yield_per=STREAM_BATCH
    ).execute(stmt)
    yield from result


def list_studies(conn: Connection, filters: StudyFilters) -> ResultSet:
    stmt = study_rows_statement(conn, filters)
    return ResultSet(
        STUDY_COLUMNS, (_shape(r) for r in stream(conn, stmt)), title="Studies"
    )
