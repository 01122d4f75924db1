"""Guidelines, the bodies that issue them, and their recommendations."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from msevidence.aliases import normalise
from msevidence.errors import NotFoundError
from msevidence.formatting import join_sorted
from msevidence.models import (
    Body,
    Guideline,
    GuidelineBody,
    Intervention,
    Recommendation,
    RecommendationIntervention,
)
from msevidence.queries.result import ResultSet

GUIDELINE_COLUMNS = [
    "key",
    "bodies",
    "title",
    "year",
    "type",
    "citation",
    "recommendations",
    "url",
    "source",
]
RECOMMENDATION_COLUMNS = [
    "guideline",
    "bodies",
    "year",
    "code",
    "interventions",
    "subject",
    "population",
    "direction",
    "strength",
    "criteria",
    "recommendation",
    "citation",
    "source",
    "verification",
]


def _bodies_of_guideline() -> Any:
    return (
        select(func.aggregate_strings(Body.key, "|"))
        .join(GuidelineBody, GuidelineBody.body_id == Body.id)
        .where(GuidelineBody.guideline_id == Guideline.id)
        .scalar_subquery()
    )


def about_interventions(ids: tuple[int, ...]) -> Any:
    """The condition 'this recommendation is about one of these interventions'."""
    return Recommendation.id.in_(
        select(RecommendationIntervention.recommendation_id).where(
            RecommendationIntervention.intervention_id.in_(ids)
        )
    )


def list_guidelines(conn: Connection) -> ResultSet:
    count = (
        select(func.count(Recommendation.id))
        .where(Recommendation.guideline_id == Guideline.id)
        .scalar_subquery()
    )
    stmt = select(
        Guideline.key,
        _bodies_of_guideline(),
        Guideline.title,
        Guideline.year,
        Guideline.doc_type,
        Guideline.citation,
        count,
        Guideline.url,
        Guideline.source,
    ).order_by(Guideline.year.desc().nulls_last(), Guideline.key)
    rows = ((r[0], join_sorted(r[1]), *r[2:]) for r in conn.execute(stmt))
    return ResultSet(GUIDELINE_COLUMNS, rows, title="Guidelines")


def resolve_body(conn: Connection, query: str) -> tuple[int, str]:
    """A body by key or full name, case-insensitively; else the list of known bodies."""
    wanted = normalise(query)
    bodies = conn.execute(select(Body.id, Body.key, Body.name).order_by(Body.key)).all()
    for body in bodies:
        if wanted in (normalise(body.key), normalise(body.name)):
            return body.id, body.key
    known = ", ".join(b.key for b in bodies)
    raise NotFoundError(f"no guideline body {query!r}; known bodies: {known}")


def body_recommendations(
    conn: Connection, body: str, drug_ids: tuple[int, ...] | None = None
) -> ResultSet:
    body_id, _ = resolve_body(conn, body)
    interventions = (
        select(func.aggregate_strings(Intervention.name, "|"))
        .join(
            RecommendationIntervention,
            RecommendationIntervention.intervention_id == Intervention.id,
        )
        .where(RecommendationIntervention.recommendation_id == Recommendation.id)
        .scalar_subquery()
    )
    stmt = (
        select(
            Guideline.key,
            _bodies_of_guideline(),
            Guideline.year,
            Recommendation.code,
            interventions,
            Recommendation.intervention_text,
            Recommendation.population,
            Recommendation.direction,
            Recommendation.strength,
            Recommendation.criteria,
            Recommendation.paraphrase,
            Guideline.citation,
            Recommendation.source,
            Recommendation.verification,
        )
        .join(Guideline, Guideline.id == Recommendation.guideline_id)
        .where(
            Guideline.id.in_(
                select(GuidelineBody.guideline_id).where(
                    GuidelineBody.body_id == body_id
                )
            )
        )
        .order_by(
            Guideline.year.desc().nulls_last(),
            Guideline.key,
            func.abs(Recommendation.id),
        )
    )
    if drug_ids is not None:
        stmt = stmt.where(about_interventions(drug_ids))
    rows = (
        (r[0], join_sorted(r[1]), r[2], r[3], join_sorted(r[4]), *r[5:])
        for r in conn.execute(stmt)
    )
    # The terminal shows what was recommended; files keep bodies, drugs and sources.
    hidden = {"bodies", "interventions", "citation", "source", "verification"}
    shown = [c for c in RECOMMENDATION_COLUMNS if c not in hidden]
    return ResultSet(
        RECOMMENDATION_COLUMNS,
        rows,
        title=f"Recommendations: {body}",
        table_columns=shown,
    )
