"""Guidelines and position statements, the bodies behind them, and recommendations."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from msevidence.models.base import Base, IntPK, Key, Prose, Provenance, one_of, ref
from msevidence.vocab import DIRECTIONS, DOC_TYPES, VERIFICATION


class Body(Base):
    """An issuing body (ECTRIMS, EBMT, AAN, NICE, a patient society ...)."""

    __tablename__ = "bodies"

    id: Mapped[IntPK]
    key: Mapped[Key]
    name: Mapped[str] = mapped_column(String(300))


class Guideline(Provenance, Base):
    __tablename__ = "guidelines"
    __table_args__ = (
        one_of("doc_type", DOC_TYPES),
        one_of("verification", VERIFICATION),
        CheckConstraint(
            "year IS NULL OR year BETWEEN 1900 AND 2100", name="year_range"
        ),
    )

    id: Mapped[IntPK]
    key: Mapped[Key]
    title: Mapped[str] = mapped_column(String(600))
    year: Mapped[int | None]
    doc_type: Mapped[str] = mapped_column(String(30))
    publication_id: Mapped[int | None] = mapped_column(ref("publications.id"))
    citation: Mapped[str | None] = mapped_column(String(400))
    url: Mapped[str | None] = mapped_column(String(600))
    grading_system: Mapped[Prose]
    scope: Mapped[Prose]


class GuidelineBody(Base):
    __tablename__ = "guideline_bodies"

    guideline_id: Mapped[int] = mapped_column(ref("guidelines.id"), primary_key=True)
    body_id: Mapped[int] = mapped_column(ref("bodies.id"), primary_key=True, index=True)


class Recommendation(Provenance, Base):
    __tablename__ = "recommendations"
    __table_args__ = (
        one_of("direction", DIRECTIONS),
        one_of("verification", VERIFICATION),
        UniqueConstraint(
            "guideline_id", "code", name="uq_recommendations_guideline_code"
        ),
    )

    id: Mapped[IntPK]
    guideline_id: Mapped[int] = mapped_column(ref("guidelines.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    intervention_text: Mapped[str | None] = mapped_column(String(300))
    population: Mapped[Prose]
    direction: Mapped[str] = mapped_column(String(30))
    strength: Mapped[str | None] = mapped_column(Text)
    criteria: Mapped[Prose]
    paraphrase: Mapped[Prose]


class RecommendationIntervention(Base):
    __tablename__ = "recommendation_interventions"

    recommendation_id: Mapped[int] = mapped_column(
        ref("recommendations.id"), primary_key=True
    )
    intervention_id: Mapped[int] = mapped_column(
        ref("interventions.id"), primary_key=True, index=True
    )


class ScopeExclusion(Provenance, Base):
    """An intervention a guideline does not consider because of its scope."""

    __tablename__ = "scope_exclusions"
    __table_args__ = (one_of("verification", VERIFICATION),)

    id: Mapped[IntPK]
    guideline_id: Mapped[int] = mapped_column(ref("guidelines.id"), index=True)
    intervention_id: Mapped[int] = mapped_column(ref("interventions.id"), index=True)
    reason: Mapped[Prose]


class SeedInfo(Base):
    """Which seed is loaded, so `db seed` can tell a no-op from a refresh."""

    __tablename__ = "seed_info"

    id: Mapped[IntPK]
    checksum: Mapped[str] = mapped_column(String(64))
    package_version: Mapped[str] = mapped_column(String(40))
    loaded_at: Mapped[str] = mapped_column(String(40))
