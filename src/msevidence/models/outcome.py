"""Outcome definitions and per-study results (arm values and effect estimates)."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Float, String
from sqlalchemy.orm import Mapped, mapped_column

from msevidence.models.base import Base, IntPK, Prose, Provenance, one_of, ref
from msevidence.vocab import (
    ARM_MEASURES,
    EFFECT_MEASURES,
    OUTCOME_CATEGORIES,
    P_OPERATORS,
    RESULT_TYPES,
    VERIFICATION,
)


class Outcome(Base):
    __tablename__ = "outcomes"
    __table_args__ = (one_of("category", OUTCOME_CATEGORIES),)

    id: Mapped[IntPK]
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(20))
    description: Mapped[Prose]


class Result(Provenance, Base):
    """One finding of a study for one outcome.

    `effect` rows compare `arm_id` with `comparator_arm_id`; `arm` rows give one arm's
    value; `narrative` rows state a finding that has no number in the source.
    """

    __tablename__ = "results"
    __table_args__ = (
        one_of("result_type", RESULT_TYPES),
        one_of("measure", EFFECT_MEASURES + ARM_MEASURES),
        one_of("p_operator", P_OPERATORS),
        one_of("verification", VERIFICATION),
        CheckConstraint(
            "ci_lower IS NULL OR ci_upper IS NULL OR ci_lower <= ci_upper",
            name="ci_ordered",
        ),
        CheckConstraint(
            "p_value IS NULL OR (p_value >= 0 AND p_value <= 1)", name="p_range"
        ),
        CheckConstraint(
            "ci_level IS NULL OR (ci_level > 0 AND ci_level < 100)",
            name="ci_level_range",
        ),
        CheckConstraint(
            "result_type <> 'effect' OR comparator_arm_id IS NOT NULL",
            name="effect_has_comparator",
        ),
    )

    id: Mapped[IntPK]
    study_id: Mapped[int] = mapped_column(ref("studies.id"), index=True)
    outcome_id: Mapped[int] = mapped_column(ref("outcomes.id"), index=True)
    arm_id: Mapped[int | None] = mapped_column(ref("arms.id"))
    comparator_arm_id: Mapped[int | None] = mapped_column(ref("arms.id"))
    result_type: Mapped[str] = mapped_column(String(20))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    measure: Mapped[str | None] = mapped_column(String(30))
    value: Mapped[float | None] = mapped_column(Float)
    ci_lower: Mapped[float | None] = mapped_column(Float)
    ci_upper: Mapped[float | None] = mapped_column(Float)
    ci_level: Mapped[float | None] = mapped_column(Float)
    p_value: Mapped[float | None] = mapped_column(Float)
    p_operator: Mapped[str | None] = mapped_column(String(2))
    timepoint: Mapped[str | None] = mapped_column(String(100))
    analysis: Mapped[str | None] = mapped_column(String(200))
    summary: Mapped[Prose]
    note: Mapped[Prose]
