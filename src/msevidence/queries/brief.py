"""The rows behind `msevidence summary`: what guidelines and studies say about one drug.

Why plain frozen rows: the brief's rules (synthesis/brief.py) are pure functions, tested
on hand-made rows, so this module only reads. It returns every guideline (not only
those that mention the drug) because "this body does not address X" is itself a
finding the brief must state, with the scope exclusion that explains it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Row, func, select
from sqlalchemy.orm import aliased

from msevidence.models import (
    Arm,
    Body,
    Guideline,
    GuidelineBody,
    Intervention,
    Outcome,
    Publication,
    Recommendation,
    RecommendationIntervention,
    Registration,
    Result,
    ScopeExclusion,
    Study,
    StudyPhenotype,
    StudyPublication,
)
from msevidence.queries.drug_match import resolve_drug
from msevidence.vocab import COMPARATOR_ROLES, EXPERIMENTAL_ROLES


@dataclass(frozen=True)
class PublicationRow:
    id: int
    key: str
    title: str
    authors: str | None = None
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    pmid: str | None = None
    doi: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class RecommendationRow:
    code: str
    direction: str
    interventions: tuple[str, ...] = ()
    about_drug: bool = False  # one of its interventions is the drug asked about
    intervention_text: str | None = None
    population: str | None = None
    strength: str | None = None
    criteria: str | None = None
    paraphrase: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class GuidelineRow:
    key: str
    title: str
    bodies: tuple[tuple[str, str], ...]  # (key, name), sorted by key
    year: int | None = None
    doc_type: str = "guideline"
    citation: str | None = None
    url: str | None = None
    publication_id: int | None = None
    recommendations: tuple[RecommendationRow, ...] = ()
    exclusions: tuple[str, ...] = ()  # why its scope leaves the drug out


@dataclass(frozen=True)
class ResultRow:
    outcome: str
    result_type: str
    category: str = "other"
    is_primary: bool = False
    measure: str | None = None
    value: float | None = None
    ci_lower: float | None = None
    ci_upper: float | None = None
    ci_level: float | None = None
    p_value: float | None = None
    p_operator: str | None = None
    timepoint: str | None = None
    analysis: str | None = None
    summary: str | None = None
    arm: str | None = None  # the arm an `arm` result describes (intervention or label)


@dataclass(frozen=True)
class StudyRow:
    key: str
    short_name: str
    design: str
    year: int | None = None
    status: str = "completed"
    title: str | None = None
    population: str | None = None
    n: int | None = None
    phenotypes: tuple[str, ...] = ()
    interventions: tuple[str, ...] = ()
    comparators: tuple[str, ...] = ()
    follow_up: str | None = None
    follow_up_weeks: float | None = None
    safety: str | None = None
    conclusion: str | None = None
    source: str | None = None
    registry_ids: tuple[str, ...] = ()
    results: tuple[ResultRow, ...] = ()
    publication_ids: tuple[int, ...] = ()  # primary publications first


@dataclass(frozen=True)
class BriefRows:
    query: str
    names: tuple[str, ...]
    matched_by: str
    guidelines: tuple[GuidelineRow, ...] = ()
    studies: tuple[StudyRow, ...] = ()
    publications: dict[int, PublicationRow] = field(default_factory=dict)


def collect_brief(conn: Connection, drug: str) -> BriefRows:
    """Everything a brief on `drug` cites; NotFoundError (with close matches) if unknown."""
    match = resolve_drug(conn, drug)
    guidelines = _guidelines(conn, match.ids)
    studies = _studies(conn, match.ids)
    wanted = {g.publication_id for g in guidelines} | {
        p for s in studies for p in s.publication_ids
    }
    return BriefRows(
        query=drug,
        names=match.names,
        matched_by=match.matched_by,
        guidelines=guidelines,
        studies=studies,
        publications=_publications(conn, {p for p in wanted if p is not None}),
    )


def _guidelines(conn: Connection, ids: tuple[int, ...]) -> tuple[GuidelineRow, ...]:
    bodies: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for gid, key, name in conn.execute(
        select(GuidelineBody.guideline_id, Body.key, Body.name).join(
            Body, Body.id == GuidelineBody.body_id
        )
    ):
        bodies[gid].append((key, name))
    covered: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for rid, iid, name in conn.execute(
        select(
            RecommendationIntervention.recommendation_id,
            Intervention.id,
            Intervention.name,
        ).join(
            Intervention, Intervention.id == RecommendationIntervention.intervention_id
        )
    ):
        covered[rid].append((iid, name))
    recs: dict[int, list[RecommendationRow]] = defaultdict(list)
    for r in conn.execute(
        select(Recommendation.__table__).order_by(func.abs(Recommendation.id))
    ):
        links = covered[r.id]
        recs[r.guideline_id].append(
            RecommendationRow(
                code=r.code,
                direction=r.direction,
                interventions=tuple(sorted({name for _, name in links})),
                about_drug=any(iid in ids for iid, _ in links),
                intervention_text=r.intervention_text,
                population=r.population,
                strength=r.strength,
                criteria=r.criteria,
                paraphrase=r.paraphrase,
                source=r.source,
            )
        )
    exclusions: dict[int, list[str]] = defaultdict(list)
    for gid, reason in conn.execute(
        select(ScopeExclusion.guideline_id, ScopeExclusion.reason)
        .where(ScopeExclusion.intervention_id.in_(ids))
        .order_by(func.abs(ScopeExclusion.id))
    ):
        exclusions[gid].append(reason or "outside the guideline's scope")
    stmt = select(Guideline.__table__).order_by(
        Guideline.year.desc().nulls_last(), Guideline.key
    )
    return tuple(
        GuidelineRow(
            key=g.key,
            title=g.title,
            bodies=tuple(sorted(bodies[g.id])),
            year=g.year,
            doc_type=g.doc_type,
            citation=g.citation,
            url=g.url or g.source,
            publication_id=g.publication_id,
            recommendations=tuple(recs[g.id]),
            exclusions=tuple(exclusions[g.id]),
        )
        for g in conn.execute(stmt)
    )


def _studies(conn: Connection, ids: tuple[int, ...]) -> tuple[StudyRow, ...]:
    study_ids = select(Arm.study_id).where(Arm.intervention_id.in_(ids))
    studies = conn.execute(
        select(Study.__table__)
        .where(Study.id.in_(study_ids))
        .order_by(Study.year.desc().nulls_last(), Study.short_name, Study.key)
    ).all()
    sids = [s.id for s in studies]
    arms: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for sid, role, label, name in conn.execute(
        select(Arm.study_id, Arm.role, Arm.label, Intervention.name)
        .outerjoin(Intervention, Intervention.id == Arm.intervention_id)
        .where(Arm.study_id.in_(sids))
    ):
        arms[sid][role].add(name or label)
    phenotypes = _grouped(
        conn,
        select(StudyPhenotype.study_id, StudyPhenotype.phenotype).where(
            StudyPhenotype.study_id.in_(sids)
        ),
    )
    registry = _grouped(
        conn,
        select(Registration.study_id, Registration.identifier).where(
            Registration.study_id.in_(sids)
        ),
    )
    pubs: dict[int, list[int]] = defaultdict(list)
    publication = aliased(Publication)
    for sid, pid in conn.execute(
        select(StudyPublication.study_id, StudyPublication.publication_id)
        .join(publication, publication.id == StudyPublication.publication_id)
        .where(StudyPublication.study_id.in_(sids))
        .order_by(
            StudyPublication.role != "primary",
            publication.year,
            func.abs(publication.id),
        )
    ):
        pubs[sid].append(pid)
    results = _results(conn, sids)
    return tuple(
        StudyRow(
            key=s.key,
            short_name=s.short_name,
            design=s.design,
            year=s.year,
            status=s.status,
            title=s.title,
            population=s.population,
            n=s.n_randomised if s.n_randomised is not None else s.n_enrolled,
            phenotypes=tuple(phenotypes[s.id]),
            interventions=_names(arms[s.id], EXPERIMENTAL_ROLES),
            comparators=_names(arms[s.id], COMPARATOR_ROLES),
            follow_up=s.follow_up,
            follow_up_weeks=s.follow_up_weeks,
            safety=s.safety,
            conclusion=s.conclusion,
            source=s.source,
            registry_ids=tuple(registry[s.id]),
            results=tuple(results[s.id]),
            publication_ids=tuple(pubs[s.id]),
        )
        for s in studies
    )


def _names(by_role: dict[str, set[str]], roles: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({name for role in roles for name in by_role.get(role, ())}))


def _grouped(conn: Connection, stmt: Any) -> dict[int, list[str]]:
    """Sorted values per study id, from a (study_id, value) select."""
    grouped: dict[int, list[str]] = defaultdict(list)
    for sid, value in conn.execute(stmt):
        grouped[sid].append(value)
    for values in grouped.values():
        values.sort()
    return grouped


def _results(conn: Connection, sids: list[int]) -> dict[int, list[ResultRow]]:
    arm = aliased(Arm)
    drug = aliased(Intervention)
    rows = conn.execute(
        select(
            Result.__table__,
            Outcome.code.label("outcome_code"),
            Outcome.category.label("outcome_category"),
            func.coalesce(drug.name, arm.label).label("arm_name"),
        )
        .join(Outcome, Outcome.id == Result.outcome_id)
        .outerjoin(arm, arm.id == Result.arm_id)
        .outerjoin(drug, drug.id == arm.intervention_id)
        .where(Result.study_id.in_(sids))
        .order_by(Result.is_primary.desc(), func.abs(Result.id))
    )
    grouped: dict[int, list[ResultRow]] = defaultdict(list)
    for r in rows:
        grouped[r.study_id].append(_result_row(r))
    return grouped


def _result_row(r: Row[Any]) -> ResultRow:
    return ResultRow(
        outcome=r.outcome_code,
        result_type=r.result_type,
        category=r.outcome_category,
        is_primary=bool(r.is_primary),
        measure=r.measure,
        value=r.value,
        ci_lower=r.ci_lower,
        ci_upper=r.ci_upper,
        ci_level=r.ci_level,
        p_value=r.p_value,
        p_operator=r.p_operator,
        timepoint=r.timepoint,
        analysis=r.analysis,
        summary=r.summary,
        arm=r.arm_name,
    )


def _publications(conn: Connection, ids: set[int]) -> dict[int, PublicationRow]:
    rows = conn.execute(select(Publication.__table__).where(Publication.id.in_(ids)))
    return {
        p.id: PublicationRow(
            id=p.id,
            key=p.key,
            title=p.title,
            authors=p.authors,
            journal=p.journal,
            year=p.year,
            volume=p.volume,
            issue=p.issue,
            pages=p.pages,
            pmid=p.pmid,
            doi=p.doi,
            url=p.url,
        )
        for p in rows
    }
