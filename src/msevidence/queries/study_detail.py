"""One study in full: fields, arms, results, publications and registry ids."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, or_, select
from sqlalchemy.orm import aliased

from msevidence.aliases import normalise
from msevidence.errors import NotFoundError
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
from msevidence.queries.result import ResultSet

STUDY_FIELDS = [
    "key",
    "short_name",
    "acronym",
    "title",
    "design",
    "phase",
    "blinding",
    "countries",
    "status",
    "year",
    "n_enrolled",
    "n_randomised",
    "n_analysed",
    "follow_up",
    "population",
    "conclusion",
    "safety",
    "caveats",
    "source",
    "verification",
]
ARM_COLUMNS = ["arm", "label", "intervention", "role", "regimen", "n"]
RESULT_COLUMNS = [
    "outcome",
    "outcome_name",
    "primary",
    "type",
    "arm",
    "comparator",
    "measure",
    "value",
    "ci_lower",
    "ci_upper",
    "ci_level",
    "p_value",
    "p_operator",
    "timepoint",
    "analysis",
    "summary",
    "note",
    "source",
    "verification",
]
# The terminal shows the numbers and the summary; files keep names, notes and sources.
RESULT_TABLE_COLUMNS = [
    c
    for c in RESULT_COLUMNS
    if c
    not in {"outcome_name", "p_operator", "analysis", "note", "source", "verification"}
]
PUBLICATION_COLUMNS = [
    "role",
    "authors",
    "title",
    "journal",
    "year",
    "volume",
    "issue",
    "pages",
    "pmid",
    "doi",
    "pmcid",
    "url",
    "source",
]


@dataclass
class StudyDetail:
    fields: dict[str, Any]
    phenotypes: list[str]
    registry_ids: list[str]
    arms: list[tuple[Any, ...]]
    results: list[tuple[Any, ...]]
    publications: list[tuple[Any, ...]]

    def sections(self) -> list[tuple[str, ResultSet]]:
        info = [(k, v) for k, v in self.fields.items() if v not in (None, "")]
        info.insert(6, ("phenotypes", ", ".join(self.phenotypes)))
        info.insert(7, ("registry_ids", ", ".join(self.registry_ids)))
        return [
            (str(self.fields["short_name"]), ResultSet(["field", "value"], info)),
            ("Arms", ResultSet(ARM_COLUMNS, self.arms)),
            (
                "Results",
                ResultSet(
                    RESULT_COLUMNS, self.results, table_columns=RESULT_TABLE_COLUMNS
                ),
            ),
            ("Publications", ResultSet(PUBLICATION_COLUMNS, self.publications)),
        ]

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.fields,
            "phenotypes": self.phenotypes,
            "registry_ids": self.registry_ids,
            "arms": [dict(zip(ARM_COLUMNS, a, strict=True)) for a in self.arms],
            "results": [
                dict(zip(RESULT_COLUMNS, r, strict=True)) for r in self.results
            ],
            "publications": [
                dict(zip(PUBLICATION_COLUMNS, p, strict=True))
                for p in self.publications
            ],
        }


def find_study_id(conn: Connection, key: str) -> int:
    """A study by key, acronym or short name (case-insensitive), PMID, DOI or registry id."""
    wanted = key.strip()
    folded = normalise(wanted)
    by_pub = (
        select(StudyPublication.study_id)
        .join(Publication, Publication.id == StudyPublication.publication_id)
        .where(
            or_(
                Publication.pmid == wanted.removeprefix("PMID:").strip(),
                func.lower(Publication.doi)
                == wanted.lower().removeprefix("https://doi.org/"),
            )
        )
    )
    by_reg = select(Registration.study_id).where(
        func.upper(Registration.identifier) == wanted.upper()
    )
    ids = (
        conn.execute(select(Study.id).where(func.lower(Study.key) == wanted.lower()))
        .scalars()
        .all()
    )
    if not ids:
        names = conn.execute(select(Study.id, Study.short_name, Study.acronym)).all()
        ids = [
            r.id
            for r in names
            if folded in (normalise(r.short_name), normalise(r.acronym or ""))
        ]
    if not ids:
        ids = list(conn.execute(by_reg).scalars()) or list(
            dict.fromkeys(conn.execute(by_pub).scalars())
        )
    if len(ids) == 1:
        return ids[0]
    if len(ids) > 1:
        keys = conn.execute(
            select(Study.key).where(Study.id.in_(ids)).order_by(Study.key)
        ).scalars()
        raise NotFoundError(f"{key!r} matches several studies: {', '.join(keys)}")
    raise NotFoundError(
        f"no study {key!r} (use a key, acronym, PMID, DOI or registry id; see msevidence studies)"
    )


def get_study(conn: Connection, key: str) -> StudyDetail:
    sid = find_study_id(conn, key)
    study = conn.execute(
        select(*[getattr(Study, f) for f in STUDY_FIELDS]).where(Study.id == sid)
    ).one()
    phenotypes = sorted(
        conn.execute(
            select(StudyPhenotype.phenotype).where(StudyPhenotype.study_id == sid)
        ).scalars()
    )
    registry = sorted(
        conn.execute(
            select(Registration.identifier).where(Registration.study_id == sid)
        ).scalars()
    )
    arms = conn.execute(
        select(Arm.key, Arm.label, Intervention.name, Arm.role, Arm.regimen, Arm.n)
        .outerjoin(Intervention, Intervention.id == Arm.intervention_id)
        .where(Arm.study_id == sid)
        .order_by(func.abs(Arm.id))
    ).all()
    arm, comparator = aliased(Arm), aliased(Arm)
    results = conn.execute(
        select(
            Outcome.code,
            Outcome.name,
            Result.is_primary,
            Result.result_type,
            arm.key,
            comparator.key,
            Result.measure,
            Result.value,
            Result.ci_lower,
            Result.ci_upper,
            Result.ci_level,
            Result.p_value,
            Result.p_operator,
            Result.timepoint,
            Result.analysis,
            Result.summary,
            Result.note,
            Result.source,
            Result.verification,
        )
        .join(Outcome, Outcome.id == Result.outcome_id)
        .outerjoin(arm, arm.id == Result.arm_id)
        .outerjoin(comparator, comparator.id == Result.comparator_arm_id)
        .where(Result.study_id == sid)
        .order_by(Result.is_primary.desc(), func.abs(Result.id))
    ).all()
    pubs = conn.execute(
        select(
            StudyPublication.role,
            *[getattr(Publication, c) for c in PUBLICATION_COLUMNS[1:]],
        )
        .join(Publication, Publication.id == StudyPublication.publication_id)
        .where(StudyPublication.study_id == sid)
        .order_by(StudyPublication.role, Publication.year, func.abs(Publication.id))
    ).all()
    return StudyDetail(
        dict(zip(STUDY_FIELDS, study, strict=True)),
        phenotypes,
        registry,
        [tuple(a) for a in arms],
        [tuple(r) for r in results],
        [tuple(p) for p in pubs],
    )
