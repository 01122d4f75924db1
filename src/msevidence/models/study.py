"""Studies, their phenotypes, registry ids, publications and arms."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Float, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from msevidence.models.base import Base, IntPK, Key, Prose, Provenance, one_of, ref
from msevidence.vocab import (
    ARM_ROLES,
    BLINDING,
    DESIGNS,
    PHENOTYPES,
    PUB_ROLES,
    STATUSES,
    VERIFICATION,
)


class Study(Provenance, Base):
    __tablename__ = "studies"
    __table_args__ = (
        one_of("design", DESIGNS),
        one_of("blinding", BLINDING),
        one_of("status", STATUSES),
        one_of("verification", VERIFICATION),
        CheckConstraint(
            "n_enrolled IS NULL OR n_enrolled >= 0", name="n_enrolled_nonneg"
        ),
        CheckConstraint(
            "n_randomised IS NULL OR n_randomised >= 0", name="n_randomised_nonneg"
        ),
        CheckConstraint(
            "n_analysed IS NULL OR n_analysed >= 0", name="n_analysed_nonneg"
        ),
        CheckConstraint(
            "year IS NULL OR year BETWEEN 1900 AND 2100", name="year_range"
        ),
    )

    id: Mapped[IntPK]
    key: Mapped[Key]
    short_name: Mapped[str] = mapped_column(String(200), index=True)
    acronym: Mapped[str | None] = mapped_column(String(100), index=True)
    title: Mapped[str | None] = mapped_column(String(600))
    design: Mapped[str] = mapped_column(String(30), index=True)
    phase: Mapped[str | None] = mapped_column(String(10))
    blinding: Mapped[str | None] = mapped_column(String(20))
    countries: Mapped[str | None] = mapped_column(String(400))
    status: Mapped[str] = mapped_column(String(30), default="completed", index=True)
    year: Mapped[int | None] = mapped_column(index=True)
    n_enrolled: Mapped[int | None] = mapped_column(index=True)
    n_randomised: Mapped[int | None] = mapped_column(index=True)
    n_analysed: Mapped[int | None]
    follow_up: Mapped[str | None] = mapped_column(String(200))
    follow_up_weeks: Mapped[float | None] = mapped_column(Float)
    population: Mapped[Prose]
    conclusion: Mapped[Prose]
    safety: Mapped[Prose]
    caveats: Mapped[Prose]


class StudyPhenotype(Base):
    __tablename__ = "study_phenotypes"
    __table_args__ = (one_of("phenotype", PHENOTYPES),)

    study_id: Mapped[int] = mapped_column(ref("studies.id"), primary_key=True)
    phenotype: Mapped[str] = mapped_column(String(10), primary_key=True, index=True)


class Registration(Base):
    """A registry identifier (NCT, EudraCT, ISRCTN, ...) of a study."""

    __tablename__ = "registrations"

    id: Mapped[IntPK]
    study_id: Mapped[int] = mapped_column(ref("studies.id"), index=True)
    scheme: Mapped[str] = mapped_column(String(20))  # NCT, EudraCT, ISRCTN, ...
    identifier: Mapped[str] = mapped_column(String(60), unique=True)


class StudyPublication(Base):
    __tablename__ = "study_publications"
    __table_args__ = (one_of("role", PUB_ROLES),)

    study_id: Mapped[int] = mapped_column(ref("studies.id"), primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ref("publications.id"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(20), default="primary")


class Arm(Base):
    __tablename__ = "arms"
    __table_args__ = (
        one_of("role", ARM_ROLES),
        UniqueConstraint("study_id", "key", name="uq_arms_study_key"),
        CheckConstraint("n IS NULL OR n >= 0", name="n_nonneg"),
    )

    id: Mapped[IntPK]
    study_id: Mapped[int] = mapped_column(ref("studies.id"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(300))
    intervention_id: Mapped[int | None] = mapped_column(
        ref("interventions.id"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))
    regimen: Mapped[Prose]
    n: Mapped[int | None]
    source: Mapped[str | None] = mapped_column(String(600))
