"""Full-text search (`msevidence search`): ranked studies and recommendations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, literal, null, select, union_all

from msevidence import tables as t
from msevidence.db.fulltext import match_query
from msevidence.models import Guideline, Recommendation
from msevidence.queries.drug_match import resolve_drug
from msevidence.queries.guidelines import about_interventions
from msevidence.queries.result import ResultSet
from msevidence.queries.studies import StudyFilters, filter_params
from msevidence.queries.study_sql import apply_filters, study_size

SEARCH_COLUMNS = ["kind", "key", "name", "year", "design_or_direction", "n", "text"]
_STUDY_ONLY = ("design", "phenotype", "min_n", "status")


def search_studies(conn: Connection, words: str, filters: StudyFilters) -> ResultSet:
    """Studies and recommendations matching every word, best match first.

    Study filters apply to studies; --drug also narrows recommendations to those about
    the drug. A study-only filter (design, phenotype, n, status) leaves recommendations out.
    """
    hits = match_query(conn, words).subquery()
    ids = resolve_drug(conn, filters.drug).ids if filters.drug else None
    unlimited = StudyFilters(**{**filters.__dict__, "limit": None})
    studies = apply_filters(
        conn.dialect.name,
        select(
            literal("study").label("kind"),
            t.studies.c.key.label("key"),
            t.studies.c.short_name.label("name"),
            t.studies.c.year.label("year"),
            t.studies.c.design.label("design_or_direction"),
            study_size().label("n"),
            t.studies.c.conclusion.label("text"),
            hits.c.score.label("score"),
        ).join(hits, (hits.c.kind == "study") & (hits.c.ref_id == t.studies.c.id)),
        filter_params(unlimited, ids),
    )
    parts = [studies]
    if not any(getattr(filters, f) for f in _STUDY_ONLY):
        recs = (
            select(
                literal("recommendation").label("kind"),
                (Guideline.key + literal("/") + Recommendation.code).label("key"),
                Guideline.title.label("name"),
                Guideline.year.label("year"),
                Recommendation.direction.label("design_or_direction"),
                null().label("n"),
                Recommendation.paraphrase.label("text"),
                hits.c.score.label("score"),
            )
            .join(Guideline, Guideline.id == Recommendation.guideline_id)
            .join(
                hits,
                (hits.c.kind == "recommendation")
                & (hits.c.ref_id == Recommendation.id),
            )
        )
        if ids is not None:
            recs = recs.where(about_interventions(ids))
        if filters.year_from is not None:
            recs = recs.where(Guideline.year >= filters.year_from)
        if filters.year_to is not None:
            recs = recs.where(Guideline.year <= filters.year_to)
        parts.append(recs)
    combined = union_all(*parts).subquery()
    stmt = select(*[combined.c[c] for c in SEARCH_COLUMNS]).order_by(
        combined.c.score, combined.c.kind.desc(), combined.c.key
    )
    if filters.limit is not None:
        stmt = stmt.limit(filters.limit)
    return ResultSet(SEARCH_COLUMNS, _rows(conn, stmt), title="Search results")


def _rows(conn: Connection, stmt: Any) -> Iterator[tuple[Any, ...]]:
    yield from (tuple(r) for r in conn.execute(stmt))
